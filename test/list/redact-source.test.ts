import { describe, expect, it } from 'vitest';
import { redactSource, sourceSecrets, withoutSourceSecrets } from '../../src/list/redact-source.js';

describe('redactSource', () => {
  it('drops user info and replaces credential-like query values, keeping the rest as written', () => {
    expect(redactSource('https://reader:hunter22@example.com:8443/lists/dsp.md?token=s3cr3t&page=2')).toBe(
      'https://example.com:8443/lists/dsp.md?token=REDACTED&page=2',
    );
    expect(redactSource('https://ghp_0123456789abcdef@raw.githubusercontent.com/o/r/main/README.md')).toBe(
      'https://raw.githubusercontent.com/o/r/main/README.md',
    );
  });

  it('knows the usual names of credential parameters, in the query and in the fragment', () => {
    const url =
      'https://s3.example.com/list.md?X-Amz-Credential=AKIA1234&X-Amz-Signature=abcd&api_key=k&access_token=t&sort=name#id_token=jwt1';
    expect(redactSource(url)).toBe(
      'https://s3.example.com/list.md?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&api_key=REDACTED&access_token=REDACTED&sort=name#id_token=REDACTED',
    );
  });

  it('leaves file paths and plain URLs alone', () => {
    expect(redactSource('/srv/dsp/list.md')).toBe('/srv/dsp/list.md');
    expect(redactSource('https://example.com/list.md?page=2')).toBe('https://example.com/list.md?page=2');
  });

  it('keeps only scheme, host and path of a URL the parser refuses', () => {
    expect(redactSource('https://us er:pa@ss@exa mple.com/list.md?token=1')).toBe(
      'https://exa mple.com/list.md',
    );
  });
});

describe('sourceSecrets and withoutSourceSecrets', () => {
  it('lists the password (or a lone user name) and credential values, as written and decoded', () => {
    expect(sourceSecrets('https://reader:p%40ssword@example.com/list.md?token=s3cr3t&page=2')).toEqual([
      'p%40ssword',
      'p@ssword',
      's3cr3t',
    ]);
    expect(sourceSecrets('https://ghp_0123456789@example.com/list.md')).toEqual(['ghp_0123456789']);
    expect(sourceSecrets('/srv/dsp/list.md')).toEqual([]);
  });

  it('leaves out secrets too short to scrub without wrecking the text', () => {
    expect(sourceSecrets('https://example.com/list.md?sig=c')).toEqual([]);
  });

  it('quotes the source redacted in a message, however the message spells it', () => {
    const source = 'https://reader:hunter22@Example.com/list.md?token=s3cr3t';
    const message = `Request cannot be constructed from a URL that includes credentials: ${new URL(source).href}`;
    expect(withoutSourceSecrets(message, source)).toBe(
      'Request cannot be constructed from a URL that includes credentials: https://example.com/list.md?token=REDACTED',
    );
    expect(withoutSourceSecrets('login hunter22 refused', source)).toBe('login REDACTED refused');
  });
});
