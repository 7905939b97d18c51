/**
 * Addresses a link check must not reach unless allowed: loopback, private, carrier-grade NAT,
 * link-local (which holds the cloud metadata service, 169.254.169.254), unspecified, multicast and
 * reserved ranges, for IPv4 and IPv6 (including IPv4-mapped IPv6).
 */
import { isIP } from 'node:net';

function v4Parts(address: string): number[] | undefined {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((part) => Number.isInteger(part) && part >= 0 && part <= 255)
    ? parts
    : undefined;
}

function privateV4(address: string): boolean {
  const parts = v4Parts(address);
  if (!parts) return true;
  const [a = 0, b = 0, c = 0] = parts;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 as two groups). */
function v6Groups(address: string): number[] | undefined {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const parts = v4Parts(dotted);
    if (!parts) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail, ...more] = text.split('::');
  if (more.length > 0) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? 0 : 8 - front.length - back.length;
  const groups = [...front, ...Array<number>(Math.max(0, zeros)).fill(0), ...back];
  return groups.length === 8 && groups.every((group) => group >= 0 && group <= 0xffff) ? groups : undefined;
}

function privateV6(address: string): boolean {
  const groups = v6Groups(address.toLowerCase().split('%')[0] ?? '');
  if (!groups) return true;
  const [first = 0, second = 0, , , , sixth = 0, seventh = 0, eighth = 0] = groups;
  const embeddedV4 = `${seventh >> 8}.${seventh & 0xff}.${eighth >> 8}.${eighth & 0xff}`;
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // IPv4-mapped (::ffff:a.b.c.d, which URLs write as ::ffff:7f00:1) and the old IPv4-compatible form.
  if (zeroUpTo(5) && sixth === 0xffff) return privateV4(embeddedV4);
  if (zeroUpTo(6)) return eighth <= 1 && seventh === 0 ? true : privateV4(embeddedV4);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7 (AWS metadata fd00:ec2::254 too)
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // the old site-local fec0::/10
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x64 && second === 0xff9b) // NAT64 of any IPv4: refuse rather than decode
  );
}

/** True for an address a list from the internet must not make dsp probe. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return privateV4(bare);
  if (family === 6) return privateV6(bare);
  return true;
}
