import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GalleryConfigError, loadStates } from '../../scripts/gallery/build';

const STATES_DIR = path.resolve(__dirname, '../../scripts/gallery/states');
const LWC_DIR = path.resolve(__dirname, '../../force-app/main/default/lwc');

describe('gallery states', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gallery-states-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, body: string): Promise<void> {
    await fs.writeFile(path.join(dir, name), body);
  }

  it('loads every registered state, each with its component', async () => {
    const states = await loadStates(STATES_DIR, LWC_DIR);
    const omni = states.filter((s) => s.component === 'omniPanel').map((s) => s.id);
    expect(omni).toEqual(
      expect.arrayContaining([
        'omni-panel-offline',
        'omni-panel-offers-waiting',
        'omni-panel-overdue-offer',
        'omni-panel-full-capacity',
        'omni-panel-supervisor',
        'omni-panel-empty',
        'omni-panel-error'
      ])
    );
    expect(new Set(states.map((s) => s.id)).size).toBe(states.length);
  });

  it('names the file and field of a malformed state', async () => {
    await write(
      'broken.ts',
      `export default { component: 'omniPanel', states: [{ id: 'Bad Id', title: 'x' }] };\n`
    );
    await expect(loadStates(dir, LWC_DIR)).rejects.toThrow(
      /broken\.ts: default\.states\.0\.id: use lowercase words/
    );
  });

  it('refuses a component that has no bundle', async () => {
    await write(
      'ghost.ts',
      `export default { component: 'ghostPanel', states: [{ id: 'ghost', title: 'x' }] };\n`
    );
    await expect(loadStates(dir, LWC_DIR)).rejects.toBeInstanceOf(GalleryConfigError);
  });

  it('refuses the same state id in two files', async () => {
    await write(
      'a.ts',
      `export default { component: 'omniPanel', states: [{ id: 'twice', title: 'a' }] };\n`
    );
    await write(
      'b.ts',
      `export default { component: 'omniPanel', states: [{ id: 'twice', title: 'b' }] };\n`
    );
    await expect(loadStates(dir, LWC_DIR)).rejects.toThrow(/b\.ts: state id "twice" is also used in/);
  });
});
