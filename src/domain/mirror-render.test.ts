import { describe, expect, it } from 'vitest';
import { failedRenderMessage, renderOutcome } from './mirror-render';

describe('renderOutcome', () => {
  it.each([
    [200, 'page'],
    [404, 'gone'],
    [410, 'gone'],
    [500, 'failed'],
    [502, 'failed'],
    [503, 'failed'],
    [429, 'failed'],
    [408, 'failed'],
    [599, 'failed'],
    [0, 'failed'],
    [301, 'gone'],
    [308, 'gone'],
    [401, 'gone'],
    [403, 'gone'],
    [400, 'gone'],
  ])('%i → %s', (status, outcome) => expect(renderOutcome(status)).toBe(outcome));
});

describe('failedRenderMessage', () => {
  it.each([
    [['/'], '1 page failed to render (/); the mirror keeps their previous files'],
    [['/', '/api/v2/summary.json'], '2 pages failed to render (/, /api/v2/summary.json); the mirror keeps their previous files'],
    [['/a', '/b', '/c', '/d', '/e', '/f', '/g'], '7 pages failed to render (/a, /b, /c, /d, /e and 2 more); the mirror keeps their previous files'],
  ])('%j', (urls, message) => expect(failedRenderMessage(urls)).toBe(message));
});
