/**
 * `npm run routing:check` — validates the routing configuration and shows where routing will fail:
 * skill combinations nobody holds, combinations only one person holds (and so who cannot be away),
 * and each step's capacity against its open cases. The default report is the verdict and what to act
 * on, grouped to fit a terminal; `--verbose` adds every combination in full tables.
 */
import path from 'node:path';
import { combinationKey, type RoutingRule } from '../../force-app/main/default/lwc/routingRules/routingRules';
import {
  createLogger,
  EXIT_FAILURE,
  EXIT_OK,
  parseCommand,
  processOutput,
  renderTable,
  UsageError,
  type Output
} from './cli-common';
import {
  DEFAULT_CONFIG_PATH,
  displayPath,
  loadRoutingConfig,
  RoutingConfigError,
  type RoutingConfig
} from './config';
import {
  analyzeCoverage,
  type CombinationCoverage,
  type CoverageReport,
  type UnknownSkill
} from './coverage';
import { connectTargetOrg, readOrgOpenCases, readOrgRoster, type OrgClient } from './org';
import {
  DEFAULT_ROSTER_PATH,
  InputFileError,
  loadOpenCases,
  loadRosterFile,
  type OpenCase,
  type StaffMember
} from './roster';
import { rulesFromConfig, stepSkills } from './rules';

export const CHECK_HELP = `Check that staff skills cover every case the routing configuration can route.

Usage: npm run routing:check -- [--config FILE] [--roster FILE | --target-org ALIAS] [--cases FILE]
                                [--verbose | --json]

Reports, first line the verdict (OK or FAIL), then what to act on:
  - roster skills the configuration does not define, with the roster line and the closest defined
    skill (a typo such as Role_Reviewr means that person lacks Role_Reviewer);
  - skill combinations (step role + program + language [+ escalation]) nobody holds: such cases
    wait in Awaiting Assignment until someone is given the skills;
  - steps whose open cases need more capacity than their staff have;
  - who, if away, leaves the most combinations with nobody: the only holder of each.

Options:
  --config FILE        routing configuration (default: config/routing.yaml)
  --roster FILE        staff and skills CSV: username,name,skills,capacity with skills separated by ;
                       (default: config/roster.csv unless --target-org is given)
  --target-org ALIAS   read staff skills (ServiceResource, ServiceResourceSkill) and open cases from
                       an org authorized with the Salesforce CLI
  --cases FILE         open cases CSV with Case API names as header (CaseNumber, Program__c,
                       Processing_Step__c, Client_Language__c, Escalated__c, Priority, Emergency_Level__c);
                       overrides the org's open cases
  --verbose            also print the full tables: every combination nobody or one person holds,
                       capacity by step, open cases nobody can take
  --json               machine-readable report on stdout
  -h, --help           show this help

Exit codes: 0 every combination has someone, 1 a combination has no one or an input is invalid,
2 bad usage.`;

/** Width the default report keeps to: the usual terminal opens 80 columns wide. */
export const REPORT_WIDTH = 80;
/** People shown in the absence list, groups shown per person, and groups of uncovered combinations. */
const ABSENCE_PEOPLE = 3;
const GROUPS_PER_PERSON = 3;
const UNCOVERED_GROUPS = 8;
const UNKNOWN_SKILLS_SHOWN = 10;

export interface CheckInputs {
  config: RoutingConfig;
  rules: RoutingRule[];
  staff: StaffMember[];
  openCases: OpenCase[] | null;
  rosterSource: string;
  casesSource: string | null;
}

export interface CheckDependencies {
  connect: (alias: string) => Promise<OrgClient>;
}

const defaultDependencies: CheckDependencies = { connect: connectTargetOrg };

/** What the report needs besides the analysis. */
export interface ReportContext {
  config: RoutingConfig;
  /** Path of the routing configuration, as shown in messages. */
  configSource: string;
  rosterSource: string;
  casesSource: string | null;
  /** Username to roster line, when the roster is a file; null when it comes from an org. */
  rosterLines: Map<string, number> | null;
  /** Username to display name. */
  names: Map<string, string>;
  verbose: boolean;
}

export type LocatedUnknownSkill = UnknownSkill & { line: number | null };

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function comboRow(combo: CombinationCoverage, withHolder: boolean): string[] {
  const row = [
    combo.step,
    combo.program,
    combo.kind === 'appeal' ? 'any' : (combo.language ?? '(blank)'),
    combo.kind === 'appeal' ? '-' : yesNo(combo.escalated),
    combinationKey(combo.skills),
    String(combo.openCases)
  ];
  if (withHolder) row.push(combo.holders[0] ?? '');
  return row;
}

