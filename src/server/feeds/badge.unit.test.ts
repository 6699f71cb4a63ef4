import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderBadge } from './badge';

const widthOf = (svg: string) => Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
const labelWidthOf = (svg: string) => Number(/<rect width="(\d+)" height="20" fill="#444"/.exec(svg)![1]);

describe('renderBadge (badge-maker)', () => {
  const svg = renderBadge('<Acme> & Co', 'Major outage', 'critical');
  it('escapes text and carries an accessible name', () => {
    expect(svg).toContain('<title>&lt;Acme&gt; &amp; Co: Major outage</title>');
    expect(svg).toContain('aria-label="&lt;Acme&gt; &amp; Co: Major outage"');
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain('<Acme>');
    expect(XMLValidator.validate(svg)).toBe(true);
  });
  it('sizes text of any script by its real width (a 9-character CJK label is about 100 px, not 59)', () => {
    expect(labelWidthOf(renderBadge('東京データセンター', 'Operational', 'ok'))).toBeGreaterThanOrEqual(95);
    expect(widthOf(renderBadge('MMMM', 'x', 'ok'))).toBeGreaterThan(widthOf(renderBadge('iiii', 'x', 'ok')));
  });
  it('drops characters XML forbids', () => {
    expect(XMLValidator.validate(renderBadge('a\u0001b\uD800', 'ok', 'ok'))).toBe(true);
  });
});
