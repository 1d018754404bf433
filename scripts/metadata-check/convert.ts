/** Runs `sf project convert source`, the Salesforce CLI's own reading of the metadata, into a scratch folder. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../shared/paths';

export interface ConvertResult {
  ok: boolean;
  outputDir: string;
  componentCount: number;
  message: string;
}

const SF_BIN = projectPath('node_modules', '.bin', 'sf');

export async function convertSource(projectDir: string, packageDir = 'force-app'): Promise<ConvertResult> {
  const outputDir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-assist-convert-'));
  const env = {
    ...process.env,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_USE_PROGRESS_BAR: 'false'
  };
  const args = [
    'project',
    'convert',
    'source',
    '--root-dir',
    packageDir,
    '--output-dir',
    path.join(outputDir, 'mdapi'),
    '--json'
  ];
  const stdout = await new Promise<string>((resolve) => {
    execFile(SF_BIN, args, { cwd: projectDir, env, maxBuffer: 64 * 1024 * 1024 }, (_error, out) =>
      resolve(out)
    );
  });
  let parsed: { status?: number; message?: string; result?: { location?: string } } = {};
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    return {
      ok: false,
      outputDir,
      componentCount: 0,
      message: `the Salesforce CLI did not answer in JSON: ${stdout.slice(0, 500)}`
    };
  }
  if (parsed.status !== 0) {
    return { ok: false, outputDir, componentCount: 0, message: parsed.message ?? 'conversion failed' };
  }
  const manifest = await fs.readFile(path.join(outputDir, 'mdapi', 'package.xml'), 'utf8').catch(() => '');
  const componentCount = (manifest.match(/<members>/g) ?? []).length;
  return { ok: true, outputDir, componentCount, message: `converted ${componentCount} component(s)` };
}
