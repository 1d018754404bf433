/** Models for the simulator tests: the project's routing configuration and small forecasts. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseRoutingConfig, type RoutingConfig } from '../../../scripts/routing/config';
import { rulesFromConfig } from '../../../scripts/routing/rules';
import type { SimStaff, SimulationModel } from '../../../scripts/routing/simulate/engine';
import { forecastSchema, type Forecast } from '../../../scripts/routing/simulate/forecast';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export async function projectConfig(): Promise<RoutingConfig> {
  return parseRoutingConfig(await fs.readFile(path.join(REPO_ROOT, 'config/routing.yaml'), 'utf8'));
}

export const CHASER_RAFT_ENGLISH = ['Language_English', 'Program_RAFT', 'Role_Chaser'];

export function chaser(username: string, capacity: number, extra: string[] = []): SimStaff {
  return { username, name: username, skills: [...CHASER_RAFT_ENGLISH, ...extra], capacity };
}

/** A forecast from partial input, with the schema's defaults. */
export function forecast(input: Record<string, unknown>): Forecast {
  return forecastSchema.parse({ version: 1, ...input });
}

/**
 * M/M/c in the product's terms: one skill combination (RAFT Chaser, English), Poisson arrivals, exponential
 * open times, everyone Available all the time, offers accepted at once: c = staff × capacity.
 */
export function mmcModel(
  config: RoutingConfig,
  options: {
    staff: number;
    capacity: number;
    load: number;
    meanHours: number;
    days: number;
    warmupDays: number;
  }
): SimulationModel {
  const servers = options.staff * options.capacity;
  const perDay = ((options.load * servers) / options.meanHours) * 24;
  return {
    rules: rulesFromConfig(config),
    settings: { perAgent: 100, pushTimeoutSeconds: null, manualWhenOwnerOffline: 'keep' },
    forecast: forecast({
      horizonDays: options.days,
      warmupDays: options.warmupDays,
      steps: { Chaser: { openHours: { exponential: { mean: options.meanHours } } } },
      arrivals: [{ program: 'RAFT', step: 'Chaser', perDay, languages: { English: 1 } }],
      staff: { alwaysAvailable: true }
    }),
    staff: Array.from({ length: options.staff }, (_, i) => chaser(`agent${i}@x.org`, options.capacity))
  };
}
