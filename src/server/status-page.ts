// GET /status: the operator's one-glance page. Server-rendered HTML and SVG only:
// no scripts, no external fonts or styles (the CSP header says so too).
import { Router } from 'express';
import { escapeHtml } from '../escape-html.js';
import { hasAdminToken } from './api-routes.js';
import type { StoreSize } from '../store/store.js';
import type { ServerDeps } from './server-deps.js';
import { sourceReports, type DayCount, type SourceReport } from './source-report.js';

export const CHART_DAYS = 14;

export function statusPage(deps: ServerDeps): Router {
  const router = Router();
  router.get('/status', async (req, res) => {
    const now = deps.clock.now();
    const rows = await sourceReports(deps, now, { days: CHART_DAYS, fullErrors: hasAdminToken(deps.adminToken, req.get('authorization')) });
    const size = await deps.storeSize?.().catch((err: unknown) => void deps.log.warn({ err }, 'store size not read'));
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .type('html')
      .send(renderStatusPage(deps.config.global.title, rows, now, size ?? undefined));
  });
  return router;
}

export function renderStatusPage(title: string, rows: { report: SourceReport; perDay: DayCount[] }[], now: Date, size?: StoreSize): string {
  const failing = rows.filter((r) => r.report.lastRun?.status === 'failed').length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #17692f; } .failed { color: #b3261e; font-weight: 600; } .running, .disabled { color: #666; }
.error { color: #b3261e; font-size: 12px; max-width: 24rem; overflow-wrap: anywhere; }
svg.chart rect.bar { fill: #3b6ea5; } svg.chart rect.empty { fill: #e3e3e3; }
</style>
</head><body>
<h1>${escapeHtml(title)} — status</h1>
<p>${rows.length} sources, ${failing} failing. Generated ${escapeHtml(now.toISOString())}. <a href="/api/sources">JSON</a> · <a href="/metrics">metrics</a></p>
${size ? storeLine(size) : ''}
<table id="sources">
<thead><tr><th>Source</th><th>Type</th><th>Schedule</th><th>Status</th><th>Last run</th><th>Next run</th>
<th>New</th><th>Updated</th><th>Failed</th><th>Runs</th><th>Failures in a row</th><th>Stories</th><th>24 h</th><th>Stories per day (${CHART_DAYS} days)</th></tr></thead>
<tbody>
${rows.map((r) => sourceRow(r.report, r.perDay)).join('\n')}
</tbody>
</table>
</body></html>`;
}

/** The store's size and rows (retention keeps them level: README "Operating for months"). */
function storeLine(size: StoreSize): string {
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  const rows = Object.entries(size.rows).map(([table, n]) => `${escapeHtml(table)} ${n}`).join(' · ');
  return `<p id="store">Store: ${mib(size.bytes)}${size.freeBytes ? ` (${mib(size.freeBytes)} free)` : ''}; rows: ${rows}</p>`;
}

function sourceRow(r: SourceReport, perDay: DayCount[]): string {
  const last = r.lastRun;
  const status = !r.enabled ? 'disabled' : (last?.status ?? 'never run');
  const cls = !r.enabled ? 'disabled' : (last?.status ?? 'running');
  const num = (n: number | undefined) => `<td class="num">${n ?? ''}</td>`;
  return `<tr data-source="${escapeHtml(r.id)}">
<td><a href="/feeds/${escapeHtml(r.id)}">${escapeHtml(r.id)}</a></td><td>${escapeHtml(r.type)}</td><td><code>${escapeHtml(r.schedule)}</code></td>
<td class="${cls}">${escapeHtml(status)}${last?.error ? `<div class="error">${escapeHtml(last.error)}</div>` : ''}</td>
<td>${time(last?.finishedAt ?? last?.startedAt ?? null)}</td><td>${time(r.nextRun)}</td>
${num(last?.new)}${num(last?.updated)}${num(last?.failed)}${num(r.runs)}${num(r.consecutiveFailures)}${num(r.stories)}${num(r.stories24h)}
<td>${storiesChart(r.id, perDay)}</td>
</tr>`;
}

function time(iso: string | null): string {
  return iso ? `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC</time>` : '—';
}

const BAR = 10;
const GAP = 2;
const HEIGHT = 40;

/** A bar per day, scaled to the busiest day; each bar has a <title> tooltip. */
export function storiesChart(sourceId: string, perDay: DayCount[]): string {
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const width = perDay.length * (BAR + GAP);
  const bars = perDay.map((d, i) => {
    // An empty day still shows a 1-pixel stub, so the time axis stays readable.
    const h = d.count === 0 ? 1 : Math.max(2, Math.round((d.count / max) * (HEIGHT - 2)));
    const x = i * (BAR + GAP);
    return `<rect class="${d.count ? 'bar' : 'empty'}" x="${x}" y="${HEIGHT - h}" width="${BAR}" height="${h}"><title>${d.day}: ${d.count}</title></rect>`;
  });
  const total = perDay.reduce((n, d) => n + d.count, 0);
  const label = `Stories per day for ${sourceId}: ${total} in ${perDay.length} days`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">${bars.join('')}</svg>`;
}
