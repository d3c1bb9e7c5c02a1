import { isIP } from 'node:net';

/**
 * The block of addresses one caller controls, which per-address guessing limits count as one:
 * an IPv4 address itself; an IPv6 address's /64, because one subscriber or host is routinely
 * given a whole /64 and picks addresses in it freely (RFC 6177, RFC 8981 temporary addresses),
 * so counting full IPv6 addresses gives such a caller 2^64 allowances. An IPv4-mapped IPv6
 * address (`::ffff:192.0.2.1`) is its IPv4 address. Anything that is not an address is returned
 * as it is (the limits then count it as given).
 *
 * AWS WAF rate-based rules cannot aggregate by prefix (their keys are the address itself, a
 * header, a cookie, …: AWS WAF Developer Guide, "Aggregating rate-based rules"), so the edge
 * counts full addresses and this is where a /64 becomes one caller.
 */
export function addressBlock(address: string): string {
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return address;
  const groups = expandIpv6(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, an embedded IPv4 tail converted, a zone dropped). */
function expandIpv6(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
}
