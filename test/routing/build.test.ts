import { promises as fs } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseDocument } from 'yaml';
import { main as buildMain, renderSchema, runBuild } from '../../scripts/routing/build';
import { parseRoutingConfig, SCHEMA_PATH } from '../../scripts/routing/config';
import { generateMetadata } from '../../scripts/routing/metadata';
import { captureOutput, readConfigText, tempDir } from './helpers';

// Formatting the schema starts prettier once per file name; allow for a loaded machine.
jest.setTimeout(30_000);

describe('routing:build', () => {
  it('committed metadata and schema match config/routing.yaml (run `npm run routing:build` when this fails)', async () => {
    const result = await runBuild({ check: true });
    expect(result.drift).toEqual({ missing: [], changed: [], stale: [] });
    expect(result.schemaStale).toBe(false);
    expect(result.upToDate).toBe(true);
  });

  it('committed JSON Schema is the one generated from the zod schema', async () => {
    expect(await fs.readFile(SCHEMA_PATH, 'utf8')).toBe(await renderSchema());
  });

  it('the JSON Schema accepts the committed file and rejects what the loader rejects', async () => {
    const schema = JSON.parse(await fs.readFile(SCHEMA_PATH, 'utf8'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const data = parseDocument(await readConfigText()).toJS();
    expect(validate(data)).toBe(true);
    const bad = { ...data, capacity: { perAgent: 0 }, manualAssignment: { whenOwnerOffline: 'forget' } };
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining(['/capacity/perAgent', '/manualAssignment/whenOwnerOffline'])
    );
  });

  describe('against a scratch copy of the metadata', () => {
    let root: string;
    let configPath: string;
    let schemaPath: string;

    beforeEach(async () => {
      const dir = await tempDir('routing-build');
      root = path.join(dir, 'force-app/main/default');
      configPath = path.join(dir, 'routing.yaml');
      schemaPath = path.join(dir, 'routing.schema.json');
      await fs.writeFile(configPath, await readConfigText());
    });

    it('writes every generated file, after which --check passes', async () => {
      const first = await runBuild({ configPath, metadataRoot: root, schemaPath });
      expect(first.drift.missing.length).toBeGreaterThan(40);
      expect(
        await fs.readFile(path.join(root, 'queues/Awaiting_Assignment.queue-meta.xml'), 'utf8')
      ).toContain('<name>Awaiting Assignment</name>');
      const again = await runBuild({ configPath, metadataRoot: root, schemaPath, check: true });
      expect(again.upToDate).toBe(true);
    });

    it('--check names the files that disagree with an edited configuration, and removes stale ones on build', async () => {
      await runBuild({ configPath, metadataRoot: root, schemaPath });
      const edited = (await readConfigText())
        .replace('perAgent: 100', 'perAgent: 80')
        .replace('  - CalFresh\n', '');
      await fs.writeFile(configPath, edited);
      const check = await runBuild({ configPath, metadataRoot: root, schemaPath, check: true });
      expect(check.upToDate).toBe(false);
      expect(check.drift.changed).toEqual([
        'presenceUserConfigs/Omni_Assist_Staff.presenceUserConfig-meta.xml'
      ]);
      expect(check.drift.stale).toEqual([
        'customMetadata/Routing_Rule.Program_CalFresh.md-meta.xml',
        'skills/Program_CalFresh.skill-meta.xml'
      ]);
      await runBuild({ configPath, metadataRoot: root, schemaPath });
      await expect(fs.access(path.join(root, 'skills/Program_CalFresh.skill-meta.xml'))).rejects.toThrow();
      expect(
        await fs.readFile(
          path.join(root, 'presenceUserConfigs/Omni_Assist_Staff.presenceUserConfig-meta.xml'),
          'utf8'
        )
      ).toContain('<capacity>80</capacity>');
    });

    it('a hand edit to a generated record is caught', async () => {
      await runBuild({ configPath, metadataRoot: root, schemaPath });
      const record = path.join(root, 'customMetadata/Routing_Rule.Priority_Urgent.md-meta.xml');
      await fs.writeFile(record, (await fs.readFile(record, 'utf8')).replace('1.0', '4.0'));
      const check = await runBuild({ configPath, metadataRoot: root, schemaPath, check: true });
      expect(check.drift.changed).toEqual(['customMetadata/Routing_Rule.Priority_Urgent.md-meta.xml']);
    });
  });

  it('generates the documented Omni-Channel metadata from the file', async () => {
    const files = generateMetadata(parseRoutingConfig(await readConfigText()));
    expect(files.get('serviceChannels/Case_Channel.serviceChannel-meta.xml')).toContain(
      '<relatedEntityType>Case</relatedEntityType>'
    );
    // The router puts the push timeout and the model on each PendingServiceRouting, from these settings.
    expect(files.get('customMetadata/Routing_Rule.Push_Timeout.md-meta.xml')).toMatch(
      /<field>Value__c<\/field>\s*<value xsi:type="xsd:string">300<\/value>/
    );
    expect(files.get('customMetadata/Routing_Rule.Routing_Model.md-meta.xml')).toContain('MostAvailable');
    // No queue routing configuration at all: nothing may route the waiting cases queue-based.
    expect([...files.keys()].filter((name) => name.startsWith('queueRoutingConfigs/'))).toEqual([]);
    expect(files.get('servicePresenceStatuses/Available_Case.servicePresenceStatus-meta.xml')).toContain(
      '<channel>Case_Channel</channel>'
    );
    expect(files.get('skills/Language_Haitian_Creole.skill-meta.xml')).toContain(
      '<label>Language: Haitian Creole</label>'
    );
    // The queue holds waiting cases but must not route them itself (see metadata.ts).
    expect(files.get('queues/Awaiting_Assignment.queue-meta.xml')).not.toContain('queueRoutingConfig');
  });

  describe('command line', () => {
    it('--check exits 1 and says what to run when the configuration changed', async () => {
      const dir = await tempDir('routing-build-cli');
      const configPath = path.join(dir, 'routing.yaml');
      await fs.writeFile(
        configPath,
        (await readConfigText()).replace('pushTimeoutSeconds: 300', 'pushTimeoutSeconds: 90')
      );
      const output = captureOutput();
      expect(await buildMain(['--config', configPath, '--check'], output)).toBe(1);
      expect(output.stdout()).toContain(
        'differs  force-app/main/default/customMetadata/Routing_Rule.Push_Timeout.md-meta.xml'
      );
      expect(output.stdout()).toContain('run `npm run routing:build`');
    });

    it('stops on a bad configuration with the line and key', async () => {
      const dir = await tempDir('routing-build-cli');
      const configPath = path.join(dir, 'routing.yaml');
      await fs.writeFile(configPath, (await readConfigText()).replace('caseWeight: 1', 'caseWeight: heavy'));
      const output = captureOutput();
      expect(await buildMain(['--config', configPath, '--check'], output)).toBe(1);
      expect(output.stderr()).toMatch(/routing\.yaml:\d+ capacity\.caseWeight: expected a positive integer/);
    });

    it('prints help and rejects unknown options with exit code 2', async () => {
      const help = captureOutput();
      expect(await buildMain(['--help'], help)).toBe(0);
      expect(help.stdout()).toContain('Usage: npm run routing:build');
      const bad = captureOutput();
      expect(await buildMain(['--frobnicate'], bad)).toBe(2);
      expect(bad.stderr()).toContain("Unknown option '--frobnicate'");
    });
  });
});
