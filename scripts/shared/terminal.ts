/**
 * Output for people and for machines, the same way in every command:
 * - on a terminal (stdout is a TTY) a command prints short human lines: what happened, and on a
 *   failure one line saying what failed and what to do;
 * - when stdout is not a terminal (a pipe, CI, a log collector), or with `--json`, it prints JSON.
 */
import type { DestinationStream } from 'pino';

/** True when a person reads the output: stdout is a terminal and --json was not asked for. */
export function forPeople(json: boolean | undefined, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return !json && stdout.isTTY === true;
}

/** The port a listen() failed on because another process holds it, else null. */
export function portInUse(err: unknown): number | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as NodeJS.ErrnoException & { port?: unknown };
  if (e.code !== 'EADDRINUSE') return null;
  if (typeof e.port === 'number') return e.port;
  const m = /:(\d+)\s*$/.exec(e.message ?? '');
  return m ? Number(m[1]) : null;
}

/** "Port N is in use ..." naming the flag that picks another. */
export function portInUseMessage(port: number | null, flag = '--port'): string {
  return `Port ${port ?? '(unknown)'} on 127.0.0.1 is in use by another program: stop it, or pick another port with ${flag} N (${flag} 0 picks a free one).`;
}

/** The command that logs the Salesforce CLI in for an alias (a dev dependency, hence npx). */
export function loginCommand(alias: string): string {
  return `npx sf org login web --alias ${alias}`;
}

/** Whether a Salesforce CLI (@salesforce/core) error means the alias has no usable login. */
export function isOrgLoginError(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  const text = `${String(e?.name ?? '')} ${String(e?.message ?? err)}`;
  return /NamedOrgNotFound|No authorization information found|NoAuthInfoFound|AuthInfoCreationError|expired access\/refresh token|invalid_grant|authenticating with the refresh token|INVALID_SESSION_ID/i.test(
    text
  );
}

/** One line for the org alias that is not logged in (or whose login expired), with what to do. */
export function orgLoginMessage(alias: string, err: unknown): string {
  const detail = oneLine(err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
  return `No working Salesforce CLI login for "${alias}" (${detail}). Log in with: ${loginCommand(alias)}`;
}

/** A message on one line: no stack, no line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The message of whatever was thrown, on one line (never a stack). */
export function messageOf(err: unknown): string {
  return oneLine(err instanceof Error ? err.message : String(err));
}

interface LogLine {
  level?: number;
  msg?: string;
  err?: unknown;
  reason?: unknown;
  error?: unknown;
  retryInMs?: unknown;
}

/** A pino log line as a person reads it: "✖ message: error" (warnings with ⚠), or null to skip. */
export function humanLogLine(json: string): string | null {
  let line: LogLine;
  try {
    line = JSON.parse(json) as LogLine;
  } catch {
    return json.trimEnd() || null;
  }
  const level = line.level ?? 30;
  const icon = level >= 50 ? '✖' : level >= 40 ? '⚠' : '·';
  const detail = line.err ?? line.error ?? line.reason;
  const text =
    detail === undefined || detail === null
      ? ''
      : `: ${oneLine(typeof detail === 'string' ? detail : JSON.stringify(detail))}`;
  const retry =
    typeof line.retryInMs === 'number'
      ? ` (next try in ${Math.max(1, Math.round(line.retryInMs / 1000))} s)`
      : '';
  return `${icon} ${line.msg ?? ''}${retry}${text}`;
}

/** A pino destination that prints each log line as a human line through `say`. */
export function humanLogDestination(say: (line: string) => void): DestinationStream {
  return {
    write(chunk: string): void {
      for (const json of chunk.split('\n')) {
        if (!json.trim()) continue;
        const line = humanLogLine(json);
        if (line) say(line);
      }
    }
  };
}

/**
 * Flags npm kept for itself. `npm start --once` (without `--`) does not pass --once to the command:
 * npm sets npm_config_once=true instead. Boolean flags found there are honoured; a flag with a value
 * cannot be recovered (npm passes the value on as a stray argument), so it is reported.
 */
export function npmSwallowedFlags(
  env: NodeJS.ProcessEnv,
  flags: { boolean: readonly string[]; value: readonly string[] }
): { honoured: string[]; misplaced: string[] } {
  const found = { honoured: [] as string[], misplaced: [] as string[] };
  if (!env.npm_lifecycle_event) return found;
  const value = (flag: string): string | undefined => env[`npm_config_${flag.replace(/-/g, '_')}`];
  for (const flag of flags.boolean) if (value(flag) === 'true') found.honoured.push(flag);
  for (const flag of flags.value) if (value(flag) !== undefined) found.misplaced.push(flag);
  return found;
}

/** How to pass flags through npm, for a message: "npm start -- --once", "npm run sync -- --target-org …". */
export function npmFlagsHint(
  script: string,
  flags: readonly string[],
  booleans: readonly string[] = []
): string {
  const run = script === 'start' ? 'npm start' : `npm run ${script}`;
  return `${run} -- ${flags.map((f) => `--${f}${booleans.includes(f) ? '' : ' …'}`).join(' ')}`;
}
