/**
 * A list source may carry credentials (`https://user:pass@host/list.md`, `?token=…`). Wherever a
 * source is shown or logged it goes through here: user info and credential-like values never leave.
 */

/** Stands in for a removed credential value. Letters only, so it needs no escaping in a URL or in markdown. */
export const REDACTED_VALUE = 'REDACTED';

const URL_PATTERN = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/** Parameter names whose values are credentials: `token`, `access_token`, `api_key`, `X-Amz-Signature`… */
const CREDENTIAL_KEY =
  /token|secret|passw|pwd|auth|key|sig|credential|session|jwt|bearer|^pass$|^code$|^private$/i;

/** Shorter secrets are left in free text: replacing every `ab` would wreck it, and they protect nothing. */
const MIN_SCRUBBED_LENGTH = 4;

const isUrl = (source: string): boolean => URL_PATTERN.test(source);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A query key or value as a server reads it (`+` is a space there). */
const queryDecoded = (text: string): string => decoded(text.replace(/\+/g, ' '));

interface Parameter {
  raw: string;
  key: string;
  value: string;
}

/** `a=1&token=x` (without its leading `?` or `#`) as written, split into parameters. */
function parameters(text: string): Parameter[] {
  if (text === '') return [];
  return text.split('&').map((raw) => {
    const equals = raw.indexOf('=');
    if (equals === -1) return { raw, key: queryDecoded(raw), value: '' };
    return { raw, key: queryDecoded(raw.slice(0, equals)), value: raw.slice(equals + 1) };
  });
}

const isCredential = (parameter: Parameter): boolean =>
  parameter.value !== '' && CREDENTIAL_KEY.test(parameter.key);

/** A query or fragment (with its `?` or `#`) with credential values replaced, everything else as written. */
function redactParameters(part: string): string {
  if (part.length <= 1) return part;
  const redacted = parameters(part.slice(1)).map((parameter) =>
    isCredential(parameter)
      ? `${parameter.raw.slice(0, parameter.raw.indexOf('='))}=${REDACTED_VALUE}`
      : parameter.raw,
  );
  return `${part[0]}${redacted.join('&')}`;
}

/** A URL the WHATWG parser refuses: keep the scheme, host and path, drop anything that may be a secret. */
function redactUnparsable(url: string): string {
  const [, scheme = '', rest = ''] = /^\s*([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url) ?? [];
  const beforeQuery = rest.split(/[?#]/, 1)[0] ?? '';
  return `${scheme}${beforeQuery.slice(beforeQuery.lastIndexOf('@') + 1)}`;
}

/**
 * A list source as it may be shown or logged: a file path as it is; a URL without user info and
 * with the values of credential-like query and fragment parameters replaced by `REDACTED`.
 */
export function redactSource(source: string): string {
  if (!isUrl(source)) return source;
  let url: URL;
  try {
    url = new URL(source.trim());
  } catch {
    return redactUnparsable(source);
  }
  url.username = '';
  url.password = '';
  const query = redactParameters(url.search);
  const fragment = redactParameters(url.hash);
  return `${url.protocol}//${url.host}${url.pathname}${query}${fragment}`;
}

/**
 * Every secret a source carries, as written and decoded, longest first: what must be scrubbed from
 * free text such as error messages. The user name counts when it is the only credential
 * (`https://<token>@host`); next to a password it is a name. Secrets under four characters are left out.
 */
export function sourceSecrets(source: string): string[] {
  if (!isUrl(source)) return [];
  let url: URL;
  try {
    url = new URL(source.trim());
  } catch {
    return [source.trim()];
  }
  const credentialValues = (part: string) =>
    parameters(part.slice(1))
      .filter(isCredential)
      .map((parameter) => parameter.value);
  const secrets = [
    url.password === '' ? url.username : url.password,
    ...credentialValues(url.search),
    ...credentialValues(url.hash),
  ].filter((secret) => secret !== '');
  const forms = secrets.flatMap((secret) => [secret, decoded(secret), queryDecoded(secret)]);
  return [...new Set(forms)]
    .filter((secret) => secret.length >= MIN_SCRUBBED_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** The ways a source may be quoted in a message: as configured, and as the URL parser writes it. */
function sourceSpellings(source: string): string[] {
  const trimmed = source.trim();
  try {
    return [...new Set([new URL(trimmed).href, trimmed])].sort((a, b) => b.length - a.length);
  } catch {
    return [trimmed];
  }
}

/** `text` (an error message, say) with `source` quoted redacted and any other trace of its secrets replaced. */
export function withoutSourceSecrets(text: string, source: string): string {
  if (!isUrl(source)) return text;
  const shown = redactSource(source);
  const quoted = sourceSpellings(source).reduce((clean, spelling) => clean.split(spelling).join(shown), text);
  return sourceSecrets(source).reduce((clean, secret) => clean.split(secret).join(REDACTED_VALUE), quoted);
}
