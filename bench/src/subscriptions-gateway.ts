// The gateway under test in the subscriptions bench, alone in its process (as production runs it):
//   node --expose-gc subscriptions-gateway.ts   (settings from the environment, as gateway/src/main.ts)
// GATEWAY_MODULE picks the gateway code (default @opshub/gateway; a path to another checkout's
// gateway/src/index.ts measures "before"). Answers the bench over IPC: its CPU time, memory and, when
// the gateway has them, its shared-subscription counters.
import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import type * as GatewayModule from '@opshub/gateway';

type Gateway = typeof GatewayModule;
const gatewayModule = (await import(process.env['GATEWAY_MODULE'] || '@opshub/gateway')) as Gateway;
const env = loadEnv([...gatewayModule.GATEWAY_KEYS, 'LOG_LEVEL']);
const log = createLogger('gateway', env.LOG_LEVEL);
const gateway = await gatewayModule.startGateway({ env, log });
// An older gateway (GATEWAY_MODULE, "before") has no sharing figures.
const sharing = (): unknown =>
  (gateway.metrics as Partial<typeof gateway.metrics>).sharing?.call(gateway.metrics) ?? null;

export interface GatewaySample {
  /** process.cpuUsage() user + system, µs. */
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  activeSubscriptions: number;
  sharing: Record<string, number> | null;
}

const sample = (): GatewaySample => {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    activeSubscriptions: gateway.metrics.active,
    sharing: sharing() as Record<string, number> | null,
  };
};

process.on('message', (message: { type: 'sample' | 'gc' | 'stop'; id: number }) => {
  if (message.type === 'gc') {
    // Twice: the first pass runs finalizers whose objects the second one frees.
    (globalThis as { gc?: () => void }).gc?.();
    (globalThis as { gc?: () => void }).gc?.();
  }
  if (message.type === 'stop') {
    void gateway.close().then(() => process.exit(0));
    return;
  }
  process.send?.({ id: message.id, sample: sample() });
});
process.send?.({ id: 0, ready: true, url: gateway.url });
