import { parseRoutingConfig, RoutingConfigError } from '../../scripts/routing/config';
import { readConfigText } from './helpers';

function problemsOf(text: string): string[] {
  try {
    parseRoutingConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RoutingConfigError);
    return (error as RoutingConfigError).problems;
  }
  throw new Error('expected the configuration to be rejected');
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('routing configuration', () => {
  let text: string;
  beforeAll(async () => {
    text = await readConfigText();
  });

  it('accepts the committed configuration with the documented defaults', () => {
    const config = parseRoutingConfig(text);
    expect(config.capacity.perAgent).toBe(100);
    expect(Object.keys(config.steps)).toEqual(['Chaser', 'Case Manager', 'Reviewer']);
    expect(config.priorities.emergencies.levels['Life-Threatening']).toEqual({
      routingPriority: 1,
      respondWithinHours: 18
    });
    expect(config.priorities.emergencies.levels['Not Life-Threatening'].respondWithinHours).toBe(48);
    expect(config.manualAssignment.whenOwnerOffline).toBe('keep');
  });

  it('names the file, the line and the key of a bad value', () => {
    const bad = text.replace('perAgent: 100', 'perAgent: -5');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'perAgent: -5')} capacity.perAgent: expected a positive integer`
    ]);
  });

  it('defaults capacity to 100 when perAgent is left out', () => {
    const config = parseRoutingConfig(text.replace(/\n {2}perAgent: 100.*\n/, '\n'));
    expect(config.capacity.perAgent).toBe(100);
  });

  it('reports an unknown key where it is written', () => {
    const bad = text.replace('  caseWeight: 1', '  caseWeight: 1\n  caseWieght: 2');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'caseWieght')} capacity: unknown key 'caseWieght'`
    ]);
  });

  it('reports a missing section at the level that should hold it', () => {
    const bad = text.replace(/\noffer:\n {2}pushTimeoutSeconds: 300.*\n/, '\n');
    const [problem] = problemsOf(bad);
    expect(problem).toMatch(/^config\/routing\.yaml:\d+ offer: missing;/);
  });

  it('rejects an offline policy other than keep or return', () => {
    const bad = text.replace('whenOwnerOffline: keep', 'whenOwnerOffline: forget');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'whenOwnerOffline')} manualAssignment.whenOwnerOffline: expected 'keep' or 'return'`
    ]);
  });

  it('rejects a step that is not a chevron step', () => {
    const bad = text.replace('  Reviewer: Role_Reviewer', '  Reviewer: Role_Reviewer\n  Intake: Role_Intake');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'Intake')} steps: unknown key 'Intake' (expected a chevron step: Draft, Chaser, Case Manager, Reviewer, Approved, Denied)`
    ]);
  });

  it('rejects a blank-language default that is not a listed language', () => {
    const bad = text.replace('whenBlank: English', 'whenBlank: French');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'whenBlank')} languages.whenBlank: whenBlank must be one of the listed languages`
    ]);
  });

  it('rejects emergencies for a program that is not configured', () => {
    const bad = text.replace('program: EAP', 'program: LIHEAP');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'program: LIHEAP')} priorities.emergencies.program: program 'LIHEAP' is not in programs`
    ]);
  });

  it('rejects a priority that would come after normal work', () => {
    const bad = text.replace('urgent: 1', 'urgent: 9');
    expect(problemsOf(bad)[0]).toContain(
      'priorities.normal: urgent, escalated and emergency priorities must not come after normal'
    );
  });

  it('rejects a repeated program', () => {
    const bad = text.replace('  - CalFresh', '  - CalFresh\n  - RAFT');
    expect(problemsOf(bad)[0]).toMatch(/^config\/routing\.yaml:\d+ programs: programs must not repeat$/);
  });

  it('reports YAML syntax errors with their line', () => {
    const bad = text.replace('capacity:\n', 'capacity:\n  perAgent: [100\n');
    const [problem] = problemsOf(bad);
    expect(problem).toMatch(/^config\/routing\.yaml:\d+ /);
  });

  it('reports a duplicated key', () => {
    const bad = text.replace('  caseWeight: 1', '  caseWeight: 1\n  caseWeight: 2');
    const [problem] = problemsOf(bad);
    expect(problem).toMatch(new RegExp(`^config/routing\\.yaml:${lineOf(bad, 'caseWeight: 2')} .*[Uu]nique`));
  });
});

