import { describe, expect, it } from 'vitest';
import { dayBarsHtml, describeDay } from './day-bars-html';
import type { DayFigure } from './uptime';

const day = (over: Partial<DayFigure> = {}): DayFigure =>
  ({ day: 20_000, date: '2024-10-04', seconds: { operational: 86_400, maintenance: 0, degraded: 0, partial: 0, major: 0 }, uptime: 1, level: 'ok', incidents: [], ...over });

describe('dayBarsHtml', () => {
  it('renders a plain day as a bare item titled by its date (no data: and the words)', () => {
    expect(dayBarsHtml([day()], 'API')).toBe('<ol class="bars" aria-label="Availability of API, last 1 days; a day titled by its date alone had no downtime"><li title="Oct 4, 2024"></li></ol>');
    expect(dayBarsHtml([day({ level: 'nodata', uptime: null })], 'API')).toContain('<li class="lvl-nodata" title="Oct 4, 2024: No data"></li>');
  });

  it('renders a notable day with its shade, level, uptime and a focusable tooltip', () => {
    const d = day({ seconds: { operational: 85_800, maintenance: 0, degraded: 0, partial: 0, major: 600 }, uptime: 0.993, level: 'notable', incidents: [{ id: 1, title: 'DB down', impact: 'major' }] });
    expect(dayBarsHtml([d], 'API')).toBe(
      '<ol class="bars" aria-label="Availability of API, last 1 days; a day titled by its date alone had no downtime"><li class="lvl-notable" data-date="2024-10-04" data-level="notable" data-uptime="0.9930" tabindex="0"><span class="tip"><strong>Oct 4, 2024</strong><span class="tip-line">Major outage 10 min</span><span class="tip-line tip-incident">DB down</span></span></li></ol>',
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
    [{ level: 'nodata' as const, uptime: null }, 'No data', 'lvl-nodata', 'title="Oct 4, 2024: No data"'],
    [{ seconds: { operational: 85_800, maintenance: 0, degraded: 600, partial: 0, major: 0 } }, 'Degraded 10 min', 'lvl-degraded', 'tabindex="0"'],
  ])('tooltip and shade of %o', (over, text, cls, attr) => {
    const d = day(over);
    expect(describeDay(d)).toBe(text);
    const html = dayBarsHtml([d], 'x');
    expect(html).toContain(cls);
    expect(html).toContain(attr);
  });
});
