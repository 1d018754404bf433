/**
 * Who the simulation staffs: the roster CSV (config/roster.csv), or an org's agents and skills read by the
 * routing commands' org code, with each person's share of working time spent Available from their
 * Omni-Channel presence (UserServicePresence) when the org has it.
 */
import { displayPath } from '../config';
import { readOrgRoster, soqlString, type OrgClient } from '../org';
import { InputFileError, parseRoster, type StaffMember } from '../roster';
import type { SimStaff } from './engine';

/** The roster as the simulation staffs it; an empty roster is an input error naming the file and line. */
export function rosterToStaff(staff: readonly StaffMember[], source: string, line = 1): SimStaff[] {
  if (staff.length === 0) {
    const message = `${source}:${line} username: the roster lists no one (add at least one row)`;
    throw new InputFileError(message, [message]);
  }
  return staff.map((member) => ({
    username: member.username,
    name: member.name,
    skills: member.skills,
    capacity: member.capacity
  }));
}

/** Parses a roster CSV for the simulation. */
export function parseSimulationRoster(text: string, file: string): SimStaff[] {
  const headerLine = text.split(/\r?\n/).findIndex((row) => row.trim() !== '' && !row.trim().startsWith('#'));
  return rosterToStaff(parseRoster(text, file), file, headerLine + 1);
}

export async function loadSimulationRoster(file: string): Promise<SimStaff[]> {
  const { promises: fs } = await import('node:fs');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError(`${displayPath(file)}: cannot read (${(error as Error).message})`, []);
  }
  return parseSimulationRoster(text, displayPath(file));
}

interface PresenceRow extends Record<string, unknown> {
  StatusDuration?: number | null;
  User?: { Username?: string } | null;
}

/**
 * Share of each person's working hours spent Available over the last `days` days, from
 * UserServicePresence rows in the Available status. Pure: rows in, shares out (capped at 1).
 */
export function availableShares(
  rows: readonly PresenceRow[],
  workingHoursInPeriod: number
): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const row of rows) {
    const username = row.User?.Username;
    if (!username) continue;
    seconds.set(username, (seconds.get(username) ?? 0) + (row.StatusDuration ?? 0));
  }
  const shares = new Map<string, number>();
  for (const [username, total] of seconds) {
    shares.set(username, Math.min(1, total / 3600 / workingHoursInPeriod));
  }
  return shares;
}

export interface OrgStaff {
  staff: SimStaff[];
  /** What happened to presence: read from the org, or why the forecast's is used. */
  presence: string;
}

/** Agents, skills and presence from an org. */
export async function readOrgStaff(
  client: OrgClient,
  options: { alias: string; availableStatus: string; workingHoursPerDay: number; workdaysPerWeek: number }
): Promise<OrgStaff> {
  const roster = await readOrgRoster(client);
  const staff = rosterToStaff(roster, `org ${options.alias} (ServiceResource)`);
  const days = 30;
  let rows: PresenceRow[];
  try {
    rows = await client.queryAll<PresenceRow>(
      `SELECT User.Username, StatusDuration FROM UserServicePresence WHERE StatusStartDate = LAST_N_DAYS:${days} AND ServicePresenceStatus.DeveloperName = ${soqlString(options.availableStatus)}`
    );
  } catch (error) {
    return {
      staff,
      presence: `the forecast's staff presence (UserServicePresence unreadable: ${(error as Error).message})`
    };
  }
  const workingHours = (days / 7) * options.workdaysPerWeek * options.workingHoursPerDay;
  const shares = availableShares(rows, workingHours);
  return {
    staff: staff.map((person) => ({ ...person, availableShare: shares.get(person.username) ?? null })),
    presence: `UserServicePresence, last ${days} days (${shares.size} ${shares.size === 1 ? 'person' : 'people'} with presence)`
  };
}
