/**
 * `npm run routing:check` — validates the routing configuration and shows where routing will fail:
 * skill combinations nobody holds, combinations only one person holds, and each step's capacity
 * against its open cases.
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
import { analyzeCoverage, type CombinationCoverage, type CoverageReport } from './coverage';
import { connectTargetOrg, readOrgOpenCases, readOrgRoster, type OrgClient } from './org';
import {
  DEFAULT_ROSTER_PATH,
  InputFileError,
  loadOpenCases,
  loadRoster,
  type OpenCase,
  type StaffMember
} from './roster';
import { rulesFromConfig, stepSkills } from './rules';

export const CHECK_HELP = `Check that staff skills cover every case the routing configuration can route.

Usage: npm run routing:check -- [--config FILE] [--roster FILE | --target-org ALIAS] [--cases FILE] [--json]

Reports:
  - every required skill combination (step role + program + language [+ escalation]) nobody holds:
    such cases wait in Awaiting Assignment until someone is given the skills;
  - combinations held by only one person (no cover for absence);
  - capacity per step against its open cases.

Options:
  --config FILE        routing configuration (default: config/routing.yaml)
  --roster FILE        staff and skills CSV: username,name,skills,capacity with skills separated by ;
                       (default: config/roster.csv unless --target-org is given)
  --target-org ALIAS   read staff skills (ServiceResource, ServiceResourceSkill) and open cases from
                       an org authorized with the Salesforce CLI
  --cases FILE         open cases CSV with Case API names as header (CaseNumber, Program__c,
                       Processing_Step__c, Client_Language__c, Escalated__c, Priority, Emergency_Level__c);
                       overrides the org's open cases
  --json               machine-readable report on stdout
  -h, --help           show this help

Exit codes: 0 every combination has someone, 1 a combination has no one or an input is invalid,
2 bad usage.`;

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

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
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

export function renderReport(
  report: CoverageReport,
  inputs: Pick<CheckInputs, 'rosterSource' | 'casesSource'>
): string {
  const sections: string[] = [];
  const headers = ['Step', 'Program', 'Language', 'Escalated', 'Required skills', 'Open cases'];
  sections.push(`Roster: ${inputs.rosterSource} (${report.staff} staff)`);
  sections.push(`Open cases: ${inputs.casesSource ?? 'not given (use --cases FILE or --target-org)'}`);
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
          ['Username', 'Skill'],
          report.unknownSkills.map((unknown) => [unknown.username, unknown.skill])
        )
    );
  }
  sections.push(
    report.uncovered.length > 0
      ? `FAIL: ${report.uncovered.length} combination(s) have no one.`
      : `OK: all ${report.combinations} combinations covered; ${report.singleHolder.length} held by only one person.`
  );
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
      help: { type: 'boolean', short: 'h' }
    },
    CHECK_HELP,
    output,
    (parsed) => {
      if (parsed['target-org'] !== undefined && parsed['target-org'].trim() === '') {
        throw new UsageError('--target-org needs an alias or username');
      }
    }
  );
  if (typeof values === 'number') return values;
  const json = Boolean(values.json);
  try {
    const config = await loadRoutingConfig(values.config ? path.resolve(values.config) : DEFAULT_CONFIG_PATH);
    const rules = rulesFromConfig(config);
    const targetOrg = values['target-org'];
    let client: OrgClient | null = null;
    if (targetOrg) client = await dependencies.connect(targetOrg);

    let staff: StaffMember[];
    let rosterSource: string;
    if (values.roster || !client) {
      const rosterPath = values.roster ? path.resolve(values.roster) : DEFAULT_ROSTER_PATH;
      rosterSource = displayPath(rosterPath);
      staff = await loadRoster(rosterPath, rosterSource);
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

    const report = analyzeCoverage(config, rules, staff, openCases);
    log.info(
      { uncovered: report.uncovered.length, single: report.singleHolder.length },
      'routing check finished'
    );
    output.out(
      json
        ? JSON.stringify({ ok: report.uncovered.length === 0, rosterSource, casesSource, ...report }, null, 2)
        : renderReport(report, { rosterSource, casesSource })
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
