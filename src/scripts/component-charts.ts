/** Draws the component page's charts from the JSON series the server embedded; the tables stay as the text alternative. */
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { ChartSeries, DailyLatency } from '../domain/chart-series';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

type Range = '24h' | 'd7' | 'd30' | 'd90';
const RANGES: { key: Range; label: string }[] = [
  { key: '24h', label: '24 hours' },
  { key: 'd7', label: '7 days' },
  { key: 'd30', label: '30 days' },
  { key: 'd90', label: '90 days' },
];
const LINE_COLOURS = ['--maint', '--partial', '--ok', '--degraded', '--major'];

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

// Daily figures are per UTC day: name the day, not an ISO string.
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function theme() {
  return { text: cssVar('--muted'), grid: cssVar('--border'), maint: cssVar('--maint'), partial: cssVar('--partial'), ok: cssVar('--ok') };
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function latencyConfig(s: ChartSeries, range: Range): ChartConfiguration {
  const t = theme();
  const axes = { ticks: { color: t.text }, grid: { color: t.grid } };
  if (range === '24h') {
    return {
      type: 'line',
      data: {
        datasets: s.recent.map((r, i) => ({
          label: r.label,
          data: r.points.map(([sec, ms]) => ({ x: s.recentWindow.from + sec * 1000, y: ms })),
          borderColor: cssVar(LINE_COLOURS[i % LINE_COLOURS.length]),
          pointRadius: 0,
          borderWidth: 1.5,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        parsing: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', min: s.recentWindow.from, max: s.recentWindow.to, ...axes, ticks: { color: t.text, maxTicksLimit: 8, callback: (v) => timeFmt.format(Number(v)) } },
          y: { ...axes, beginAtZero: true, title: { display: true, text: 'ms', color: t.text } },
        },
        plugins: { legend: { labels: { color: t.text } }, tooltip: { callbacks: { title: (items) => timeFmt.format(Number(items[0]?.parsed.x)) } } },
      },
    };
  }
  const d: DailyLatency = s.daily[range];
  return {
    type: 'line',
    data: {
      labels: d.labels.map((iso) => dayFmt.format(Date.parse(iso))),
      datasets: [
        { label: 'p50', data: d.p50, borderColor: t.maint, pointRadius: 2, borderWidth: 1.5 },
        { label: 'p95', data: d.p95, borderColor: t.partial, pointRadius: 2, borderWidth: 1.5, borderDash: [4, 3] },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { ...axes, ticks: { color: t.text, maxTicksLimit: 8 } }, y: { ...axes, beginAtZero: true, title: { display: true, text: 'ms', color: t.text } } },
      plugins: { legend: { labels: { color: t.text } } },
    },
  };
}

/** Finds the embedded series and draws both charts; redraws when the colour scheme changes. */
export function drawCharts(): void {
  const el = document.getElementById('chart-data');
  if (!el?.textContent) return;
  const series = JSON.parse(el.textContent) as ChartSeries;
  const latencyCanvas = document.getElementById('latency-chart') as HTMLCanvasElement | null;
  let range: Range = '24h';
  const charts: Chart[] = [];

  function render(): void {
    while (charts.length) charts.pop()!.destroy();
    if (latencyCanvas) charts.push(new Chart(latencyCanvas, latencyConfig(series, range)));
  }

  const picker = document.querySelector<HTMLElement>('[data-chart-ranges]');
  if (picker && latencyCanvas) {
    for (const r of RANGES) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = r.label;
      b.dataset.range = r.key;
      b.setAttribute('aria-pressed', String(r.key === range));
      b.addEventListener('click', () => {
        range = r.key;
        picker.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x.dataset.range === range)));
        render();
      });
      picker.append(b);
    }
    picker.hidden = false;
  }
  render();
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
}
