/**
 * How the worker gets a Salesforce connection, from the most to the least interactive:
 * - `--target-org ALIAS`: the Salesforce CLI's stored authentication (@salesforce/core), refreshed
 *   by the CLI's own auth info;
 * - SF_LOGIN_URL + SF_CLIENT_ID + SF_CLIENT_SECRET: OAuth client credentials (unattended runs);
 * - SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD (+ optional client id/secret): username-password login;
 * - SF_INSTANCE_URL + SF_ACCESS_TOKEN: a token obtained elsewhere (cannot be renewed).
 * Every mode but the last re-authenticates when the session expires.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { withTimeout, type ConnectionLike, type RequestOptions, type RestRequest } from './salesforce';
import { orgLoginMessage } from '../shared/terminal';

export type Credentials =
  | { kind: 'target-org'; alias: string }
  | { kind: 'client-credentials'; loginUrl: string; clientId: string; clientSecret: string }
  | {
      kind: 'password';
      loginUrl: string;
      username: string;
      password: string;
      clientId?: string;
      clientSecret?: string;
    }
  | { kind: 'token'; instanceUrl: string; accessToken: string };

export interface SalesforceSession {
  connection: ConnectionLike;
  reauthenticate?: () => Promise<void>;
  /** what is safe to log: the mode and the instance, never a secret */
  describe: string;
  /** how many times the session was renewed after it expired */
  renewals(): number;
  /** the org's Id when the session tells it (null: ask the org) */
  organizationId(): string | null;
}

export interface SessionOptions {
  /** every login and token request gives up after this long (default 60 s) */
  timeoutMs?: number;
}

/** jsforce's session refresher, as Connection holds it (`_refreshDelegate`, public in its types). */
interface RefreshDelegateLike {
  refresh(since: number): Promise<void>;
  isRefreshing(): boolean;
  waitRefresh(): Promise<void> | undefined;
}

interface RefreshingConnection {
  _refreshDelegate?: RefreshDelegateLike;
}

/** What jsforce throws for an expired session; the worker's gateway then logs in again itself, once. */
function sessionStillInvalid(): Error {
  const err = new Error(
    'INVALID_SESSION_ID: the session is still refused after it was renewed; not renewing again'
  );
  (err as Error & { errorCode: string }).errorCode = 'INVALID_SESSION_ID';
  return err;
}

/**
 * Bounds jsforce's own session refresh. jsforce 3.10.16 answers every 401 by renewing the session and
 * repeating the request, without limit: when a 401 persists after a successful login (a revoked
 * permission, an IP restriction) it renews thousands of times a second. Here jsforce may renew once;
 * a second 401 before any request succeeded surfaces as INVALID_SESSION_ID, and the gateway's single
 * re-login per call (then the cycle's back-off) takes over.
 *
 * The bound sits on the connection's `_refreshDelegate` property itself (declared public in jsforce's
 * types): jsforce's login() — which its username-password refresher calls — installs a new refresher
 * each time, and every one of them is handed out bounded.
 */
export class RefreshBound {
  #spent = false;
  #bounded: RefreshDelegateLike | undefined;

  constructor(conn: unknown) {
    const target = conn as RefreshingConnection;
    this.#set(target._refreshDelegate);
    Object.defineProperty(target, '_refreshDelegate', {
      configurable: true,
      enumerable: true,
      get: () => this.#bounded,
      set: (next: RefreshDelegateLike | undefined) => this.#set(next)
    });
  }

  #set(inner: RefreshDelegateLike | undefined): void {
    this.#bounded = inner
      ? {
          refresh: async (since) => {
            if (this.#spent) throw sessionStillInvalid();
            this.#spent = true;
            await inner.refresh(since);
          },
          isRefreshing: () => inner.isRefreshing(),
          waitRefresh: () => inner.waitRefresh()
        }
      : undefined;
  }

  /** A request succeeded (or the caller renews on purpose): the next expiry may be renewed again. */
  answered(): void {
    this.#spent = false;
  }
}

