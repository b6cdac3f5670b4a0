/**
 * `AT+MDNS` as firmware 3.2 runs it, and what its responder answers. The firmware's handler
 * (at_mdnsCmd.c, shipped only compiled in espressif/esp-at's components/at/lib; read from its
 * disassembly) calls ESP-IDF's mdns component: `mdns_init` the first time, `mdns_hostname_set`,
 * `mdns_service_add`; `AT+MDNS=0` calls `mdns_free`. Its quirks, kept here:
 *
 * - `AT+MDNS=1` takes exactly hostname, service type and port (1 to 65535): no hostname alone.
 *   An empty hostname or service, or a port out of range, prints `ERR CODE:0x01070002`, `...03`,
 *   `...04` (the parameter's place in the extension); one left out, or a wrong count, is a bare
 *   `ERROR`.
 * - `AT+MDNS=1` over a running responder sets the new hostname, then fails to add the service
 *   it already has ("Service already exists" in ESP-IDF): `ERROR`, the old service kept.
 * - `AT+MDNS=0` takes no other parameter, and is `OK` when nothing runs.
 * - It needs no Wi-Fi mode and no address: the component follows the station's address by
 *   itself and answers with whatever the station holds, with ESP-IDF's fixed A TTL.
 *
 * @module
 */
import type { AtCommand } from "./at_line.ts";
import { ERR } from "./error_codes.ts";
import { ParamReader } from "./params.ts";
import { failed, type Final, ok } from "./services.ts";

/** ESP-IDF's TTL for A records (MDNS_ANSWER_A_TTL in the mdns component): not settable. */
export const A_RECORD_TTL_S = 120;

/** The longest hostname `mdns_hostname_set` takes: MDNS_NAME_BUF_LEN 64, less the NUL. */
const MAX_HOSTNAME_BYTES = 63;

/** A service the responder advertises. */
export interface AdvertisedService {
  readonly type: string;
  readonly proto: "_tcp";
  readonly port: number;
}

/** What the responder answers an A query with. */
export interface MdnsAnswer {
  readonly ip: string;
  readonly ttl: number;
}

/** What a test sees of the responder. */
export interface MdnsView {
  /** Whether `mdns_init` ran and no `AT+MDNS=0` followed. */
  readonly running: boolean;
  /** The name answered for, `<hostname>.local`, once set. */
  readonly hostname: string | undefined;
  readonly services: readonly AdvertisedService[];
  /** The answer to an A query for `name` on the station's network, if any. */
  resolve(name: string): MdnsAnswer | undefined;
}

const encoder = new TextEncoder();

/**
 * The responder of one boot: a reset makes a new one (mDNS is not stored).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAtLine } from "./at_line.ts";
 * import { MdnsControl } from "./mdns_control.ts";
 * const mdns = new MdnsControl(() => "192.168.1.20");
 * const line = parseAtLine('AT+MDNS=1,"dev","_iot",8080');
 * if (line._tag === "Left") throw new Error("parse");
 * assert.deepEqual(mdns.configure(line.right), { ok: true, lines: [] });
 * assert.deepEqual(mdns.resolve("DEV.local"), { ip: "192.168.1.20", ttl: 120 });
 * assert.equal(mdns.configure(line.right).ok, false);
 * ```
 */
export class MdnsControl implements MdnsView {
  readonly #stationIp: () => string | undefined;
  #running = false;
  #hostname: string | undefined;
  #services: AdvertisedService[] = [];

  /** `stationIp` tells the station's IPv4 address, while it holds one. */
  constructor(stationIp: () => string | undefined) {
    this.#stationIp = stationIp;
  }

  get running(): boolean {
    return this.#running;
  }

  get hostname(): string | undefined {
    return this.#hostname;
  }

  get services(): readonly AdvertisedService[] {
    return this.#services;
  }

  /** `AT+MDNS=<0|1>[,<"hostname">,<"service_type">,<port>]`. */
  configure(command: AtCommand): Final {
    const params = command.params;
    const p = new ParamReader(params, params.length);
    const mode = p.integer(0, 0, 1);
    if (p.error === ERR.PARA_INVALID) return failed(undefined);
    if (p.error !== undefined) return failed(p.error);
    if (mode === 0) return params.length === 1 ? this.#stop() : failed(undefined);
    // Left out, the firmware's string reader fails (bare ERROR); empty, its own check prints
    // the parameter's place.
    if (!p.given(1)) return failed(undefined);
    const hostname = p.optionalText(1, 0, Number.MAX_SAFE_INTEGER) ?? "";
    if (p.error !== undefined) return failed(p.error);
    if (hostname === "") return failed(ERR.PARA_INVALID + 2);
    if (!p.given(2)) return failed(undefined);
    const type = p.optionalText(2, 0, Number.MAX_SAFE_INTEGER) ?? "";
    if (p.error !== undefined) return failed(p.error);
    if (type === "") return failed(ERR.PARA_INVALID + 3);
    const port = p.optionalInteger(3, 1, 65535);
    if (p.error === ERR.PARA_INVALID) return failed(ERR.PARA_INVALID + 4);
    if (p.error !== undefined) return failed(p.error);
    if (port === undefined || params.length !== 4) return failed(undefined);
    this.#running = true;
    // The component's own refusals go to the log UART ("Set hostname fail", "Add service
    // fail"); the AT port sees a bare ERROR.
    if (encoder.encode(hostname).length > MAX_HOSTNAME_BYTES) return failed(undefined);
    this.#hostname = hostname;
    if (this.#services.some((s) => s.type === type)) return failed(undefined);
    this.#services = [...this.#services, { type, proto: "_tcp", port }];
    return ok();
  }

  resolve(name: string): MdnsAnswer | undefined {
    const ip = this.#stationIp();
    if (!this.#running || this.#hostname === undefined || ip === undefined) return undefined;
    // ESP-IDF compares names with strcasecmp: ASCII case ignored.
    const wanted = `${this.#hostname}.local`.toLowerCase();
    return name.toLowerCase() === wanted ? { ip, ttl: A_RECORD_TTL_S } : undefined;
  }

  #stop(): Final {
    this.#running = false;
    this.#hostname = undefined;
    this.#services = [];
    return ok();
  }
}
