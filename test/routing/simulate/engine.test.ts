/** The routing decisions the simulation replays, one behaviour per test, on small models. */
import type { RoutingConfig } from '../../../scripts/routing/config';
import { rulesFromConfig } from '../../../scripts/routing/rules';
import { simulate, type SimStaff, type SimulationModel } from '../../../scripts/routing/simulate/engine';
import { chaser, forecast, projectConfig } from './fixtures';

let config: RoutingConfig;
beforeAll(async () => {
  config = await projectConfig();
});

function model(
  input: Record<string, unknown>,
  staff: SimStaff[],
  settings: Partial<SimulationModel['settings']> = {}
): SimulationModel {
  return {
    rules: rulesFromConfig(config),
    settings: { perAgent: 100, pushTimeoutSeconds: null, manualWhenOwnerOffline: 'keep', ...settings },
    forecast: forecast({
      horizonDays: 14,
      steps: { Chaser: { openHours: { exponential: { mean: 4 } } } },
      staff: { alwaysAvailable: true },
      ...input
    }),
    staff
  };
}

const RAFT = (perDay: number, extra: Record<string, unknown> = {}) => ({
  program: 'RAFT',
  step: 'Chaser',
  perDay,
  languages: { English: 1 },
  ...extra
});

const group = (run: ReturnType<typeof simulate>, program: string, step = 'Chaser') =>
  run.groups.find((g) => g.program === program && g.step === step);

