import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { componentOnPage, isPublicPage, normalizeHost, pageForHost, pageForViewer, pagesShowing, recordOnPage, type PageShows } from './pages';

describe('normalizeHost', () => {
  it.each([
    ['status.example.com', 'status.example.com'],
    ['Status.Example.COM', 'status.example.com'],
    ['status.example.com:8080', 'status.example.com'],
    ['status.example.com.', 'status.example.com'],
    ['  status.example.com ', 'status.example.com'],
    ['[::1]:4321', '[::1]'],
    ['127.0.0.1:4321', '127.0.0.1'],
    ['', null],
    [null, null],
    [undefined, null],
    ['a b', null],
    ['user@host', null],
    ['host/path', null],
    ['host:port', null],
    ['[::1', null],
    ['x'.repeat(254), null],
  ])('%j → %j', (raw, host) => expect(normalizeHost(raw)).toBe(host));
});

describe('pageForHost: the page listing the host, else the default page', () => {
  const pages = [
    { id: 1, hosts: [], isDefault: true },
    { id: 2, hosts: ['shop.example.com', 'www.shop.example.com'], isDefault: false },
    { id: 3, hosts: ['internal.example.com'], isDefault: false },
  ];
  it.each([
    ['shop.example.com', 2],
    ['SHOP.example.com:443', 2],
    ['www.shop.example.com.', 2],
    ['internal.example.com', 3],
    ['example.com', 1],
    ['shop.example.com.evil.test', 1],
    ['evil-shop.example.com', 1],
    ['', 1],
    [null, 1],
    ['shop.example.com/x', 1],
  ])('%j → page %i', (host, id) => expect(pageForHost(pages, host)?.id).toBe(id));

  it('answers nothing when no page is the default and none lists the host', () => {
    expect(pageForHost([{ id: 2, hosts: ['a.test'], isDefault: false }], 'b.test')).toBeUndefined();
  });

  it('finds the same page whatever order the pages come in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(pages, { minLength: 3, maxLength: 3 }), fc.constantFrom('shop.example.com', 'internal.example.com', 'other.test'), (order, host) => {
        expect(pageForHost(order, host)?.id).toBe(pageForHost(pages, host)?.id);
      }),
    );
  });
});

describe('which records a page shows', () => {
  const everything: PageShows = { id: 1, isDefault: true, componentIds: null };
  const shop: PageShows = { id: 2, isDefault: false, componentIds: new Set([10, 11]) };
  const internal: PageShows = { id: 3, isDefault: false, componentIds: new Set([11, 12]) };

  it.each([
    [everything, 99, true],
    [shop, 10, true],
    [shop, 12, false],
    [internal, 12, true],
  ])('component on page %#', (page, c, on) => expect(componentOnPage(page, c)).toBe(on));

  it.each([
    ['on a page showing one of its components', shop, [10], [], true],
    ['on a page showing none of its components', shop, [12], [], false],
    ['on a page showing another of them', internal, [10, 12], [], true],
    ['on the everything page', everything, [12], [], true],
    ['restricted to this page', internal, [11], [3], true],
    ['restricted to another page, sharing a component', shop, [11], [3], false],
    ['restricted away from the everything page', everything, [11], [3], false],
    ['restricted to a page not showing its components', shop, [12], [2], true],
    ['with no component, on the default page', everything, [], [], true],
    ['with no component, on another page', shop, [], [], false],
    ['restricted to this page, to an audience viewer of one of its components', { ...internal, viewerScoped: true }, [11], [3], true],
    ['restricted to this page, to an audience viewer of none of its components', { ...internal, viewerScoped: true }, [10], [3], false],
    ['restricted to this page, of no component, to an audience viewer', { ...internal, viewerScoped: true }, [], [3], false],
  ])('an incident %s', (_, page, componentIds, pageIds, on) => expect(recordOnPage(page, { componentIds, pageIds })).toBe(on));
});

describe('isPublicPage', () => {
  it.each([
    ['public', true],
    ['private', false],
    ['audience', false],
  ] as const)('%s → %s', (visibility, pub) => expect(isPublicPage({ visibility })).toBe(pub));
});

describe('pagesShowing: the pages a change shows on', () => {
  const pages: PageShows[] = [
    { id: 1, isDefault: true, componentIds: null },
    { id: 2, isDefault: false, componentIds: new Set([10]) },
    { id: 3, isDefault: false, componentIds: new Set([20]) },
  ];
  it.each([
    ['a change of a record on one page', { componentIds: [20], pageIds: [] }, [1, 3]],
    ['a change of a shared record', { componentIds: [10, 20], pageIds: [] }, [1, 2, 3]],
    ['a record posted to one page', { componentIds: [10], pageIds: [3] }, [3]],
    ['a record of no component', { componentIds: [], pageIds: [] }, [1]],
    ['a change of everything', null, [1, 2, 3]],
  ])('%s', (_, facts, ids) => expect(pagesShowing(pages, facts)).toEqual(ids));
});

describe('pageForViewer: an audience viewer sees the page\'s components their groups name, nothing else', () => {
  const listed = { id: 3, isDefault: false, componentIds: new Set([1, 2, 3]) };
  const every = { id: 4, isDefault: false, componentIds: null };
  it.each([
    [listed, null, [1, 2, 3]],
    [listed, [2, 3], [2, 3]],
    [listed, [3, 9], [3]],
    [listed, [], []],
    [every, [5, 7], [5, 7]],
    [every, null, null],
  ] as const)('%o narrowed to %j → %j', (page, viewer, shown) => {
    const ids = pageForViewer(page, viewer).componentIds;
    expect(ids === null ? null : [...ids].sort()).toEqual(shown);
  });

  it('never shows a component the page or the viewer lacks, whatever the order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(20)), fc.array(fc.nat(20)), (pageIds, viewerIds) => {
        const narrowed = pageForViewer({ id: 1, isDefault: false, componentIds: new Set(pageIds) }, viewerIds).componentIds;
        for (const c of narrowed) expect(pageIds.includes(c) && viewerIds.includes(c)).toBe(true);
        expect([...narrowed].sort()).toEqual([...pageForViewer({ id: 1, isDefault: false, componentIds: new Set(pageIds) }, [...viewerIds].reverse()).componentIds].sort());
      }),
    );
  });
});
