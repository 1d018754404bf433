/**
 * Issue 16 item 5: the reconciliation report as a supervisor reads it, built from the sandbox org
 * after real sync cycles: local time with the zone, "—" for a blank status, the drift table with
 * labels and what was submitted next to what the record says now, the "matches" line counting only
 * payments the payment system holds and saying how many were never sent, warning tiles that stand
 * out, the cycles in plain words and one API-call count.
 */
import {
  buildReconciliation,
  localTime,
  renderReconciliationHtml,
  type Reconciliation
} from '../../scripts/sync/reconciliation';
import type { CycleReport } from '../../scripts/sync/decisions';
import { seedPayments, startSandboxes, worker, type Sandboxes } from './sandboxes';

jest.setTimeout(120_000);

/** The page as text a person reads (tags dropped, entities decoded, spaces collapsed). */
function visible(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cells of each row of the table after the given heading. */
function tableAfter(html: string, heading: string): string[][] {
  const start = html.indexOf(`<h2>${heading}`);
  const table = html.slice(start).match(/<table[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => visible(cell[1]))
  );
}

function tileClass(html: string, id: string): string {
  return new RegExp(`<div class="([^"]*)" data-tile="${id}"`).exec(html)?.[1] ?? '';
}

describe('issue 16 item 5: the reconciliation report for a supervisor', () => {
  let sb: Sandboxes;
  let report: Reconciliation;
  let html: string;
  let cycles: CycleReport[];

  beforeAll(async () => {
    sb = await startSandboxes();
    const sent = await seedPayments(sb, 3, { Amount__c: 5400, Payee__c: 'Greenfield Property Management' });
    await seedPayments(sb, 1, { Payee__c: null, Amount__c: 450, Reason_Code__c: 'UTL' });
    await seedPayments(sb, 1, { Status__c: null });
    const { worker: w, salesforce } = await worker(sb);
    cycles = [await w.runCycle()];
    // an edit forced past the lock after submission: the next cycle flags it
    await sb.org.updateAsSystem(
      'Assistance_Payment__c',
      [{ Id: sent[0], Amount__c: 5900, Payee__c: 'Greenfield Property Mgmt LLC' }],
      { as: 'staff' }
    );
    cycles.push(await w.runCycle());
    const remote = new Map(sb.ps.payments().map((p) => [p.idempotencyKey.slice(-18), p.status]));
    report = await buildReconciliation(
      salesforce,
      cycles,
      (id) => remote.get(id) ?? null,
      new Date('2026-12-02T13:19:00Z'),
      { timeZone: 'America/New_York' }
    );
    html = renderReconciliationHtml(report);
  });
  afterAll(() => sb?.stop());

  it('says when it was generated in local time with the zone, not ISO UTC', () => {
    expect(visible(html)).toContain('Generated Dec 2, 2026, 8:19 AM EST.');
    expect(visible(html)).not.toContain('2026-12-02T13:19');
    expect(report.generatedAt).toBe('2026-12-02T13:19:00.000Z');
    expect(localTime('2026-07-01T16:00:00Z', 'America/Los_Angeles')).toBe('Jul 1, 2026, 9:00 AM PDT');
  });

  it('shows the blank status as "—", never "None"', () => {
    const rows = tableAfter(html, 'Payments by status');
    expect(rows).toContainEqual(['—', '1']);
    expect(visible(html)).not.toMatch(/\bNone\b/);
  });

  it('lists what was submitted next to what the record says now, with field labels and currency', () => {
    const rows = tableAfter(html, 'Edited after submission');
    expect(rows[0].slice(-3)).toEqual([
      'Field',
      'Submitted (what the payment system pays)',
      'On the record now'
    ]);
    expect(rows[1].slice(-3)).toEqual(['Amount', '$5,400.00', '$5,900.00']);
    expect(rows[2]).toEqual(['Payee', 'Greenfield Property Management', 'Greenfield Property Mgmt LLC']);
    expect(html).not.toMatch(/Amount__c|Payee__c/);
    expect(report.drifted[0].reason).toContain('amount: submitted 5400.00, now 5900.00');
  });

  it('counts only payments the payment system holds as matching, and says how many were never sent', () => {
    expect(report.totals).toMatchObject({ payments: 5, submitted: 3, neverSent: 1, quarantined: 1 });
    expect(visible(html)).toContain(
      'All 3 payments the payment system holds show the same status in Salesforce and in the payment system. ' +
        '1 payment Submitted for Payment was never sent to it (see Quarantined).'
    );
  });

  it('says a supervisor can recall the payment that was never sent, next to the reason', () => {
    const rows = tableAfter(html, 'Quarantined');
    expect(rows[1][5]).toBe(
      'Cannot submit: the payment needs a payee. The payment system never received it. A supervisor can ' +
        'recall it to Verified By Worker (on the payment page) so it can be corrected and submitted again.'
    );
    expect(report.quarantined[0].reason).toBe('Cannot submit: the payment needs a payee.');
  });

  it('makes the warning tiles stand out only when they count something', () => {
    expect(tileClass(html, 'never-sent')).toBe('tile tile-warn');
    expect(tileClass(html, 'drifted')).toBe('tile tile-warn');
    expect(tileClass(html, 'quarantined')).toBe('tile tile-warn');
    expect(tileClass(html, 'mismatches')).toBe('tile');
    expect(tileClass(html, 'payments')).toBe('tile');
  });

  it('names the cycle counts in plain words, and one API-call count that the cycles add up to', () => {
    const rows = tableAfter(html, 'Sync cycles');
    expect(rows[0]).toEqual([
      'Cycle',
      'Sent to the payment system',
      'Statuses updated from the payment system',
      'Already sent, recorded now',
      'Salesforce API calls'
    ]);
    expect(visible(html)).not.toMatch(/\bhealed\b|\bmirrored\b/i);
    const total = cycles.reduce((sum, c) => sum + c.apiCalls, 0);
    expect(rows[rows.length - 1]).toEqual(['Total', '3', '0', '0', String(total)]);
    expect(visible(html)).toContain(`Salesforce API calls used by the sync: ${total} (every cycle below).`);
    expect(report.reportApiCalls).toBeGreaterThan(0);
  });

  it('does not claim statuses match when they were not compared', () => {
    const page = visible(renderReconciliationHtml({ ...report, compared: false, mismatches: [] }));
    expect(page).toContain('Statuses were not compared with the payment system in this run.');
    expect(page).not.toContain('show the same status');
  });
});
