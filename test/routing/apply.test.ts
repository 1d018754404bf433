import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Connection } from 'jsforce';
import {
  applyPlan,
  main as applyMain,
  planSkillAssignments,
  readDirectory,
  type OrgDirectory
} from '../../scripts/routing/apply';
import { clientFromConnection, type OrgClient } from '../../scripts/routing/org';
import type { StaffMember } from '../../scripts/routing/roster';
import { captureOutput, tempDir } from './helpers';

const ana: StaffMember = {
  username: 'ana@x.org',
  name: 'Ana Souza',
  skills: ['Program_RAFT', 'Role_Chaser'],
  capacity: null
};
const ben: StaffMember = {
  username: 'ben@x.org',
  name: 'Ben Pierre',
  skills: ['Role_Reviewer'],
  capacity: null
};

function directory(): OrgDirectory {
  return {
    users: new Map([
      ['ana@x.org', { id: '005A', name: 'Ana Souza' }],
      ['ben@x.org', { id: '005B', name: 'Ben Pierre' }]
    ]),
    skills: new Map([
      ['Program_RAFT', '0C5R'],
      ['Role_Chaser', '0C5C'],
      ['Role_Reviewer', '0C5V'],
      ['Escalations', '0C5E']
    ]),
    skillState: {
      resources: new Map([['ben@x.org', { id: '0HnB', userId: '005B', name: 'Ben Pierre' }]]),
      assignments: new Map([
        [
          'ben@x.org',
          new Map([
            ['Role_Reviewer', '0SkB1'],
            ['Escalations', '0SkB2']
          ])
        ]
      ])
    }
  };
}

describe('routing:apply planning', () => {
  it('creates missing agents and adds only the skills people lack', () => {
    const plan = planSkillAssignments([ana, ben], directory(), { prune: false });
    expect(plan.createResources).toEqual([{ username: 'ana@x.org', userId: '005A', name: 'Ana Souza' }]);
    expect(plan.addSkills).toEqual([
      { username: 'ana@x.org', skill: 'Program_RAFT', skillId: '0C5R' },
      { username: 'ana@x.org', skill: 'Role_Chaser', skillId: '0C5C' }
    ]);
    expect(plan.endSkills).toEqual([]);
    expect(plan.unlisted).toEqual([{ username: 'ben@x.org', skill: 'Escalations' }]);
    expect(plan.problems).toEqual([]);
  });

  it('ends skills the roster no longer lists only with --prune', () => {
    const plan = planSkillAssignments([ben], directory(), { prune: true });
    expect(plan.endSkills).toEqual([
      { username: 'ben@x.org', skill: 'Escalations', serviceResourceSkillId: '0SkB2' }
    ]);
    expect(plan.unlisted).toEqual([]);
  });

  it('reports unknown users and skills instead of guessing', () => {
    const plan = planSkillAssignments(
      [
        { ...ana, skills: ['Role_Chaser', 'Language_Klingon'] },
        { ...ben, username: 'gone@x.org' }
      ],
      directory(),
      { prune: false }
    );
    expect(plan.problems).toEqual([
      'ana@x.org: skill Language_Klingon is not in the org (deploy the routing metadata first)',
      'gone@x.org: no active user with this username; skipped'
    ]);
    expect(plan.addSkills.map((add) => add.skill)).toEqual(['Role_Chaser']);
  });

  it('is idempotent: applying a roster the org already matches changes nothing', () => {
    const plan = planSkillAssignments([{ ...ben, skills: ['Escalations', 'Role_Reviewer'] }], directory(), {
      prune: true
    });
    expect(plan).toEqual({ createResources: [], addSkills: [], endSkills: [], unlisted: [], problems: [] });
  });
});

