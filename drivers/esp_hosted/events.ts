/**
 * The library's events: the callback that receives them on the library's thread, and their
 * decoding. The callback owns each event (the real library never frees one): it copies the
 * message, releases it, and reports the copy only after it has returned, so nothing it sets off
 * calls the library while the library's one thread is inside the callback (that thread also
 * reads the answers: a request made from there would wait for itself and time out).
 *
 * @module
 */
import { type Either, right } from "fp-ts/lib/Either.js";
import { StructView } from "../ffi/layout.ts";
import type { NativeCallback } from "../ffi/library.ts";
import { EVENT, EVENT_CALLBACK } from "./binding.ts";
import { type HostedLibrary, releaseMessage } from "./control.ts";
import {
  CTRL_CMD,
  EVENT_STA_CONNECTED,
  EVENT_STA_DISCONNECTED,
  EVENT_VISITOR_JOINED,
  EVENT_VISITOR_LEFT,
  unionView,
} from "./layouts.ts";

/** An event, decoded. MACs and BSSIDs are lower case; one that is malformed is left out. */
export type HostedEvent =
  | { readonly kind: "esp_init" }
  | {
    readonly kind: "station_disconnected";
    readonly ssid: string;
    readonly bssid?: string;
    readonly reason: number;
  }
  | {
    readonly kind: "station_connected";
    readonly ssid: string;
    readonly bssid?: string;
    readonly channel: number;
    readonly aid: number;
  }
  | { readonly kind: "visitor_joined"; readonly mac?: string; readonly aid: number }
  | { readonly kind: "visitor_left"; readonly mac?: string; readonly reason: number }
  | { readonly kind: "other"; readonly id: number };

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** A MAC string field, lower case, or undefined when it is no MAC. */
function macIn(view: StructView, field: string): string | undefined {
  const text = view.cstring(field).toLowerCase();
  return MAC.test(text) ? text : undefined;
}

/** The SSID field: `ssid_len` bytes of it (an SSID may hold a NUL), else up to its NUL. */
function ssidIn(view: StructView): string {
  const bytes = view.bytes("ssid");
  const declared = view.u32("ssid_len");
  const nul = bytes.indexOf(0);
  const length = declared > 0 && declared <= 32 ? declared : nul === -1 ? 32 : nul;
  return new TextDecoder().decode(bytes.subarray(0, length));
}

const withMac = <T extends object>(mac: string | undefined, rest: T): T & { mac?: string } =>
  mac === undefined ? rest : { ...rest, mac };
const withBssid = <T extends object>(bssid: string | undefined, rest: T): T & { bssid?: string } =>
  bssid === undefined ? rest : { ...rest, bssid };

/**
 * Decodes a copied event message (a whole `ctrl_cmd_t`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StructView } from "../ffi/layout.ts";
 * import { decodeEvent } from "./events.ts";
 * import { CTRL_CMD, EVENT_VISITOR_LEFT, unionView } from "./layouts.ts";
 * const message = new Uint8Array(CTRL_CMD.size);
 * new StructView(CTRL_CMD, message).setU16("msg_id", 304);
 * const left = unionView(EVENT_VISITOR_LEFT, message);
 * left.setCString("mac", "3C:22:FB:01:02:03");
 * left.setU32("reason", 8);
 * assert.deepEqual(decodeEvent(message), { kind: "visitor_left", mac: "3c:22:fb:01:02:03", reason: 8 });
 * ```
 */
export function decodeEvent(message: Uint8Array): HostedEvent {
  const id = new StructView(CTRL_CMD, message).u16("msg_id");
  switch (id) {
    case EVENT.espInit:
      return { kind: "esp_init" };
    case EVENT.stationDisconnectedFromAp: {
      const view = unionView(EVENT_STA_DISCONNECTED, message);
      return withBssid(macIn(view, "bssid"), {
        kind: "station_disconnected",
        ssid: ssidIn(view),
        reason: view.u32("reason"),
      });
    }
    case EVENT.stationConnectedToAp: {
      const view = unionView(EVENT_STA_CONNECTED, message);
      return withBssid(macIn(view, "bssid"), {
        kind: "station_connected",
        ssid: ssidIn(view),
        channel: view.i32("channel"),
        aid: view.i32("aid"),
      });
    }
    case EVENT.visitorJoined: {
      const view = unionView(EVENT_VISITOR_JOINED, message);
      return withMac(macIn(view, "mac"), { kind: "visitor_joined", aid: view.i32("aid") });
    }
    case EVENT.visitorLeft: {
      const view = unionView(EVENT_VISITOR_LEFT, message);
      return withMac(macIn(view, "mac"), { kind: "visitor_left", reason: view.u32("reason") });
    }
    default:
      return { kind: "other", id };
  }
}

/** The event callback, and what it has seen (for a close that waits until none is under way). */
export interface EventCallback {
  readonly callback: NativeCallback;
  /** How many events it has received so far. */
  readonly received: () => number;
}

/**
 * Makes the callback to register with `set_event_callback`: it copies and releases each event
 * during the call and hands the copy to `deliver` from a microtask, after the call returned.
 * It keeps the process alive until closed: the library may call at any time.
 *
 * @example
 * ```ts ignore
 * const made = eventCallback(lib, (message) => handle(decodeEvent(message)));
 * if (made._tag === "Right") lib.symbols.set_event_callback(305, made.right.callback);
 * ```
 */
export function eventCallback(
  lib: HostedLibrary,
  deliver: (message: Uint8Array) => void,
  onError?: (error: unknown) => void,
): Either<string, EventCallback> {
  let received = 0;
  const made = lib.threadSafeCallback(
    EVENT_CALLBACK,
    (event) => {
      if (event === null) return 0;
      received++;
      const copy = lib.readBytes(event, CTRL_CMD.size);
      releaseMessage(lib, event, new StructView(CTRL_CMD, copy));
      queueMicrotask(() => {
        try {
          deliver(copy);
        } catch (error) {
          // A bug of ours handling one event must not take the process down with it.
          onError?.(error);
        }
      });
      return 0;
    },
    { keepAlive: true, ...(onError === undefined ? {} : { onError }) },
  );
  if (made._tag === "Left") return made;
  return right({ callback: made.right, received: () => received });
}
