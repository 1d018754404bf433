import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMetadata, formatProblem } from '../../scripts/metadata-check/check';
import { parseApexSource } from '../../scripts/metadata-check/apex';
import { findJdk } from '../../scripts/metadata-check/java';

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
    const report = await checkMetadata(dir, 'force-app', { semantic: false });
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
    const report = await checkMetadata(dir, 'force-app', { semantic: false });
    expect(report.problems.map((problem) => problem.message).join('\n')).toMatch(/sf project convert source/);
  }, 60_000);

  it('refuses a component whose TypeScript was not compiled', async () => {
    const dir = await project({
      'force-app/main/default/lwc/hello/hello.ts':
        "import { LightningElement } from 'lwc';\nexport default class Hello extends LightningElement {}\n"
    });
    const report = await checkMetadata(dir, 'force-app', { semantic: false });
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
      const report = await checkMetadata(dir, 'force-app', { apexRules: true, semantic: false });
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

describe('check:metadata semantic Apex check (apex-ls and static SOQL)', () => {
  const CLASS_META = META('    <apiVersion>64.0</apiVersion>\n    <status>Active</status>');
  const SIZE_FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Size__c</fullName>
    <label>Size</label>
    <precision>18</precision>
    <scale>0</scale>
    <type>Number</type>
</CustomField>
`;
  /** Each class holds one kind of mistake (or none); one gate run checks them all. */
  const CLASSES: Record<string, string[]> = {
    Correct: [
      "        Thing__c thing = new Thing__c(Name = 'a', Size__c = 3);",
      '        PendingServiceRouting request = new PendingServiceRouting(RoutingPriority = 1, IsReadyForRouting = false);',
      '        List<Thing__c> rows = [SELECT Id, Name, Owner.Name, Size__c FROM Thing__c WHERE Size__c > 1 WITH USER_MODE];',
      '        List<PendingServiceRouting> waiting = [SELECT Id, ServiceChannel.DeveloperName, (SELECT Skill.DeveloperName FROM SkillRequirements) FROM PendingServiceRouting WHERE IsReadyForRouting = TRUE WITH SYSTEM_MODE];',
      "        List<AgentWork> offers = [SELECT Id, WorkItemId, AssignedDateTime FROM AgentWork WHERE UserId = :UserInfo.getUserId() AND Status = 'Assigned'];"
    ],
    ReservedWord: ['        Integer cast = 1;'],
    CustomObjectField: ["        Thing__c thing = new Thing__c(Name = 'a');", '        thing.Sise__c = 4;'],
    OmniChannelField: [
      '        PendingServiceRouting request = new PendingServiceRouting();',
      '        request.IsReadyForRoutin = true;'
    ],
    WrongType: [
      '        PendingServiceRouting request = new PendingServiceRouting();',
      "        request.RoutingPriority = 'high';"
    ],
    SoqlFields: [
      '        List<Thing__c> rows = [SELECT Id, Nmae FROM Thing__c];',
      "        List<Thing__c> mine = [SELECT Id FROM Thing__c WHERE Owner.Nam = 'x'];",
      '        List<PendingServiceRouting> waiting = [SELECT Id, (SELECT Skil.DeveloperName FROM SkillRequirements) FROM PendingServiceRouting];',
      '        List<AgentWork> work = [SELECT Id FROM AgentWork WHERE Staus = null];'
    ]
  };
  let dir = '';
  let problems: string[] = [];
  const file = (name: string) => `force-app/main/default/classes/${name}.cls`;
  const problemsIn = (name: string) => problems.filter((line) => line.startsWith(`${file(name)}:`));

  beforeAll(async () => {
    const files: Record<string, string> = {
      'force-app/main/default/objects/Thing__c/fields/Size__c.field-meta.xml': SIZE_FIELD
    };
    for (const [name, body] of Object.entries(CLASSES)) {
      files[file(name)] =
        `public with sharing class ${name} {\n    public static void run() {\n${body.join('\n')}\n    }\n}\n`;
      files[`${file(name)}-meta.xml`] = CLASS_META;
    }
    dir = await makeProject(files);
    const report = await checkMetadata(dir);
    problems = report.problems.map((problem) => formatProblem(problem, dir));
  }, 180_000);
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('passes correct code on a custom object and on the Omni-Channel objects, SOQL included', () => {
    expect(problemsIn('Correct')).toEqual([]);
    expect(problemsIn('GreetingService')).toEqual([]);
  });

  it('fails on a reserved word used as an identifier, with file and line', () => {
    expect(problemsIn('ReservedWord')).toEqual([
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/ReservedWord\.cls:3:\d+ Error: 'cast' is a reserved identifier/
      )
    ]);
  });

  it('fails on an unknown field on a custom object', () => {
    expect(problemsIn('CustomObjectField')).toEqual([
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/CustomObjectField\.cls:4:\d+ .*'Sise__c'.*Thing__c/
      )
    ]);
  });

  it('fails on an unknown field on PendingServiceRouting (an Omni-Channel object apex-ls does not ship)', () => {
    expect(problemsIn('OmniChannelField')).toEqual([
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/OmniChannelField\.cls:4:\d+ .*'IsReadyForRoutin'.*PendingServiceRouting/
      )
    ]);
  });

  it('fails on an assignment of the wrong type', () => {
    expect(problemsIn('WrongType')).toEqual([
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/WrongType\.cls:4:\d+ Error: Incompatible types/
      )
    ]);
  });

  it('fails on a misspelt field, relationship or child relationship in static SOQL', () => {
    expect(problemsIn('SoqlFields')).toEqual([
      "force-app/main/default/classes/SoqlFields.cls:3:43 SOQL: no field 'Nmae' on Thing__c",
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/SoqlFields\.cls:4:\d+ SOQL: no field 'Nam' on a polymorphic lookup/
      ),
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/SoqlFields\.cls:5:\d+ SOQL: no relationship 'Skil' on SkillRequirement/
      ),
      expect.stringMatching(
        /^force-app\/main\/default\/classes\/SoqlFields\.cls:6:\d+ SOQL: no field 'Staus' on AgentWork/
      )
    ]);
  });

  it('passes on the project as it is, and checks every class, trigger and static query in it', async () => {
    const root = path.resolve(__dirname, '../..');
    const report = await checkMetadata(root);
    expect(report.problems.map((problem) => formatProblem(problem, root))).toEqual([]);
    expect(report.semantic?.classes).toBeGreaterThan(20);
    expect(report.semantic?.triggers).toBeGreaterThanOrEqual(2);
    expect(report.semantic?.queries).toBeGreaterThan(50);
  }, 180_000);
});

describe('finding a JDK for apex-ls', () => {
  it('refuses to run without Java 21+, naming what it found and what to install', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-assist-nojvm-'));
    try {
      await expect(
        findJdk({
          tool: 'The semantic Apex check',
          minimumMajor: 99,
          needCompiler: true,
          env: {},
          jvmRoot: empty
        })
      ).rejects.toThrow(/needs a Java 99\+ JDK .*Install one/);
    } finally {
      await fs.rm(empty, { recursive: true, force: true });
    }
  });

  it('prefers JAVA_HOME, then the newest JDK under /usr/lib/jvm, over java on PATH', async () => {
    const jdk = await findJdk({ tool: 'apex-ls', minimumMajor: 21, needCompiler: true });
    expect(jdk.major).toBeGreaterThanOrEqual(21);
    expect(jdk.javac).not.toBeNull();
  });
});