/** Words wrapped to `width` columns, keeping the text's own indentation; later lines start with `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lead = text.slice(0, text.length - text.trimStart().length);
  const lines: string[] = [];
  let current = lead;
  for (const word of text.trimStart().split(' ')) {
    const fresh = current.trim() === '';
    const candidate = fresh ? `${current}${word}` : `${current} ${word}`;
    if (candidate.length > width && !fresh) {
      lines.push(current);
      current = `${indent}${word}`;
    } else {
      current = candidate;
    }
  }
  if (current.trim() !== '') lines.push(current);
  return lines.map((line) => line.replace(/\u00a0/g, ' '));
}

const NO_BREAK = '\u00a0';

/**
 * Segments joined by " · " for `wrap`: lines break after a "·" or a comma, never inside a name such as
 * "Haitian Creole" or "escalated or not".
 */
function joinSegments(segments: readonly string[]): string {
  return segments
    .map((segment) => segment.replace(/ /g, NO_BREAK).replace(new RegExp(`,${NO_BREAK}`, 'g'), ', '))
    .join(`${NO_BREAK}· `);
}

function listOrAll(values: readonly string[], all: readonly string[], allText: string): string {
  return values.length === all.length && all.every((value) => values.includes(value))
    ? allText
    : values.join(', ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

export interface CombinationGroup {
  /** One line: step · programs · languages · escalation. */
  text: string;
  combinations: number;
  openCases: number;
}

/**
 * Combinations folded into a few readable lines: those differing only by program, then by language, then
 * by escalation are merged, so "Chaser · any program · Chinese, Vietnamese · escalated or not" stands for
 * 20 rows of the full table.
 */
export function groupCombinations(
  combos: readonly CombinationCoverage[],
  config: RoutingConfig
): CombinationGroup[] {
  const steps = [...Object.keys(config.steps), 'Appeal review'];
  const languages: (string | null)[] = [...config.languages.values];
  if (!config.languages.whenBlank) languages.push(null);
  const languageName = (language: string | null) => language ?? '(blank)';
  const byOrder =
    <T>(order: readonly T[]) =>
    (a: T, b: T) =>
      order.indexOf(a) - order.indexOf(b);

  const groups: CombinationGroup[] = [];
  const sum = (items: readonly CombinationCoverage[]) => items.reduce((total, c) => total + c.openCases, 0);
  const appeals = combos.filter((combo) => combo.kind === 'appeal');
  const routed = combos.filter((combo) => combo.kind === 'route');

  type Dimension = 'programs' | 'languages' | 'escalated';
  interface Row {
    step: string;
    programs: string[];
    languages: (string | null)[];
    escalated: boolean[];
    members: CombinationCoverage[];
  }
  const single: Row[] = routed.map((c) => ({
    step: c.step,
    programs: [c.program],
    languages: [c.language],
    escalated: [c.escalated],
    members: [c]
  }));
  const sortValues = (row: Row): Row => ({
    ...row,
    programs: [...row.programs].sort(byOrder(config.programs)),
    languages: [...row.languages].sort(byOrder(languages)),
    escalated: [...row.escalated].sort()
  });
  /** Rows equal in every other dimension merge into one that lists all their values of `dimension`. */
  const merge = (rows: Row[], dimension: Dimension): Row[] => {
    const others = (['programs', 'languages', 'escalated'] as const).filter((d) => d !== dimension);
    return groupBy(rows, (r) => JSON.stringify([r.step, ...others.map((d) => r[d])])).map((g) =>
      sortValues({
        ...g[0],
        [dimension]: g.flatMap((r) => r[dimension] as unknown[]),
        members: g.flatMap((r) => r.members)
      } as Row)
    );
  };
  // Merge one dimension after another, in the order that leaves the fewest lines.
  const orders: Dimension[][] = [
    ['programs', 'languages', 'escalated'],
    ['programs', 'escalated', 'languages'],
    ['languages', 'programs', 'escalated'],
    ['languages', 'escalated', 'programs'],
    ['escalated', 'programs', 'languages'],
    ['escalated', 'languages', 'programs']
  ];
  let rows = orders
    .map((order) => order.reduce(merge, single))
    .reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
  rows = [...rows].sort((a, b) => byOrder(steps)(a.step, b.step));
  for (const row of rows) {
    const escalation =
      row.escalated.length === 2 ? 'escalated or not' : row.escalated[0] ? 'escalated' : 'not escalated';
    groups.push({
      text: joinSegments([
        row.step,
        listOrAll(row.programs, config.programs, 'any program'),
        listOrAll(row.languages.map(languageName), languages.map(languageName), 'any language'),
        escalation
      ]),
      combinations: row.members.length,
      openCases: sum(row.members)
    });
  }
  if (appeals.length > 0) {
    groups.push({
      text: joinSegments([
        'Appeal review',
        listOrAll(
          appeals.map((c) => c.program),
          config.programs,
          'any program'
        )
      ]),
      combinations: appeals.length,
      openCases: sum(appeals)
    });
  }
  return groups;
}

/** Where an unknown roster skill is: `config/roster.csv line 10`, or the person in an org roster. */
function unknownSkillLine(unknown: UnknownSkill & { line?: number | null }, context: ReportContext): string {
  const hint = unknown.suggestion
    ? `did you mean ${unknown.suggestion}?`
    : `${context.configSource} defines no such skill`;
  // A roster file names the line; an org roster names the person.
  return typeof unknown.line === 'number'
    ? `${context.rosterSource} line ${unknown.line}: unknown skill ${unknown.skill} — ${hint}`
    : `${context.rosterSource}: ${unknown.username} holds unknown skill ${unknown.skill} — ${hint}`;
}

function who(username: string, context: ReportContext): string {
  const name = context.names.get(username);
  return name && name !== username ? `${username} (${name})` : username;
}

function groupLines(groups: readonly CombinationGroup[], indent: string, withCases: boolean): string[] {
  return groups.flatMap((group) => {
    const cases = withCases && group.openCases > 0 ? ` — ${plural(group.openCases, 'open case')}` : '';
    return wrap(`${indent}${group.text}${cases}`, REPORT_WIDTH, `${indent}  `);
  });
}

/** The verdict and what to act on, in at most REPORT_WIDTH columns. */
function renderSummary(report: CoverageReport, context: ReportContext): string[] {
  const sections: string[][] = [];
  const unknown = report.unknownSkills;
  if (unknown.length > 0) {
    const shown = context.verbose ? unknown : unknown.slice(0, UNKNOWN_SKILLS_SHOWN);
    // One line each, never wrapped: names and line numbers stay searchable.
    const lines = shown.map((u) => unknownSkillLine(u, context));
    if (shown.length < unknown.length) {
      lines.push(`and ${plural(unknown.length - shown.length, 'more unknown skill')} (--verbose)`);
    }
    sections.push(lines);
  }

  const verdict: string[] = [];
  if (report.uncovered.length > 0) {
    verdict.push(`FAIL: ${report.uncovered.length} combination(s) have no one.`);
    if (report.stuckCases.length > 0) {
      verdict.push(
        `${plural(report.stuckCases.length, 'open case')} wait with nobody able to take them (listed with --verbose).`
      );
    }
  } else {
    verdict.push(
      `OK: all ${report.combinations} combinations covered; ${report.singleHolder.length} held by only one person.`
    );
  }
  const cases = context.casesSource === null ? 'not given' : context.casesSource;
  verdict.push(
    ...wrap(
      `Roster: ${context.rosterSource} (${plural(report.staff, 'person', 'people')}). Open cases: ${cases}.`,
      REPORT_WIDTH,
      '  '
    )
  );
  sections.push(verdict);

  if (report.uncovered.length > 0) {
    const groups = groupCombinations(report.uncovered, context.config);
    const shown = context.verbose ? groups : groups.slice(0, UNCOVERED_GROUPS);
    const lines = ['Nobody holds these; cases needing them wait in Awaiting Assignment:'];
    lines.push(...groupLines(shown, '  ', report.openCasesCounted));
    if (shown.length < groups.length) {
      const rest = groups.slice(shown.length).reduce((total, g) => total + g.combinations, 0);
      lines.push(`  and ${plural(rest, 'more combination')} (--verbose)`);
    }
    sections.push(lines);
  }

  if (!report.openCasesCounted) {
    sections.push(['Capacity: not compared with open cases (give --cases FILE or --target-org).']);
  } else {
    const short = report.capacity.filter(
      (step) => (step.loadPercent === null && step.openCases > 0) || (step.loadPercent ?? 0) > 100
    );
    if (short.length === 0) {
      const busiest = [...report.capacity].sort((a, b) => (b.loadPercent ?? 0) - (a.loadPercent ?? 0))[0];
      sections.push([
        busiest
          ? `Capacity: no step is short (busiest: ${busiest.step} at ${busiest.loadPercent ?? 0}%).`
          : 'Capacity: no step is short.'
      ]);
    } else {
      sections.push([
        "Short of capacity (open cases need more than the step's staff can hold):",
        ...short.flatMap((step) =>
          wrap(
            step.loadPercent === null
              ? `  ${step.step}: ${plural(step.openCases, 'open case')} and nobody holds ${step.roleSkill}`
              : `  ${step.step}: ${plural(step.openCases, 'open case')} need ${step.demand} capacity; ${plural(step.staff, 'person', 'people')} hold ${step.capacity} (${step.loadPercent}%)`,
            REPORT_WIDTH,
            '    '
          )
        )
      ]);
    }
  }

  if (report.absence.length > 0) {
    const people = context.verbose ? report.absence : report.absence.slice(0, ABSENCE_PEOPLE);
    const lines = ['If one of these people is away, the combinations only they hold have nobody:'];
    for (const person of people) {
      lines.push(
        ...wrap(
          `  ${who(person.username, context)}: ${plural(person.combinations, 'combination')}`,
          REPORT_WIDTH,
          '    '
        )
      );
      const groups = groupCombinations(
        report.singleHolder.filter((combo) => combo.holders[0] === person.username),
        context.config
      );
      const shown = context.verbose ? groups : groups.slice(0, GROUPS_PER_PERSON);
      lines.push(...groupLines(shown, '    ', false));
      if (shown.length < groups.length) {
        const rest = groups.slice(shown.length).reduce((total, g) => total + g.combinations, 0);
        lines.push(`    and ${rest} more (--verbose)`);
      }
    }
    const others = report.absence.slice(people.length);
    if (others.length > 0) {
      const rest = others.reduce((total, person) => total + person.combinations, 0);
      lines.push(
        ...wrap(
          `  and ${plural(others.length, 'more person', 'more people')}, ${plural(rest, 'combination')} in all (--verbose)`,
          REPORT_WIDTH,
          '    '
        )
      );
    }
    sections.push(lines);
  }
  if (!context.verbose) sections.push(['Full tables: --verbose.']);
  return sections.map((lines) => lines.join('\n'));
}

/** The full tables behind --verbose. */
function renderTables(report: CoverageReport, context: ReportContext): string[] {
  const sections: string[] = [];
  const headers = ['Step', 'Program', 'Language', 'Escalated', 'Required skills', 'Open cases'];
  if (report.uncovered.length > 0) {
    sections.push(
      `NOBODY HOLDS these ${report.uncovered.length} skill combinations; such cases wait in Awaiting Assignment:\n` +
        renderTable(
          headers,
          report.uncovered.map((combo) => comboRow(combo, false))
        )
    );
  } else {
    sections.push(`Every one of the ${report.combinations} skill combinations has at least one person.`);
  }
  if (report.singleHolder.length > 0) {
    sections.push(
      `Held by only one person (${report.singleHolder.length}):\n` +
        renderTable(
          [...headers, 'Only holder'],
          report.singleHolder.map((combo) => comboRow(combo, true))
        )
    );
  }
  sections.push(
    'Capacity by step:\n' +
      renderTable(
        ['Step', 'Role skill', 'Staff', 'Capacity', 'Open cases', 'Load'],
        report.capacity.map((step) => [
          step.step,
          step.roleSkill,
          String(step.staff),
          String(step.capacity),
          report.openCasesCounted ? String(step.openCases) : '-',
          step.loadPercent === null ? 'nobody' : report.openCasesCounted ? `${step.loadPercent}%` : '-'
        ])
      )
  );
  if (report.stuckCases.length > 0) {
    sections.push(
      `Open cases nobody can take (${report.stuckCases.length}):\n` +
        renderTable(
          ['Case', 'Required skills'],
          report.stuckCases.map((stuck) => [stuck.caseNumber, combinationKey(stuck.skills)])
        )
    );
  }
  if (report.unknownSkills.length > 0) {
    sections.push(
      'Roster skills the configuration does not define:\n' +
        renderTable(
          ['Username', 'Line', 'Skill', 'Closest defined skill'],
          report.unknownSkills.map((unknown: UnknownSkill & { line?: number | null }) => [
            unknown.username,
            typeof unknown.line === 'number' ? String(unknown.line) : '-',
            unknown.skill,
            unknown.suggestion ?? '-'
          ])
        )
    );
  }
  if (context.casesSource === null)
    sections.push('Open cases: not given (use --cases FILE or --target-org).');
  return sections;
}

/**
 * The human report: unknown roster skills first, then the verdict, then what to act on (grouped, at most
 * REPORT_WIDTH columns); with `verbose`, the full tables after it.
 */
export function renderReport(report: CoverageReport, context: ReportContext): string {
  const sections = renderSummary(report, context);
  if (context.verbose) sections.push(...renderTables(report, context));
  return sections.join('\n\n');
}

export async function main(
  argv: string[],
  output: Output = processOutput,
  dependencies: CheckDependencies = defaultDependencies
): Promise<number> {
  const log = createLogger('routing-check');
  const values = parseCommand(
    argv,
    {
      config: { type: 'string' },
      roster: { type: 'string' },
      'target-org': { type: 'string' },
      cases: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    CHECK_HELP,
    output,
    (parsed) => {
      if (parsed['target-org'] !== undefined && parsed['target-org'].trim() === '') {
        throw new UsageError('--target-org needs an alias or username');
      }
      if (parsed.json && parsed.verbose) throw new UsageError('--verbose and --json do not go together');
    }
  );
  if (typeof values === 'number') return values;
  const json = Boolean(values.json);
  try {
    const configPath = values.config ? path.resolve(values.config) : DEFAULT_CONFIG_PATH;
    const config = await loadRoutingConfig(configPath);
    const rules = rulesFromConfig(config);
    const targetOrg = values['target-org'];
    let client: OrgClient | null = null;
    if (targetOrg) client = await dependencies.connect(targetOrg);

    let staff: StaffMember[];
    let rosterSource: string;
    let rosterLines: Map<string, number> | null = null;
    if (values.roster || !client) {
      const rosterPath = values.roster ? path.resolve(values.roster) : DEFAULT_ROSTER_PATH;
      rosterSource = displayPath(rosterPath);
      ({ staff, lines: rosterLines } = await loadRosterFile(rosterPath, rosterSource));
    } else {
      staff = await readOrgRoster(client);
      rosterSource = `org ${targetOrg} (ServiceResource / ServiceResourceSkill)`;
    }

    let openCases: OpenCase[] | null = null;
    let casesSource: string | null = null;
    if (values.cases) {
      const casesPath = path.resolve(values.cases);
      casesSource = displayPath(casesPath);
      openCases = await loadOpenCases(casesPath, casesSource);
    } else if (client) {
      openCases = await readOrgOpenCases(
        client,
        stepSkills(config).map(([step]) => step)
      );
      casesSource = `org ${targetOrg} (open cases in routable steps)`;
    }

    const analysis = analyzeCoverage(config, rules, staff, openCases);
    const unknownSkills: LocatedUnknownSkill[] = analysis.unknownSkills.map((unknown) => ({
      ...unknown,
      line: rosterLines?.get(unknown.username) ?? null
    }));
    const report: CoverageReport = { ...analysis, unknownSkills };
    log.info(
      { uncovered: report.uncovered.length, single: report.singleHolder.length },
      'routing check finished'
    );
    output.out(
      json
        ? JSON.stringify({ ok: report.uncovered.length === 0, rosterSource, casesSource, ...report }, null, 2)
        : renderReport(report, {
            config,
            configSource: displayPath(configPath),
            rosterSource,
            casesSource,
            rosterLines,
            names: new Map(staff.map((member) => [member.username, member.name])),
            verbose: Boolean(values.verbose)
          })
    );
    return report.uncovered.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } catch (error) {
    if (error instanceof RoutingConfigError || error instanceof InputFileError) {
      output.err(
        json ? JSON.stringify({ ok: false, error: error.message, problems: error.problems }) : error.message
      );
      return EXIT_FAILURE;
    }
    const message = (error as Error).message ?? String(error);
    log.error({ err: message }, 'routing check failed');
    output.err(json ? JSON.stringify({ ok: false, error: message }) : `routing:check failed: ${message}`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
