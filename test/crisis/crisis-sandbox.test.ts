/**
 * The crisis households of the demo on the sandbox org, which evaluates the deployed validation rules:
 * one Crisis payment per vendor with the CRI code, the emergency facts locked while payments exist (with
 * the deck's remedy), and the verification date that never changes once recorded.
 */
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { runCrisisDemo } from '../../scripts/demo/crisis';
import { loadDemoData } from '../../scripts/demo/demo-data';
import { EDIT_REFUSED_MESSAGE } from '../../force-app/main/default/lwc/crisisRules/crisisRules';
import { connectAs, failure } from '../sandbox-org/org-fixture';

describe('crisis households on the sandbox org', () => {
  let org: SandboxOrg;
  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 13 });
  });
  afterAll(async () => {
    await org.stop();
  });

  it('creates one Verified By Worker CRI payment per paid vendor, and refuses the staff edit with the remedy', async () => {
    const households = loadDemoData().crisisHouseholds ?? [];
    expect(households.length).toBeGreaterThanOrEqual(4);
    const lines: string[] = [];
    const outcomes = await runCrisisDemo(org, households, new Date('2026-12-02T03:00:00.000Z'), (line) =>
      lines.push(line)
    );
    expect(outcomes.map((o) => o.payments)).toEqual([
      [
        { vendor: 'Xcel Energy', amount: 250 },
        { vendor: 'CPE', amount: 250 }
      ],
      [{ vendor: 'Minnesota Energy', amount: 52 }],
      [{ vendor: 'Ferrellgas', amount: 500 }],
      [{ vendor: 'Ferrellgas', amount: 500 }]
    ]);
    expect(outcomes[0].editRefused).toContain(EDIT_REFUSED_MESSAGE);
    const rows = org.querySystem(
      `SELECT Amount__c, Reason_Code__c, Status__c, Scheduled_Date__c FROM Assistance_Payment__c WHERE Case__c = '${outcomes[0].caseId}'`
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        Reason_Code__c: 'CRI',
        Status__c: 'Verified By Worker',
        Scheduled_Date__c: '2026-12-02'
      });
    }
  });

  it('keeps the verification date once recorded', async () => {
    const staff = await connectAs(org, 'staff');
    const [caseId] = await org.insertAsSystem(
      'Case',
      [{ Subject: 'EAP crisis', Program__c: 'EAP', Status: 'New', Crisis_Verified_On__c: '2026-12-01' }],
      { as: 'staff' }
    );
    const refused = await failure(
      staff.sobject('Case').update({ Id: caseId, Crisis_Verified_On__c: '2026-12-02' })
    );
    expect(refused.message).toMatch(/cannot change once recorded/);
  });
});
