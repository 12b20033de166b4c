// GET /status: the operator's one-glance page. Server-rendered HTML and SVG only:
// no scripts, no external fonts or styles (the CSP header says so too).
import { Router } from 'express';
import { escapeHtml } from '../escape-html.js';
import { hasAdminToken } from './api-routes.js';
import type { StoreSize } from '../store/store.js';
import type { ServerDeps } from './server-deps.js';
import { sourceReports, type DayCount, type DayRuns, type SourceReport } from './source-report.js';

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

export function renderStatusPage(title: string, rows: { report: SourceReport; perDay: DayCount[]; runsPerDay?: DayRuns[] }[], now: Date, size?: StoreSize): string {
  const failing = rows.filter((r) => r.report.lastRun?.status === 'failed').length;
  const unhealthy = rows.filter((r) => r.report.health !== null && r.report.health !== 'ok').length;
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
svg.chart rect.failed-runs { fill: #b3261e; } svg.chart rect.degraded-runs { fill: #d98a00; }
td.health { white-space: nowrap; } td.health .word { font-weight: 600; } .reason { font-size: 12px; max-width: 22rem; white-space: normal; color: #444; }
.health-ok .word { color: #17692f; } .health-empty .word, .health-degraded .word { color: #9a5b00; }
.health-blocked .word, .health-unreachable .word, .health-broken .word, .health-misconfigured .word { color: #b3261e; }
.health-ok::before, .health-empty::before, .health-degraded::before, .health-blocked::before, .health-unreachable::before, .health-broken::before, .health-misconfigured::before { content: ""; display: inline-block; width: .7em; height: .7em; border-radius: 50%; margin-right: .35em; background: currentColor; }
td.health-ok::before { background: #17692f; } td.health-empty::before, td.health-degraded::before { background: #d98a00; }
td.health-blocked::before, td.health-unreachable::before, td.health-broken::before, td.health-misconfigured::before { background: #b3261e; }
</style>
</head><body>
<h1>${escapeHtml(title)} — status</h1>
<p>${rows.length} sources, ${failing} failing, ${unhealthy} not healthy. Generated ${escapeHtml(now.toISOString())}. <a href="/api/sources">JSON</a> · <a href="/metrics">metrics</a> · <a href="/feeds/_health.atom">health alerts feed</a></p>
${size ? storeLine(size) : ''}
<table id="sources">
<thead><tr><th>Source</th><th>Health</th><th>Type</th><th>Schedule</th><th>Status</th><th>Last run</th><th>Next run</th>
<th>New</th><th>Updated</th><th>Failed</th><th>Runs</th><th>Failures in a row</th><th>Stories</th><th>24 h</th><th>Stories per day (${CHART_DAYS} days)</th></tr></thead>
<tbody>
${rows.map((r) => sourceRow(r.report, r.perDay, r.runsPerDay ?? [])).join('\n')}
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

/** The health word in its colour, the reason in plain words, since when, and the pause. */
function healthCell(r: SourceReport): string {
  if (!r.health) return '<td class="health health-none">—</td>';
  const since = r.since ? `<div class="reason">since ${time(r.since)}</div>` : '';
  const paused = r.pausedUntil ? `<div class="reason">paused until ${time(r.pausedUntil)}</div>` : '';
  const example = r.example && r.health !== 'ok' ? `<div class="reason">e.g. ${escapeHtml(r.example)}</div>` : '';
  return `<td class="health health-${r.health}"><span class="word">${escapeHtml(r.health)}</span><div class="reason">${escapeHtml(r.reason ?? '')}</div>${example}${since}${paused}</td>`;
}

function sourceRow(r: SourceReport, perDay: DayCount[], runsPerDay: DayRuns[]): string {
  const last = r.lastRun;
  const status = !r.enabled ? 'disabled' : (last?.status ?? 'never run');
  const cls = !r.enabled ? 'disabled' : (last?.status ?? 'running');
  const num = (n: number | undefined) => `<td class="num">${n ?? ''}</td>`;
  return `<tr data-source="${escapeHtml(r.id)}">
<td><a href="/feeds/${escapeHtml(r.id)}">${escapeHtml(r.id)}</a></td>${healthCell(r)}<td>${escapeHtml(r.type)}</td><td><code>${escapeHtml(r.schedule)}</code></td>
<td class="${cls}">${escapeHtml(status)}${last?.error ? `<div class="error">${escapeHtml(last.error)}</div>` : ''}</td>
<td>${time(last?.finishedAt ?? last?.startedAt ?? null)}</td><td>${time(r.nextRun)}</td>
${num(last?.new)}${num(last?.updated)}${num(last?.failed)}${num(r.runs)}${num(r.consecutiveFailures)}${num(r.stories)}${num(r.stories24h)}
<td>${storiesChart(r.id, perDay, runsPerDay)}</td>
</tr>`;
}

function time(iso: string | null): string {
  return iso ? `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC</time>` : '—';
}

const BAR = 10;
const GAP = 2;
const HEIGHT = 40;
const MARK = 4;

/**
 * A bar per day, scaled to the busiest day; each bar has a <title> tooltip. Days with
 * failed (red) or degraded (amber) runs get a mark under their bar.
 */
export function storiesChart(sourceId: string, perDay: DayCount[], runsPerDay: readonly DayRuns[] = []): string {
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const width = perDay.length * (BAR + GAP);
  const runs = new Map(runsPerDay.map((d) => [d.day, d]));
  const marked = runsPerDay.some((d) => d.failed + d.degraded > 0);
  const height = HEIGHT + (marked ? MARK + GAP : 0);
  const bars = perDay.map((d, i) => {
    // An empty day still shows a 1-pixel stub, so the time axis stays readable.
    const h = d.count === 0 ? 1 : Math.max(2, Math.round((d.count / max) * (HEIGHT - 2)));
    const x = i * (BAR + GAP);
    const day = runs.get(d.day);
    const bad = day && day.failed + day.degraded > 0 ? day : null;
    const note = bad ? `; ${bad.failed} failed, ${bad.degraded} degraded runs` : '';
    const mark = bad ? `<rect class="${bad.failed ? 'failed-runs' : 'degraded-runs'}" x="${x}" y="${HEIGHT + GAP}" width="${BAR}" height="${MARK}"><title>${d.day}${note}</title></rect>` : '';
    return `<rect class="${d.count ? 'bar' : 'empty'}" x="${x}" y="${HEIGHT - h}" width="${BAR}" height="${h}"><title>${d.day}: ${d.count}${note}</title></rect>${mark}`;
  });
  const total = perDay.reduce((n, d) => n + d.count, 0);
  const failed = runsPerDay.reduce((n, d) => n + d.failed, 0);
  const degraded = runsPerDay.reduce((n, d) => n + d.degraded, 0);
  const runNote = failed + degraded > 0 ? `; ${failed} failed and ${degraded} degraded runs` : '';
  const label = `Stories per day for ${sourceId}: ${total} in ${perDay.length} days${runNote}`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${bars.join('')}</svg>`;
}
