/**
 * The Node.js heap settings the sync worker runs with: `npm run sync` passes them (package.json), and
 * `npm run bench:sync` (for the worker and the bare jsforce script alike) and `npm run test:chaos`
 * start their processes with them, so the figures and the fault tests are of the worker as shipped.
 *
 * Nothing the worker keeps grows with the number of payments (pages, spool files, a bounded report),
 * and its live heap after a full collection stays under 40 MB at 100,000 payments. With Node's
 * defaults V8 still lets the heap grow to 140–200 MB of garbage between full collections (a 16 MB
 * young generation and an old-space limit of gigabytes make collection lazy); a small young
 * generation and a 128 MB old-space limit make it collect sooner, at a few percent of CPU. The limit
 * is a ceiling with room to spare (three times the live heap), not a tight fit: a worker that ever
 * needs more stops with "JavaScript heap out of memory" instead of growing unseen.
 * A supervisor that runs the compiled worker itself should pass the same flags:
 * `node --max-old-space-size=128 --max-semi-space-size=2 dist/scripts/sync/cli.js`.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=2'];
