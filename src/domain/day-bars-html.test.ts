import { describe, expect, it } from 'vitest';
import { dayBarsHtml, describeDay, escapeHtml } from './day-bars-html';
import type { DayFigure } from './uptime';

const day = (over: Partial<DayFigure> = {}): DayFigure =>
  ({ day: 20_000, date: '2024-10-04', seconds: { operational: 86_400, maintenance: 0, degraded: 0, partial: 0, major: 0 }, uptime: 1, level: 'ok', incidents: [], ...over }) as DayFigure;

describe('dayBarsHtml', () => {
  it('renders one bar per day with its date, level, uptime and tooltip', () => {
    const html = dayBarsHtml([day()], 'API');
    expect(html).toBe(
      '<ol class="bars" aria-label="Availability of API, last 1 days"><li class="bar lvl-ok" data-date="2024-10-04" data-level="ok" data-shade="ok" data-uptime="1.0000"><span class="tip"><strong>Oct 4, 2024</strong><span class="tip-line">No downtime</span></span></li></ol>',
    );
  });

  it('escapes component names and incident titles', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const html = dayBarsHtml([day({ incidents: [{ id: 1, title: evil, impact: 'major' }] })], evil);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html).toContain('tabindex="0"');
  });

  it.each([
    [{ level: 'nodata' as const, uptime: null }, 'No data', 'lvl-nodata', 'data-uptime=""'],
    [{ seconds: { operational: 85_800, maintenance: 0, degraded: 600, partial: 0, major: 0 } }, 'Degraded 10 min', 'lvl-degraded', 'tabindex="0"'],
  ])('tooltip and shade of %o', (over, text, cls, attr) => {
    const d = day(over as Partial<DayFigure>);
    expect(describeDay(d)).toBe(text);
    const html = dayBarsHtml([d], 'x');
    expect(html).toContain(cls);
    expect(html).toContain(attr);
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
