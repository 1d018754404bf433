/**
 * The what-if report: a self-contained HTML page (tables and inline SVG charts: queue depth over time,
 * waits per program and step, load per person) and the few lines printed to the terminal. Every piece of
 * text that reaches the HTML is escaped, names from rosters and forecasts included. Pure functions.
 */
import type { Recommendation, Recommendations } from './recommendations';
import type { GroupSummary, SimulationSummary } from './summary';

export interface ReportInputs {
  configSource: string;
  rosterSource: string;
  forecastSource: string;
  presenceSource: string;
  generatedAt: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Hours as a person reads them: seconds, minutes, hours or days. */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return '∞';
  if (hours < 1 / 60) return `${Math.round(hours * 3600)} s`;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;
}

function number(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function effect(r: Recommendation): string {
  const parts = [
    `worst p90 wait ${formatHours(r.before.worstP90Hours)} → ${formatHours(r.after.worstP90Hours)}`
  ];
  if (r.before.emergenciesMissed > 0 || r.after.emergenciesMissed > 0) {
    parts.push(
      `emergencies missed ${number(r.before.emergenciesMissed, 1)} → ${number(r.after.emergenciesMissed, 1)}`
    );
  }
  parts.push(
    `mean time in Awaiting Assignment ${formatHours(r.awaitingBefore)} → ${formatHours(r.awaitingAfter)}`
  );
  return parts.join(', ');
}

/** The terminal summary: the worst waits, emergencies, the top recommendation. */
export function renderSummaryText(
  summary: SimulationSummary,
  recommendations: Recommendations | null,
  reportPath: string | null
): string {
  const lines: string[] = [];
  const cases = summary.groups.reduce((sum, g) => sum + g.requests + g.manual, 0);
  lines.push(
    `Routing what-if: ${number(summary.horizonDays - summary.warmupDays)} days after ${number(summary.warmupDays)} warm-up, ` +
      `${summary.replications} replication${summary.replications === 1 ? '' : 's'}, ${summary.staff} staff, ${number(cases)} routings per replication`
  );
  lines.push('Worst waits (time from routing to acceptance):');
  for (const g of summary.groups.slice(0, 3)) {
    lines.push(
      `  ${`${g.program} ${g.step}`.padEnd(22)} p90 ${formatHours(g.timeToAcceptance.p90).padEnd(8)} median ${formatHours(g.timeToAcceptance.p50).padEnd(8)} p99 ${formatHours(g.timeToAcceptance.p99).padEnd(8)} ${percent(g.awaitedShare)} waited in Awaiting Assignment`
    );
  }
  if (summary.emergencies.length > 0) {
    lines.push(
      'Emergencies answered in time: ' +
        summary.emergencies
          .map(
            (e) =>
              `${e.level} within ${e.respondWithinHours} h ${percent(e.shareInTime.mean)} (${number(e.missed, 1)} missed per run)`
          )
          .join('; ')
    );
  }
  if (recommendations) {
    const top = [recommendations.skillGrant, recommendations.hire].filter(
      (r): r is Recommendation => r !== null
    );
    if (top.length === 0)
      lines.push(`Recommendation: none of ${recommendations.tried} single changes tried helps.`);
    if (recommendations.skillGrant) {
      lines.push(
        `Best skill grant: ${recommendations.skillGrant.description}: ${effect(recommendations.skillGrant)}`
      );
    }
    if (recommendations.hire)
      lines.push(`Best hire: ${recommendations.hire.description}: ${effect(recommendations.hire)}`);
  }
  if (!summary.little.holds) {
    lines.push(`WARNING: Little's law off by ${percent(summary.little.worstRelativeError)} on a run`);
  }
  if (reportPath) lines.push(`Report: ${reportPath} (and .json)`);
  return lines.join('\n');
}

// ---- charts ------------------------------------------------------------------------------------------

const COLORS = { awaiting: '#c23934', waiting: '#0176d3', p50: '#7fb0e3', p90: '#0176d3', p99: '#032d60' };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

/** Queue depth over time: mean cases in Awaiting Assignment and cases not yet accepted. */
export function depthChart(summary: SimulationSummary): string {
  const width = 760;
  const height = 240;
  const left = 48;
  const bottom = 28;
  const plotW = width - left - 28;
  const plotH = height - bottom - 12;
  const { awaiting, waiting, intervalHours } = summary.depth;
  const top = niceMax(Math.max(1, ...waiting, ...awaiting));
  const days = summary.horizonDays;
  const x = (i: number) => left + ((i + 0.5) * intervalHours * plotW) / (days * 24);
  const y = (v: number) => 12 + plotH - (v / top) * plotH;
  const path = (series: number[]) =>
    series.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    ticks.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(number(v, v < 10 && v % 1 ? 1 : 0))}</text>`
    );
  }
  const dayStep = days > 60 ? 30 : 7;
  for (let d = 0; d <= days; d += dayStep) {
    const px = left + (d / days) * plotW;
    ticks.push(`<text x="${px}" y="${height - 8}" text-anchor="middle">day ${d}</text>`);
  }
  const warm =
    summary.warmupDays > 0
      ? `<rect x="${left}" y="12" width="${(summary.warmupDays / days) * plotW}" height="${plotH}" fill="#f3f3f3"/><text x="${left + 4}" y="26">warm-up</text>`
      : '';
  return `<svg class="chart" role="img" aria-label="Queue depth over time" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${warm}${ticks.join('')}
<path d="${path(waiting)}" fill="none" stroke="${COLORS.waiting}" stroke-width="1.5"/>
<path d="${path(awaiting)}" fill="none" stroke="${COLORS.awaiting}" stroke-width="2"/>
</svg>
<p class="legend"><span style="color:${COLORS.awaiting}">■</span> in Awaiting Assignment &nbsp; <span style="color:${COLORS.waiting}">■</span> not yet accepted (Awaiting Assignment + offered)</p>`;
}

/** Time to acceptance per program and step: bars to p90, marks at the median and p99 (log scale). */
export function waitChart(groups: readonly GroupSummary[]): string {
  const rowH = 22;
  const left = 170;
  const width = 760;
  const plotW = width - left - 20;
  const height = groups.length * rowH + 40;
  const values = groups.flatMap((g) => [
    g.timeToAcceptance.p50,
    g.timeToAcceptance.p90,
    g.timeToAcceptance.p99
  ]);
  const minLog = Math.log10(1 / 60); // one minute
  const maxLog = Math.max(Math.log10(niceMax(Math.max(1, ...values))), minLog + 1);
  const x = (hours: number) =>
    left + ((Math.max(Math.log10(Math.max(hours, 1 / 60)), minLog) - minLog) / (maxLog - minLog)) * plotW;
  const rows = groups.map((g, i) => {
    const cy = 10 + i * rowH + rowH / 2;
    const t = g.timeToAcceptance;
    return `<text x="${left - 8}" y="${cy + 4}" text-anchor="end">${escapeHtml(`${g.program} ${g.step}`)}</text>
<rect x="${left}" y="${cy - 6}" width="${Math.max(1, x(t.p90) - left).toFixed(1)}" height="12" fill="${COLORS.p90}"><title>${escapeHtml(`p90 ${formatHours(t.p90)}`)}</title></rect>
<line x1="${x(t.p50).toFixed(1)}" x2="${x(t.p50).toFixed(1)}" y1="${cy - 8}" y2="${cy + 8}" stroke="${COLORS.p50}" stroke-width="3"><title>${escapeHtml(`median ${formatHours(t.p50)}`)}</title></line>
<circle cx="${x(t.p99).toFixed(1)}" cy="${cy}" r="4" fill="${COLORS.p99}"><title>${escapeHtml(`p99 ${formatHours(t.p99)}`)}</title></circle>`;
  });
  const axis: string[] = [];
  for (const [label, hours] of [
    ['1 min', 1 / 60],
    ['10 min', 1 / 6],
    ['1 h', 1],
    ['8 h', 8],
    ['1 d', 24],
    ['1 wk', 168],
    ['4 wk', 672]
  ] as const) {
    if (Math.log10(hours) > maxLog) continue;
    const px = x(hours);
    axis.push(
      `<line x1="${px}" x2="${px}" y1="6" y2="${height - 26}" stroke="#e5e5e5"/><text x="${px}" y="${height - 10}" text-anchor="middle">${label}</text>`
    );
  }
  return `<svg class="chart" role="img" aria-label="Time to acceptance per program and step" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${axis.join('')}${rows.join('')}
</svg>
<p class="legend"><span style="color:${COLORS.p90}">■</span> bar to p90 &nbsp; <span style="color:${COLORS.p50}">|</span> median &nbsp; <span style="color:${COLORS.p99}">●</span> p99 (logarithmic scale)</p>`;
}

/** Mean load per person against capacity. */
export function loadChart(summary: SimulationSummary): string {
  const rowH = 20;
  const left = 170;
  const width = 760;
  const plotW = width - left - 70;
  const height = summary.people.length * rowH + 16;
  const rows = summary.people.map((p, i) => {
    const cy = 8 + i * rowH + rowH / 2;
    const w = Math.min(1, p.utilisation) * plotW;
    const peak = Math.min(1, p.peakLoad / p.capacity) * plotW;
    return `<text x="${left - 8}" y="${cy + 4}" text-anchor="end">${escapeHtml(p.name || p.username)}</text>
<rect x="${left}" y="${cy - 6}" width="${plotW}" height="12" fill="#f3f3f3"/>
<rect x="${left}" y="${cy - 6}" width="${w.toFixed(1)}" height="12" fill="${p.utilisation > 0.9 ? COLORS.awaiting : COLORS.waiting}"/>
<line x1="${(left + peak).toFixed(1)}" x2="${(left + peak).toFixed(1)}" y1="${cy - 8}" y2="${cy + 8}" stroke="#032d60" stroke-width="2"/>
<text x="${left + plotW + 6}" y="${cy + 4}">${escapeHtml(percent(p.utilisation))}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="Load per person" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>
<p class="legend">bar: mean accepted + offered cases ÷ capacity; mark: peak</p>`;
}

function table(headers: string[], rows: string[][], numericFrom = 1): string {
  const head = headers
    .map((h, i) => `<th${i >= numericFrom ? ' class="n"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function recommendationBlock(title: string, r: Recommendation | null, tried: number): string {
  if (!r)
    return `<h3>${escapeHtml(title)}</h3><p>None of the ${tried} single changes simulated improves on the roster.</p>`;
  return `<h3>${escapeHtml(title)}</h3><p class="rec"><strong>${escapeHtml(r.description)}</strong></p>
${table(
  ['', 'now', 'with the change'],
  [
    [
      'worst p90 time to acceptance',
      `${formatHours(r.before.worstP90Hours)} (${r.before.worstGroup ?? '-'})`,
      `${formatHours(r.after.worstP90Hours)} (${r.after.worstGroup ?? '-'})`
    ],
    [
      'emergencies missed per run',
      number(r.before.emergenciesMissed, 1),
      number(r.after.emergenciesMissed, 1)
    ],
    ['mean time in Awaiting Assignment', formatHours(r.awaitingBefore), formatHours(r.awaitingAfter)]
  ]
)}`;
}

export function renderHtml(
  summary: SimulationSummary,
  recommendations: Recommendations | null,
  inputs: ReportInputs
): string {
  const groups = table(
    [
      'Program / step',
      'Routed',
      'Manual',
      'Still waiting',
      'Median',
      'p90 (95% CI)',
      'p99',
      'Waited in Awaiting Assignment',
      'Awaiting p90',
      'Awaiting p99'
    ],
    summary.groups.map((g) => [
      `${g.program} ${g.step}`,
      number(g.requests, 1),
      number(g.manual, 1),
      number(g.stillWaiting, 1),
      formatHours(g.timeToAcceptance.p50),
      `${formatHours(g.timeToAcceptance.p90)} (${formatHours(Math.max(0, g.p90Interval.low))}–${formatHours(g.p90Interval.high)})`,
      formatHours(g.timeToAcceptance.p99),
      percent(g.awaitedShare),
      formatHours(g.awaitingAssignment.p90),
      formatHours(g.awaitingAssignment.p99)
    ])
  );
  const emergencies = summary.emergencies.length
    ? table(
        ['Emergency level', 'Clock', 'Due per run', 'Answered in time', 'Missed', 'Share in time (95% CI)'],
        summary.emergencies.map((e) => [
          e.level,
          `${e.respondWithinHours} h`,
          number(e.due, 1),
          number(e.answeredInTime, 1),
          number(e.missed, 1),
          `${percent(e.shareInTime.mean)} (${percent(Math.max(0, e.shareInTime.low))}–${percent(Math.min(1, e.shareInTime.high))})`
        ])
      )
    : '<p>No emergencies in the forecast.</p>';
  const people = table(
    ['Person', 'Capacity', 'Accepted per run', 'Manual', 'Mean load', 'Peak', 'Utilisation', 'Available'],
    summary.people.map((p) => [
      p.name || p.username,
      String(p.capacity),
      number(p.accepted, 1),
      number(p.manualAssigned, 1),
      number(p.meanLoad, 1),
      String(p.peakLoad),
      percent(p.utilisation),
      percent(p.availableShare)
    ])
  );
  const recs = recommendations
    ? recommendationBlock('Best single skill grant', recommendations.skillGrant, recommendations.tried) +
      recommendationBlock('Best single added hire', recommendations.hire, recommendations.tried)
    : '<p>Recommendations were not computed (--no-recommend).</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Routing what-if</title>
<style>
body{font-family:"Salesforce Sans",Arial,sans-serif;margin:24px;color:#181818;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:#555;font-size:13px}.chart text{font-size:11px;fill:#333}.legend{font-size:12px;color:#555;margin:2px 0 12px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{padding:4px 8px;border-bottom:1px solid #eee;text-align:left}td.n,th.n{text-align:right}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:180px}.card b{display:block;font-size:20px}
.rec{font-size:15px}
</style></head><body>
<h1>Routing what-if</h1>
<p class="meta">${escapeHtml(
    `${number(summary.horizonDays - summary.warmupDays)} days simulated after ${number(summary.warmupDays)} days of warm-up, ${summary.replications} replication${summary.replications === 1 ? '' : 's'} (seeds ${summary.seeds.join(', ')}), ${summary.staff} staff. Routing ${inputs.configSource}; roster ${inputs.rosterSource}; forecast ${inputs.forecastSource}; presence ${inputs.presenceSource}. Generated ${inputs.generatedAt}.`
  )}</p>
<div class="cards">
<div class="card">worst p90 time to acceptance<b>${escapeHtml(formatHours(summary.objective.worstP90Hours))}</b>${escapeHtml(summary.objective.worstGroup ?? '')}</div>
<div class="card">emergencies missed per run<b>${escapeHtml(number(summary.objective.emergenciesMissed, 1))}</b>&nbsp;</div>
<div class="card">Little's law, worst run<b>${escapeHtml(percent(summary.little.worstRelativeError))}</b>${summary.little.holds ? 'within 2%' : 'NOT within 2%'}</div>
</div>
<h2>Recommendations</h2>
${recs}
<h2>Queue depth over time</h2>
${depthChart(summary)}
<h2>Time to acceptance by program and step</h2>
${waitChart(summary.groups)}
${groups}
<p class="legend">Times run from the routing request (a case entering the step) to acceptance. Cases still waiting at the end count with the time they had waited so far.</p>
<h2>EAP emergencies</h2>
${emergencies}
<h2>Load per person</h2>
${loadChart(summary)}
${people}
</body></html>
`;
}
