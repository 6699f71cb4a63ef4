/** Hostile markdown: no shape throws, none blocks the event loop for longer than its length allows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOURCE_NOTE, markdownToText, renderGuarded, renderMarkdown } from './markdown';
import { renderFailures } from './render-failures';
import { hostileMarkdown } from '../testing/hostile-markdown';

/** Render time allowed per input character, and a fixed allowance (a loaded 2-core machine; linear code needs 5-25 µs, the quadratic shapes took 110-360 µs). */
const MICROS_PER_CHAR = 50;
const BASE_MS = 250;

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
    ['2,000 lines continuing a paragraph, each like an item ("2. "), each with 32 openers', `x\n${`2. ${'_a'.repeat(32)}\n`.repeat(2000)}`],
    ['the same under a quote', `> x\n${`> 2. ${'_a'.repeat(32)}\n`.repeat(2000)}`],
    ['a timeline of 3,000 bold items', Array.from({ length: 3000 }, (_, i) => `- **${i}** step _${i}_`).join('\n')],
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

describe('property: generated hostile markdown renders without a throw, in time linear in its length', () => {
  it('holds for nested, emphasis-heavy, list-heavy and table-heavy inputs', () => {
    fc.assert(
      fc.property(hostileMarkdown, (shape) => {
        const md = fresh(shape);
        const { ms, html } = timed(md);
        expect(html).not.toContain(SOURCE_NOTE);
        expect(ms).toBeLessThan(budget(md));
      }),
      { numRuns: 40, seed: 22 },
    );
  }, 120_000);
});