describe('issue 12 item 15: routing names that clash or do not fit a DeveloperName are refused', () => {
  let text: string;
  beforeAll(async () => {
    text = await readConfigText();
  });

  it("refuses two programs that clean up to the same API name ('EAP!' and 'EAP?'), at the second one's line", () => {
    const bad = text.replace('  - CalFresh', '  - CalFresh\n  - EAP!\n  - EAP?');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'EAP!')} programs[5]: 'EAP!' makes the same skill API name (Program_EAP) as 'EAP' at programs[3]; rename one of them`,
      `config/routing.yaml:${lineOf(bad, 'EAP?')} programs[6]: 'EAP?' makes the same skill API name (Program_EAP) as 'EAP' at programs[3]; rename one of them`
    ]);
  });

  it('refuses two languages that clean up to the same API name', () => {
    const bad = text.replace('    - Vietnamese', '    - Vietnamese\n    - Haitian-Creole');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'Haitian-Creole')} languages.values[6]: 'Haitian-Creole' makes the same skill API name (Language_Haitian_Creole) as 'Haitian Creole' at languages.values[3]; rename one of them`
    ]);
  });

  it('refuses a program name too long for a DeveloperName (40 characters)', () => {
    const long = 'Low Income Home Energy Assistance Program';
    const bad = text.replace('  - CalFresh', `  - CalFresh\n  - ${long}`);
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, long)} programs[5]: '${long}' makes the skill API name Program_Low_Income_Home_Energy_Assistance_Program (49 characters); a DeveloperName holds at most 40`
    ]);
  });

  it('refuses a language name too long for a DeveloperName', () => {
    const long = 'Cape Verdean Creole Kabuverdianu Language';
    const bad = text.replace('    - Vietnamese', `    - Vietnamese\n    - ${long}`);
    const [problem] = problemsOf(bad);
    expect(problem).toMatch(
      new RegExp(`^config/routing\\.yaml:${lineOf(bad, long)} languages\\.values\\[6\\]: .*at most 40$`)
    );
  });

  it('refuses a name that cleans up to no valid DeveloperName', () => {
    const bad = text.replace('  - CalFresh', '  - CalFresh\n  - "!!!"');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, '!!!')} programs[5]: '!!!' makes the skill API name Program_X_, which is not a DeveloperName (a letter first, then letters, digits and single underscores, not ending in one)`
    ]);
  });

  it('refuses emergency levels that are too long or clash, on the line of the level', () => {
    const long = 'Life-Threatening Without Heat Or Shelter';
    const bad = text.replace(
      '      Not Life-Threatening:',
      `      Life Threatening:\n        routingPriority: 1\n        respondWithinHours: 18\n      ${long}:\n        routingPriority: 1\n        respondWithinHours: 18\n      Not Life-Threatening:`
    );
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'Life Threatening:')} priorities.emergencies.levels.Life Threatening: 'Life Threatening' makes the same routing rule API name (Emergency_EAP_Life_Threatening) as 'Life-Threatening' at priorities.emergencies.levels.Life-Threatening; rename one of them`,
      `config/routing.yaml:${lineOf(bad, `${long}:`)} priorities.emergencies.levels.${long}: '${long}' makes the routing rule API name Emergency_EAP_Life_Threatening_Without_Heat_Or_Shelter (54 characters); a DeveloperName holds at most 40`
    ]);
  });
});

describe('issue 16 item 7: YAML syntax errors name the line of the mistake', () => {
  let text: string;
  let lines: string[];
  beforeAll(async () => {
    text = await readConfigText();
    lines = text.replace(/\n$/, '').split('\n');
  });

  /** Every line holding a value (`key: value` or `- item`), with the value broken by `breakValue`. */
  function brokenAtEveryValue(breakValue: (value: string) => string): { line: number; text: string }[] {
    return lines.flatMap((content, index) => {
      const match = /^(\s*(?:- |[^#:]+: ))(.+)$/.exec(content);
      if (!match || content.trim().startsWith('#')) return [];
      const copy = [...lines];
      copy[index] = match[1] + breakValue(match[2]);
      return [{ line: index + 1, text: copy.join('\n') }];
    });
  }

  const endings: [string, string][] = [
    ['a final newline', '\n'],
    ['no final newline', ''],
    ['blank lines after the last', '\n\n\n']
  ];

  it.each([
    [
      'an unclosed double quote',
      (value: string) => `"${value}`,
      'the quote " opened on this line is never closed'
    ],
    [
      'an unclosed single quote',
      (value: string) => `'${value}`,
      "the quote ' opened on this line is never closed"
    ],
    ['an unclosed [', (value: string) => `[${value}`, 'the [ opened on this line is never closed'],
    ['an unclosed {', (value: string) => `{${value}`, 'the { opened on this line is never closed']
  ])('%s on any line, the last included, is reported on that line', (_what, breakValue, message) => {
    const cases = brokenAtEveryValue(breakValue);
    expect(cases.length).toBeGreaterThan(30);
    expect(cases[cases.length - 1].line).toBe(lines.length);
    for (const [, ending] of endings) {
      for (const { line, text: broken } of cases) {
        const [first] = problemsOf(broken + ending);
        expect({ line, first }).toEqual({
          line,
          first: expect.stringMatching(new RegExp(`^config/routing\\.yaml:${line} `))
        });
        expect(first).toContain(message);
      }
    }
  });

  it('never names a line past the end of the file', () => {
    const broken = `${lines.slice(0, -1).join('\n')}\n  whenOwnerOffline: [keep, return\n`;
    const named = problemsOf(broken).map((problem) =>
      Number(/^config\/routing\.yaml:(\d+) /.exec(problem)?.[1])
    );
    expect(named).toEqual([lines.length]);
  });

  it('a value on the wrong line names its own line, the first line and the last', () => {
    const first = problemsOf(`version: 1: 2\n${lines.slice(1).join('\n')}\n`);
    expect(first[0]).toMatch(/^config\/routing\.yaml:1 /);
    const last = problemsOf(`${lines.slice(0, -1).join('\n')}\n  whenOwnerOffline: keep: x\n`);
    expect(last).toEqual([
      `config/routing.yaml:${lines.length} Nested mappings are not allowed in compact mappings`
    ]);
    const reserved = problemsOf(text.replace('version: 1', 'version: @1'));
    expect(reserved).toEqual([
      `config/routing.yaml:${lineOf(text, 'version: 1')} Plain value cannot start with reserved character @`
    ]);
  });

  it('an item indented unlike its neighbour names both lines', () => {
    const bad = text.replace('  perAgent: 100', '   perAgent: 100');
    expect(problemsOf(bad)).toEqual([
      `config/routing.yaml:${lineOf(bad, 'caseWeight')} All mapping items must start at the same column (line ${lineOf(bad, 'perAgent')} is indented 3 spaces, this line 2)`
    ]);
  });

  it('shows the first few syntax errors and counts the knock-on ones', () => {
    const problems = problemsOf(`- x\n${lines.slice(1).join('\n')}\n`);
    expect(problems).toHaveLength(6);
    expect(problems[5]).toMatch(
      /^config\/routing\.yaml: \d+ more syntax errors after these, usually caused by the first; fix it and run again$/
    );
  });
});
