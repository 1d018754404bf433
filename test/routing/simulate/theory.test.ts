/**
 * The simulator against queueing theory. With one skill combination, Poisson arrivals, exponential open
 * times, everyone Available and offers accepted at once, omni-assist's routing is an M/M/c queue with
 * c = staff × capacity, so Erlang C gives the probability of waiting in Awaiting Assignment and the mean
 * wait. Little's law (mean number waiting = arrival rate × mean wait) holds on every run.
 */
import { simulate, type ReplicationResult } from '../../../scripts/routing/simulate/engine';
import { erlangC, estimate, relativeDifference } from '../../../scripts/routing/simulate/statistics';
import type { RoutingConfig } from '../../../scripts/routing/config';
import { forecast, mmcModel, projectConfig, chaser } from './fixtures';
import { rulesFromConfig } from '../../../scripts/routing/rules';

const STAFF = 2;
const CAPACITY = 3;
const SERVERS = STAFF * CAPACITY;
const REPLICATIONS = [11, 12, 13, 14, 15];

/** Within 5% of the theory, or the theory inside the replications' 95% confidence interval. */
function agrees(values: number[], expected: number): { ok: boolean; detail: string } {
  const e = estimate(values);
  const within = relativeDifference(e.mean, expected) <= 0.05;
  const covered = e.low <= expected && expected <= e.high;
  return {
    ok: within || covered,
    detail: `simulated ${e.mean.toFixed(4)} ± ${e.halfWidth.toFixed(4)}, Erlang C ${expected.toFixed(4)}`
  };
}

function littleHolds(run: ReplicationResult): void {
  for (const state of [run.little.waiting, run.little.awaiting]) {
    const predicted = state.arrivalRate * state.meanTime;
    expect(relativeDifference(state.meanNumber, predicted)).toBeLessThanOrEqual(0.02);
  }
}

describe('routing simulation against Erlang C (M/M/c)', () => {
  let config: RoutingConfig;
  beforeAll(async () => {
    config = await projectConfig();
  });

  it.each([0.5, 0.65, 0.8, 0.9, 0.95])(
    'at %p load the mean wait and the probability of waiting match Erlang C',
    (load) => {
      const model = mmcModel(config, {
        staff: STAFF,
        capacity: CAPACITY,
        load,
        meanHours: 1,
        days: 300,
        warmupDays: 10
      });
      const runs = REPLICATIONS.map((seed) => simulate(model, seed));
      const theory = erlangC(SERVERS, load * SERVERS, 1);
      const wait = agrees(
        runs.map((run) => run.exact.meanWaitHours),
        theory.meanWait
      );
      const waited = agrees(
        runs.map((run) => run.exact.waitedShare),
        theory.probabilityOfWaiting
      );
      expect({ load, ok: wait.ok, detail: wait.detail }).toEqual({ load, ok: true, detail: wait.detail });
      expect({ load, ok: waited.ok, detail: waited.detail }).toEqual({
        load,
        ok: true,
        detail: waited.detail
      });
      runs.forEach(littleHolds);
    }
  );

  it('counts capacity per person: one person with capacity 6 queues like six servers, not one', () => {
    const load = 0.8;
    const model = mmcModel(config, { staff: 1, capacity: 6, load, meanHours: 1, days: 200, warmupDays: 5 });
    const runs = REPLICATIONS.map((seed) => simulate(model, seed));
    const six = erlangC(6, load * 6, 1);
    expect(
      agrees(
        runs.map((run) => run.exact.waitedShare),
        six.probabilityOfWaiting
      ).ok
    ).toBe(true);
  });

  it("holds Little's law on a run with presence, push timeouts, priorities and manual cases", () => {
    const model = {
      rules: rulesFromConfig(config),
      settings: { perAgent: 100, pushTimeoutSeconds: 300, manualWhenOwnerOffline: 'return' as const },
      forecast: forecast({
        horizonDays: 21,
        steps: {
          Chaser: {
            openHours: { lognormal: { median: 10, p90: 40 } },
            next: { step: 'Case Manager', share: 0.8 }
          },
          'Case Manager': { openHours: { exponential: { mean: 30 } } }
        },
        arrivals: [
          {
            program: 'RAFT',
            step: 'Chaser',
            perDay: 40,
            languages: { English: 0.8, Spanish: 0.2 },
            urgentShare: 0.1,
            escalatedShare: 0.1,
            weekly: [1.3, 1.2, 1, 1, 1, 0.3, 0.2],
            surges: [{ fromDay: 7, days: 5, multiplier: 2 }]
          }
        ],
        staff: { availableShare: 0.8, absenceShare: 0.1 },
        offers: { acceptSeconds: { lognormal: { median: 60, p90: 400 } } },
        manual: { share: 0.1 }
      }),
      staff: [
        chaser('a@x.org', 10, ['Language_Spanish', 'Escalations']),
        chaser('b@x.org', 10),
        {
          ...chaser('c@x.org', 20, ['Escalations']),
          skills: ['Role_Case_Manager', 'Program_RAFT', 'Language_English', 'Language_Spanish', 'Escalations']
        }
      ]
    };
    for (const seed of [1, 2, 3]) littleHolds(simulate(model, seed));
  });
});
