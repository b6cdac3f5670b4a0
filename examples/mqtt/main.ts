// deno-lint-ignore-file no-console -- an example program reports on the console
/**
 * The MQTT example: a sensor on the simulated ESP32 publishes a reading every 150 ms with QoS 1
 * through the network to a real MQTT broker (aedes, in this process, on 127.0.0.1), while the
 * access point goes away twice; a subscriber connected straight to the broker counts what
 * arrives. Run: `deno task example:mqtt` (`--speed=4` runs the device's time four times faster).
 * The last line is `published N, received N, lost 0`.
 *
 * @module
 */
import net from "node:net";
import { Aedes } from "aedes";
import mqtt from "mqtt";
import { type Clock, realClock } from "../../drivers/clock.ts";
import { Network } from "../../drivers/network.ts";
import type { World } from "../../drivers/mock/world.ts";
import { MqttSensor } from "./sensor.ts";

/** How the run goes; times are the device's ms. */
export interface RunOptions {
  /** How many times faster than real time the device's clock runs (default 1: `realClock()`). */
  readonly speed?: number;
  /** Between two readings (default 150). */
  readonly every_ms?: number;
  /**
   * How late the broker acknowledges each publish, like one across the internet (default 250):
   * messages are in flight when the link goes, and are sent again.
   */
  readonly latency_ms?: number;
  /** How many outages (default 2). */
  readonly outages?: number;
  /** Where each line goes (default the console). */
  readonly say?: (line: string) => void;
}

/** What the run counted. */
export interface Report {
  /** Readings the sensor took and published. */
  readonly published: number;
  /** Distinct readings (by sequence number) the subscriber received. */
  readonly received: number;
  /** Readings received more than once (QoS 1 is at least once). */
  readonly duplicates: number;
  readonly lost: number;
  /** Messages the sensor sent again on a new connection (in flight when the last one closed). */
  readonly resent: number;
  /** Connections closed, with why. */
  readonly closed: readonly string[];
  /** Connections opened (the first one included). */
  readonly opened: number;
}

const AP = { ssid: "home", psk: "secret12", rssi: -50, channel: 6 };
// The simulated radio notices a lost AP after 6 s without beacons (then disconnects 1.5 s
// later): each outage lasts 6.5 s, so that the station does lose it.
const UP_MS = 4000;
const DOWN_MS = 6500;

/** The world: the AP on the air for {@link UP_MS}, then gone for {@link DOWN_MS}, `outages` times. */
export function flappingWorld(outages: number): World {
  const present = Array.from({ length: outages + 1 }, (_, i) => {
    const from = i * (UP_MS + DOWN_MS);
    return i < outages ? { from, until: from + UP_MS } : { from };
  });
  return { access_points: [{ ...AP, present }] };
}

/** A real clock that runs `speed` times faster: the device's seconds in fewer real ones. */
export function fastClock(speed: number): Clock {
  if (speed === 1) return realClock();
  const origin = performance.now();
  const now = () => Math.floor((performance.now() - origin) * speed);
  return {
    now,
    schedule(at, task) {
      const handle = setTimeout(task, Math.max(0, (at - now()) / speed));
      return () => clearTimeout(handle);
    },
  };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : 0);
    });
  });
}

/** Resolves once `done()` holds, checking every `ms` real ms; false after `limit` checks. */
async function until(done: () => boolean, ms: number, limit: number): Promise<boolean> {
  for (let i = 0; i < limit && !done(); i++) await new Promise((r) => setTimeout(r, ms));
  return done();
}

/**
 * Runs the example: starts the broker, the subscriber, the network and the sensor; takes readings
 * until the connection has come back after every outage and 2 s more; waits for the broker to
 * acknowledge them all; closes everything; reports.
 *
 * @example
 * ```ts ignore
 * const report = await run({ speed: 8, say: () => {} });
 * assert.equal(report.lost, 0);
 * ```
 */
export async function run(options: RunOptions = {}): Promise<Report> {
  const speed = options.speed ?? 1;
  const every = options.every_ms ?? 150;
  const outages = options.outages ?? 2;
  const say = options.say ?? ((line: string) => console.log(line));
  const clock = fastClock(speed);
  const stamp = (text: string) => say(`${(clock.now() / 1000).toFixed(1).padStart(5)}s  ${text}`);

  // The broker, and a subscriber that reaches it directly (not through the network).
  const latency = options.latency_ms ?? 250;
  const broker = await Aedes.createBroker({
    authorizePublish: (_client, _packet, done) => setTimeout(done, latency / speed),
  });
  const server = net.createServer(broker.handle);
  const port = await listen(server);
  const topic = "sensors/t1";
  const subscriber = await mqtt.connectAsync({ host: "127.0.0.1", port, reconnectPeriod: 0 });
  await subscriber.subscribeAsync(topic, { qos: 1 });
  const seen = new Set<number>();
  let duplicates = 0;
  subscriber.on("message", (_topic, payload) => {
    const { seq } = JSON.parse(payload.toString()) as { seq: number };
    if (seen.has(seq)) duplicates++;
    else seen.add(seq);
  });
  stamp(`broker on 127.0.0.1:${port}`);

  const started = Network.start(
    { sta: { ssid: AP.ssid, psk: AP.psk, reconnect: { initial_ms: 300 } } },
    { clock, world: flappingWorld(outages), seed: 7 },
  );
  if (started._tag === "Left") throw new Error(JSON.stringify(started.left));
  const network = started.right;
  const closed: string[] = [];
  let opened = 0;
  const sensor = new MqttSensor(
    network,
    { host: "127.0.0.1", port, topic, clientId: "sensor-t1" },
    {
      connected: () => {
        opened++;
        stamp(`connected to the broker (${sensor.pending} readings waiting)`);
      },
      closed: ({ why }) => {
        closed.push(why);
        stamp(`connection closed: ${why}`);
      },
      error: (message) => stamp(`mqtt: ${message}`),
    },
  );

  // Readings on the device's clock, until the connection is back after the last outage, 2 s on.
  let published = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const read = () => {
    if (clock.now() >= stopAt) return finish();
    sensor.publish(JSON.stringify({ seq: published++, celsius: 20 + Math.sin(published / 10) }));
    if (stopAt === Number.POSITIVE_INFINITY && opened > outages) stopAt = clock.now() + 2000;
    cancel = clock.schedule(clock.now() + every, read);
  };
  let cancel = clock.schedule(clock.now() + every, read);
  // An outage that never ends would keep the run going: each one is bounded in the world.
  const limit = (outages + 1) * (UP_MS + DOWN_MS) + 20_000;
  const bound = clock.schedule(limit, () => finish());
  await done;
  cancel();
  bound();

  // Everything acknowledged, and everything acknowledged delivered: then close it all.
  await until(() => sensor.pending === 0, 20, 500);
  await until(() => seen.size >= published, 20, 100);
  await sensor.close();
  await network.stop();
  await subscriber.endAsync();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => broker.close(() => resolve()));

  let lost = 0;
  for (let seq = 0; seq < published; seq++) if (!seen.has(seq)) lost++;
  const resent = sensor.resent;
  const report = { published, received: seen.size, duplicates, lost, resent, closed, opened };
  say(`outages: ${closed.filter((why) => why === "disconnected").length}, connections: ${opened}`);
  say(`resent after an outage: ${resent}, received twice: ${duplicates} (QoS 1 is at least once)`);
  say(`published ${published}, received ${seen.size}, lost ${lost}`);
  return report;
}

if (import.meta.main) {
  const speed = Number(Deno.args.find((a) => a.startsWith("--speed="))?.slice(8) ?? 1);
  await run({ speed });
}
