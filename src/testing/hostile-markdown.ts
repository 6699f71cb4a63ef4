/** Generated hostile markdown (fast-check): nesting of every container kind, emphasis runs, long lists, wide tables, list-like paragraph lines. */
import fc from 'fast-check';

const marker = fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '2) ', '  ', '    ');
const nested = fc
  .tuple(fc.array(marker, { minLength: 1, maxLength: 6 }), fc.integer({ min: 50, max: 2000 }), fc.string({ maxLength: 8 }))
  .map(([m, n, t]) => `${m.join('').repeat(n)}${t}`);
const emphasis = fc
  .tuple(fc.constantFrom('_a', '*a', 'x*', '**a', '__a', '*_', '~a', '[a', '`a', '<a', '\\*a', 'a_b '), fc.integer({ min: 1000, max: 30_000 }))
  .map(([u, n]) => u.repeat(n));
const longList = fc
  .tuple(fc.constantFrom('- ', '1. ', '* [ ] '), fc.integer({ min: 100, max: 3000 }), fc.constantFrom('item', '*a_', '> q'))
  .map(([m, n, t]) => `${m}${t}\n`.repeat(n));
const table = fc.tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 10, max: 500 }), fc.constantFrom('x', '*a', '_b_', '`c')).map(([cols, rows, cell]) => {
  const row = `|${`${cell}|`.repeat(cols)}\n`;
  return `${row}|${'-|'.repeat(cols)}\n${row.repeat(rows)}`;
});

// Lines that look like list items but continue the paragraph above them, each with a run of emphasis openers.
const continuation = fc
  .tuple(fc.constantFrom('x', '1. x', '- x', '> x', '1. x\n2) y'), fc.constantFrom('2. ', '   2. ', '    - ', '      - ', '2) ', '> 2. ', '*\n'), fc.integer({ min: 100, max: 2000 }))
  .map(([first, line, n]) => `${first}\n${`${line}${'_a'.repeat(32)}\n`.repeat(n)}`);

/** One to three hostile shapes, joined as paragraphs. */
export const hostileMarkdown = fc.array(fc.oneof(nested, emphasis, longList, table, continuation), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('\n\n'));

/** A fixed set of samples (the same every run), each at most `maxChars` long. */
export function hostileSamples(n: number, maxChars: number, seed = 22): string[] {
  return fc.sample(hostileMarkdown, { numRuns: n, seed }).map((s) => s.slice(0, maxChars));
}
