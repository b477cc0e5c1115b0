// The devices' side of the ingest bench, run as its own process (as real devices are):
//   node dcs-publisher.ts <mqttUrl> <root> <messages>
// Publishes sensor readings at QoS 1 as fast as the broker acknowledges them, then prints when it started (epoch ms) and the seconds it took.
import mqtt from 'mqtt';

const [url, root, count] = process.argv.slice(2);
const METRICS = ['DS/temp', 'BME/temp', 'BME/humi', 'SCD30/co2'];
const messages = Number(count);
const client = await mqtt.connectAsync(url!, { clean: true });
const startedAt = Date.now();
const t0 = performance.now();
const window = 2_000;
for (let i = 0; i < messages; i += window) {
  const sends: Promise<unknown>[] = [];
  for (let j = i; j < Math.min(messages, i + window); j++) {
    sends.push(
      client.publishAsync(
        `${root}/ESP0${(j % 3) + 1}/sensors/${METRICS[j % METRICS.length]}`,
        (20 + (j % 1000) / 100).toFixed(2),
        { qos: 1 },
      ),
    );
  }
  await Promise.all(sends);
}
process.stdout.write(`${startedAt} ${(performance.now() - t0) / 1000}\n`);
await client.endAsync();
