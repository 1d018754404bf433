/**
 * The reconciliation report a supervisor opens after a sync: payments by status, the payments that
 * were edited after submission (drift, never sent) and the quarantined ones, each with its reason.
 * Written as HTML (every piece of text escaped) and as JSON with the same content. The JSON keeps
 * machine forms (ISO time, "None" for the blank status, the stored reasons); the page says the same
 * in a supervisor's words (local time with its zone, "—", field labels, what to do).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  NONE_STATUS,
  PAYMENT_OBJECT,
  PAYMENT_STATUSES,
  REASON_CODES,
  RECALL_STATUS,
  SUBMITTED_STATUS,
  isUnsent,
  statusFromPicklist
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { DRIFT_FIELDS, parseSnapshot, type CycleReport } from './decisions';
import type { SalesforceGateway } from './salesforce';

/** One field of a drifted payment: what was submitted (the payment system pays this) and what the record says now. */
export interface DriftDifference {
  /** the field's label, e.g. "Amount" */
  field: string;
  submitted: string;
  now: string;
}

export interface ReconciliationRow {
  recordId: string;
  name: string | null;
  status: string;
  amount: number | null;
  payee: string | null;
  externalId: string | null;
  /** the stored reason: the sync's drift details or sync error, as written on the record */
  reason: string;
  /** drifted payments: field by field, when what was submitted can be read */
  differences?: DriftDifference[];
  /** quarantined payments: what a person can do about it */
  remedy?: string;
}

export interface Reconciliation {
  /** ISO 8601 UTC, for machines */
  generatedAt: string;
  /** the same moment as a person reads it: local time with its zone, e.g. "Dec 2, 2026, 8:19 AM EST" */
  generatedAtLocal?: string;
  totals: {
    payments: number;
    /** payments the payment system holds (they carry its id) */
    submitted: number;
    drifted: number;
    quarantined: number;
    /** Submitted for Payment but never sent: the sync could not send them (quarantined) */
    neverSent?: number;
    /** Submitted for Payment, not sent yet, nothing wrong: the next cycle sends them */
    awaitingSync?: number;
  };
  countsByStatus: Record<string, number>;
  drifted: ReconciliationRow[];
  quarantined: ReconciliationRow[];
  /** what the payment system holds differently from Salesforce (when it was compared) */
  mismatches: { recordId: string; salesforce: string; paymentSystem: string }[];
  /** whether the statuses were compared with the payment system at all */
  compared?: boolean;
  cycles: Pick<CycleReport, 'cycle' | 'submitted' | 'mirrored' | 'healed' | 'apiCalls'>[];
  /** Salesforce API calls the sync used: the sum over `cycles` */
  apiCalls: number;
  /** Salesforce API calls reading the payments for this report (not part of apiCalls) */
  reportApiCalls?: number;
}

export interface ReconciliationOptions {
  /** IANA time zone the page shows times in (default: this machine's) */
  timeZone?: string;
}

interface ReportRow {
  Id: string;
  Name: string | null;
  Status__c: string | null;
  Amount__c: number | null;
  Payee__c: string | null;
  Vendor_Id__c: string | null;
  Reason_Code__c: string | null;
  External_Payment_Id__c: string | null;
  Drift_Detected__c: boolean | null;
  Sync_Error__c: string | null;
}

interface DriftRowDetails {
  Id: string;
  Drift_Details__c: string | null;
  Submitted_Snapshot__c: string | null;
}

/** What a supervisor can do about a payment the sync set aside, when there is something specific. */
export function quarantineRemedy(
  row: Pick<ReportRow, 'Status__c' | 'External_Payment_Id__c' | 'Sync_Error__c'>
): string | undefined {
  if (isUnsent(row)) {
    return (
      `The payment system never received it. A supervisor can recall it to ${RECALL_STATUS} ` +
      '(on the payment page) so it can be corrected and submitted again.'
    );
  }
  return undefined;
}

