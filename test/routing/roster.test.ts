import { InputFileError, parseCsv, parseOpenCases, parseRoster } from '../../scripts/routing/roster';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return (error as InputFileError).problems;
  }
  throw new Error('expected the file to be rejected');
}

describe('CSV inputs', () => {
  it('reads quoted cells with commas, quotes and line breaks, keeping line numbers', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\nlast,row\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"\nthere'] },
      { line: 4, cells: ['last', 'row'] }
    ]);
  });

  it('reads a roster, ignoring comment lines and de-duplicating skills', () => {
    const staff = parseRoster(
      '# comment\nusername,name,skills,capacity\nana@x.org,Ana,Role_Chaser; Program_RAFT;Role_Chaser,\nben@x.org,Ben,Role_Reviewer,40\n'
    );
    expect(staff).toEqual([
      { username: 'ana@x.org', name: 'Ana', skills: ['Program_RAFT', 'Role_Chaser'], capacity: null },
      { username: 'ben@x.org', name: 'Ben', skills: ['Role_Reviewer'], capacity: 40 }
    ]);
  });

  it('names the file, line and column of bad roster rows', () => {
    expect(
      problemsOf(() =>
        parseRoster(
          'username,name,skills,capacity\nana@x.org,Ana,Role Chaser,\nben@x.org,Ben,Role_Reviewer,-1\n',
          'roster.csv'
        )
      )
    ).toEqual([
      'roster.csv:2 skills.0: expected skill API names separated by ;',
      'roster.csv:3 capacity: expected a positive integer or blank'
    ]);
  });

  it('rejects a repeated username', () => {
    expect(
      problemsOf(() =>
        parseRoster('username,skills\nana@x.org,Role_Chaser\nana@x.org,Role_Reviewer\n', 'roster.csv')
      )
    ).toEqual(["roster.csv:3 username: 'ana@x.org' already listed on line 2"]);
  });

  it('requires the username and skills columns', () => {
    expect(problemsOf(() => parseRoster('user,skills\nana,Role_Chaser\n', 'roster.csv'))).toEqual([
      "roster.csv:1 header: missing column 'username'"
    ]);
  });

  it('reads open cases by Case API names', () => {
    const cases = parseOpenCases(
      'CaseNumber,Program__c,Processing_Step__c,Client_Language__c,Escalated__c,Priority,Emergency_Level__c\n00001,EAP,Chaser,,TRUE,Urgent,Life-Threatening\n'
    );
    expect(cases).toEqual([
      {
        caseNumber: '00001',
        fields: {
          Program__c: 'EAP',
          Processing_Step__c: 'Chaser',
          Client_Language__c: null,
          Escalated__c: true,
          Priority: 'Urgent',
          Emergency_Level__c: 'Life-Threatening'
        }
      }
    ]);
  });

  it('names the line of a bad open case', () => {
    expect(
      problemsOf(() =>
        parseOpenCases('Program__c,Processing_Step__c,Escalated__c\nRAFT,Chaser,maybe\n', 'cases.csv')
      )
    ).toEqual(['cases.csv:2 Escalated__c: expected true or false']);
  });
});
