/**
 * The routing configuration speaks the data model's words: every value it routes on must be a value
 * of the Case picklist it is compared with, or the rule could never match.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseRoutingConfig, type RoutingConfig } from '../../scripts/routing/config';
import { readConfigText, REPO_ROOT } from './helpers';

const CASE_FIELDS = path.join(REPO_ROOT, 'force-app/main/default/objects/Case/fields');

async function picklistValues(file: string): Promise<string[]> {
  const xml = await fs.readFile(file, 'utf8');
  return [...xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((match) => match[1]);
}

describe('routing configuration vs Case picklists', () => {
  let config: RoutingConfig;
  beforeAll(async () => {
    config = parseRoutingConfig(await readConfigText());
  });

  it.each([
    ['programs', 'Program__c', () => config.programs],
    ['steps', 'Processing_Step__c', () => Object.keys(config.steps)],
    ['languages', 'Client_Language__c', () => config.languages.values],
    ['emergency levels', 'Emergency_Level__c', () => Object.keys(config.priorities.emergencies.levels)]
  ])('%s are values of Case.%s', async (_what, field, values) => {
    const allowed = await picklistValues(path.join(CASE_FIELDS, `${field}.field-meta.xml`));
    expect(allowed.length).toBeGreaterThan(0);
    expect(values().filter((value) => !allowed.includes(value))).toEqual([]);
  });

  it('Urgent is a Case priority', async () => {
    const file = path.join(
      REPO_ROOT,
      'force-app/main/default/standardValueSets/CasePriority.standardValueSet-meta.xml'
    );
    const xml = await fs.readFile(file, 'utf8');
    expect(xml).toMatch(/<fullName>Urgent<\/fullName>/);
  });

  it('the assignment modes the router writes are Assignment_Mode__c values', async () => {
    const allowed = await picklistValues(path.join(CASE_FIELDS, 'Assignment_Mode__c.field-meta.xml'));
    const apex = await fs.readFile(
      path.join(REPO_ROOT, 'force-app/main/default/classes/CaseRoutingService.cls'),
      'utf8'
    );
    const modes = [...apex.matchAll(/MODE_\w+ = '([^']+)'/g)].map((match) => match[1]);
    expect(modes.sort()).toEqual(['Dynamic', 'Manual']);
    expect(modes.filter((mode) => !allowed.includes(mode))).toEqual([]);
  });
});
