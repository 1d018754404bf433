/**
 * The Apex router reads the generated Routing_Rule__mdt records; the panels and routing:check use the
 * routingRules module. These tests evaluate the module against the committed records so the two
 * readings of a case cannot disagree.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  decide,
  routableSteps,
  rulesFromRecords,
  SETTINGS,
  type RoutingRule
} from '../../force-app/main/default/lwc/routingRules/routingRules';
import { parseRoutingConfig, type RoutingConfig } from '../../scripts/routing/config';
import { readCommittedRules } from '../../scripts/routing/metadata';
import { allCombinations, rulesFromConfig } from '../../scripts/routing/rules';
import { readConfigText, REPO_ROOT } from './helpers';

const byName = (a: RoutingRule, b: RoutingRule) => a.name.localeCompare(b.name);

describe('routing rules: TypeScript module vs generated custom metadata', () => {
  let config: RoutingConfig;
  let committed: RoutingRule[];

  beforeAll(async () => {
    config = parseRoutingConfig(await readConfigText());
    committed = await readCommittedRules();
  });

  it('the committed Routing_Rule__mdt records are exactly the rules the configuration defines', () => {
    expect([...committed].sort(byName)).toEqual([...rulesFromConfig(config)].sort(byName));
  });

  it('every possible case decides the same from the records as from the configuration', () => {
    const fromConfig = rulesFromConfig(config);
    const priorities = [null, 'Low', 'Medium', 'High', 'Urgent'];
    const levels = [null, 'Life-Threatening', 'Not Life-Threatening'];
    let compared = 0;
    for (const combo of allCombinations(config, fromConfig)) {
      for (const Priority of priorities) {
        for (const Emergency_Level__c of levels) {
          const fields = {
            Program__c: combo.program,
            Processing_Step__c: combo.step,
            Client_Language__c: combo.language,
            Escalated__c: combo.escalated,
            Priority,
            Emergency_Level__c
          };
          expect(decide(fields, committed)).toEqual(decide(fields, fromConfig));
          compared++;
        }
      }
    }
    expect(compared).toBe(180 * 15);
  });

  it('panels reading the records through Apex get the same rules', () => {
    const records = committed.map((rule) => ({
      DeveloperName: rule.name,
      Kind__c: rule.kind,
      Program__c: rule.program ?? undefined,
      Field__c: rule.field ?? undefined,
      Value__c: rule.value ?? undefined,
      Skill__c: rule.skill ?? undefined,
      Routing_Priority__c: rule.routingPriority ?? undefined,
      Respond_Within_Hours__c: rule.respondWithinHours ?? undefined
    }));
    expect(rulesFromRecords(records)).toEqual(committed);
  });

  it('routes only Chaser, Case Manager and Reviewer', () => {
    expect(routableSteps(committed).sort()).toEqual(['Case Manager', 'Chaser', 'Reviewer']);
    for (const step of ['Draft', 'Approved', 'Denied', null]) {
      expect(decide({ Processing_Step__c: step, Program__c: 'RAFT' }, committed)).toMatchObject({
        routable: false,
        skills: []
      });
    }
  });

  it('requires program, step role and language; escalation adds its skill and priority', () => {
    const base = { Program__c: 'RAFT', Processing_Step__c: 'Case Manager', Client_Language__c: 'Spanish' };
    expect(decide(base, committed)).toEqual({
      routable: true,
      skills: ['Language_Spanish', 'Program_RAFT', 'Role_Case_Manager'],
      routingPriority: 5,
      respondWithinHours: null
    });
    expect(decide({ ...base, Escalated__c: true }, committed)).toMatchObject({
      skills: ['Escalations', 'Language_Spanish', 'Program_RAFT', 'Role_Case_Manager'],
      routingPriority: 2
    });
  });

  it('a case without a client language needs the default language', () => {
    expect(
      decide({ Program__c: 'ERMA', Processing_Step__c: 'Chaser', Client_Language__c: '' }, committed).skills
    ).toEqual(['Language_English', 'Program_ERMA', 'Role_Chaser']);
  });

  it('EAP emergencies: life-threatening first within 18 hours, others within 48, the rest normal', () => {
    const eap = { Program__c: 'EAP', Processing_Step__c: 'Chaser', Client_Language__c: 'English' };
    expect(decide({ ...eap, Emergency_Level__c: 'Life-Threatening' }, committed)).toMatchObject({
      routingPriority: 1,
      respondWithinHours: 18
    });
    expect(decide({ ...eap, Emergency_Level__c: 'Not Life-Threatening' }, committed)).toMatchObject({
      routingPriority: 3,
      respondWithinHours: 48
    });
    expect(decide(eap, committed)).toMatchObject({ routingPriority: 5, respondWithinHours: null });
    // The emergency triage belongs to EAP: the same level on another program changes nothing.
    expect(
      decide({ ...eap, Program__c: 'RAFT', Emergency_Level__c: 'Life-Threatening' }, committed)
    ).toMatchObject({
      routingPriority: 5,
      respondWithinHours: null
    });
  });

  it('Urgent cases get the fastest offer', () => {
    expect(
      decide(
        {
          Program__c: 'HCEC',
          Processing_Step__c: 'Reviewer',
          Client_Language__c: 'Chinese',
          Priority: 'Urgent'
        },
        committed
      ).routingPriority
    ).toBe(1);
  });

  it('the Apex router reads the same setting names and rule fields as the module', async () => {
    const apex = await fs.readFile(
      path.join(REPO_ROOT, 'force-app/main/default/classes/CaseRoutingRules.cls'),
      'utf8'
    );
    for (const setting of Object.values(SETTINGS)) expect(apex).toContain(`'${setting}'`);
    for (const field of [
      'Kind__c',
      'Program__c',
      'Field__c',
      'Value__c',
      'Skill__c',
      'Routing_Priority__c'
    ]) {
      expect(apex).toContain(field);
    }
  });

  it('every Case field a rule reads exists on Case (the router reads it from the trigger records)', async () => {
    const standardCaseFields = new Set(['Priority', 'Status', 'Origin', 'Type', 'Reason', 'Subject']);
    for (const field of new Set(committed.map((rule) => rule.field).filter(Boolean) as string[])) {
      const custom = path.join(
        REPO_ROOT,
        'force-app/main/default/objects/Case/fields',
        `${field}.field-meta.xml`
      );
      const exists =
        standardCaseFields.has(field) ||
        (await fs.stat(custom).then(
          () => true,
          () => false
        ));
      expect({ field, exists }).toEqual({ field, exists: true });
    }
  });
});
