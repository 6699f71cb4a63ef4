/** The client's address: the socket peer, or behind a trusted reverse proxy the entry it appended. */
export function clientIp(headers: Headers, socketAddress: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The proxy appends the address it saw; anything to its left was sent by the client and can be forged.
    const last = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  return socketAddress ?? null;
}
