// `npm run down`: stops everything `npm run up` started (pid files in .opshub/run/), including the
// embedded Postgres and MQTT broker: the stop signal first, SIGKILL after 10 s.
import { rmSync } from 'node:fs';
import { RUNTIME_ENV_FILE } from './lib/paths.mjs';
import { pidNames, readPidFile, stopByPidFile } from './lib/processes.mjs';

// Clients before what they talk to: the gateway before the subgraphs, everything before the services.
const FIRST = ['simulators', 'workers', 'gateway'];
const LAST = ['mqtt', 'postgres'];

async function stop(names) {
  const results = await Promise.all(
    names.map(async (name) => {
      const pid = readPidFile(name)?.pid;
      return [name, pid, await stopByPidFile(name)];
    }),
  );
  for (const [name, pid, result] of results) {
    if (result === 'stopped') console.log(`stopped ${name} (pid ${pid})`);
    else if (result === 'killed') console.log(`killed ${name} (pid ${pid}): it did not stop within 10 s`);
    else console.log(`removed the stale pid file of ${name} (pid ${pid ?? '?'} was not running)`);
  }
  return results.filter(([, , r]) => r !== 'stale').length;
}

const all = pidNames();
const middle = all.filter((n) => !FIRST.includes(n) && !LAST.includes(n));
let count = 0;
count += await stop(FIRST.filter((n) => all.includes(n)));
count += await stop(middle);
for (const name of LAST.filter((n) => all.includes(n))) count += await stop([name]);
rmSync(RUNTIME_ENV_FILE, { force: true });
console.log(count ? `npm run down: stopped ${count} process(es)` : 'npm run down: nothing was running');
