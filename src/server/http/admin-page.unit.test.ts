import { describe, expect, it } from 'vitest';
import { localPath } from './admin-page';

describe('localPath', () => {
  it.each([
    ['/admin/incidents/3?x=1', '/admin/incidents/3?x=1'],
    ['/', '/'],
    ['/admin/incidents?q=a%20b#top', '/admin/incidents?q=a%20b#top'],
    ['/admin?next=//evil.example', '/admin?next=//evil.example'],
  ])('keeps the local path %s', (input, expected) => expect(localPath(input)).toBe(expected));

  it.each([
    [null],
    [''],
    ['admin'],
    ['https://evil.example/'],
    ['HTTPS://evil.example/'],
    ['javascript:alert(1)'],
    ['data:text/html,x'],
    ['//evil.example/'],
    ['///evil.example/'],
    ['/\\evil.example'],
    ['\\/evil.example'],
    ['/admin\\..\\..\\evil'],
    ['/\t/evil.example/'],
    ['\t//evil.example/'],
    ['/ /evil.example/'],
    ['/\n/evil.example'],
    ['/admin\r\nSet-Cookie: x=1'],
    ['/\u0000/evil.example'],
    ['/\u200b/evil.example'],
    ['/%2F/evil.example'],
    ['/%5Cevil.example'],
    ['/%09/evil.example'],
    ['/%0d%0aSet-Cookie:x'],
    ['/%zz'],
    ['/admin/../../evil'],
    ['/' + 'a'.repeat(3000)],
  ])('refuses %j and sends the operator to /admin', (input) => expect(localPath(input)).toBe('/admin'));

  it('refuses next=%2F%09%2Fevil.example%2F once the query string is decoded', () => {
    const next = new URL('http://x/admin/login?next=%2F%09%2Fevil.example%2F').searchParams.get('next');
    expect(next).toBe('/\t/evil.example/');
    expect(localPath(next)).toBe('/admin');
  });
});
