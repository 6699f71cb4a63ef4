import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_DELIMITERS, MARKDOWN_MAX_DEPTH, boundedMarkdown, markdownProblem } from './markdown-bounds';

const deep = (n: number, marker: string) => `${marker.repeat(n)}x`;
const indented = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n');

describe('markdownProblem: how deep quotes and lists may nest', () => {
  it.each<[string, string, RegExp | null]>([
    ['plain text', 'All good.\n\nNothing nested.', null],
    ['a quote nested to the limit', deep(MARKDOWN_MAX_DEPTH, '>'), null],
    ['a quote one level past it', deep(MARKDOWN_MAX_DEPTH + 1, '>'), /at most 16 levels deep; line 1 nests 17/],
    ['3,000 quote markers', '>'.repeat(3000), /line 1 nests 3000/],
    ['1,500 bullets', '- '.repeat(1500), /nests 1500/],
    ['ordered lists', `${'1. '.repeat(40)}x`, /nests 40/],
    ['quotes and bullets mixed', `${'> * '.repeat(10)}x`, /nests 20/],
    ['lists nested by indentation', indented(40), /line 17 nests 17/],
    ['deep indentation without a marker is code, not nesting', `${' '.repeat(80)}code`, null],
    ['nesting inside a fenced block is code', `\`\`\`\n${'>'.repeat(100)}\n\`\`\``, null],
    ['after the fence closes it counts again', `~~~\ncode\n~~~\n${'>'.repeat(20)}`, /line 4 nests 20/],
    ['the problem names its line', `fine\n\n${'> '.repeat(30)}x`, /line 3 nests 30/],
    ['a thematic break is one marker deep', '- - -', null],
    ['an empty text', '', null],
  ])('%s', (_name, md, problem) => {
    const got = markdownProblem(md);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });
});

describe('boundedMarkdown: within the bounds the text is unchanged, past them the rest is literal', () => {
  it.each([
    'A *normal* update with **bold**, `code_with_underscores` and a [link](https://example.com/a_b).',
    `${'>'.repeat(MARKDOWN_MAX_DEPTH)} quoted`,
    indented(MARKDOWN_MAX_DEPTH),
    '- a\n  - b\n    - c\n\n1. one\n2. two',
    `\`\`\`\n${'*a'.repeat(500)}\n${'>'.repeat(500)}\n\`\`\``,
    `${'*a* '.repeat(MARKDOWN_MAX_DELIMITERS / 2)}`,
    '| a | b |\n|---|---|\n| *x* | _y_ |',
  ])('unchanged: %j', (md) => expect(boundedMarkdown(md)).toBe(md));

  it.each<[string, string, string]>([
    ['a quote marker past the depth', deep(MARKDOWN_MAX_DEPTH + 3, '>'), `${'>'.repeat(MARKDOWN_MAX_DEPTH)}\\>>>x`],
    ['a bullet past the depth', `${'- '.repeat(MARKDOWN_MAX_DEPTH + 1)}x`, `${'- '.repeat(MARKDOWN_MAX_DEPTH)}\\- x`],
    ['an ordered marker past the depth', `${'1. '.repeat(MARKDOWN_MAX_DEPTH + 1)}x`, `${'1. '.repeat(MARKDOWN_MAX_DEPTH)}1\\. x`],
    ['a deeply indented bullet', `${' '.repeat(40)}- x`, `${' '.repeat(40)}\\- x`],
    ['delimiters past the paragraph allowance', '_a'.repeat(MARKDOWN_MAX_DELIMITERS + 2), `${'_a'.repeat(MARKDOWN_MAX_DELIMITERS)}\\_a\\_a`],
    ['escapes and code spans are left alone', `\\*${'*'.repeat(MARKDOWN_MAX_DELIMITERS)}\`*\`*`, `\\*${'*'.repeat(MARKDOWN_MAX_DELIMITERS)}\`*\`\\*`],
  ])('%s', (_name, md, want) => expect(boundedMarkdown(md)).toBe(want));

  it('each list item has its own allowance: a long timeline keeps its bold', () => {
    const timeline = Array.from({ length: 60 }, (_, i) => `- **14:${String(i).padStart(2, '0')}** step *${i}*`).join('\n');
    const numbered = Array.from({ length: 60 }, (_, i) => `${i + 1}. **${i}** and _${i}_`).join('\n');
    const nested = Array.from({ length: 60 }, (_, i) => `${i % 2 ? '  - ' : '- '}**${i}**`).join('\n');
    const quoted = Array.from({ length: 60 }, (_, i) => `> - **${i}**`).join('\n');
    for (const md of [timeline, numbered, nested, quoted, `${timeline}\n\n${numbered}`]) expect(boundedMarkdown(md)).toBe(md);
  });

  it.each<[string, string]>([
    // Lines that look like items but continue the paragraph above (CommonMark 5.2): the allowance carries on.
    ['a number other than 1 cannot interrupt a paragraph', 'x\n2. '],
    ['nor can a sub-list starting past 1', '1. x\n   2. '],
    ['a marker indented 4 or more is paragraph text', 'x\n    - '],
    ['so is one indented past the item\'s text', '- x\n      - '],
    ['another delimiter starts a list that cannot interrupt', '1. x\n2) y\n2) '],
    ['an empty item cannot interrupt either', 'x\n*\n'],
    ['inside a quote too', '> x\n> 2. '],
  ])('%s', (_name, start) => {
    const row = '_a'.repeat(MARKDOWN_MAX_DELIMITERS);
    const md = `${start}${row}\n${start.split('\n').at(-1)}${row}`;
    expect(boundedMarkdown(md).match(/\\_/g)?.length ?? 0).toBeGreaterThanOrEqual(MARKDOWN_MAX_DELIMITERS - 2);
  });

  it('each paragraph has its own allowance', () => {
    const para = '*a'.repeat(MARKDOWN_MAX_DELIMITERS);
    expect(boundedMarkdown(`${para}\n\n${para}`)).toBe(`${para}\n\n${para}`);
    expect(boundedMarkdown(`${para}\n${para}`)).toBe(`${para}\n${para.replaceAll('*', '\\*')}`);
  });

  it('is linear: a text 8 times longer takes at most about 8 times as long', () => {
    const time = (md: string) => {
      const t = performance.now();
      for (let i = 0; i < 5; i++) boundedMarkdown(md);
      return performance.now() - t;
    };
    const unit = `${'> - '.repeat(30)}${'*a_b'.repeat(50)}\n`;
    time(unit.repeat(100));
    expect(time(unit.repeat(800))).toBeLessThan(time(unit.repeat(100)) * 8 * 4 + 20);
  });
});
