import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMetadata, formatProblem } from '../../scripts/metadata-check/check';
import { parseApexSource } from '../../scripts/metadata-check/apex';

const META = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</ApexClass>\n`;

const GOOD_CLASS = `public with sharing class GreetingService {
    public static String greet(String name) {
        return 'Hello ' + name;
    }
}
`;

const OBJECT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Thing</label>
    <pluralLabel>Things</pluralLabel>
    <nameField>
        <label>Thing Name</label>
        <type>Text</type>
    </nameField>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
`;

async function makeProject(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-assist-metacheck-'));
  const all: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({
      packageDirectories: [{ path: 'force-app', default: true }],
      sourceApiVersion: '64.0'
    }),
    'force-app/main/default/classes/GreetingService.cls': GOOD_CLASS,
    'force-app/main/default/classes/GreetingService.cls-meta.xml': META(
      '    <apiVersion>64.0</apiVersion>\n    <status>Active</status>'
    ),
    'force-app/main/default/objects/Thing__c/Thing__c.object-meta.xml': OBJECT_XML,
    ...files
  };
  for (const [name, content] of Object.entries(all)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe('check:metadata', () => {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });
  async function project(files: Record<string, string> = {}): Promise<string> {
    const dir = await makeProject(files);
    made.push(dir);
    return dir;
  }

  it('passes a well-formed project and converts it with the Salesforce CLI', async () => {
    const dir = await project();
    const report = await checkMetadata(dir);
    expect(report.problems).toEqual([]);
    expect(report.apexFiles).toBe(1);
    expect(report.converted).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('fails on a broken Apex class and names the file and line', async () => {
    const broken = GOOD_CLASS.replace("return 'Hello ' + name;", "return 'Hello ' + ;");
    const dir = await project({ 'force-app/main/default/classes/GreetingService.cls': broken });
    const report = await checkMetadata(dir);
    const lines = report.problems.map((problem) => formatProblem(problem, dir));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^force-app\/main\/default\/classes\/GreetingService\.cls:3:\d+ /);
  }, 60_000);

  it('fails on a broken trigger', () => {
    expect(parseApexSource('trigger T on Case (after update) { CaseHandler.run( }', 'trigger')).not.toEqual(
      []
    );
    expect(parseApexSource('trigger T on Case (after update) { CaseHandler.run(); }', 'trigger')).toEqual([]);
  });

  it('fails on malformed object XML and names the file and line', async () => {
    const malformed = OBJECT_XML.replace('<label>Thing</label>', '<label>Thing</labl>');
    const dir = await project({
      'force-app/main/default/objects/Thing__c/Thing__c.object-meta.xml': malformed
    });
    const report = await checkMetadata(dir);
    const lines = report.problems.map((problem) => formatProblem(problem, dir));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^force-app\/main\/default\/objects\/Thing__c\/Thing__c\.object-meta\.xml:4:\d+ /
    );
  }, 60_000);

  it('fails when the Salesforce CLI cannot read a component (unknown metadata folder)', async () => {
    const dir = await project({
      'force-app/main/default/classes/Orphan.cls-meta.xml': META('    <apiVersion>64.0</apiVersion>')
    });
    const report = await checkMetadata(dir);
    expect(report.problems.map((problem) => problem.message).join('\n')).toMatch(/sf project convert source/);
  }, 60_000);

  it('refuses a component whose TypeScript was not compiled', async () => {
    const dir = await project({
      'force-app/main/default/lwc/hello/hello.ts':
        "import { LightningElement } from 'lwc';\nexport default class Hello extends LightningElement {}\n"
    });
    const report = await checkMetadata(dir);
    expect(report.problems.map((problem) => problem.message)).toContain(
      'no compiled .js beside it: run `npm run build` first'
    );
  }, 60_000);
});

describe('check:metadata with Code Analyzer PMD rules', () => {
  it('fails on a SOQL injection in Apex and names the rule, file and line', async () => {
    const injectable = `public with sharing class CaseSearch {
    public static List<Case> find(String subject) {
        return Database.query('SELECT Id FROM Case WHERE Subject = \\'' + subject + '\\'');
    }
}
`;
    const dir = await makeProject({
      'force-app/main/default/classes/CaseSearch.cls': injectable,
      'force-app/main/default/classes/CaseSearch.cls-meta.xml': META(
        '    <apiVersion>64.0</apiVersion>\n    <status>Active</status>'
      )
    });
    try {
      const report = await checkMetadata(dir, 'force-app', { apexRules: true });
      expect(report.apexRules?.ran).toBe(true);
      const lines = report.problems.map((problem) => formatProblem(problem, dir));
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^force-app\/main\/default\/classes\/CaseSearch\.cls:3:\d+ ApexSOQLInjection/)
        ])
      );
      expect(lines.join('\n')).not.toMatch(/GreetingService/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
