/**
 * Runs worker cycles until stopped: waits the configured interval between cycles, pauses longer when
 * the daily API allowance is nearly spent, and backs off exponentially while cycles keep failing.
 * Stopping (Ctrl-C) lets the running cycle finish its current step and never cuts a write in half.
 */
import type pino from 'pino';
import type { CycleReport } from './decisions';
import type { SyncWorker } from './worker';

export interface RunOptions {
  worker: SyncWorker;
  logger: pino.Logger;
  intervalMs: number;
  pauseMs: number;
  maxBackoffMs: number;
  /** stop after this many cycles (1 = --once) */
  maxCycles?: number;
  signal?: AbortSignal;
  /** sees each finished cycle's report; the next cycle waits for what it returns (e.g. a written report) */
  onReport?: (report: CycleReport) => void | Promise<void>;
}

export interface RunResult {
  cycles: number;
  failedCycles: number;
  lastReport: CycleReport | null;
  lastError: string | null;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runWorker(opts: RunOptions): Promise<RunResult> {
  const result: RunResult = { cycles: 0, failedCycles: 0, lastReport: null, lastError: null };
  let consecutiveFailures = 0;
  while (!opts.signal?.aborted) {
    let delay = opts.intervalMs;
    try {
      const report = await opts.worker.runCycle();
      result.lastReport = report;
      result.lastError = null;
      consecutiveFailures = 0;
      await opts.onReport?.(report);
      if (report.backedOff) delay = opts.pauseMs;
    } catch (err) {
      consecutiveFailures++;
      result.failedCycles++;
      result.lastError = err instanceof Error ? err.message : String(err);
      delay = Math.min(opts.maxBackoffMs, opts.intervalMs * 2 ** consecutiveFailures);
      opts.logger.error({ err: result.lastError, retryInMs: delay }, 'sync cycle failed; it will run again');
    }
    result.cycles++;
    if (opts.maxCycles !== undefined && result.cycles >= opts.maxCycles) break;
    await wait(delay, opts.signal);
  }
  return result;
}
