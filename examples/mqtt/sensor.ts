/**
 * The part of the MQTT example a user copies: a sensor that publishes its readings with QoS 1
 * over a TCP connection that follows the network, and loses none across WiFi outages.
 *
 * - `connectTcp` owns the connection: it opens when the station has an address, closes when the
 *   address goes, and retries with backoff. mqtt.js's own reconnect is off (`reconnectPeriod: 0`);
 *   each socket the network opens gets a new `MqttClient` over it.
 * - Every client has the same `clientId`, `clean: false` and the same outgoing {@link Store}: a
 *   QoS 1 message sent but not acknowledged when the link went is sent again (DUP) on the next
 *   connection.
 * - Readings taken while there is no connection wait in the sensor's queue and go out once the
 *   next connection is up.
 *
 * The promise is at least once: a message whose PUBACK was lost with the link arrives twice.
 *
 * @module
 */
import type net from "node:net";
import { type IClientOptions, MqttClient, Store, UniqueMessageIdProvider } from "mqtt";
import type { Network } from "../../drivers/network.ts";
import { type Closed, connectTcp, type Following } from "../../drivers/connections/mod.ts";

/** Where the sensor publishes, and as whom. */
export interface SensorOptions {
  readonly host: string;
  readonly port: number;
  readonly topic: string;
  /** Fixed, so that the broker keeps the session across connections. */
  readonly clientId: string;
}

/** What the sensor tells its owner; each is optional. */
export interface SensorEvents {
  readonly connected?: () => void;
  readonly closed?: (event: Closed) => void;
  readonly error?: (message: string) => void;
}

/** mqtt's memory store, kept across clients (`clean: false`: `end()` does not empty it), counted. */
class SessionStore extends Store {
  readonly #ids = new Set<number>();
  constructor() {
    super({ clean: false });
  }
  override put(packet: Parameters<Store["put"]>[0], cb: Parameters<Store["put"]>[1]): this {
    if (packet.messageId !== undefined) this.#ids.add(packet.messageId);
    return super.put(packet, cb);
  }
  override del(packet: Parameters<Store["del"]>[0], cb: Parameters<Store["del"]>[1]): this {
    return super.del(packet, (error, stored) => {
      if (error === undefined || error === null) this.#ids.delete(packet.messageId ?? -1);
      cb(error, stored);
    });
  }
  /** Messages sent and not yet acknowledged. */
  get size(): number {
    return this.#ids.size;
  }
}

/**
 * A sensor that publishes over MQTT through the network, queueing what it cannot send yet.
 *
 * @example
 * ```ts ignore
 * const sensor = new MqttSensor(network, {
 *   host: "127.0.0.1", port: 1883, topic: "sensors/t1", clientId: "sensor-t1",
 * });
 * setInterval(() => sensor.publish(JSON.stringify({ celsius: 21.5 })), 1000);
 * ```
 */
export class MqttSensor {
  readonly #queue: string[] = [];
  readonly #store = new SessionStore();
  #client: MqttClient | null = null;
  #sent = 0;
  #resent = 0;
  readonly #connection: Following<net.Socket>;

  constructor(
    network: Network,
    private readonly options: SensorOptions,
    private readonly events: SensorEvents = {},
  ) {
    const connection = connectTcp(network, { host: options.host, port: options.port }, {
      opened: (socket) => this.#opened(socket),
      closed: (event) => {
        this.#drop();
        events.closed?.(event);
      },
    });
    if (connection._tag === "Left") throw new Error(JSON.stringify(connection.left));
    this.#connection = connection.right;
  }

  /** Publishes `payload` with QoS 1 now, or once there is a connection. */
  publish(payload: string): void {
    this.#queue.push(payload);
    this.#flush();
  }

  /** Readings not yet acknowledged by the broker: queued, or sent and unanswered. */
  get pending(): number {
    return this.#queue.length + this.#store.size;
  }

  /** Messages handed to an MQTT client so far (a resend counts once, a republish twice). */
  get sent(): number {
    return this.#sent;
  }

  /** Messages sent again from the store on a new connection: those in flight when one closed. */
  get resent(): number {
    return this.#resent;
  }

  /** Closes for good: the connection, its socket and the MQTT client. Unsent readings stay unsent. */
  async close(): Promise<void> {
    await this.#connection.close();
    this.#drop();
  }

  #opened(socket: net.Socket): void {
    const options: IClientOptions = {
      clientId: this.options.clientId,
      clean: false,
      reconnectPeriod: 0, // the connection that follows the network reconnects
      outgoingStore: this.#store,
      // Picks ids the stored messages do not hold: they are registered again on every connect.
      messageIdProvider: new UniqueMessageIdProvider(),
      keepalive: 30,
    };
    this.#resent += this.#store.size;
    const client = new MqttClient(() => socket, options);
    this.#client = client;
    // mqtt.js resends the stored messages first, then says `connect`.
    client.on("connect", () => {
      this.events.connected?.();
      this.#flush();
    });
    client.on("error", (error) => this.events.error?.(error.message));
  }

  #flush(): void {
    const client = this.#client;
    while (client !== null && client.connected && !client.disconnecting) {
      const payload = this.#queue.shift();
      if (payload === undefined) return;
      this.#sent++;
      client.publish(this.options.topic, payload, { qos: 1 }, (error) => {
        // Not stored (refused while closing): sent again later, which at least once allows.
        if (error) this.#queue.unshift(payload);
      });
    }
  }

  /** The socket is gone (or going): the client goes with it; the store and the queue stay. */
  #drop(): void {
    const client = this.#client;
    this.#client = null;
    if (client === null) return;
    client.removeAllListeners("connect");
    client.end(true);
  }
}
