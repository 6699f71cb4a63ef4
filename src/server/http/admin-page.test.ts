import { describe, expect, it } from 'vitest';
import { localPath } from './admin-page';

describe('localPath', () => {
  it.each([
    ['/admin/incidents/3?x=1', '/admin/incidents/3?x=1'],
    ['/', '/'],
    [null, '/admin'],
    ['', '/admin'],
    ['https://evil.example/', '/admin'],
    ['//evil.example/', '/admin'],
    ['/\\evil.example', '/admin'],
    ['javascript:alert(1)', '/admin'],
    ['/admin\r\nSet-Cookie: x=1', '/admin'],
  ])('%s → %s', (input, expected) => expect(localPath(input)).toBe(expected));
});