/** "Dec 2, 2026, 8:19 AM EST": the moment in the given (or this machine's) time zone, with the zone. */
export function localTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {})
  }).format(new Date(iso));
}

function money(amount: number | null | undefined): string {
  return typeof amount === 'number' && Number.isFinite(amount)
    ? amount.toLocaleString('en-US', { style: 'currency', currency: 'USD' })
    : '';
}

const BLANK = '—';

function text(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? BLANK : value.trim();
}

function reasonCode(code: string | null | undefined): string {
  if (!code) return BLANK;
  return REASON_CODES[code] ? `${code} (${REASON_CODES[code]})` : code;
}

function capitalized(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Field by field, with labels and currency; null when what was submitted cannot be read. */
function differencesOf(record: ReportRow, snapshotJson: string | null): DriftDifference[] | null {
  const snapshot = parseSnapshot(snapshotJson);
  if (snapshot === null) return null;
  const out: DriftDifference[] = [];
  for (const { field, key, label } of DRIFT_FIELDS) {
    let submitted: string;
    let now: string;
    if (key === 'amount') {
      submitted = money(snapshot.amount) || BLANK;
      now = money(record.Amount__c) || BLANK;
    } else if (key === 'reasonCode') {
      submitted = reasonCode(snapshot.reasonCode);
      now = reasonCode(record.Reason_Code__c);
    } else {
      submitted = text(snapshot[key]);
      now = text(record[field]);
    }
    if (submitted !== now) out.push({ field: capitalized(label), submitted, now });
  }
  return out;
}

/** Reads every payment once, page by page, keeping only the counts and the rows a person must see. */
export async function buildReconciliation(
  salesforce: SalesforceGateway,
  cycles: CycleReport[],
  remoteStatusOf?: (recordId: string) => string | null,
  now: Date = new Date(),
  options: ReconciliationOptions = {}
): Promise<Reconciliation> {
  const callsBefore = salesforce.totalCalls;
  const countsByStatus: Record<string, number> = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, 0]));
  const generatedAt = now.toISOString();
  const report: Reconciliation = {
    generatedAt,
    generatedAtLocal: localTime(generatedAt, options.timeZone),
    totals: { payments: 0, submitted: 0, drifted: 0, quarantined: 0, neverSent: 0, awaitingSync: 0 },
    countsByStatus,
    drifted: [],
    quarantined: [],
    mismatches: [],
    compared: remoteStatusOf !== undefined,
    cycles: cycles.map(({ cycle, submitted, mirrored, healed, apiCalls }) => ({
      cycle,
      submitted,
      mirrored,
      healed,
      apiCalls
    })),
    apiCalls: cycles.reduce((sum, c) => sum + c.apiCalls, 0)
  };
  const totals = report.totals as Required<Reconciliation['totals']>;
  // No long text area here: one would cut the page size to 2,000 rows, two to 200. The drifted
  // payments' details and snapshots are read after, for those payments only.
  const soql =
    'SELECT Id, Name, Status__c, Amount__c, Payee__c, Vendor_Id__c, Reason_Code__c, External_Payment_Id__c, ' +
    `Drift_Detected__c, Sync_Error__c FROM ${PAYMENT_OBJECT} ORDER BY Name`;
  const driftedRecords = new Map<string, ReportRow>();
  for await (const page of salesforce.queryPages<ReportRow>('report', soql)) {
    for (const r of page) {
      const status = statusFromPicklist(r.Status__c);
      countsByStatus[status] = (countsByStatus[status] ?? 0) + 1;
      totals.payments++;
      if (r.External_Payment_Id__c) totals.submitted++;
      else if (status === SUBMITTED_STATUS && isUnsent(r)) totals.neverSent++;
      else if (status === SUBMITTED_STATUS && !r.Sync_Error__c) totals.awaitingSync++;
      const row = (reason: string): ReconciliationRow => ({
        recordId: r.Id,
        name: r.Name,
        status,
        amount: r.Amount__c,
        payee: r.Payee__c,
        externalId: r.External_Payment_Id__c,
        reason
      });
      if (r.Drift_Detected__c) {
        report.drifted.push(row('Edited after submission'));
        driftedRecords.set(r.Id, r);
      }
      if (r.Sync_Error__c) {
        const remedy = quarantineRemedy(r);
        report.quarantined.push({ ...row(r.Sync_Error__c), ...(remedy ? { remedy } : {}) });
      }
      const remote = r.External_Payment_Id__c && remoteStatusOf ? remoteStatusOf(r.Id) : null;
      if (remote && remote !== status)
        report.mismatches.push({ recordId: r.Id, salesforce: status, paymentSystem: remote });
    }
  }
  if (driftedRecords.size > 0) {
    const details = await salesforce.retrieve<DriftRowDetails>(
      'report-drift',
      PAYMENT_OBJECT,
      [...driftedRecords.keys()],
      ['Id', 'Drift_Details__c', 'Submitted_Snapshot__c']
    );
    const byId = new Map(details.map((d) => [d.Id, d]));
    for (const row of report.drifted) {
      const detail = byId.get(row.recordId);
      const record = driftedRecords.get(row.recordId);
      if (!detail || !record) continue;
      if (detail.Drift_Details__c) row.reason = detail.Drift_Details__c;
      const differences = differencesOf(record, detail.Submitted_Snapshot__c);
      if (differences !== null) row.differences = differences;
    }
  }
  totals.drifted = report.drifted.length;
  totals.quarantined = report.quarantined.length;
  report.reportApiCalls = salesforce.totalCalls - callsBefore;
  return report;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A status as a supervisor reads it: the blank (None) status is shown blank. */
