/**
 * `npm run routing:build` — generates the Omni-Channel metadata, the Routing_Rule__mdt records and
 * config/routing.schema.json from config/routing.yaml. With --check it writes nothing and fails when
 * the committed files and the configuration disagree.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/paths';
import {
  DEFAULT_CONFIG_PATH,
  displayPath,
  loadRoutingConfig,
  RoutingConfigError,
  routingJsonSchema,
  SCHEMA_PATH
} from './config';
import { createLogger, EXIT_FAILURE, EXIT_OK, parseCommand, processOutput, type Output } from './cli-common';
import {
  compareMetadata,
  DEFAULT_METADATA_ROOT,
  generateMetadata,
  writeMetadata,
  type Drift
} from './metadata';

export const BUILD_HELP = `Generate Omni-Channel metadata and routing rules from the routing configuration.

Usage: npm run routing:build -- [--config FILE] [--check] [--json]

Generates, under force-app/main/default:
  skills/                 one Skill per program, step role, language, escalation and appeals
  serviceChannels/        the Case service channel
  presenceUserConfigs/    capacity per person
  servicePresenceStatuses/ the Available status for cases
  queues/                 the Awaiting Assignment queue
  customMetadata/         Routing_Rule__mdt records read by the case router (model, weight,
                          priorities, push timeout: the router puts them on each routing request)
and config/routing.schema.json (JSON Schema of the configuration file).

Options:
  --config FILE   routing configuration (default: config/routing.yaml)
  --check         write nothing; exit 1 when committed files differ from the configuration
  --json          machine-readable result on stdout
  -h, --help      show this help

Exit codes: 0 success, 1 invalid configuration or (--check) files out of date, 2 bad usage.`;

/** The schema depends only on the code, so it is rendered once per process and file name. */
const renderedSchemas = new Map<string, string>();

/**
 * The JSON Schema file content, formatted by the repository's prettier so `prettier --check` agrees.
 * Prettier runs as its own process: its ES module loading does not work inside every host (Jest's VM).
 */
export async function renderSchema(file = SCHEMA_PATH): Promise<string> {
  const cached = renderedSchemas.get(file);
  if (cached !== undefined) return cached;
  const prettierCli = require.resolve('prettier/bin/prettier.cjs');
  const rendered = execFileSync(process.execPath, [prettierCli, '--stdin-filepath', file], {
    input: JSON.stringify(routingJsonSchema()),
    encoding: 'utf8',
    cwd: PROJECT_ROOT
  });
  renderedSchemas.set(file, rendered);
  return rendered;
}

export interface BuildOptions {
  configPath?: string;
  metadataRoot?: string;
  schemaPath?: string;
  check?: boolean;
}

export interface BuildResult {
  check: boolean;
  upToDate: boolean;
  drift: Drift;
  schemaStale: boolean;
  files: number;
}

export async function runBuild(options: BuildOptions = {}): Promise<BuildResult> {
  const config = await loadRoutingConfig(options.configPath ?? DEFAULT_CONFIG_PATH);
  const files = generateMetadata(config);
  const root = options.metadataRoot ?? DEFAULT_METADATA_ROOT;
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const schema = await renderSchema(schemaPath);
  let currentSchema: string | null = null;
  try {
    currentSchema = await fs.readFile(schemaPath, 'utf8');
  } catch {
    currentSchema = null;
  }
  const schemaStale = currentSchema !== schema;
  let drift: Drift;
  if (options.check) {
    drift = await compareMetadata(files, root);
  } else {
    drift = await writeMetadata(files, root);
    if (schemaStale) {
      await fs.mkdir(path.dirname(schemaPath), { recursive: true });
      await fs.writeFile(schemaPath, schema);
    }
  }
  const upToDate = !schemaStale && drift.missing.length + drift.changed.length + drift.stale.length === 0;
  return { check: Boolean(options.check), upToDate, drift, schemaStale, files: files.size + 1 };
}

function describe(result: BuildResult, schemaPath: string): string {
  const lines: string[] = [];
  const verb = result.check
    ? { missing: 'missing', changed: 'differs', stale: 'stale' }
    : {
        missing: 'created',
        changed: 'updated',
        stale: 'removed'
      };
  for (const file of result.drift.missing)
    lines.push(`${verb.missing.padEnd(8)} force-app/main/default/${file}`);
  for (const file of result.drift.changed)
    lines.push(`${verb.changed.padEnd(8)} force-app/main/default/${file}`);
  for (const file of result.drift.stale) lines.push(`${verb.stale.padEnd(8)} force-app/main/default/${file}`);
  if (result.schemaStale)
    lines.push(`${(result.check ? 'differs' : 'updated').padEnd(8)} ${displayPath(schemaPath)}`);
  if (result.check) {
    lines.push(
      result.upToDate
        ? `Routing metadata matches the configuration (${result.files} files).`
        : 'Routing metadata is out of date with the configuration: run `npm run routing:build` and commit the result.'
    );
  } else {
    lines.push(
      result.upToDate
        ? `Routing metadata already up to date (${result.files} files).`
        : `Routing metadata generated (${result.files} files).`
    );
  }
  return lines.join('\n');
}

export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const log = createLogger('routing-build');
  const values = parseCommand(
    argv,
    {
      config: { type: 'string' },
      check: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    BUILD_HELP,
    output
  );
  if (typeof values === 'number') return values;
  try {
    const configPath = values.config ? path.resolve(values.config) : DEFAULT_CONFIG_PATH;
    const result = await runBuild({ configPath, check: values.check });
    log.info({ check: result.check, upToDate: result.upToDate }, 'routing build finished');
    output.out(values.json ? JSON.stringify(result, null, 2) : describe(result, SCHEMA_PATH));
    return result.check && !result.upToDate ? EXIT_FAILURE : EXIT_OK;
  } catch (error) {
    if (error instanceof RoutingConfigError) {
      output.err(
        values.json ? JSON.stringify({ error: error.message, problems: error.problems }) : error.message
      );
      return EXIT_FAILURE;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`routing:build failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(EXIT_FAILURE);
    }
  );
}
