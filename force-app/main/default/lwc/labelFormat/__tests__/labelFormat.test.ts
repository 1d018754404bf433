import { formatLabel } from '../labelFormat';

describe('formatLabel', () => {
  it('fills placeholders by position, as often as they appear', () => {
    expect(formatLabel('The payment {0} was saved.', 'P-000123')).toBe('The payment P-000123 was saved.');
    expect(formatLabel('{1} of {0}, then {1} again', 'ten', 3)).toBe('3 of ten, then 3 again');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(formatLabel('Due {0} for {1}', 'today')).toBe('Due today for {1}');
  });
});
