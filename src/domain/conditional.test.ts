import { describe, expect, it } from 'vitest';
import { notModified, parseEntityTags } from './conditional';

describe('parseEntityTags (RFC 9110 entity-tag lists)', () => {
  it.each([
    ['"a"', ['a']],
    ['W/"a"', ['a']],
    ['"a", W/"b" ,"c"', ['a', 'b', 'c']],
    ['"a,b", "c"', ['a,b', 'c']],
    [' , "a", ,', ['a']],
    ['""', ['']],
    ['*', '*'],
    [' * ', '*'],
    ['a', null],
    ['"a', null],
    ['w/"a"', null],
    ['"a" "b"', null],
    ['"a",*', null],
    ['', null],
  ])('%j → %j', (field, want) => expect(parseEntityTags(field)).toEqual(want));
});

describe('notModified: If-None-Match by weak comparison', () => {
  const strong = '"abc123"';
  const weak = 'W/"7-abc"';
  it.each([
    [undefined, strong, false],
    ['', strong, false],
    ['"abc123"', strong, true],
    ['W/"abc123"', strong, true], // weak comparison: a weak validator of our strong tag matches
    ['"7-abc"', weak, true],
    ['W/"7-abc"', weak, true],
    ['"old", "abc123"', strong, true], // a list: any one matches
    ['"old", W/"older"', strong, false],
    ['*', strong, true], // a current representation exists
    ['abc123', strong, false], // unquoted: malformed, ignored
    ['"ABC123"', strong, false], // opaque tags compare exactly
  ])('%j against %s → %s', (field, etag, want) => expect(notModified(field, etag)).toBe(want));
});
