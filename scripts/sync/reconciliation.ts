/**
 * The reconciliation report a supervisor opens after a sync: payments by status, the payments that
 * were edited after submission (drift, never sent) and the quarantined ones, each with its reason.
 * Written as HTML (every piece of text escaped) and as JSON with the same content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  PAYMENT_OBJECT,
  PAYMENT_STATUSES,
  statusFromPicklist
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import type { CycleReport } from './decisions';
import type { SalesforceGateway } from './salesforce';

export interface ReconciliationRow {
  recordId: string;
  name: string | null;
  status: string;
  amount: number | null;
  payee: string | null;
  externalId: string | null;
  reason: string;
}

export interface Reconciliation {
  generatedAt: string;
  totals: { payments: number; submitted: number; drifted: number; quarantined: number };
  countsByStatus: Record<string, number>;
  drifted: ReconciliationRow[];
  quarantined: ReconciliationRow[];
  /** what the payment system holds differently from Salesforce (when it was compared) */
  mismatches: { recordId: string; salesforce: string; paymentSystem: string }[];
  cycles: Pick<CycleReport, 'cycle' | 'submitted' | 'mirrored' | 'healed' | 'apiCalls'>[];
  apiCalls: number;
}

interface ReportRow {
  Id: string;
  Name: string | null;
  Status__c: string | null;
  Amount__c: number | null;
  Payee__c: string | null;
  External_Payment_Id__c: string | null;
  Drift_Detected__c: boolean | null;
  Drift_Details__c: string | null;
  Sync_Error__c: string | null;
}

/** Reads every payment once, page by page, keeping only the counts and the rows a person must see. */
export async function buildReconciliation(
  salesforce: SalesforceGateway,
  cycles: CycleReport[],
  remoteStatusOf?: (recordId: string) => string | null,
  now: Date = new Date()
): Promise<Reconciliation> {
  const countsByStatus: Record<string, number> = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, 0]));
  const report: Reconciliation = {
    generatedAt: now.toISOString(),
    totals: { payments: 0, submitted: 0, drifted: 0, quarantined: 0 },
    countsByStatus,
    drifted: [],
    quarantined: [],
    mismatches: [],
    cycles: cycles.map(({ cycle, submitted, mirrored, healed, apiCalls }) => ({
      cycle,
      submitted,
      mirrored,
      healed,
      apiCalls
    })),
    apiCalls: cycles.reduce((sum, c) => sum + c.apiCalls, 0)
  };
  const soql =
    'SELECT Id, Name, Status__c, Amount__c, Payee__c, External_Payment_Id__c, Drift_Detected__c, ' +
    `Drift_Details__c, Sync_Error__c FROM ${PAYMENT_OBJECT} ORDER BY Name`;
  for await (const page of salesforce.queryPages<ReportRow>('report', soql)) {
    for (const r of page) {
      const status = statusFromPicklist(r.Status__c);
      countsByStatus[status] = (countsByStatus[status] ?? 0) + 1;
      report.totals.payments++;
      if (r.External_Payment_Id__c) report.totals.submitted++;
      const row = (reason: string): ReconciliationRow => ({
        recordId: r.Id,
        name: r.Name,
        status,
        amount: r.Amount__c,
        payee: r.Payee__c,
        externalId: r.External_Payment_Id__c,
        reason
      });
      if (r.Drift_Detected__c) report.drifted.push(row(r.Drift_Details__c ?? 'Edited after submission'));
      if (r.Sync_Error__c) report.quarantined.push(row(r.Sync_Error__c));
      const remote = r.External_Payment_Id__c && remoteStatusOf ? remoteStatusOf(r.Id) : null;
      if (remote && remote !== status)
        report.mismatches.push({ recordId: r.Id, salesforce: status, paymentSystem: remote });
    }
  }
  report.totals.drifted = report.drifted.length;
  report.totals.quarantined = report.quarantined.length;
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

function money(amount: number | null): string {
  return amount === null
    ? ''
    : `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function table(rows: ReconciliationRow[], reasonLabel: string, empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name ?? r.recordId)}</td><td>${escapeHtml(r.status)}</td>` +
        `<td class="num">${escapeHtml(money(r.amount))}</td><td>${escapeHtml(r.payee ?? '')}</td>` +
        `<td>${escapeHtml(r.externalId ?? '')}</td><td>${escapeHtml(r.reason)}</td></tr>`
    )
    .join('\n');
  return (
    '<table><thead><tr><th scope="col">Payment</th><th scope="col">Status</th><th scope="col">Amount</th>' +
    `<th scope="col">Payee</th><th scope="col">Payment system id</th><th scope="col">${escapeHtml(reasonLabel)}</th></tr></thead>` +
    `<tbody>\n${body}\n</tbody></table>`
  );
}

export function renderReconciliationHtml(report: Reconciliation): string {
  const statusRows = Object.entries(report.countsByStatus)
    .map(
      ([status, count]) => `<tr><td>${escapeHtml(status)}</td><td class="num">${escapeHtml(count)}</td></tr>`
    )
    .join('\n');
  const mismatch =
    report.mismatches.length === 0
      ? '<p class="ok">Every submitted payment shows the same status in Salesforce and in the payment system.</p>'
      : `<p class="warn">${escapeHtml(report.mismatches.length)} payments show a different status in the payment system; the next sync cycle moves them.</p>`;
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
th { background: #f3f3f3; } .num { text-align: right; }
.summary { display: flex; gap: 1.5rem; flex-wrap: wrap; }
.summary div { border: 1px solid #c9c9c9; border-radius: .25rem; padding: .6rem 1rem; }
.summary strong { display: block; font-size: 1.4rem; }
.warn { color: #8c4b02; } .ok { color: #2e844a; } .empty { color: #5c5c5c; }
</style>
</head>
<body>
<h1>Payment reconciliation</h1>
<p>Generated ${escapeHtml(report.generatedAt)}. Salesforce API calls used by the sync: ${escapeHtml(report.apiCalls)}.</p>
<div class="summary">
<div><strong>${escapeHtml(report.totals.payments)}</strong>payments</div>
<div><strong>${escapeHtml(report.totals.submitted)}</strong>in the payment system</div>
<div><strong>${escapeHtml(report.totals.drifted)}</strong>edited after submission</div>
<div><strong>${escapeHtml(report.totals.quarantined)}</strong>quarantined</div>
</div>
${mismatch}
<h2>Payments by status</h2>
<table><thead><tr><th scope="col">Status</th><th scope="col">Payments</th></tr></thead>
<tbody>
${statusRows}
</tbody></table>
<h2>Edited after submission (not sent to the payment system)</h2>
<p>These records were changed after they were submitted. The payment system still holds the submitted values; to change a payment, ask for a void or recoup in the payment system.</p>
${table(report.drifted, 'What differs', 'No payment was edited after submission.')}
<h2>Quarantined</h2>
<p>The sync set these aside; each is tried again every cycle until the reason is fixed.</p>
${table(report.quarantined, 'Reason', 'No payment is quarantined.')}
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
