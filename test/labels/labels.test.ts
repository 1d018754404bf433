import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CustomLabelsError,
  labelProblems,
  labelValues,
  readCustomLabels
} from '../../scripts/labels/customLabels';

function labelXml(labels: { name: string; value: string }[]): string {
  const entries = labels.map(
    ({ name, value }) =>
      `    <labels>\n        <fullName>${name}</fullName>\n        <language>en_US</language>\n        <protected>false</protected>\n        <shortDescription>${name}</shortDescription>\n        <value>${value}</value>\n    </labels>`
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">\n${entries.join('\n')}\n</CustomLabels>\n`;
}

describe('the project custom labels', () => {
  it('define every label the components and Apex use, and only those', () => {
    expect(labelProblems()).toEqual([]);
  });

  it('give Jest the same values the gallery and the platform use', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const transformer = require('../../force-app/test/jest-mocks/labels/labelTransformer.js') as {
      readLabels(): Map<string, string>;
    };
    expect(new Map(transformer.readLabels())).toEqual(labelValues());
    expect(labelValues().get('PaymentGuard_LockedTitle')).toBe('Locked: submitted to the payment system');
  });
});

describe('labelProblems on a project tree', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'labels-'));
    mkdirSync(path.join(root, 'force-app/main/default/labels'), { recursive: true });
    mkdirSync(path.join(root, 'force-app/main/default/lwc/card/__tests__'), { recursive: true });
    mkdirSync(path.join(root, 'force-app/main/default/classes'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(relative: string, text: string): void {
    writeFileSync(path.join(root, relative), text);
  }
  const labelsFile = 'force-app/main/default/labels/CustomLabels.labels-meta.xml';

  it('names a component that imports a label the file does not define', () => {
    write(labelsFile, labelXml([{ name: 'Card_Title', value: 'Title' }]));
    write(
      'force-app/main/default/lwc/card/card.ts',
      "import Card_Title from '@salesforce/label/c.Card_Title';\nimport Card_Missing from '@salesforce/label/c.Card_Missing';\n"
    );
    expect(labelProblems(root)).toEqual([
      'force-app/main/default/lwc/card/card.ts uses the custom label Card_Missing, which is not defined'
    ]);
  });

  it('names a label nothing uses, and counts Apex System.Label references as uses', () => {
    write(
      labelsFile,
      labelXml([
        { name: 'Card_Title', value: 'Title' },
        { name: 'Card_Refused', value: 'Refused' },
        { name: 'Card_Unused', value: 'Nobody reads this' }
      ])
    );
    write('force-app/main/default/lwc/card/card.ts', "import TITLE from '@salesforce/label/c.Card_Title';\n");
    // a test importing a label is not a use by the product
    write(
      'force-app/main/default/lwc/card/__tests__/card.test.ts',
      "import X from '@salesforce/label/c.Card_Unused';\n"
    );
    write('force-app/main/default/classes/CardController.cls', 'String m = System.Label.Card_Refused;\n');
    expect(labelProblems(root)).toEqual([
      'the custom label Card_Unused is defined but no component or Apex class uses it'
    ]);
  });

  it('refuses a value longer than the platform allows, naming the field and the file', () => {
    write(labelsFile, labelXml([{ name: 'Card_Long', value: 'x'.repeat(1001) }]));
    expect(() => readCustomLabels(path.join(root, labelsFile))).toThrow(CustomLabelsError);
    expect(() => readCustomLabels(path.join(root, labelsFile))).toThrow(
      /CustomLabels\.labels-meta\.xml: CustomLabels\.labels\.0\.value/
    );
  });

  it('refuses a label defined twice', () => {
    write(
      labelsFile,
      labelXml([
        { name: 'Card_Title', value: 'One' },
        { name: 'Card_Title', value: 'Two' }
      ])
    );
    expect(() => readCustomLabels(path.join(root, labelsFile))).toThrow(/Card_Title is defined twice/);
  });
});
