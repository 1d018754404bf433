import { IdFactory, checksumSuffix, isValidId, normalizeId, to18 } from '../../scripts/sandbox-org/ids';

describe('record Ids', () => {
  it('adds the platform case-insensitivity suffix to a 15-character Id', () => {
    // The example the platform documentation uses for 15- and 18-character Ids.
    expect(to18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(checksumSuffix('00000000000000a')).toBe('AAA');
  });

  it('accepts 15- and 18-character Ids and refuses a wrong suffix', () => {
    expect(isValidId('001D000000IqhSL')).toBe(true);
    expect(isValidId('001D000000IqhSLIAZ')).toBe(true);
    expect(isValidId('001D000000IqhSLAAA')).toBe(false);
    expect(normalizeId('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(normalizeId('not an id')).toBeNull();
  });

  it('issues distinct, valid Ids with the key prefix', () => {
    const f = new IdFactory();
    const ids = Array.from({ length: 1000 }, () => f.next('a0A'));
    expect(new Set(ids.map((i) => i.toLowerCase())).size).toBe(1000);
    expect(ids.every((i) => i.startsWith('a0A') && isValidId(i))).toBe(true);
  });
});
