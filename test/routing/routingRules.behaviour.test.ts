/**
 * The matching semantics routingRules promises (and CaseRoutingRules.cls keeps), stated on small rule
 * sets an admin could write: blank values, checkboxes, settings, emergency deadlines, records read
 * through Apex, and who may be offered a case.
 */
import {
  capacityWeight,
  combinationKey,
  decide,
  holdsAll,
  routingPriority,
  rulesFromRecords,
  settingValue,
  type RoutingRule,
  type RoutingRuleRecord
} from '../../force-app/main/default/lwc/routingRules/routingRules';

function rule(partial: Partial<RoutingRule> & Pick<RoutingRule, 'name' | 'kind'>): RoutingRule {
  return {
    program: null,
    field: null,
    value: null,
    skill: null,
    routingPriority: null,
    respondWithinHours: null,
    ...partial
  };
}

const chaserStep = rule({
  name: 'Step_Chaser',
  kind: 'Step',
  field: 'Processing_Step__c',
  value: 'Chaser',
  skill: 'Role_Chaser'
});
const defaultLanguage = rule({
  name: 'Language_Blank',
  kind: 'Skill',
  field: 'Client_Language__c',
  value: null,
  skill: 'Language_English'
});
const setting = (name: string, value: string | null) => rule({ name, kind: 'Setting', value });

describe('a case field compared with a rule value', () => {
  it('a case with no language at all (null or missing) needs the default language, like an empty one', () => {
    for (const Client_Language__c of [null, undefined, '']) {
      expect(
        decide({ Processing_Step__c: 'Chaser', Client_Language__c }, [chaserStep, defaultLanguage]).skills
      ).toEqual(['Language_English', 'Role_Chaser']);
    }
  });

  it('a case with a language does not get the default language as well', () => {
    expect(
      decide({ Processing_Step__c: 'Chaser', Client_Language__c: 'Spanish' }, [chaserStep, defaultLanguage])
        .skills
    ).toEqual(['Role_Chaser']);
  });

  it('a checkbox reads true or false: an unchecked box matches a "false" rule and is not blank', () => {
    const notEscalated = rule({
      name: 'Not_Escalated',
      kind: 'Skill',
      field: 'Escalated__c',
      value: 'false',
      skill: 'Routine'
    });
    const blankEscalation = rule({
      name: 'Blank_Escalation',
      kind: 'Skill',
      field: 'Escalated__c',
      skill: 'Odd'
    });
    const rules = [chaserStep, notEscalated, blankEscalation];
    expect(decide({ Processing_Step__c: 'Chaser', Escalated__c: false }, rules).skills).toEqual([
      'Role_Chaser',
      'Routine'
    ]);
    expect(decide({ Processing_Step__c: 'Chaser', Escalated__c: true }, rules).skills).toEqual([
      'Role_Chaser'
    ]);
  });

  it('a rule that names no case field applies to no case', () => {
    const noField = rule({ name: 'Everyone', kind: 'Priority', program: 'EAP', routingPriority: 1 });
    const noFieldSkill = rule({ name: 'Everyone_Skill', kind: 'Skill', skill: 'Anything' });
    expect(
      decide({ Program__c: 'EAP', Processing_Step__c: 'Chaser' }, [chaserStep, noField, noFieldSkill])
    ).toEqual({
      routable: true,
      skills: ['Role_Chaser'],
      routingPriority: 5,
      respondWithinHours: null
    });
  });
});

describe('settings', () => {
  const urgent = rule({
    name: 'Urgent',
    kind: 'Priority',
    field: 'Priority',
    value: 'Urgent',
    routingPriority: 1
  });

  it('the Normal_Priority setting is the priority of a case no Priority rule matches', () => {
    const rules = [chaserStep, urgent, setting('Normal_Priority', '4')];
    expect(routingPriority({ Processing_Step__c: 'Chaser', Priority: 'Low' }, rules)).toBe(4);
    expect(routingPriority({ Processing_Step__c: 'Chaser', Priority: 'Urgent' }, rules)).toBe(1);
  });

  it('without a Normal_Priority setting, or with one that is blank or not a whole number, normal is 5', () => {
    for (const value of [null, '', 'high', '2.5', '-1', ' 3', '3 ']) {
      expect(routingPriority({ Priority: 'Low' }, [urgent, setting('Normal_Priority', value)])).toBe(5);
    }
    expect(routingPriority({ Priority: 'Low' }, [urgent])).toBe(5);
    expect(routingPriority({ Priority: 'Low' }, [setting('Normal_Priority', '12')])).toBe(12);
  });

  it('only a Setting rule of that name is the setting', () => {
    const rules = [
      rule({ name: 'Normal_Priority', kind: 'Skill', field: 'Priority', value: 'Low', skill: 'X' }),
      setting('Push_Timeout', '300'),
      setting('Normal_Priority', '7')
    ];
    expect(settingValue(rules, 'Normal_Priority')).toBe('7');
    expect(settingValue(rules, 'Push_Timeout')).toBe('300');
    expect(settingValue(rules, 'Routing_Model')).toBeUndefined();
    expect(settingValue([setting('Routing_Model', null)], 'Routing_Model')).toBe('');
    expect(routingPriority({}, rules)).toBe(7);
  });

  it('each case takes the Capacity_Weight setting of capacity, 1 when it is not set', () => {
    expect(capacityWeight([setting('Normal_Priority', '4'), setting('Capacity_Weight', '3')])).toBe(3);
    expect(capacityWeight([setting('Normal_Priority', '4')])).toBe(1);
  });
});

