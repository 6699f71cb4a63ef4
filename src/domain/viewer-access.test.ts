import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceComponents, audienceGroupsOf, cidrProblem, claimGroups, emailAllowed, ipAllowed, isMachineSurface, oidcAllowed, parseCidr, sessionState, viewerAdmitted, VIEWER_ROTATE_AFTER_MS, type AudienceGroup } from './viewer-access';

describe('ipAllowed', () => {
  it.each<[string, string | null, string[], boolean]>([
    ['an address in a v4 range', '10.1.2.3', ['10.0.0.0/8'], true],
    ['an address outside it', '11.0.0.1', ['10.0.0.0/8'], false],
    ['the last address of a /24', '192.0.2.255', ['192.0.2.0/24'], true],
    ['the next one', '192.0.3.0', ['192.0.2.0/24'], false],
    ['a bare v4 address is a /32', '198.51.100.7', ['198.51.100.7'], true],
    ['its neighbour is not', '198.51.100.8', ['198.51.100.7'], false],
    ['host bits in the range are ignored', '10.9.9.9', ['10.200.0.1/8'], true],
    ['/0 admits every v4 address', '8.8.8.8', ['0.0.0.0/0'], true],
    ['/0 of v4 admits no v6 address', '2001:db8::1', ['0.0.0.0/0'], false],
    ['a v6 range', '2001:db8:abcd:12::1', ['2001:db8:abcd::/48'], true],
    ['outside a v6 range', '2001:db8:abce::1', ['2001:db8:abcd::/48'], false],
    ['v6 spelled in full and upper case', '2001:0DB8:ABCD:0012:0000:0000:0000:0001', ['2001:db8:abcd::/48'], true],
    ['a bare v6 address is a /128', '::1', ['::1'], true],
    ['an IPv4-mapped v6 client matches the v4 range', '::ffff:10.0.0.5', ['10.0.0.0/8'], true],
    ['a v4 client never matches a v6 range', '10.0.0.5', ['::/0'], false],
    ['any of several ranges', '172.16.5.4', ['10.0.0.0/8', '172.16.0.0/12'], true],
    ['no address is never allowed', null, ['0.0.0.0/0'], false],
    ['an empty list admits nobody', '10.0.0.1', [], false],
    ['a broken entry matches nothing', '10.0.0.1', ['10.0.0.0/33', 'ten'], false],
    ['a garbage client address matches nothing', 'not-an-ip', ['0.0.0.0/0', '::/0'], false],
    ['a zone id on the client address is ignored', 'fe80::1%eth0', ['fe80::/10'], true],
  ])('%s', (_n, ip, list, want) => {
    expect(ipAllowed(ip, list)).toBe(want);
  });
});

describe('cidrProblem', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['2001:db8::/32', true],
    ['192.0.2.1', true],
    ['::/0', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/129', false],
    ['10.0.0.256', false],
    ['010.0.0.1', false],
    ['10.0.0.0/8/8', false],
    ['10.0.0.0/x', false],
    ['::ffff:10.0.0.0/104', false],
    ['fe80::1%eth0/64', false],
    ['', false],
  ])('%s valid: %s', (text, ok) => {
    expect(cidrProblem(text) === null).toBe(ok);
    expect(parseCidr(text) !== null).toBe(ok);
  });
});

describe('a range holds exactly the addresses sharing its prefix', () => {
  it('v4, any prefix (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (net, ip, prefix) => {
        const n = (s: string) => s.split('.').reduce((a, x) => a * 256 + Number(x), 0);
        const mask = prefix === 0 ? 0 : Math.floor(n(net) / 2 ** (32 - prefix)) === Math.floor(n(ip) / 2 ** (32 - prefix));
        expect(ipAllowed(ip, [`${net}/${prefix}`])).toBe(prefix === 0 ? true : mask);
      }),
    );
  });
});

describe('emailAllowed', () => {
  const rule = { addresses: ['Ann@Partner.example'], domains: ['@acme.example', 'corp.example'] };
  it.each([
    ['a listed address, any case', 'ann@partner.example', true],
    ['another address at that domain', 'bob@partner.example', false],
    ['an address in a listed domain', 'zoe@ACME.example', true],
    ['a listed domain without the @', 'x@corp.example', true],
    ['a subdomain of a listed domain', 'x@eu.acme.example', false],
    ['a domain ending like a listed one', 'x@evilacme.example', false],
    ['the domain alone', 'acme.example', false],
    ['surrounding spaces', '  zoe@acme.example ', true],
  ])('%s', (_n, email, want) => {
    expect(emailAllowed(email, rule)).toBe(want);
  });
});

