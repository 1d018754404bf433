/**
 * The semantic Apex check: apex-ls (Apex Dev Tools' `CheckForIssues`) resolves every type, method,
 * variable and SObject field the way the compiler does, and knows Apex's reserved words. It is the
 * closest offline stand-in for a deployment's compile step. The Omni-Channel objects it lacks are
 * added from the declarations in `omni-channel-objects.json` (see platform-types.ts), and static SOQL is
 * checked by soql.ts against the same types.
 *
 * apex-ls needs Java 21 or newer. There is no silent skip: without a JDK the check fails and says what
 * to install.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import type { SourceProblem } from './apex';
import { findJdk, type Jdk } from './java';
import { buildPlatformTypes, type PlatformTypes } from './platform-types';

export const APEX_LS_MINIMUM_JAVA = 21;

export interface SemanticFinding extends SourceProblem {
  /** apex-ls's category: Error, Missing (an unknown type or field), Warning, Unused. */
  category: string;
}

export interface SemanticReport {
  errors: SemanticFinding[];
  warnings: SemanticFinding[];
  jdk: Jdk;
  types: PlatformTypes;
}

const outputSchema = z.object({
  files: z.array(
    z.object({
      path: z.string(),
      messages: z.array(
        z.object({
          start: z.object({ line: z.number(), offset: z.number() }),
          category: z.string(),
          message: z.string()
        })
      )
    })
  )
});

/** Categories that stop a deployment: compile errors and unresolved types or fields. */
const FAILING = new Set(['Error', 'Missing', 'Syntax']);

export async function semanticJdk(): Promise<Jdk> {
  return findJdk({
    tool: 'The semantic Apex check (apex-ls)',
    minimumMajor: APEX_LS_MINIMUM_JAVA,
    needCompiler: true
  });
}

export function parseApexLsOutput(stdout: string): SemanticFinding[] {
  const start = stdout.indexOf('{');
  if (start < 0) return [];
  let json: unknown;
  try {
    json = JSON.parse(stdout.slice(start));
  } catch (error) {
    throw new Error(`apex-ls did not answer in JSON (${(error as Error).message}): ${stdout.slice(0, 300)}`);
  }
  const parsed = outputSchema.parse(json);
  return parsed.files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.start.line,
      column: message.start.offset + 1,
      category: message.category,
      message: message.message
    }))
  );
}

export async function runSemanticCheck(projectDir: string, jdk?: Jdk): Promise<SemanticReport> {
  const java = jdk ?? (await semanticJdk());
  const types = await buildPlatformTypes(java);
  const args = [
    '-Xss4m',
    '-cp',
    types.classpath.join(path.delimiter),
    'io.github.apexdevtools.apexls.CheckForIssues',
    '--nocache',
    '--format',
    'json',
    '--detail',
    'warnings',
    '--workspace',
    path.resolve(projectDir)
  ];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      java.java,
      args,
      { cwd: projectDir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (error, out, stderr) => {
        // CheckForIssues exits non-zero when it found errors; only a run without JSON is a failure to run.
        if (out.includes('"files"')) resolve(out);
        else if (error)
          reject(new Error(`apex-ls failed to run: ${(stderr || error.message).trim().slice(0, 2000)}`));
        else resolve(out);
      }
    );
  });
  const findings = parseApexLsOutput(stdout).sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
  );
  return {
    errors: findings.filter((finding) => FAILING.has(finding.category)),
    warnings: findings.filter((finding) => !FAILING.has(finding.category)),
    jdk: java,
    types
  };
}
