/**
 * Salesforce Code Analyzer's PMD engine over the Apex sources, offline: the engine package ships PMD
 * and its Apex rules as jars and runs them on the local Java runtime. We run the rules Code Analyzer
 * tags "Recommended" and fail on Critical or High findings (severity 1-2); the rest are reported.
 */
import { ConfigValueExtractor, Workspace, type RuleDescription } from '@salesforce/code-analyzer-engine-api';
import { PmdCpdEnginesPlugin } from '@salesforce/code-analyzer-pmd-engine';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { javaMajorVersion } from './java';

export interface ApexRuleFinding {
  rule: string;
  severity: number;
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface ApexRulesReport {
  ran: boolean;
  reason?: string;
  rulesRun: number;
  findings: ApexRuleFinding[];
}

/** Severity at or below which a finding fails the check (1 Critical, 2 High, 3 Moderate, 4 Low, 5 Info). */
export const FAILING_SEVERITY = 2;

function isRecommendedApexRule(rule: RuleDescription): boolean {
  return rule.tags.includes('Recommended') && rule.tags.includes('Apex');
}

export async function runApexRules(sourceDir: string): Promise<ApexRulesReport> {
  if ((await javaMajorVersion('java')) === null) {
    return {
      ran: false,
      reason: 'no Java runtime on PATH (PMD runs on Java 11+)',
      rulesRun: 0,
      findings: []
    };
  }
  const workingFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-assist-pmd-'));
  try {
    const plugin = new PmdCpdEnginesPlugin();
    const config = await plugin.createEngineConfig(
      'pmd',
      new ConfigValueExtractor({}, 'engines.pmd', sourceDir)
    );
    const engine = await plugin.createEngine('pmd', config);
    const workspace = new Workspace('omni-assist', [path.resolve(sourceDir)]);
    const options = { workspace, logFolder: workingFolder, workingFolder };
    const rules = (await engine.describeRules(options)).filter(isRecommendedApexRule);
    const severityOf = new Map(rules.map((rule) => [rule.name, rule.severityLevel as number]));
    const results = await engine.runRules(
      rules.map((rule) => rule.name),
      options
    );
    const findings: ApexRuleFinding[] = results.violations.map((violation) => {
      const location = violation.codeLocations[violation.primaryLocationIndex] ?? violation.codeLocations[0];
      return {
        rule: violation.ruleName,
        severity: severityOf.get(violation.ruleName) ?? 5,
        message: violation.message.trim(),
        file: location?.file ?? sourceDir,
        line: location?.startLine ?? 0,
        column: location?.startColumn ?? 0
      };
    });
    findings.sort((a, b) => a.severity - b.severity || a.file.localeCompare(b.file) || a.line - b.line);
    return { ran: true, rulesRun: rules.length, findings };
  } finally {
    await fs.rm(workingFolder, { recursive: true, force: true });
  }
}
