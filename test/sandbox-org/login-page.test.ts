import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { loginPageHtml, wantsHtml } from '../../scripts/sandbox-org/login-page';
import { connectAs } from './org-fixture';

// what Chromium sends when a person types the login URL into the address bar
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

describe('sandbox org login URL in a browser', () => {
  let org: SandboxOrg;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 11 });
  });
  afterAll(() => org.stop());

  it('answers a browser with a page saying what it is and how to connect', async () => {
    const res = await fetch(org.loginUrl, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('not Salesforce');
    expect(page).toContain('jsforce');
    expect(page).toContain('npm run sync');
    expect(page).toContain(`loginUrl: '${org.loginUrl}'`);
    expect(page).toContain(`SF_LOGIN_URL=${org.loginUrl}`);
    // credentials stay in the terminal that started the org
    for (const user of Object.values(org.users)) expect(page).not.toContain(user.password);
    expect(page).not.toContain(org.connectedApp.clientSecret);
  });

  it('keeps the Salesforce JSON 404 for API clients at the same address', async () => {
    for (const accept of ['application/json', '*/*', 'application/xml', 'text/html;q=0']) {
      const res = await fetch(org.loginUrl, { headers: { accept } });
      expect({ accept, status: res.status }).toEqual({ accept, status: 404 });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual([
        expect.objectContaining({ errorCode: 'NOT_FOUND', message: expect.any(String) })
      ]);
    }
  });

  it('answers only GET of the root with the page; other paths and methods are unchanged', async () => {
    const post = await fetch(org.loginUrl, { method: 'POST', headers: { accept: BROWSER_ACCEPT } });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^application\/json/);
    const other = await fetch(`${org.loginUrl}/services/data/v1.0`, { headers: { accept: BROWSER_ACCEPT } });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('still signs jsforce in at the login URL', async () => {
    const conn = await connectAs(org, 'staff');
    expect(conn.userInfo?.id).toBe(org.users.staff.userId);
    const me = await conn.query<{ Username: string }>(
      `SELECT Username FROM User WHERE Id = '${org.users.staff.userId}'`
    );
    expect(me.records[0].Username).toBe(org.users.staff.username);
  });
});

describe('sandbox org login page', () => {
  it('tells a browser Accept header from an API client one', () => {
    expect(wantsHtml(BROWSER_ACCEPT)).toBe(true);
    expect(wantsHtml('TEXT/HTML')).toBe(true);
    expect(wantsHtml('application/json, text/html;q=0.5')).toBe(true);
    expect(wantsHtml(undefined)).toBe(false);
    expect(wantsHtml('*/*')).toBe(false);
    expect(wantsHtml('application/json')).toBe(false);
    expect(wantsHtml('text/html;q=0')).toBe(false);
  });

  it('escapes what it puts into the page', () => {
    const page = loginPageHtml({
      loginUrl: 'http://127.0.0.1:1/"><script>alert(1)</script>',
      apiVersion: '64.0',
      oldestApiVersion: '52.0'
    });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;');
  });
});
