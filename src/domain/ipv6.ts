/** IPv6 text forms as numbers, for rules that look inside an address (embedded IPv4, /64 prefixes). */

/** The eight 16-bit groups of an IPv6 address (brackets, zone id and a dotted IPv4 tail allowed), or null for anything else. */
export function ipv6Groups(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const dotted = /(?<=:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (dotted) {
    const b = dotted.slice(1).map(Number);
    if (b.some((x) => x > 255)) return null;
    s = `${s.slice(0, dotted.index)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string) => (h === '' ? [] : h.split(':'));
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const groups = [...head, ...new Array<string>(fill).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
}

/** The dotted IPv4 address in 32 bits of eight 16-bit groups, starting at bit `at` (a multiple of 16); Teredo inverts it. */
export function ipv4At(groups: readonly number[], at: number, inverted = false): string {
  const hi = groups[at / 16] ^ (inverted ? 0xffff : 0);
  const lo = groups[at / 16 + 1] ^ (inverted ? 0xffff : 0);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
