/** A `lookup` for sockets that resolves a name once, checks every address and connects only to those (no rebinding). */
import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { TargetPolicy } from '../../domain/target-policy';
import { checkAddress, TargetRefusedError } from './target-policy';

/** Resolves a name to all its addresses; injectable so tests can map names without a DNS server. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, family) => dns.promises.lookup(hostname, { all: true, family });

function familyOf(f: number | string | undefined): 0 | 4 | 6 {
  return f === 4 || f === 'IPv4' ? 4 : f === 6 || f === 'IPv6' ? 6 : 0;
}

/** Refuses the name when any of its addresses is refused, so a mixed answer cannot slip an internal one through. */
export async function resolveAllowed(hostname: string, policy: TargetPolicy, family: 0 | 4 | 6 = 0, resolve: Resolver = systemResolver): Promise<LookupAddress[]> {
  const addrs = await resolve(hostname, family);
  if (addrs.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
  for (const a of addrs) {
    const refused = checkAddress(a.address, policy, hostname);
    if (refused) throw new TargetRefusedError(refused);
  }
  return addrs;
}

/** For http.request / net.connect `lookup`; IP literals never reach a lookup, so check those with checkHost first. */
export function guardedLookup(policy: TargetPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, policy, familyOf(options.family), resolve).then(
      // nextTick: an exception in the socket's callback must not turn into a rejected promise here.
      (addrs) => process.nextTick(() => (options.all ? callback(null, addrs) : callback(null, addrs[0].address, addrs[0].family))),
      (err: NodeJS.ErrnoException) => process.nextTick(() => callback(err, '', 0)),
    );
  };
}
