/**
 * Runs a command the way a person meets it: on a terminal. util-linux `script` gives the command a
 * pseudo-terminal (stdout.isTTY is true, Ctrl-C is the terminal's interrupt character) and copies
 * everything the terminal shows to our pipe: the transcript.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** node arguments that run a command's TypeScript entry point (scripts/…/x.ts). */
export function nodeCommand(script: string, args: string[] = []): string[] {
  return [process.execPath, '-r', 'ts-node/register/transpile-only', script, ...args];
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An environment with nothing of ours in it: a person's PATH, an empty home, and `extra`. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...extra };
}

export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'terminal-home-'));
}

export interface TerminalRun {
  child: ChildProcessWithoutNullStreams;
  /** everything the terminal showed so far, with \r\n as \n */
  transcript(): string;
  /** resolves once the transcript matches (rejects when the command ends first) */
  waitFor(pattern: RegExp): Promise<void>;
  /** Ctrl-C, typed on the terminal */
  interrupt(): void;
  exit: Promise<number | null>;
}

export function inTerminal(
  command: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string } = { env: process.env }
): TerminalRun {
  // exec: the command itself is the terminal's foreground process, as when a person types it (a
  // non-interactive sh left in between would die of the Ctrl-C the command handles)
  const child = spawn('/usr/bin/script', ['-qec', `exec ${command.map(shellQuote).join(' ')}`, '/dev/null'], {
    cwd: options.cwd ?? ROOT,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe']
  });
  let raw = '';
  const waiters: { pattern: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const transcript = (): string => raw.replace(/\r\n/g, '\n');
  const check = (): void => {
    for (const w of [...waiters]) {
      if (w.pattern.test(transcript())) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    check();
  });
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      for (const w of waiters.splice(0))
        w.reject(new Error(`ended before ${String(w.pattern)} appeared:\n${transcript()}`));
      resolve(code);
    })
  );
  return {
    child,
    transcript,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(transcript())) return resolve();
        if (child.exitCode !== null) return reject(new Error(`ended before ${String(pattern)}`));
        waiters.push({ pattern, resolve, reject });
      }),
    interrupt: () => {
      child.stdin.write('\x03');
    },
    exit
  };
}

/** Runs a command on a terminal to its end. */
export async function runInTerminal(
  command: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number | null; transcript: string; lines: string[] }> {
  const run = inTerminal(command, { env });
  const code = await run.exit;
  const transcript = run.transcript();
  return { code, transcript, lines: visibleLines(transcript) };
}

/** The lines a person reads: progress-line redraws and blank lines dropped, colour codes removed. */
export function visibleLines(transcript: string): string[] {
  return transcript
    .split('\n')
    .map((line) => {
      // a progress line is redrawn in place ("\r\x1b[2K…"): what stays visible is the last drawing
      const drawings = line.split('\r');
      return drawings[drawings.length - 1].replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    })
    .filter((line) => line.trim() !== '');
}

/** A pino JSON log line, as it must never reach a person's terminal. */
export const JSON_LOG = /\{"level":/;
