/** Shared fixtures for the routing tests. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Output } from '../../scripts/routing/cli-common';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CONFIG_FILE = path.join(REPO_ROOT, 'config/routing.yaml');

export async function readConfigText(): Promise<string> {
  return fs.readFile(CONFIG_FILE, 'utf8');
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
}

/** Captures a command's stdout and stderr. */
export function captureOutput(): Output & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    stdout: () => out,
    stderr: () => err
  };
}
