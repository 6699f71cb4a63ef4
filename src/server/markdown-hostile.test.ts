/** Hostile markdown: no shape throws, none blocks the event loop for longer than its length allows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOURCE_NOTE, markdownToText, renderGuarded, renderMarkdown } from './markdown';
import { renderFailures } from './render-failures';

/** Render time allowed per input character, and a fixed allowance (a loaded 2-core CI machine; linear code needs ~5 µs). */
const MICROS_PER_CHAR = 25;
const BASE_MS = 150;

function timed(md: string): { ms: number; html: string } {
  const t = performance.now();
  const html = renderMarkdown(md);
  return { ms: performance.now() - t, html };
}

const budget = (md: string) => BASE_MS + (md.length * MICROS_PER_CHAR) / 1000;
// A fresh text each time: the memo would answer a repeat without rendering.
let salt = 0;
const fresh = (md: string) => `${md}\n\nr${++salt}`;

describe('each pathological shape of the review renders, in time linear in its length', () => {
  it.each<[string, string]>([
    ["'>' × 3,000", '>'.repeat(3000)],
    ["'- ' × 1,500", '- '.repeat(1500)],
    ["'- ' × 1,500 then text", `${'- '.repeat(1500)}x`],
    ["'1. ' × 1,500", '1. '.repeat(1500)],
    ["'> - ' × 800", `${'> - '.repeat(800)}x`],
    ["'_a' × 100,000 (200 k characters)", '_a'.repeat(100_000)],
    ["'*a' × 100,000", '*a'.repeat(100_000)],
    ["'x*' × 100,000", 'x*'.repeat(100_000)],
    ['a 100 k-character post-mortem of emphasis runs', `# Post-mortem\n\n${'_a'.repeat(50_000)}`],
    ['lists nested 400 deep by indentation', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')],
  ])('%s', (_name, shape) => {
    const md = fresh(shape);
    const { ms, html } = timed(md);
    expect(html).not.toContain(SOURCE_NOTE);
    expect(html).toContain(`r${salt}`);
    expect(ms).toBeLessThan(budget(md));
    expect(markdownToText(md)).toContain(`r${salt}`);
  });
});

describe('renderGuarded: an item that cannot be rendered shows as its source', () => {
  it('escapes the source under a note, and counts and logs the item once however often it is shown', () => {
    const before = renderFailures().count;
    const source = '<script>alert(1)</script> **x** & more';
    const boom = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const html = renderGuarded(source, boom);
    expect(html).toContain(SOURCE_NOTE);
    expect(html).toContain('<pre>&lt;script&gt;alert(1)&lt;/script&gt; **x** &amp; more</pre>');
    expect(html).not.toContain('<script>');
    renderGuarded(source, boom);
    expect(renderFailures().count).toBe(before + 1);
    renderGuarded(`${source}!`, boom);
    expect(renderFailures().count).toBe(before + 2);
    expect(renderFailures().lastAt).not.toBeNull();
  });

  it('passes a render that works through untouched', () => {
    expect(renderGuarded('ok', (t) => `<p>${t}</p>`)).toBe('<p>ok</p>');
  });
});

// Generated hostile markdown: nesting of every container kind, emphasis runs, long lists and wide tables, mixed.
const marker = fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '2) ', '  ', '    ');
const nested = fc.tuple(fc.array(marker, { minLength: 1, maxLength: 6 }), fc.integer({ min: 50, max: 2000 }), fc.string({ maxLength: 8 })).map(([m, n, t]) => `${m.join('').repeat(n)}${t}`);
const emphasis = fc.tuple(fc.constantFrom('_a', '*a', 'x*', '**a', '__a', '*_', '~a', '[a', '`a', '<a', '\\*a', 'a_b '), fc.integer({ min: 1000, max: 30_000 })).map(([u, n]) => u.repeat(n));
const longList = fc.tuple(fc.constantFrom('- ', '1. ', '* [ ] '), fc.integer({ min: 100, max: 3000 }), fc.constantFrom('item', '*a_', '> q')).map(([m, n, t]) => `${m}${t}\n`.repeat(n));
const table = fc.tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 10, max: 500 }), fc.constantFrom('x', '*a', '_b_', '`c')).map(([cols, rows, cell]) => {
  const row = `|${`${cell}|`.repeat(cols)}\n`;
  return `${row}|${'-|'.repeat(cols)}\n${row.repeat(rows)}`;
});
const hostile = fc.array(fc.oneof(nested, emphasis, longList, table), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('\n\n'));

describe('property: generated hostile markdown renders without a throw, in time linear in its length', () => {
  it('holds for nested, emphasis-heavy, list-heavy and table-heavy inputs', () => {
    fc.assert(
      fc.property(hostile, (shape) => {
        const md = fresh(shape);
        const { ms, html } = timed(md);
        expect(html).not.toContain(SOURCE_NOTE);
        expect(ms).toBeLessThan(budget(md));
      }),
      { numRuns: 40, seed: 22 },
    );
  }, 120_000);
});
