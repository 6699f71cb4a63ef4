import { describe, expect, it } from 'vitest';
import { presentedApiKey } from './presented-key';

const at = (path: string) => new URL(`http://status.test${path}`);

describe('presentedApiKey', () => {
  it.each([
    ['Bearer k1', '/api/v1/components', 'k1'],
    ['OAuth k1', '/api/v1/pages/p/components', 'k1'],
    ['oauth k1', '/api/v1/incidents', 'k1'],
    ['bearer  k1 ', '/api/v1/incidents', 'k1'],
    ['OAuth ', '/api/v1/pages/p', ''],
    ['Basic dXNlcg==', '/api/v1/pages/p', null],
    ['OAuthk1', '/api/v1/pages/p', null],
    [null, '/api/v1/pages/p/incidents?api_key=k2', 'k2'],
    [null, '/api/v1/pages?api_key=k2', 'k2'],
    ['OAuth k1', '/api/v1/pages/p?api_key=k2', 'k1'],
    // Only Statuspage's paths read the query: a key in a URL elsewhere is not honoured.
    [null, '/api/v1/incidents?api_key=k2', null],
    [null, '/api/v1/pagesx?api_key=k2', null],
    [null, '/admin?api_key=k2', null],
    [null, '/api/v1/pages/p', null],
  ])('%s on %s → %s', (auth, path, want) => {
    expect(presentedApiKey(auth, at(path))).toBe(want);
  });
});
