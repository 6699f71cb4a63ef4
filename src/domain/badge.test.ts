import { describe, expect, it } from 'vitest';
import { badgeMessage, parseUptimeParam, renderBadge, textWidth } from './badge';

describe('parseUptimeParam', () => {
  it.each<[string | null, 7 | 30 | 90 | null]>([
    [null, null],
    ['', 90],
    ['1', 90],
    ['true', 90],
    ['7', 7],
    ['30', 30],
    ['90', 90],
    ['365', null],
    ['no', null],
  ])('%j → %s', (raw, days) => expect(parseUptimeParam(raw)).toBe(days));
});

describe('badgeMessage', () => {
  it.each<[number | null, number | null, string]>([
    [null, null, 'Operational'],
    [99.9996, 90, 'Operational · 99.99% (90 d)'],
    [100, 30, 'Operational · 100.00% (30 d)'],
    [null, 7, 'Operational · No data (7 d)'],
  ])('uptime %s over %s days', (uptime, days, out) => expect(badgeMessage('Operational', uptime, days)).toBe(out));
});

describe('renderBadge', () => {
  const svg = renderBadge('<Acme> & Co', 'Major outage', 'critical');
  it('escapes text and carries an accessible name', () => {
    expect(svg).toContain('<title>&lt;Acme&gt; &amp; Co: Major outage</title>');
    expect(svg).toContain('aria-label="&lt;Acme&gt; &amp; Co: Major outage"');
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain('<Acme>');
  });
  it('sizes the boxes to the text', () => {
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(textWidth('<Acme> & Co') + textWidth('Major outage') + 24);
    expect(textWidth('MMMM')).toBeGreaterThan(textWidth('iiii'));
  });
});