/** The connection as the worker sees it: each request bounded in refreshes (see RefreshBound). */
function boundedConnection(conn: Connection | ConnectionLike, bound: RefreshBound): ConnectionLike {
  const raw = conn as unknown as ConnectionLike;
  return {
    async request<T>(request: RestRequest | string, options?: RequestOptions): Promise<T> {
      const answer = await raw.request<T>(request, options);
      bound.answered();
      return answer;
    },
    get instanceUrl() {
      return raw.instanceUrl;
    },
    get version() {
      return raw.version;
    },
    get limitInfo() {
      return raw.limitInfo;
    },
    // jsforce's bulk2 module works on the connection itself (Bulk API 2.0 jobs, see bulk.ts)
    jsforceConnection: conn
  };
}

function orgIdOf(conn: Connection): string | null {
  const fromUser = conn.userInfo?.organizationId;
  if (fromUser) return fromUser;
  // Salesforce access tokens begin with the 15-character org Id
  const m = /^(00D[a-zA-Z0-9]{12})!/.exec(conn.accessToken ?? '');
  return m ? m[1] : null;
}

/** Counts renewals, whether jsforce refreshed the token itself or the worker asked for it. */
function counted(
  conn: Connection,
  reauthenticate?: () => Promise<void>
): Pick<SalesforceSession, 'reauthenticate' | 'renewals'> {
  let renewals = 0;
  conn.on('refresh', () => {
    renewals++;
  });
  return {
    reauthenticate: reauthenticate
      ? async () => {
          await reauthenticate();
          renewals++;
        }
      : undefined,
    renewals: () => renewals
  };
}

export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

const url = z.url({ protocol: /^https?$/ });

/** Credentials from the environment, or null when none are set. One message naming the variable otherwise. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Credentials | null {
  const check = (name: string, schema: z.ZodType<string>): string => {
    const parsed = schema.safeParse(env[name]);
    if (!parsed.success) throw new CredentialsError(`Environment variable ${name} is missing or invalid`);
    return parsed.data;
  };
  const text = z.string().min(1);
  if (env.SF_INSTANCE_URL || env.SF_ACCESS_TOKEN) {
    return {
      kind: 'token',
      instanceUrl: check('SF_INSTANCE_URL', url),
      accessToken: check('SF_ACCESS_TOKEN', text)
    };
  }
  if (!env.SF_LOGIN_URL && !env.SF_CLIENT_ID && !env.SF_USERNAME) return null;
  const loginUrl = check('SF_LOGIN_URL', url);
  if (env.SF_USERNAME || env.SF_PASSWORD) {
    return {
      kind: 'password',
      loginUrl,
      username: check('SF_USERNAME', text),
      password: check('SF_PASSWORD', text),
      ...(env.SF_CLIENT_ID
        ? { clientId: env.SF_CLIENT_ID, clientSecret: check('SF_CLIENT_SECRET', text) }
        : {})
    };
  }
  return {
    kind: 'client-credentials',
    loginUrl,
    clientId: check('SF_CLIENT_ID', text),
    clientSecret: check('SF_CLIENT_SECRET', text)
  };
}

/** "<what failed>: <why>", and what to check when the login was refused (not when the org was unreachable). */
function loginFailure(what: string, err: unknown, check: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const refused = /INVALID_LOGIN|invalid_client|invalid_grant|authentication failure|unauthorized/i.test(
    err instanceof Error ? `${err.name} ${message}` : message
  );
  return refused ? `${what}: ${message.replace(/\.+$/, '')}. Check ${check}.` : `${what}: ${message}`;
}

function host(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return '(unknown)';
  }
}

/**
 * jsforce's core (Connection: REST, OAuth and SOAP login) and its Bulk API 2.0 module, loaded when a
 * session opens: `--help` and configuration errors never pay for them, and the parts of jsforce the
 * worker does not use (Metadata, Tooling, Streaming, Analytics…) are never loaded — about half of
 * jsforce's load time.
 */
async function jsforceConnection(): Promise<typeof Connection> {
  const core = await import('jsforce/core');
  await import('jsforce/lib/api/bulk2');
  return core.Connection;
}

