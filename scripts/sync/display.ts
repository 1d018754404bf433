/**
 * What a person sees of the sync worker on a terminal (`npm run sync`, `npm start`): a live progress
 * line during a cycle, one summary per cycle that changed something, each drifted or quarantined
 * payment announced once, and a closing summary when the run stops.
 */
import { summarizeReport, type CycleReport, type QuarantineEntry } from './decisions';
import type { RunResult } from './runner';
import type { ProgressEvent } from './worker';

/**
 * Remembers the quarantined payments already announced in this run: a payment quarantined for the
 * same reason in every cycle (one with no payee stays pending) is announced once, and again only when
 * its reason changes.
 */
export class QuarantineNotices {
  readonly #seen = new Map<string, string>();

  /** The entries of this cycle's report not announced before (and remembers them). */
  fresh(report: CycleReport): QuarantineEntry[] {
    return report.quarantined.filter((q) => {
      const key = q.recordId ?? q.reference ?? q.reason;
      if (this.#seen.get(key) === q.reason) return false;
      this.#seen.set(key, q.reason);
      return true;
    });
  }

  /** Distinct payments quarantined during the run. */
  get count(): number {
    return this.#seen.size;
  }
}

/** Whether a cycle did or found something a person should hear about (and the report must show). */
export function cycleChanged(report: CycleReport, freshQuarantines: readonly QuarantineEntry[]): boolean {
  return (
    report.submitted > 0 ||
    report.mirrored > 0 ||
    report.healed > 0 ||
    report.drifted.length > 0 ||
    freshQuarantines.length > 0 ||
    report.incomplete !== null ||
    report.feedRestarted ||
    report.backedOff ||
    report.warnings.length > 0
  );
}

/** Totals over a run, for the closing summary. */
export class RunTally {
  readonly notices = new QuarantineNotices();
  submitted = 0;
  mirrored = 0;
  healed = 0;
  drifted = 0;
  apiCalls = 0;

  /** Counts a finished cycle; returns the quarantined payments it announces for the first time. */
  add(report: CycleReport): QuarantineEntry[] {
    this.submitted += report.submitted;
    this.mirrored += report.mirrored;
    this.healed += report.healed;
    this.drifted += report.drifted.length;
    this.apiCalls += report.apiCalls;
    return this.notices.fresh(report);
  }

  /** "8 cycles (1 failed): submitted 3, mirrored 11, ..." */
  summary(result: Pick<RunResult, 'cycles' | 'failedCycles'>): string {
    const cycles = `${result.cycles} cycle${result.cycles === 1 ? '' : 's'}`;
    const failed = result.failedCycles > 0 ? ` (${result.failedCycles} failed)` : '';
    return (
      `${cycles}${failed}: submitted ${this.submitted}, mirrored ${this.mirrored}, healed ${this.healed}, ` +
      `drifted ${this.drifted}, quarantined ${this.notices.count}, API calls ${this.apiCalls}`
    );
  }
}

export interface TerminalDisplay {
  progress(event: ProgressEvent, cycle: number): void;
  /** A line of its own (clears the progress line first). */
  say(message: string): void;
  /** The cycle's summary, its drift and the quarantines not announced before. */
  report(report: CycleReport, freshQuarantines: readonly QuarantineEntry[]): void;
  /** Clears the progress line. */
  done(): void;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function terminalDisplay(stream: NodeJS.WritableStream): TerminalDisplay {
  let frame = 0;
  let live = false;
  const clear = (): void => {
    if (live) stream.write('\r\x1b[2K');
    live = false;
  };
  return {
    progress(e, cycle) {
      frame = (frame + 1) % SPINNER.length;
      stream.write(
        `\r\x1b[2K${SPINNER[frame]} cycle ${cycle} · ${e.phase} · submitted ${e.submitted} · mirrored ${e.mirrored} · ` +
          `drifted ${e.drifted} · quarantined ${e.quarantined} · API calls ${e.apiCalls}`
      );
      live = true;
    },
    say(message) {
      clear();
      stream.write(`${message}\n`);
    },
    report(report, freshQuarantines) {
      clear();
      stream.write(`✔ ${summarizeReport(report)}\n`);
      for (const d of report.drifted)
        stream.write(`  ⚠ ${d.name ?? d.recordId} edited after submission: ${d.details}\n`);
      for (const q of freshQuarantines)
        stream.write(`  ⛔ ${q.name ?? q.recordId ?? q.reference} quarantined: ${q.reason}\n`);
      for (const w of report.warnings) stream.write(`  ⚠ ${w}\n`);
    },
    done: clear
  };
}
