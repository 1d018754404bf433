/**
 * The follow-up rules live once, in lwc/followUpRules; the custom labels, picklists, custom metadata and Apex that
 * encode the same rules are checked against it here, so neither side can change alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  CONTACT_PURPOSES,
  DEFAULT_REMINDER_DAYS_BEFORE,
  DEFAULT_REPEAT_THRESHOLD,
  DEFAULT_REPEAT_WINDOW_DAYS,
  DEFAULT_WORDING,
  PENDING_REASONS,
  PURPOSE_ASK_PREFERENCES,
  SAN_FRANCISCO,
  reminderKey
} from '../../force-app/main/default/lwc/followUpRules/followUpRules';
import { labelValues } from '../../scripts/labels/customLabels';

const DEFAULT = path.resolve(__dirname, '../../force-app/main/default');
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
const readXml = (relative: string): Record<string, unknown> =>
  parser.parse(fs.readFileSync(path.join(DEFAULT, relative), 'utf8')) as Record<string, unknown>;
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function picklist(object: string, field: string): string[] {
  const xml = readXml(`objects/${object}/fields/${field}.field-meta.xml`).CustomField as {
    valueSet: { valueSetDefinition: { value: { fullName: string } | { fullName: string }[] } };
  };
  return list(xml.valueSet.valueSetDefinition.value).map((value) => value.fullName);
}

function metadataRecord(file: string): Record<string, string | null> {
  const xml = readXml(`customMetadata/${file}`).CustomMetadata as {
    values: { field: string; value: string | Record<string, never> }[];
  };
  return Object.fromEntries(
    list(xml.values).map(({ field, value }) => [field, typeof value === 'string' ? value : null])
  );
}

const apex = (name: string): string => fs.readFileSync(path.join(DEFAULT, 'classes', `${name}.cls`), 'utf8');

describe('followUpRules and the metadata agree', () => {
  it('the custom labels hold the module’s wording, so the component, Apex and Node say the same', () => {
    const labels = labelValues();
    for (const [key, value] of Object.entries(DEFAULT_WORDING)) {
      const name = `FollowUp_${key[0].toUpperCase()}${key.slice(1)}`;
      expect({ name, value: labels.get(name) }).toEqual({ name, value });
    }
  });

  it('the labels Apex fills with String.format have no apostrophes (which MessageFormat would swallow)', () => {
    const labels = labelValues();
    for (const name of [
      'FollowUp_ContactRefusedChannel',
      'FollowUp_ContactRefusedLanguage',
      'FollowUp_ContactRefusedBoth',
      'FollowUp_ListOr',
      'FollowUp_ContactSubject',
      'FollowUp_ReminderBefore',
      'FollowUp_ReminderMissed',
      'FollowUp_PartnerEmailTask'
    ]) {
      expect({ name, apostrophe: labels.get(name)?.includes("'") }).toEqual({ name, apostrophe: false });
    }
  });

  it('picklists hold the module’s pending reasons, channels, outcomes and purposes', () => {
    expect(picklist('Case', 'Pending_Reason__c')).toEqual([...PENDING_REASONS]);
    expect(picklist('Case', 'Contact_Channels__c')).toEqual([...CONTACT_CHANNELS]);
    expect(picklist('Activity', 'Contact_Channel__c')).toEqual([...CONTACT_CHANNELS]);
    expect(picklist('Activity', 'Contact_Outcome__c')).toEqual([...CONTACT_OUTCOMES]);
    expect(picklist('Activity', 'Contact_Purpose__c')).toEqual([...CONTACT_PURPOSES]);
    expect(picklist('Activity', 'Contact_Language__c')).toEqual(picklist('Case', 'Contact_Language__c'));
  });

  it('San Francisco’s custom metadata record has the wiki’s numbers (30 and 60 days, the office and the fax)', () => {
    const record = metadataRecord('Follow_Up_Jurisdiction.San_Francisco.md-meta.xml');
    expect(Number(record.Interview_Days__c)).toBe(SAN_FRANCISCO.interviewDays);
    expect(Number(record.Documents_Days__c)).toBe(SAN_FRANCISCO.documentsDays);
    expect(record.Office_Phone__c).toBe(SAN_FRANCISCO.officePhone);
    expect(record.Reminder_Days_Before__c).toBe(DEFAULT_REMINDER_DAYS_BEFORE.join(','));
    const byMethod = Object.fromEntries(SAN_FRANCISCO.sendWays.map((way) => [way.method, way.address]));
    expect(record.Documents_Email__c).toBe(byMethod.Email);
    expect(record.Documents_Text_Number__c).toBe(byMethod.Text);
    expect(record.Documents_Fax__c).toBe(byMethod.Fax);
    expect(record.Documents_Mail_Address__c).toBe(byMethod.Mail);
  });

  it('every Case.Jurisdiction__c value names a Follow-up Jurisdiction record', () => {
    for (const value of picklist('Case', 'Jurisdiction__c')) {
      expect(
        fs.existsSync(path.join(DEFAULT, 'customMetadata', `Follow_Up_Jurisdiction.${value}.md-meta.xml`))
      ).toBe(true);
    }
  });

  it('the report’s due-date formulas use each jurisdiction’s days from its custom metadata record', () => {
    for (const [field, setting] of [
      ['Interview_Due__c', 'Interview_Days__c'],
      ['Documents_Due__c', 'Documents_Days__c']
    ] as const) {
      const formula = String(
        (readXml(`objects/Case/fields/${field}.field-meta.xml`).CustomField as { formula: string }).formula
      );
      for (const value of picklist('Case', 'Jurisdiction__c')) {
        const record = metadataRecord(`Follow_Up_Jurisdiction.${value}.md-meta.xml`);
        expect(formula).toContain(`'${value}', ${Number(record[setting])}`);
      }
    }
  });

  it('the policy tier (E3) is suggested at the module’s defaults: 3 escalations in 30 days', () => {
    const record = metadataRecord('Escalation_Tier.Policy.md-meta.xml');
    expect(Number(record.Suggest_After_Count__c)).toBe(DEFAULT_REPEAT_THRESHOLD);
    expect(Number(record.Suggest_Within_Days__c)).toBe(DEFAULT_REPEAT_WINDOW_DAYS);
  });

  it('Apex uses the module’s purpose, defaults and reminder key format', () => {
    const rules = apex('FollowUpRules');
    expect(rules).toContain(`PURPOSE_ASK_PREFERENCES = '${PURPOSE_ASK_PREFERENCES}'`);
    expect(rules).toContain(
      `DEFAULT_REMINDER_DAYS = new List<Integer>{ ${DEFAULT_REMINDER_DAYS_BEFORE.join(', ')} }`
    );
    expect(rules).toContain("return caseId + ':' + deadline + ':' + isoDate(day);");
    expect(reminderKey('500A', 'Interview', '2015-05-01')).toBe('500A:Interview:2015-05-01');
  });
});