/** Opens a session for the credentials; throws CredentialsError with a message safe to print. */
export async function openSession(
  credentials: Credentials,
  apiVersion: string,
  options: SessionOptions = {}
): Promise<SalesforceSession> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const timed = <T>(promise: Promise<T>, what: string): Promise<T> => withTimeout(promise, timeoutMs, what);
  switch (credentials.kind) {
    case 'token': {
      const Connection = await jsforceConnection();
      const conn = new Connection({
        instanceUrl: credentials.instanceUrl,
        accessToken: credentials.accessToken,
        version: apiVersion
      });
      const bound = new RefreshBound(conn);
      return {
        connection: boundedConnection(conn, bound),
        describe: `access token for ${host(credentials.instanceUrl)}`,
        organizationId: () => orgIdOf(conn),
        ...counted(conn)
      };
    }
    case 'client-credentials': {
      const Connection = await jsforceConnection();
      const authorize = async (target: Connection): Promise<void> => {
        try {
          await timed(target.authorize({ grant_type: 'client_credentials' }), 'the token request');
        } catch (err) {
          throw new CredentialsError(
            loginFailure(
              `Client-credentials login to ${host(credentials.loginUrl)} failed`,
              err,
              'SF_CLIENT_ID and SF_CLIENT_SECRET, and that the connected app enables the client credentials flow with a run-as user'
            )
          );
        }
      };
      const conn: Connection = new Connection({
        loginUrl: credentials.loginUrl,
        version: apiVersion,
        oauth2: {
          loginUrl: credentials.loginUrl,
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret
        },
        // the client-credentials flow has no refresh token: an expired session is renewed by asking again
        refreshFn: (target, callback) => {
          authorize(target).then(
            () => callback(null, target.accessToken ?? undefined),
            (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)))
          );
        }
      });
      await authorize(conn);
      const bound = new RefreshBound(conn);
      return {
        connection: boundedConnection(conn, bound),
        describe: `client credentials at ${host(credentials.loginUrl)}`,
        organizationId: () => orgIdOf(conn),
        ...counted(conn, () => authorize(conn))
      };
    }
    case 'password': {
      const Connection = await jsforceConnection();
      const conn = new Connection({
        loginUrl: credentials.loginUrl,
        version: apiVersion,
        ...(credentials.clientId
          ? {
              oauth2: {
                loginUrl: credentials.loginUrl,
                clientId: credentials.clientId,
                clientSecret: credentials.clientSecret
              }
            }
          : {})
      });
      const login = async (): Promise<void> => {
        try {
          await timed(conn.login(credentials.username, credentials.password), 'the login');
        } catch (err) {
          throw new CredentialsError(
            loginFailure(
              `Login as ${credentials.username} at ${host(credentials.loginUrl)} failed`,
              err,
              'SF_USERNAME and SF_PASSWORD (the password followed by the security token when the org asks for one)'
            )
          );
        }
      };
      // after login, jsforce renews an expired session by logging in again (and emits 'refresh')
      await login();
      const bound = new RefreshBound(conn);
      return {
        connection: boundedConnection(conn, bound),
        describe: `${credentials.username} at ${host(credentials.loginUrl)}`,
        organizationId: () => orgIdOf(conn),
        ...counted(conn, login)
      };
    }
    case 'target-org': {
      // Loaded lazily: @salesforce/core is large and only this mode needs it.
      const { Org } = await import('@salesforce/core');
      let org: InstanceType<typeof Org>;
      try {
        org = await Org.create({ aliasOrUsername: credentials.alias });
      } catch (err) {
        throw new CredentialsError(orgLoginMessage(credentials.alias, err));
      }
      // @salesforce/core 8 returns its own jsforce-node Connection; it refreshes its token through the
      // CLI's auth info, and refreshAuth() forces that when a request still reports an expired session.
      const conn = org.getConnection(apiVersion);
      let renewals = 0;
      conn.on('refresh', () => {
        renewals++;
      });
      const bound = new RefreshBound(conn);
      return {
        connection: boundedConnection(conn as unknown as ConnectionLike, bound),
        reauthenticate: async () => {
          // refreshAuth() renews through jsforce's refresher: let it, once
          bound.answered();
          await timed(org.refreshAuth(), 'the session refresh');
          renewals++;
        },
        describe: `org ${credentials.alias} (${host(conn.instanceUrl)})`,
        renewals: () => renewals,
        organizationId: () => org.getOrgId() ?? null
      };
    }
  }
}
