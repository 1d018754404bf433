/**
 * How the worker gets a Salesforce connection, from the most to the least interactive:
 * - `--target-org ALIAS`: the Salesforce CLI's stored authentication (@salesforce/core), refreshed
 *   by the CLI's own auth info;
 * - SF_LOGIN_URL + SF_CLIENT_ID + SF_CLIENT_SECRET: OAuth client credentials (unattended runs);
 * - SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD (+ optional client id/secret): username-password login;
 * - SF_INSTANCE_URL + SF_ACCESS_TOKEN: a token obtained elsewhere (cannot be renewed).
 * Every mode but the last re-authenticates when the session expires.
 */
import { Connection } from 'jsforce';
import { z } from 'zod';
import type { ConnectionLike } from './salesforce';

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

function host(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return '(unknown)';
  }
}

/** Opens a session for the credentials; throws CredentialsError with a message safe to print. */
export async function openSession(credentials: Credentials, apiVersion: string): Promise<SalesforceSession> {
  switch (credentials.kind) {
    case 'token': {
      const conn = new Connection({
        instanceUrl: credentials.instanceUrl,
        accessToken: credentials.accessToken,
        version: apiVersion
      });
      return {
        connection: conn as unknown as ConnectionLike,
        describe: `access token for ${host(credentials.instanceUrl)}`,
        ...counted(conn)
      };
    }
    case 'client-credentials': {
      const authorize = async (target: Connection): Promise<void> => {
        try {
          await target.authorize({ grant_type: 'client_credentials' });
        } catch (err) {
          throw new CredentialsError(
            `Client-credentials login to ${host(credentials.loginUrl)} failed: ${(err as Error).message}`
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
      return {
        connection: conn as unknown as ConnectionLike,
        describe: `client credentials at ${host(credentials.loginUrl)}`,
        ...counted(conn, () => authorize(conn))
      };
    }
    case 'password': {
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
          await conn.login(credentials.username, credentials.password);
        } catch (err) {
          throw new CredentialsError(
            `Login as ${credentials.username} at ${host(credentials.loginUrl)} failed: ${(err as Error).message}`
          );
        }
      };
      // after login, jsforce renews an expired session by logging in again (and emits 'refresh')
      await login();
      return {
        connection: conn as unknown as ConnectionLike,
        describe: `${credentials.username} at ${host(credentials.loginUrl)}`,
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
        throw new CredentialsError(
          `No authenticated org "${credentials.alias}": ${(err as Error).message}. Run "sf org login web --alias ${credentials.alias}" first.`
        );
      }
      // @salesforce/core 8 returns its own jsforce-node Connection; it refreshes its token through the
      // CLI's auth info, and refreshAuth() forces that when a request still reports an expired session.
      const conn = org.getConnection(apiVersion);
      let renewals = 0;
      conn.on('refresh', () => {
        renewals++;
      });
      return {
        connection: conn as unknown as ConnectionLike,
        reauthenticate: async () => {
          await org.refreshAuth();
          renewals++;
        },
        describe: `org ${credentials.alias} (${host(conn.instanceUrl)})`,
        renewals: () => renewals
      };
    }
  }
}
