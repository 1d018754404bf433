import { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { isValidId } from '../../scripts/sandbox-org/ids';
import { API_VERSION, connectAs, failure } from './org-fixture';

describe('sandbox org sign-in', () => {
  let org: SandboxOrg;
  let now = Date.parse('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 7, clock: () => now, sessionTtlMs: 60 * 60 * 1000 });
  });
  afterAll(() => org.stop());

  it('logs in with username and password (SOAP login, as jsforce does without client credentials)', async () => {
    const conn = await connectAs(org, 'staff');
    expect(conn.instanceUrl).toBe(org.instanceUrl);
    expect(conn.userInfo?.id).toBe(org.users.staff.userId);
    expect(isValidId(org.users.staff.userId)).toBe(true);
    expect(org.users.staff.userId.startsWith('005')).toBe(true);
    const me = await conn.query<{ Username: string }>(
      `SELECT Username FROM User WHERE Id = '${org.users.staff.userId}'`
    );
    expect(me.records[0].Username).toBe(org.users.staff.username);
  });

  it('logs in through the OAuth username-password flow', async () => {
    const conn = new Connection({
      oauth2: { loginUrl: org.loginUrl, ...org.connectedApp },
      version: API_VERSION
    });
    const info = await conn.login(org.users.supervisor.username, org.users.supervisor.password);
    expect(info.id).toBe(org.users.supervisor.userId);
    expect(info.organizationId).toBe(org.orgId);
    await expect(conn.query('SELECT Id FROM Case')).resolves.toMatchObject({ totalSize: 0, done: true });
  });

  it('grants the integration user a session through the client-credentials flow', async () => {
    const { clientId, clientSecret } = org.users.integration;
    const conn = new Connection({
      oauth2: { loginUrl: org.loginUrl, clientId, clientSecret },
      version: API_VERSION
    });
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    expect(info.id).toBe(org.users.integration.userId);
    expect(org.users.integration.customPermissions).toContain('Payment_Sync_Integration');
    expect(org.users.staff.customPermissions).not.toContain('Payment_Sync_Integration');
  });

  it('refuses a wrong password and a wrong client secret', async () => {
    const soap = new Connection({ loginUrl: org.loginUrl, version: API_VERSION });
    await expect(soap.login(org.users.staff.username, 'wrong')).rejects.toThrow(/INVALID_LOGIN/);
    const oauth = new Connection({
      oauth2: { loginUrl: org.loginUrl, clientId: org.connectedApp.clientId, clientSecret: 'nope' },
      version: API_VERSION
    });
    await expect(oauth.login(org.users.staff.username, org.users.staff.password)).rejects.toThrow(
      /invalid client credentials/
    );
  });

  it('accepts an existing access token with the instance URL', async () => {
    const conn = new Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.accessTokenFor('staff'),
      version: API_VERSION
    });
    await expect(conn.query('SELECT COUNT() FROM Case')).resolves.toMatchObject({ totalSize: 0 });
  });

  it('answers INVALID_SESSION_ID (401) to a missing or unknown token', async () => {
    const conn = new Connection({
      instanceUrl: org.instanceUrl,
      accessToken: 'not-a-session',
      version: API_VERSION
    });
    expect(await failure(conn.query('SELECT Id FROM Case'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid'
    });
  });

  it('ends sessions when they expire; a password login signs in again by itself, a bare token does not', async () => {
    const loggedIn = await connectAs(org, 'staff');
    const bare = new Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.accessTokenFor('staff'),
      version: API_VERSION
    });
    const firstToken = loggedIn.accessToken;
    now += 2 * 60 * 60 * 1000;
    expect(await failure(bare.query('SELECT Id FROM Case'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID'
    });
    await expect(loggedIn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
    expect(loggedIn.accessToken).not.toBe(firstToken);

    org.expireSessions();
    await expect(loggedIn.query('SELECT Id FROM Case')).resolves.toMatchObject({ done: true });
  });

  it('lists API versions without a session', async () => {
    const res = await fetch(`${org.instanceUrl}/services/data/`);
    const versions = (await res.json()) as Array<{ version: string; url: string }>;
    expect(versions.map((v) => v.version)).toContain(API_VERSION);
    expect(versions.find((v) => v.version === API_VERSION)?.url).toBe(`/services/data/v${API_VERSION}`);
  });
});