describe('oidcAllowed', () => {
  const rule = { allowedDomains: ['acme.example'], allowedGroups: ['status-viewers'] };
  it.each<[string, { email: string | null; emailVerified: boolean; groups: string[] }, boolean]>([
    ['a verified address in the domain', { email: 'a@acme.example', emailVerified: true, groups: [] }, true],
    ['an unverified one', { email: 'a@acme.example', emailVerified: false, groups: [] }, false],
    ['another domain', { email: 'a@other.example', emailVerified: true, groups: [] }, false],
    ['another domain but in the group', { email: 'a@other.example', emailVerified: true, groups: ['status-viewers'] }, true],
    ['no e-mail, in the group', { email: null, emailVerified: false, groups: ['status-viewers'] }, true],
    ['in another group', { email: null, emailVerified: false, groups: ['admins'] }, false],
  ])('%s', (_n, id, want) => {
    expect(oidcAllowed(id, rule)).toBe(want);
  });
  it('an empty rule admits nobody', () => {
    expect(oidcAllowed({ email: 'a@acme.example', emailVerified: true, groups: ['g'] }, { allowedDomains: [] })).toBe(false);
  });
  it.each([
    ['g', ['g']],
    [['a', 1, 'b'], ['a', 'b']],
    [null, []],
    [{ a: 1 }, []],
  ])('claimGroups(%j)', (v, want) => {
    expect(claimGroups(v)).toEqual(want);
  });
});

describe('audience groups', () => {
  const groups: AudienceGroup[] = [
    { name: 'Acme', addresses: [], domains: ['acme.example'], oidcGroups: [], componentIds: [3, 1] },
    { name: 'Globex', addresses: ['cto@globex.example'], domains: [], oidcGroups: ['globex'], componentIds: [2, 3] },
  ];
  it.each<[string, string | null, string[], string[], number[]]>([
    ['by domain', 'x@acme.example', [], ['Acme'], [1, 3]],
    ['by address', 'cto@globex.example', [], ['Globex'], [2, 3]],
    ['by OIDC group', null, ['globex'], ['Globex'], [2, 3]],
    ['in both: the union', 'y@acme.example', ['globex'], ['Acme', 'Globex'], [1, 2, 3]],
    ['in none', 'z@other.example', [], [], []],
  ])('%s', (_n, email, oidcGroups, names, comps) => {
    const memberOf = audienceGroupsOf({ email, oidcGroups }, groups);
    expect(memberOf).toEqual(names);
    expect(audienceComponents(memberOf, groups)).toEqual(comps);
    expect(viewerAdmitted(groups, memberOf)).toBe(names.length > 0);
  });
  it('a page without groups needs no membership', () => {
    expect(viewerAdmitted(undefined, [])).toBe(true);
    expect(viewerAdmitted([], [])).toBe(true);
  });
});

describe('sessionState', () => {
  it.each<[string, number, number, number, string]>([
    ['fresh', 0, 1000, 10, 'ok'],
    ['idle past its expiry', 0, 1000, 1000, 'expired'],
    ['in use for the rotation period', 0, VIEWER_ROTATE_AFTER_MS + 1, VIEWER_ROTATE_AFTER_MS, 'rotate'],
  ])('%s', (_n, issued, expires, now, want) => {
    expect(sessionState({ tokenIssuedAt: issued, expiresAt: expires }, now)).toBe(want);
  });
});

describe('isMachineSurface', () => {
  it.each([
    ['/', false],
    ['/history', false],
    ['/incidents/4', false],
    ['/feed.xml', true],
    ['/history.atom', true],
    ['/feed.json', true],
    ['/maintenance.ics', true],
    ['/sla.csv', true],
    ['/badge.svg', true],
    ['/api/v2/summary.json', true],
    ['/api/v2/anything', true],
    ['/components/api', false],
  ])('%s → %s', (path, want) => {
    expect(isMachineSurface(path)).toBe(want);
  });
});
