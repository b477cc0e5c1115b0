// One validation per process (review §1.4): the workers' main validates the runtime's and every
// module's settings together, so two bad settings of two modules are both reported, in one error,
// before anything connects.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const main = path.join(import.meta.dirname, '..', 'src', 'main.ts');

describe('the workers process settings', () => {
  it('reports a bad setting of the dcs module and one of the workflow module in one error, and starts nothing', async () => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', main], {
      env: {
        PATH: process.env['PATH'],
        // Nothing answers here: a process that got past validation would fail on connecting instead.
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
        REDIS_URL: 'redis://127.0.0.1:1',
        MQTT_URL: 'not a url',
        WORKFLOW_PIPELINE_MS: '-5',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    const errors = output.match(/Invalid configuration:(\n {2}- .*)+/g) ?? [];
    expect(errors, output).toHaveLength(1);
    expect(errors[0]).toMatch(/- MQTT_URL: /);
    expect(errors[0]).toMatch(/- WORKFLOW_PIPELINE_MS: /);
  });
});
