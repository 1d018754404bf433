import { promises as fs } from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__tests__', '.sfdx', '.sf']);

/** Every file under root whose name passes the filter, sorted, skipping tests and tool folders. */
export async function listFiles(root: string, accept: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (accept(entry.name)) {
        found.push(full);
      }
    }
  }
  await walk(root);
  return found.sort();
}