/** Just enough of the Salesforce REST API (query, sObject Collections) for jsforce, on loopback. */
function startStubOrg() {
  const requests: { method: string; path: string; body: unknown }[] = [];
  const created = new Map<string, Record<string, unknown>[]>();
  let nextId = 1;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ method: req.method ?? '', path: url.pathname, body });
      res.setHeader('content-type', 'application/json');
      if (url.pathname.endsWith('/query')) {
        const soql = url.searchParams.get('q') ?? '';
        let records: unknown[] = [];
        if (soql.includes('FROM User')) {
          records = [
            { attributes: { type: 'User' }, Id: '005A', Username: 'ana@x.org', Name: 'Ana Souza' },
            { attributes: { type: 'User' }, Id: '005B', Username: 'ben@x.org', Name: 'Ben Pierre' }
          ];
        } else if (soql.includes('FROM Skill')) {
          records = [
            { Id: '0C5R', DeveloperName: 'Program_RAFT' },
            { Id: '0C5C', DeveloperName: 'Role_Chaser' },
            { Id: '0C5V', DeveloperName: 'Role_Reviewer' }
          ];
        } else if (soql.includes('FROM ServiceResourceSkill')) {
          records = [];
        } else if (soql.includes('FROM ServiceResource')) {
          records = [
            {
              Id: '0HnB',
              Name: 'Ben Pierre',
              RelatedRecordId: '005B',
              IsActive: true,
              RelatedRecord: { Username: 'ben@x.org' }
            }
          ];
        }
        res.end(JSON.stringify({ totalSize: records.length, done: true, records }));
        return;
      }
      if (url.pathname.endsWith('/composite/sobjects') && req.method === 'POST') {
        const records = (body as { records: Record<string, unknown>[] }).records;
        const results = records.map((record) => {
          const type = (record.attributes as { type: string }).type;
          created.set(type, [...(created.get(type) ?? []), record]);
          if (type === 'ServiceResourceSkill' && record.SkillId === '0C5V') {
            return {
              success: false,
              errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'duplicate skill', fields: [] }]
            };
          }
          return {
            id: `${type === 'ServiceResource' ? '0Hn' : '0Sk'}${nextId++}`,
            success: true,
            errors: []
          };
        });
        res.end(JSON.stringify(results));
        return;
      }
      res.statusCode = 404;
      res.end(
        JSON.stringify([{ errorCode: 'NOT_FOUND', message: `no stub for ${req.method} ${url.pathname}` }])
      );
    });
  });
  return new Promise<{
    url: string;
    requests: typeof requests;
    created: typeof created;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        created,
        close: () => new Promise<void>((done) => server.close(() => done()))
      });
    });
  });
}

describe('routing:apply against an org over HTTP', () => {
  let stub: Awaited<ReturnType<typeof startStubOrg>>;
  let client: OrgClient;

  beforeAll(async () => {
    stub = await startStubOrg();
    client = clientFromConnection(
      new Connection({ instanceUrl: stub.url, accessToken: 'stub-token', version: '64.0' }) as never
    );
  });

  afterAll(async () => {
    await stub.close();
  });

  it('creates the agent, then its skills with the new resource Id, and reports failures per skill', async () => {
    const roster: StaffMember[] = [ana, ben];
    const dir = await readDirectory(client, roster);
    const plan = planSkillAssignments(roster, dir, { prune: false });
    const result = await applyPlan(client, plan, dir, new Date('2026-11-23T12:00:00.000Z'));

    expect(result.resourcesCreated).toBe(1);
    expect(result.skillsAdded).toBe(2);
    expect(result.failures).toEqual(['ben@x.org: Role_Reviewer not added: duplicate skill']);
    expect(stub.created.get('ServiceResource')).toEqual([
      {
        attributes: { type: 'ServiceResource' },
        Name: 'Ana Souza',
        RelatedRecordId: '005A',
        ResourceType: 'A',
        IsActive: true
      }
    ]);
    const skills = stub.created.get('ServiceResourceSkill') ?? [];
    const anaResourceId = skills.find((skill) => skill.SkillId === '0C5R')?.ServiceResourceId;
    expect(anaResourceId).toMatch(/^0Hn/);
    expect(
      skills.map((skill) => [
        skill.ServiceResourceId === anaResourceId ? 'ana' : skill.ServiceResourceId,
        skill.SkillId
      ])
    ).toEqual([
      ['ana', '0C5R'],
      ['ana', '0C5C'],
      ['0HnB', '0C5V']
    ]);
    expect(skills.every((skill) => skill.EffectiveStartDate === '2026-11-23T12:00:00.000Z')).toBe(true);
    // One collections call per object, not one call per record.
    expect(stub.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const dir = await tempDir('routing-apply');
    const roster = path.join(dir, 'roster.csv');
    await fs.writeFile(
      roster,
      'username,name,skills\nana@x.org,Ana Souza,Program_RAFT;Role_Chaser\nghost@x.org,Ghost,Role_Chaser\n'
    );
    const before = stub.requests.filter((request) => request.method !== 'GET').length;
    const output = captureOutput();
    const code = await applyMain(['--target-org', 'omni-dev', '--roster', roster, '--dry-run'], output, {
      connect: async () => client
    });
    expect(output.stdout()).toContain('Plan for omni-dev (dry run)');
    expect(output.stdout()).toMatch(/create agent\s+ana@x\.org/);
    expect(output.stdout()).toMatch(/add skill\s+ana@x\.org\s+Role_Chaser/);
    expect(output.stdout()).toContain('ghost@x.org: no active user with this username; skipped');
    expect(code).toBe(1);
    expect(stub.requests.filter((request) => request.method !== 'GET').length).toBe(before);
  });

  it('requires --target-org (exit 2) and prints help (exit 0)', async () => {
    const bad = captureOutput();
    expect(await applyMain(['--dry-run'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--target-org ALIAS is required');
    const help = captureOutput();
    expect(await applyMain(['--help'], help)).toBe(0);
    expect(help.stdout()).toContain('ServiceResourceSkill');
  });
});
