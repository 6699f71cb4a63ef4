import { describe, expect, it } from 'vitest';
import { componentRowHtml, componentRowStats, statusIconHtml } from './component-row-html';
import { buildDayRecord } from './uptime';

const NOW = Date.UTC(2026, 5, 10, 12);
const days = () => buildDayRecord({ rollups: new Map(), pending: [{ status: 'operational', start: NOW - 100 * 86_400_000, end: null, maintenance: false }], startDate: NOW - 100 * 86_400_000, now: NOW, days: 90 });
const base = { id: 7, slug: 'api', name: 'API', description: null, status: 'operational' as const, showcase: true };

describe('componentRowHtml', () => {
  it('escapes what operators type, in text and in attributes', () => {
    const html = componentRowHtml({ ...base, days: days(), name: '<script>alert(1)</script>', description: 'Say "hi" & <b>bye</b>' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</a>');
    expect(html).toContain('aria-label="About &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('id="desc-7">Say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;</span>');
  });

  it('shows the status in words and by icon, the sparkline when given, and 90/60/30-day legends with the bars', () => {
    const html = componentRowHtml({ ...base, days: days(), status: 'major_outage' }, { segments: ['0,0 100,20'], label: 'Response time (p95) over 30 days: 1 to 9 ms' });
    expect(html).toMatch(/^<li class="component" data-component="api" data-status="major_outage">/);
    expect(html).toContain(statusIconHtml('major_outage'));
    expect(html).toContain('<span class="status-text">Major outage</span>');
    expect(html).toContain('role="img" aria-label="Response time (p95) over 30 days: 1 to 9 ms" data-sparkline><title>Response time (p95) over 30 days: 1 to 9 ms</title><polyline points="0,0 100,20"></polyline></svg>');
    expect(html.match(/<li title=/g)).toHaveLength(90);
    expect([...html.matchAll(/data-span="(\d+)"/g)].map((m) => m[1])).toEqual(['90', '60', '30']);
    expect(html).toContain('data-uptime="100.0000">100.00% uptime');
  });

  it('without the showcase flag there are no bars and no legends', () => {
    const html = componentRowHtml({ ...base, days: days(), showcase: false });
    expect(html).not.toContain('class="bars"');
    expect(html).not.toContain('bars-legend');
  });

  it('reuses a row for the same day record and rebuilds it when anything shown changes', () => {
    const d = days();
    const first = componentRowHtml({ ...base, days: d });
    const built = componentRowStats.built;
    expect(componentRowHtml({ ...base, days: d })).toBe(first);
    expect(componentRowStats.built).toBe(built);
    expect(componentRowHtml({ ...base, days: d, status: 'partial_outage' })).toContain('data-status="partial_outage"');
    expect(componentRowHtml({ ...base, days: d, name: 'Public API' })).toContain('>Public API</a>');
    expect(componentRowHtml({ ...base, days: d }, { segments: [], label: 'x' })).toContain('aria-label="x"');
    expect(componentRowStats.built).toBe(built + 3);
  });
});

describe('statusIconHtml', () => {
  it('has a distinct shape per status and hides the words when asked', () => {
    const shapes = (['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const).map((s) => /<path d="([^"]+)"/.exec(statusIconHtml(s))![1]);
    expect(new Set(shapes).size).toBe(5);
    expect(statusIconHtml('operational', false)).not.toContain('status-text');
  });
});
