import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pruneDist } from '../../scripts/build/prune-dist';

function write(file: string, text = ''): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('npm run build removes what a deleted source left in dist/', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'prune-dist-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('deletes the compiled file and its map of a removed command, keeps those whose source is there', () => {
    write(path.join(root, 'scripts/sync/cli.ts'));
    write(path.join(root, 'scripts/lwc/data/view.json'), '{}');
    const dist = path.join(root, 'dist');
    for (const f of ['scripts/sync/cli.js', 'scripts/sync/cli.js.map', 'scripts/lwc/data/view.json'])
      write(path.join(dist, f));
    // a command since deleted: it would still run from dist/
    for (const f of ['scripts/old/retired.js', 'scripts/old/retired.js.map', 'scripts/lwc/data/gone.json'])
      write(path.join(dist, f));
    // not tsc's outputs: left alone
    write(path.join(dist, '.tsbuildinfo'));
    write(path.join(dist, 'gallery/bundle.css'));

    expect(pruneDist(root, dist)).toEqual([
      path.join('scripts', 'lwc', 'data', 'gone.json'),
      path.join('scripts', 'old', 'retired.js'),
      path.join('scripts', 'old', 'retired.js.map')
    ]);
    expect(fs.existsSync(path.join(dist, 'scripts/old/retired.js'))).toBe(false);
    expect(fs.existsSync(path.join(dist, 'scripts/sync/cli.js'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'scripts/sync/cli.js.map'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'scripts/lwc/data/view.json'))).toBe(true);
    expect(fs.existsSync(path.join(dist, '.tsbuildinfo'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'gallery/bundle.css'))).toBe(true);
    expect(pruneDist(root, dist)).toEqual([]);
  });

  it('does nothing when dist/ does not exist yet', () => {
    expect(pruneDist(root, path.join(root, 'dist'))).toEqual([]);
  });
});
