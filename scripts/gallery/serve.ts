/**
 * `npm run gallery`: builds the component gallery and serves it on loopback.
 *   --port N       port to listen on (default 4700; 0 picks a free port)
 *   --build-only   write the static gallery to .tmp/gallery and exit
 *   --out DIR      where to write it (default .tmp/gallery)
 *   --json         one JSON line with the address (and JSON logs) instead of text
 * A taken port fails at once, with one line naming --port.
 */
import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { buildGallery, DEFAULT_OUT_DIR, logger } from './build';
import { runMain } from '../shared/cli';
import { forPeople, messageOf, portInUse, portInUseMessage } from '../shared/terminal';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json'
};

export interface RunningGallery {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves a built gallery directory on 127.0.0.1. */
export async function serveGallery(dir: string, port = 0): Promise<RunningGallery> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store'
        });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      }
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** Builds then serves; what `npm run gallery` and the browser test use. */
export async function startGallery(
  options: { port?: number; outDir?: string } = {}
): Promise<RunningGallery> {
  const { outDir } = await buildGallery(options.outDir ?? DEFAULT_OUT_DIR);
  return serveGallery(outDir, options.port ?? 0);
}

const USAGE = `Usage: npm run gallery -- [--port N] [--build-only] [--out DIR] [--json]

Builds the project's Lightning Web Components with LWC OSS against the fixtures in
scripts/gallery/states/*.ts and serves them on http://127.0.0.1:<port>/ (default port 4700).
  --port N       port to listen on (0 picks a free port)
  --build-only   write the static gallery and exit
  --out DIR      output directory (default .tmp/gallery)
  --json         one JSON line with the address (and JSON logs) instead of text
`;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  buildOnly: z.boolean(),
  out: z.string().min(1),
  json: z.boolean()
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> | 'help' {
  const raw: Record<string, unknown> = { port: 4700, buildOnly: false, out: DEFAULT_OUT_DIR, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--build-only') raw.buildOnly = true;
    else if (arg === '--json') raw.json = true;
    else if (arg === '--port') raw.port = argv[++i];
    else if (arg.startsWith('--port=')) raw.port = arg.slice('--port='.length);
    else if (arg === '--out') raw.out = argv[++i];
    else if (arg.startsWith('--out=')) raw.out = arg.slice('--out='.length);
    else throw new UsageError(`unknown option ${arg}`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

class UsageError extends Error {}

/** Fails at once when the port is taken, before the build (which takes a while) starts. */
async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = http.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // on a terminal the lines below say what happened; JSON logs are for pipes, --json and LOG_LEVEL
  const human = forPeople(args.json);
  if (human && process.env.LOG_LEVEL === undefined) logger.level = 'silent';
  try {
    if (!args.buildOnly) await assertPortFree(args.port);
    const { outDir, states } = await buildGallery(path.resolve(args.out));
    if (args.buildOnly) {
      const out = path.relative(process.cwd(), outDir);
      process.stdout.write(
        args.json
          ? `${JSON.stringify({ outDir: out, states: states.length })}\n`
          : `gallery: ${states.length} state(s) written to ${out}\n`
      );
      return 0;
    }
    const running = await serveGallery(outDir, args.port);
    process.stdout.write(
      args.json
        ? `${JSON.stringify({ url: running.url, port: running.port, states: states.length })}\n`
        : `gallery: ${states.length} state(s) at ${running.url} (Ctrl-C to stop)\n`
    );
    const stop = () => {
      void running.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (error) {
    const port = portInUse(error);
    // the message only: a stack helps no one fix a taken port or a bad state file
    const message = port !== null ? portInUseMessage(port) : messageOf(error);
    if (!human) logger.error({ err: message }, 'gallery failed');
    process.stderr.write(`gallery failed: ${message}\n`);
    return 1;
  }
}

if (require.main === module) runMain(main);
