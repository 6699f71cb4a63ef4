/** Draws the SLA trend from the JSON the server embedded; the page is complete without it (table fallback). */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

interface Trend {
  months: string[];
  series: { slug: string; name: string; target: number; values: (number | null)[] }[];
}

const PALETTE = ['#1f6feb', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#0a7a84', '#9a6700', '#6e7781'];

export function drawSlaTrend(): void {
  const canvas = document.getElementById('sla-trend-canvas') as HTMLCanvasElement | null;
  const data = document.getElementById('sla-trend-data');
  if (!canvas || !data?.textContent) return;
  const trend = JSON.parse(data.textContent) as Trend;
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const text = dark ? '#e6edf3' : '#1b1f24';
  const grid = dark ? '#30363d' : '#d0d7de';
  const all = trend.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const low = all.length ? Math.min(...all, ...trend.series.map((s) => s.target)) : 99;
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: trend.months,
      datasets: trend.series.map((s, i) => ({
        label: s.name,
        data: s.values,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        pointStyle: (['circle', 'rect', 'triangle', 'rectRot', 'star', 'cross'] as const)[i % 6],
        pointRadius: 4,
        spanGaps: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { suggestedMin: Math.floor(low * 10) / 10 - 0.05, max: 100, ticks: { color: text, callback: (v) => `${v}%` }, grid: { color: grid } },
        x: { ticks: { color: text }, grid: { color: grid } },
      },
      plugins: {
        legend: { labels: { color: text, usePointStyle: true } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y === null ? 'no data' : `${c.parsed.y.toFixed(3)}%`}` } },
      },
    },
  });
  canvas.dataset.ready = String(chart.data.datasets.length);
}