describe('which rules set what', () => {
  it('only Priority rules set the routing priority, and only Step and Skill rules require skills', () => {
    const rules = [
      chaserStep,
      rule({ name: 'Odd_Skill', kind: 'Skill', field: 'Priority', value: 'Low', routingPriority: 1 }),
      rule({ name: 'Odd_Priority', kind: 'Priority', field: 'Priority', value: 'Low', skill: 'Odd' })
    ];
    expect(decide({ Processing_Step__c: 'Chaser', Priority: 'Low' }, rules)).toMatchObject({
      skills: ['Role_Chaser'],
      routingPriority: 5
    });
  });

  it('an emergency case must be answered within the shortest deadline of the rules it matches', () => {
    const lifeThreatening = rule({
      name: 'Life',
      kind: 'Priority',
      field: 'Emergency_Level__c',
      value: 'Life-Threatening',
      routingPriority: 1,
      respondWithinHours: 18
    });
    const eapEmergency = rule({
      name: 'Eap',
      kind: 'Priority',
      program: 'EAP',
      field: 'Emergency_Level__c',
      value: 'Life-Threatening',
      routingPriority: 3,
      respondWithinHours: 48
    });
    const fields = {
      Program__c: 'EAP',
      Processing_Step__c: 'Chaser',
      Emergency_Level__c: 'Life-Threatening'
    };
    for (const rules of [
      [chaserStep, lifeThreatening, eapEmergency],
      [chaserStep, eapEmergency, lifeThreatening]
    ]) {
      expect(decide(fields, rules)).toMatchObject({ routingPriority: 1, respondWithinHours: 18 });
    }
  });
});

describe('rules read from Routing_Rule__mdt records', () => {
  const record = (partial: Partial<RoutingRuleRecord>): RoutingRuleRecord => ({
    DeveloperName: 'R',
    Kind__c: 'Skill',
    ...partial
  });

  it('empty text fields read as blank: no program limit, and a blank value', () => {
    const [read] = rulesFromRecords([
      record({ Program__c: '', Field__c: 'Client_Language__c', Value__c: '', Skill__c: 'Language_English' })
    ]);
    expect(read).toEqual({
      name: 'R',
      kind: 'Skill',
      program: null,
      field: 'Client_Language__c',
      value: null,
      skill: 'Language_English',
      routingPriority: null,
      respondWithinHours: null
    });
    expect(decide({ Program__c: 'RAFT', Processing_Step__c: 'Chaser' }, [chaserStep, read]).skills).toEqual([
      'Language_English',
      'Role_Chaser'
    ]);
  });

  it('a record of a kind the router does not know is left out', () => {
    const read = rulesFromRecords([
      record({
        DeveloperName: 'Old',
        Kind__c: 'Retired',
        Field__c: 'Priority',
        Value__c: 'Low',
        Skill__c: 'Gone'
      }),
      record({ DeveloperName: 'Kept', Field__c: 'Priority', Value__c: 'Low', Skill__c: 'Kept' })
    ]);
    expect(read.map((r) => r.name)).toEqual(['Kept']);
  });
});

describe('who may be offered a case', () => {
  it('someone holding every required skill, and more, may be offered it; missing one skill rules them out', () => {
    const required = ['Program_EAP', 'Role_Chaser'];
    expect(holdsAll(new Set(['Role_Chaser', 'Program_EAP', 'Language_Spanish']), required)).toBe(true);
    expect(holdsAll(['Program_EAP'], required)).toBe(false);
    expect(holdsAll([], [])).toBe(true);
  });

  it('a skill combination is named the same whatever order its skills come in', () => {
    expect(combinationKey(['Role_Chaser', 'Program_EAP'])).toBe('Program_EAP + Role_Chaser');
    expect(combinationKey(['Program_EAP', 'Role_Chaser'])).toBe('Program_EAP + Role_Chaser');
  });
});