function statusText(status: string): string {
  return status === NONE_STATUS || status === '' ? BLANK : status;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function paymentCells(r: ReconciliationRow, rowspan = 1): string {
  const span = rowspan > 1 ? ` rowspan="${rowspan}"` : '';
  return (
    `<td${span}>${escapeHtml(r.name ?? r.recordId)}</td><td${span}>${escapeHtml(statusText(r.status))}</td>` +
    `<td${span} class="num">${escapeHtml(money(r.amount) || BLANK)}</td><td${span}>${escapeHtml(text(r.payee))}</td>` +
    `<td${span}>${escapeHtml(text(r.externalId))}</td>`
  );
}

const PAYMENT_HEADERS =
  '<th scope="col">Payment</th><th scope="col">Status</th><th scope="col">Amount</th>' +
  '<th scope="col">Payee</th><th scope="col">Payment system id</th>';

function driftTable(rows: ReconciliationRow[]): string {
  if (rows.length === 0) return '<p class="empty">No payment was edited after submission.</p>';
  const body = rows
    .map((r) => {
      const diffs = r.differences ?? [];
      if (diffs.length === 0) {
        return `<tr>${paymentCells(r)}<td colspan="3">${escapeHtml(r.reason)}</td></tr>`;
      }
      return diffs
        .map(
          (d, i) =>
            `<tr>${i === 0 ? paymentCells(r, diffs.length) : ''}<th scope="row">${escapeHtml(d.field)}</th>` +
            `<td>${escapeHtml(d.submitted)}</td><td class="changed">${escapeHtml(d.now)}</td></tr>`
        )
        .join('\n');
    })
    .join('\n');
  return (
    `<table class="drift"><thead><tr>${PAYMENT_HEADERS}<th scope="col">Field</th>` +
    '<th scope="col">Submitted (what the payment system pays)</th><th scope="col">On the record now</th></tr></thead>' +
    `<tbody>\n${body}\n</tbody></table>`
  );
}

function quarantineTable(rows: ReconciliationRow[]): string {
  if (rows.length === 0) return '<p class="empty">No payment is quarantined.</p>';
  const body = rows
    .map(
      (r) =>
        `<tr>${paymentCells(r)}<td>${escapeHtml(r.reason)}` +
        (r.remedy ? ` <strong class="remedy">${escapeHtml(r.remedy)}</strong>` : '') +
        '</td></tr>'
    )
    .join('\n');
  return (
    `<table class="quarantine"><thead><tr>${PAYMENT_HEADERS}<th scope="col">Reason</th></tr></thead>` +
    `<tbody>\n${body}\n</tbody></table>`
  );
}

function cyclesTable(report: Reconciliation): string {
  if (report.cycles.length === 0) return '<p class="empty">No sync cycle ran.</p>';
  const row = (c: Reconciliation['cycles'][number]): string =>
    `<tr><td>${escapeHtml(c.cycle)}</td><td class="num">${escapeHtml(c.submitted)}</td>` +
    `<td class="num">${escapeHtml(c.mirrored)}</td><td class="num">${escapeHtml(c.healed)}</td>` +
    `<td class="num">${escapeHtml(c.apiCalls)}</td></tr>`;
  const sum = (key: 'submitted' | 'mirrored' | 'healed'): number =>
    report.cycles.reduce((total, c) => total + c[key], 0);
  return (
    '<table class="cycles"><thead><tr><th scope="col">Cycle</th><th scope="col">Sent to the payment system</th>' +
    '<th scope="col">Statuses updated from the payment system</th>' +
    '<th scope="col">Already sent, recorded now</th><th scope="col">Salesforce API calls</th></tr></thead>' +
    `<tbody>\n${report.cycles.map(row).join('\n')}\n</tbody>` +
    `<tfoot><tr><th scope="row">Total</th><td class="num">${escapeHtml(sum('submitted'))}</td>` +
    `<td class="num">${escapeHtml(sum('mirrored'))}</td><td class="num">${escapeHtml(sum('healed'))}</td>` +
    `<td class="num">${escapeHtml(report.apiCalls)}</td></tr></tfoot></table>` +
    '<p class="note"><em>Already sent, recorded now</em>: payments the payment system already held whose ' +
    'Salesforce record had not been updated (the sync was interrupted after sending); the sync filled in the ' +
    'payment system id without sending them again.</p>'
  );
}

function tile(count: number, label: string, warnWhenAbove0: boolean, id: string): string {
  const warn = warnWhenAbove0 && count > 0;
  return (
    `<div class="tile${warn ? ' tile-warn' : ''}" data-tile="${id}"${warn ? ' role="status"' : ''}>` +
    `<strong>${escapeHtml(count.toLocaleString('en-US'))}</strong>${warn ? '⚠ ' : ''}${escapeHtml(label)}</div>`
  );
}

function statusLine(report: Reconciliation): string {
  const held = report.totals.submitted;
  const neverSent = report.totals.neverSent ?? 0;
  const waiting = report.totals.awaitingSync ?? 0;
  const extra = [
    neverSent > 0
      ? `${plural(neverSent, 'payment', 'payments')} Submitted for Payment ${neverSent === 1 ? 'was' : 'were'} ` +
        'never sent to it (see Quarantined).'
      : '',
    waiting > 0
      ? `${plural(waiting, 'payment', 'payments')} Submitted for Payment ${waiting === 1 ? 'waits' : 'wait'} ` +
        'for the next sync cycle.'
      : ''
  ]
    .filter(Boolean)
    .join(' ');
  const tail = extra ? ` ${escapeHtml(extra)}` : '';
  if (report.compared === false) {
    return `<p class="note">Statuses were not compared with the payment system in this run.${tail}</p>`;
  }
  if (report.mismatches.length > 0) {
    return (
      `<p class="warn">⚠ ${escapeHtml(plural(report.mismatches.length, 'payment shows', 'payments show'))} a ` +
      `different status in the payment system; the next sync cycle moves ${report.mismatches.length === 1 ? 'it' : 'them'}.${tail}</p>`
    );
  }
  if (held === 0) {
    return `<p class="note">The payment system holds none of these payments yet.${tail}</p>`;
  }
  const all =
    held === 1
      ? 'The 1 payment the payment system holds shows'
      : `All ${held.toLocaleString('en-US')} payments the payment system holds show`;
  return (
    `<p class="${neverSent > 0 ? 'ok-with-warning' : 'ok'}">${escapeHtml(all)} the same status in Salesforce ` +
    `and in the payment system.${tail}</p>`
  );
}

export function renderReconciliationHtml(report: Reconciliation): string {
  const statusRows = Object.entries(report.countsByStatus)
    .map(
      ([status, count]) =>
        `<tr><td>${escapeHtml(statusText(status))}</td><td class="num">${escapeHtml(count)}</td></tr>`
    )
    .join('\n');
  const when = report.generatedAtLocal ?? localTime(report.generatedAt);
  const reportCalls =
    report.reportApiCalls !== undefined
      ? ` Reading this report took ${escapeHtml(plural(report.reportApiCalls, 'more call', 'more calls'))}.`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment reconciliation</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #181818; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin-top: .5rem; }
th, td { border: 1px solid #c9c9c9; padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } .num { text-align: right; } td.changed { background: #fef1e6; }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; }
.tile { border: 1px solid #c9c9c9; border-radius: .25rem; padding: .6rem 1rem; min-width: 8rem; }
.tile strong { display: block; font-size: 1.4rem; }
.tile-warn { border: 2px solid #dd7a01; background: #fef1e6; color: #8c4b02; font-weight: 600; }
.warn { color: #8c4b02; } .ok { color: #2e844a; } .ok-with-warning { color: #181818; }
.empty, .note { color: #5c5c5c; } .remedy { display: block; margin-top: .25rem; color: #8c4b02; }
</style>
</head>
<body>
<h1>Payment reconciliation</h1>
<p>Generated ${escapeHtml(when)}. Salesforce API calls used by the sync: ${escapeHtml(report.apiCalls.toLocaleString('en-US'))} (every cycle below).${reportCalls}</p>
<div class="summary">
${tile(report.totals.payments, 'payments', false, 'payments')}
${tile(report.totals.submitted, 'in the payment system', false, 'held')}
${tile(report.totals.neverSent ?? 0, 'submitted, never sent', true, 'never-sent')}
${tile(report.totals.drifted, 'edited after submission', true, 'drifted')}
${tile(report.totals.quarantined, 'quarantined', true, 'quarantined')}
${report.compared === false ? '' : tile(report.mismatches.length, 'status differences', true, 'mismatches')}
</div>
${statusLine(report)}
<h2>Payments by status</h2>
<table><thead><tr><th scope="col">Status</th><th scope="col">Payments</th></tr></thead>
<tbody>
${statusRows}
</tbody></table>
<h2>Edited after submission (not sent to the payment system)</h2>
<p>These records were changed after they were submitted. The payment system still holds the submitted values; to change a payment, ask for a void or recoup in the payment system.</p>
${driftTable(report.drifted)}
<h2>Quarantined</h2>
<p>The sync set these aside. Each is tried again every cycle until the reason is fixed; a payment the payment system never received stays locked until a supervisor recalls it.</p>
${quarantineTable(report.quarantined)}
<h2>Sync cycles</h2>
${cyclesTable(report)}
</body>
</html>
`;
}

/** Writes reports/reconciliation.html and .json; returns their paths. */
export function writeReconciliation(report: Reconciliation, dir: string): { html: string; json: string } {
  fs.mkdirSync(dir, { recursive: true });
  const html = path.join(dir, 'reconciliation.html');
  const json = path.join(dir, 'reconciliation.json');
  fs.writeFileSync(html, renderReconciliationHtml(report));
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { html, json };
}
