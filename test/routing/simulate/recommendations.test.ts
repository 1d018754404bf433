/** Recommendations and the report: the change that helps most, with its simulated effect; escaped HTML. */
import type { RoutingConfig } from '../../../scripts/routing/config';
import { rulesFromConfig } from '../../../scripts/routing/rules';
import type { SimulationModel } from '../../../scripts/routing/simulate/engine';
import { recommend } from '../../../scripts/routing/simulate/recommendations';
import { escapeHtml, formatHours, renderHtml } from '../../../scripts/routing/simulate/report';
import { runReplications } from '../../../scripts/routing/simulate/summary';
import { chaser, forecast, projectConfig } from './fixtures';

let config: RoutingConfig;
beforeAll(async () => {
  config = await projectConfig();
});

/** Spanish RAFT cases pile up: one Spanish speaker with little room, an idle English-only colleague. */
function spanishBottleneck(): SimulationModel {
  return {
    rules: rulesFromConfig(config),
    settings: { perAgent: 100, pushTimeoutSeconds: 300, manualWhenOwnerOffline: 'keep' },
    forecast: forecast({
      horizonDays: 14,
      steps: { Chaser: { openHours: { exponential: { mean: 8 } } } },
      arrivals: [{ program: 'RAFT', step: 'Chaser', perDay: 12, languages: { English: 0.5, Spanish: 0.5 } }],
      staff: { alwaysAvailable: true }
    }),
    staff: [
      chaser('ana@x.org', 2, ['Language_Spanish']),
      chaser('ben@x.org', 10),
      { username: 'cm@x.org', name: 'Cam <CM>', skills: ['Role_Case_Manager', 'Program_RAFT'], capacity: 10 }
    ]
  };
}

describe('recommendations', () => {
  it('finds the skill grant and the hire that cut the worst wait, with their simulated effect', () => {
    const model = spanishBottleneck();
    const baseline = runReplications(model, { seed: 1, replications: 2 });
    expect(baseline.objective.worstGroup).toBe('RAFT Chaser');
    const found = recommend(model, baseline, {
      seed: 1,
      replications: 2,
      roleSkills: ['Role_Chaser', 'Role_Case_Manager', 'Role_Reviewer']
    });
    expect(found.skillGrant?.change).toEqual({
      kind: 'skill',
      username: 'ben@x.org',
      name: 'ben@x.org',
      skill: 'Language_Spanish'
    });
    expect(found.skillGrant?.description).toBe('give ben@x.org the skill Language_Spanish');
    expect(found.skillGrant?.after.worstP90Hours).toBeLessThan(found.skillGrant?.before.worstP90Hours ?? 0);
    expect(found.hire?.change).toMatchObject({ kind: 'hire' });
    expect(found.hire?.change.kind === 'hire' && found.hire.change.skills).toContain('Language_Spanish');
    expect(found.hire?.awaitingAfter).toBeLessThan(found.hire?.awaitingBefore ?? 0);
  });

  it('recommends nothing when no single change helps', () => {
    const model = spanishBottleneck();
    const relaxed = {
      ...model,
      staff: model.staff.map((s) => ({ ...s, capacity: 100, skills: [...s.skills, 'Language_Spanish'] }))
    };
    const baseline = runReplications(relaxed, { seed: 1, replications: 1 });
    const found = recommend(relaxed, baseline, { seed: 1, replications: 1, roleSkills: ['Role_Chaser'] });
    expect(found.skillGrant).toBeNull();
    expect(found.hire).toBeNull();
  });
});

describe('report', () => {
  it('escapes every text it puts into the HTML', () => {
    const base = spanishBottleneck();
    const model = {
      ...base,
      staff: base.staff.map((s, i) => (i === 0 ? { ...s, name: '<script>alert("x")</script>' } : s))
    };
    const summary = runReplications(model, { seed: 1, replications: 1 });
    const html = renderHtml(summary, null, {
      configSource: 'config/routing.yaml',
      rosterSource: 'roster & <friends>.csv',
      forecastSource: 'f.yaml',
      presenceSource: 'forecast',
      generatedAt: '2026-01-01T00:00:00.000Z'
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('roster &amp; &lt;friends&gt;.csv');
    expect(html).toContain('Cam &lt;CM&gt;');
    expect(escapeHtml(`a'b"c`)).toBe('a&#39;b&quot;c');
  });

  it('shows durations in units a person reads', () => {
    expect([0.004, 0.5, 3.25, 30, 100].map(formatHours)).toEqual([
      '14 s',
      '30 min',
      '3.3 h',
      '30 h',
      '4.2 d'
    ]);
  });
});
