/**
 * What the sandbox org's login URL shows a browser: a short page saying what this server is and how
 * to connect to it (jsforce, `npm run sync`). API clients never see it: they keep Salesforce's JSON
 * and XML answers (see wantsHtml). Credentials stay in the terminal that started the org.
 */

export interface LoginPageInfo {
  loginUrl: string;
  apiVersion: string;
  oldestApiVersion: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * True when the request's Accept header lists text/html with a non-zero quality, as a browser's
 * does. `*` + `/*`, JSON and XML (what jsforce and other API clients send) are not asking for a page.
 */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type !== 'text/html') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function loginPageHtml(info: LoginPageInfo): string {
  const url = escapeHtml(info.loginUrl);
  const version = escapeHtml(info.apiVersion);
  const oldest = escapeHtml(info.oldestApiVersion);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox org — omni-assist</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #181818; }
code, pre { font-family: ui-monospace, monospace; background: #f3f3f3; border-radius: 4px; }
code { padding: 0 .2em; }
pre { padding: .75rem 1rem; overflow-x: auto; }
</style>
</head>
<body>
<h1>Sandbox org</h1>
<p>This is the omni-assist <strong>sandbox org</strong>: a local development stand-in for the Salesforce
REST API, <strong>not Salesforce</strong>. It has no sign-in page for people. Programs connect to it
with <code>${url}</code> as their login URL, the way they would connect to a Salesforce sandbox.</p>
<p>Usernames, passwords and client credentials are printed by <code>npm run sandbox</code> in the
terminal that started it (<code>npm run sandbox -- --json</code> prints them as one JSON line).</p>

<h2>Connect with jsforce</h2>
<pre><code>const jsforce = require('jsforce');
const conn = new jsforce.Connection({ loginUrl: '${url}', version: '${version}' });
await conn.login(username, password);
const result = await conn.query('SELECT Id, CaseNumber FROM Case LIMIT 5');</code></pre>
<p>The REST API is under <code>${url}/services/data/v${version}</code> (versions ${oldest} to ${version}).
SOAP login and the OAuth 2.0 token endpoint (<code>/services/oauth2/token</code>: username-password
and client credentials) sign in.</p>

<h2>Run the payment sync against it</h2>
<pre><code>SF_LOGIN_URL=${url} SF_USERNAME=… SF_PASSWORD=… \\
PAYMENT_SYSTEM_URL=… PAYMENT_SYSTEM_TOKEN=… npm run sync</code></pre>
<p>As the integration user (or with its <code>SF_CLIENT_ID</code> and <code>SF_CLIENT_SECRET</code>), with the
payment system's URL and token: <code>npm run sandbox</code> prints this command filled in.
<code>npm run sync -- --help</code> lists every option.</p>
</body>
</html>
`;
}