describe('routing simulation: the decisions', () => {
  it('offers a case only to people holding every required skill; without one it waits in Awaiting Assignment', () => {
    const run = simulate(
      model({ arrivals: [RAFT(20, { languages: { Spanish: 1 } })] }, [chaser('english.only@x.org', 100)]),
      1
    );
    const raft = group(run, 'RAFT');
    expect(raft?.requests).toBeGreaterThan(200);
    expect(raft?.accepted).toBe(0);
    expect(raft?.stillWaiting).toBe(raft?.requests);
    expect(run.staff[0].accepted).toBe(0);
    expect(run.combinations[0].skills).toEqual(['Language_Spanish', 'Program_RAFT', 'Role_Chaser']);
    expect(run.combinations[0].holders).toBe(0);
  });

  it('never gives anyone more than their capacity of accepted plus offered cases', () => {
    const run = simulate(model({ arrivals: [RAFT(200)] }, [chaser('a@x.org', 3), chaser('b@x.org', 5)]), 1);
    expect(run.staff.map((s) => s.peakLoad)).toEqual([3, 5]);
    expect(group(run, 'RAFT')?.awaitingAssignment.quantile(0.9)).toBeGreaterThan(0);
  });

  it('offers to the qualified person with the most room', () => {
    const run = simulate(
      model({ arrivals: [RAFT(6)] }, [chaser('small@x.org', 2), chaser('large@x.org', 20)]),
      1
    );
    const [small, large] = run.staff;
    expect(large.accepted).toBeGreaterThan(10 * Math.max(1, small.accepted));
  });

  it('offers the most urgent routing priority first: EAP life-threatening before normal RAFT cases', () => {
    const both = chaser('both@x.org', 4, ['Program_EAP']);
    const run = simulate(
      model(
        {
          arrivals: [
            RAFT(30),
            {
              program: 'EAP',
              step: 'Chaser',
              perDay: 6,
              languages: { English: 1 },
              emergencyLevels: { 'Life-Threatening': 1 }
            }
          ]
        },
        [both]
      ),
      1
    );
    const eap = group(run, 'EAP');
    const raft = group(run, 'RAFT');
    expect(raft?.timeToAcceptance.mean()).toBeGreaterThan(5 * (eap?.timeToAcceptance.mean() ?? 0));
    expect(run.emergencies[0]).toMatchObject({ level: 'Life-Threatening', respondWithinHours: 18 });
    expect(run.emergencies[0].answeredInTime / run.emergencies[0].due).toBeGreaterThan(0.95);
  });

  it('withdraws an offer not accepted within the push timeout and offers it again', () => {
    const tenMinutes = { offers: { acceptSeconds: { fixed: { value: 600 } } }, arrivals: [RAFT(10)] };
    const staff = [chaser('a@x.org', 10), chaser('b@x.org', 10)];
    const tooShort = simulate(model(tenMinutes, staff, { pushTimeoutSeconds: 300 }), 1);
    expect(group(tooShort, 'RAFT')?.accepted).toBe(0);
    const longEnough = simulate(model(tenMinutes, staff, { pushTimeoutSeconds: 900 }), 1);
    const raft = group(longEnough, 'RAFT');
    expect(raft?.accepted).toBe(raft?.requests);
    expect(raft?.timeToAcceptance.quantile(0.5)).toBeCloseTo(600 / 3600, 2);
  });

  it('offers nothing to people who are not Available: Saturday cases wait for Monday morning', () => {
    const run = simulate(
      model(
        {
          horizonDays: 10,
          arrivals: [RAFT(20, { weekly: [0, 0, 0, 0, 0, 1, 0] })],
          staff: { startHour: 8, endHour: 17, availableShare: 1 }
        },
        [chaser('a@x.org', 100)]
      ),
      1
    );
    const raft = group(run, 'RAFT');
    expect(raft?.accepted).toBe(raft?.requests);
    expect(raft?.accepted).toBeGreaterThan(10);
    // Saturday ends 24 h after it starts; Monday 08:00 is 32 h after that.
    expect(raft?.timeToAcceptance.quantile(0.001)).toBeGreaterThanOrEqual(31.5);
    expect(run.staff[0].availableShare).toBeCloseTo((8 * 9) / (10 * 24), 2);
  });

  it('keeps manually assigned cases out of balancing, and returns them to routing when their owner goes offline if configured', () => {
    const input = {
      arrivals: [RAFT(20)],
      steps: { Chaser: { openHours: { fixed: { value: 30 } } } },
      staff: { startHour: 8, endHour: 17, availableShare: 1 },
      manual: { share: 1 }
    };
    const staff = [chaser('a@x.org', 100)];
    const kept = simulate(model(input, staff, { manualWhenOwnerOffline: 'keep' }), 1);
    expect(group(kept, 'RAFT')?.requests).toBe(0);
    expect(group(kept, 'RAFT')?.manual).toBeGreaterThan(100);
    expect(kept.staff[0].manualAssigned).toBeGreaterThan(100);
    expect(kept.staff[0].meanLoad).toBe(0);
    const returned = simulate(model(input, staff, { manualWhenOwnerOffline: 'return' }), 1);
    expect(group(returned, 'RAFT')?.requests).toBeGreaterThan(50);
    expect(returned.staff[0].meanLoad).toBeGreaterThan(0);
  });

  it('moves cases along the chevron: a share of ended Chaser cases enter Case Manager', () => {
    const run = simulate(
      model(
        {
          arrivals: [RAFT(50)],
          steps: {
            Chaser: { openHours: { fixed: { value: 1 } }, next: { step: 'Case Manager', share: 0.5 } },
            'Case Manager': { openHours: { fixed: { value: 1 } } }
          }
        },
        [
          chaser('a@x.org', 100),
          {
            username: 'cm@x.org',
            name: 'cm',
            skills: ['Role_Case_Manager', 'Program_RAFT', 'Language_English'],
            capacity: 100
          }
        ]
      ),
      1
    );
    const ratio = (group(run, 'RAFT', 'Case Manager')?.requests ?? 0) / (group(run, 'RAFT')?.requests ?? 1);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    expect(run.staff[1].accepted).toBeGreaterThan(0);
  });

  it('gives the same result for the same seed and a different one for another seed', () => {
    const m = model(
      {
        arrivals: [RAFT(40, { urgentShare: 0.2 })],
        offers: { acceptSeconds: { exponential: { mean: 60 } } }
      },
      [chaser('a@x.org', 5), chaser('b@x.org', 5)]
    );
    const strip = (run: ReturnType<typeof simulate>) => JSON.stringify(run);
    expect(strip(simulate(m, 7))).toBe(strip(simulate(m, 7)));
    expect(strip(simulate(m, 7))).not.toBe(strip(simulate(m, 8)));
  });
});
