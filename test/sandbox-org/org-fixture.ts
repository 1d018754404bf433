import { Connection } from 'jsforce';
import type { SandboxOrg, UserKey } from '../../scripts/sandbox-org';

export const API_VERSION = '62.0';

/** A jsforce connection logged in as one of the sandbox org's users (username-password login). */
export async function connectAs(org: SandboxOrg, user: UserKey): Promise<Connection> {
  const conn = new Connection({ loginUrl: org.loginUrl, version: API_VERSION });
  await conn.login(org.users[user].username, org.users[user].password);
  return conn;
}

/** The error jsforce throws for a failed REST call, as a plain object for matching. */
export async function failure(
  p: PromiseLike<unknown>
): Promise<{ errorCode: string; message: string; data?: unknown }> {
  try {
    await p;
  } catch (err) {
    const e = err as { errorCode?: string; name?: string; message: string; data?: unknown };
    return { errorCode: e.errorCode ?? e.name ?? 'unknown', message: e.message, data: e.data };
  }
  throw new Error('expected the call to fail');
}
