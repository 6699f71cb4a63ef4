import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BAR_SPANS } from '../domain/bar-spans';

const css = fs.readFileSync(new URL('./global.css', import.meta.url), 'utf8');
/** Top-level `@media (max-width: Npx) { … }` blocks that hide day bars, with what they hide and show. */
const barQueries = [...css.matchAll(/@media \(max-width: (\d+)px\) \{([\s\S]*?)\n\}/g)]
  .filter((m) => m[2].includes('nth-last-child'))
  .map((m) => {
    const body = m[2];
    const rule = (display: string) => [...body.matchAll(new RegExp(`([^{}]+)\\{ display: ${display}; \\}`, 'g'))].map((r) => r[1]).join(',');
    return {
      maxWidthPx: Number(m[1]),
      hideBarsFrom: Number(/\.bars > li:nth-last-child\(n \+ (\d+)\)/.exec(body)?.[1]),
      shownLegends: [...rule('flex').matchAll(/span-(\d+)/g)].map((x) => Number(x[1])),
      hiddenLegends: [...rule('none').matchAll(/span-(\d+)/g)].map((x) => Number(x[1])).sort((a, b) => b - a),
    };
  });

describe('global.css bar spans match the domain constants (bar-spans.ts)', () => {
  const narrow = BAR_SPANS.slice(1);

  it('one media query per narrower span, at its width, hiding every bar older than its days', () => {
    expect(barQueries.map((q) => [q.maxWidthPx, q.hideBarsFrom])).toEqual(narrow.map((s) => [s.maxWidthPx, s.days + 1]));
  });

  it.each(narrow.map((s, i) => [s, BAR_SPANS[i]] as const))('at ≤ %o only its legend shows; the next wider and all narrower are hidden', (span, wider) => {
    const q = barQueries.find((x) => x.maxWidthPx === span.maxWidthPx)!;
    expect(q.shownLegends).toEqual([span.days]);
    // Wider legends than `wider` are already hidden by the wider query, which also applies here.
    expect(q.hiddenLegends).toEqual([wider.days, ...narrow.map((s) => s.days).filter((d) => d < span.days)]);
  });

  it('wide screens hide every narrower legend by default', () => {
    const hidden = [...css.matchAll(/^(\.bars-legend[^{]*)\{ display: none; \}/gm)].flatMap((m) => [...m[1].matchAll(/span-(\d+)/g)].map((x) => Number(x[1])));
    expect(hidden.sort((a, b) => b - a)).toEqual(narrow.map((s) => s.days));
  });
});
