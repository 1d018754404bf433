import { startSandboxOrg, type SandboxOrg, type FaultConfig } from '../../scripts/sandbox-org';
import { Connection } from 'jsforce';
import { connectAs, failure } from './org-fixture';

/** Outcome of each of n queries sent straight over HTTP (jsforce itself retries 5xx answers on GET). */
async function outcomes(org: SandboxOrg, n: number): Promise<string[]> {
  const token = org.accessTokenFor('integration');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(
      `${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Case LIMIT 1')}`,
      { headers: { Authorization: `Bearer ${token}` } }
    );
    const body = (await res.json()) as Array<{ errorCode: string }>;
    out.push(res.ok ? 'ok' : body[0].errorCode);
  }
  return out;
}

describe('sandbox org faults', () => {
  const started: SandboxOrg[] = [];
  const start = async (faults?: FaultConfig, seed = 42) => {
    const org = await startSandboxOrg({ port: 0, seed, faults });
    started.push(org);
    return org;
  };
  afterAll(() => Promise.all(started.map((o) => o.stop())));

  it('fails the same requests for the same seed, and others for another seed', async () => {
    const faults: FaultConfig = { rules: [{ endpoint: 'query', kind: 'SERVER_UNAVAILABLE', rate: 0.3 }] };
    const a = await outcomes(await start(faults, 1), 30);
    const b = await outcomes(await start(faults, 1), 30);
    const c = await outcomes(await start(faults, 2), 30);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain('SERVER_UNAVAILABLE');
    expect(a).toContain('ok');
  });

  it('answers 503 SERVER_UNAVAILABLE and UNABLE_TO_LOCK_ROW on the endpoints chosen, leaving others alone', async () => {
    const org = await start({
      rules: [{ endpoint: 'sobject', method: 'PATCH', kind: 'UNABLE_TO_LOCK_ROW', rate: 1 }]
    });
    const conn = await connectAs(org, 'staff');
    const id = (await conn.sobject('Case').create({ Subject: 'x' })).id!;
    expect(await failure(conn.sobject('Case').update({ Id: id, Subject: 'y' }))).toMatchObject({
      errorCode: 'UNABLE_TO_LOCK_ROW'
    });
    org.setFaults({ rules: [{ endpoint: '*', kind: 'SERVER_UNAVAILABLE', rate: 1 }] });
    const res = await fetch(`${org.instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+Case`, {
      headers: { Authorization: `Bearer ${org.accessTokenFor('staff')}` }
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual([expect.objectContaining({ errorCode: 'SERVER_UNAVAILABLE' })]);
    org.setFaults({});
    await expect(conn.sobject('Case').update({ Id: id, Subject: 'y' })).resolves.toMatchObject({
      success: true
    });
  });

  it('fails some records inside a collection while the rest save', async () => {
    const org = await start({ recordFailureRate: 0.25 });
    const conn = await connectAs(org, 'integration');
    const results = await conn.sobject('Case').create(
      Array.from({ length: 200 }, (_, i) => ({ Subject: `c${i}` })),
      { allOrNone: false }
    );
    const failed = results.filter((r) => !r.success);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(200);
    expect(failed[0]).toMatchObject({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }] });
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(200 - failed.length);
  });

  it('answers REQUEST_LIMIT_EXCEEDED (403) once the daily allowance is spent', async () => {
    const org = await start({ dailyApiLimit: 5 });
    const conn = await connectAs(org, 'integration');
    for (let i = 0; i < 5; i++) await conn.query('SELECT Id FROM Case');
    const err = await failure(conn.query('SELECT Id FROM Case'));
    expect(err).toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.'
    });
    expect(org.apiUsage()).toEqual({ used: 5, max: 5 });
    org.setApiUsage(0);
    await expect(conn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
    org.setFaults({ apiLimitReached: true });
    expect(await failure(conn.query('SELECT Id FROM Case'))).toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED'
    });
  });

  it('expires the session of a request on an INVALID_SESSION_ID fault; a logged-in client signs in again', async () => {
    const org = await start({ rules: [{ endpoint: 'query', kind: 'INVALID_SESSION_ID', rate: 0.5 }] });
    const conn = await connectAs(org, 'staff');
    const first = conn.accessToken;
    for (let i = 0; i < 10; i++)
      await expect(conn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
    expect(conn.accessToken).not.toBe(first);
    const token = org.accessTokenFor('staff');
    org.setFaults({ rules: [{ endpoint: 'query', kind: 'INVALID_SESSION_ID', rate: 1 }] });
    const bare = new Connection({ instanceUrl: org.instanceUrl, accessToken: token, version: '62.0' });
    expect(await failure(bare.query('SELECT Id FROM Case'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID'
    });
    org.setFaults({});
    expect(await failure(bare.query('SELECT Id FROM Case'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID'
    });
  });

  it('a 503 on a read is retried by jsforce and the read succeeds once the org answers again', async () => {
    const org = await start({ rules: [{ endpoint: 'query', kind: 'SERVER_UNAVAILABLE', rate: 0.5 }] }, 4);
    const conn = await connectAs(org, 'staff');
    await expect(conn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
  });

  it('adds latency and still answers', async () => {
    const org = await start({ latencyMs: 5, latencyJitterMs: 5 });
    const conn = await connectAs(org, 'staff');
    await expect(conn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
  });

  it('rejects a fault configuration it does not understand, naming the field', async () => {
    await expect(
      startSandboxOrg({
        port: 0,
        faults: { rules: [{ endpoint: 'query', kind: 'SERVER_UNAVAILABLE', rate: 2 }] }
      })
    ).rejects.toThrow(/rules\.0\.rate/);
  });
});
