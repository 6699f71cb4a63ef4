import { describe, expect, it } from 'vitest';
import { followedNames } from './audience';

const names = { components: new Map([[1, 'API'], [2, '決済']]), groups: new Map([[10, 'Core']]) };

describe('followedNames', () => {
  it.each([
    [{ all: true, componentIds: [1], groupIds: [10] }, ['All components']],
    [{ all: false, componentIds: [1, 2], groupIds: [] }, ['API', '決済']],
    [{ all: false, componentIds: [2], groupIds: [10] }, ['Core (group)', '決済']],
    [{ all: false, componentIds: [99], groupIds: [77] }, ['77 (group)', '99']],
    [{ all: false, componentIds: [], groupIds: [] }, []],
  ])('%j → %j', (f, out) => expect(followedNames(f, names)).toEqual(out));
});
