// `tangent-lab train --json | head -1`: the CLI (bin/tangent-lab.mjs, as installed) ends quietly
// when the reader of its output closes the pipe: status 0 and nothing on stderr. An e2e test because
// it runs the built bundle (dist-cli/, from `npm run build`) as the installed command does.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('CLI with a closed output pipe', () => {
  it('train --json | head -1: exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, ['bin/tangent-lab.mjs', 'train', '--json', '--width', '16', '--train', '16', '--test', '8', '--steps', '20000', '--log-every', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let first = '';
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        if (first) return;
        first = d.toString().split('\n')[0];
        child.stdout.destroy(); // what `head -1` does after its line
        resolve();
      }),
    );
    const code = await done;
    expect(JSON.parse(first).step).toBe(0);
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
