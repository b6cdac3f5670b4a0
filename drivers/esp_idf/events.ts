/**
 * ESP-IDF's event payloads as the core's events: pure, over bytes copied from the event loop's
 * call (a payload is valid only during it) and the version's layouts.
 *
 * @module
 */
import { StructView } from "../ffi/layout.ts";
import type { DriverEvent } from "../driver.ts";
import { IP_EVENT_ID, WIFI_EVENT_ID } from "./binding.ts";
import type { Layouts, StructName } from "./layouts.ts";

/** Which payload an event carries, so that exactly its bytes are copied. */
export function payloadOf(base: "wifi" | "ip", id: number): StructName | undefined {
  if (base === "wifi") {
    switch (id) {
      case WIFI_EVENT_ID.SCAN_DONE:
        return "wifi_event_sta_scan_done_t";
      case WIFI_EVENT_ID.STA_CONNECTED:
        return "wifi_event_sta_connected_t";
      case WIFI_EVENT_ID.STA_DISCONNECTED:
        return "wifi_event_sta_disconnected_t";
      case WIFI_EVENT_ID.AP_STACONNECTED:
        return "wifi_event_ap_staconnected_t";
      case WIFI_EVENT_ID.AP_STADISCONNECTED:
        return "wifi_event_ap_stadisconnected_t";
    }
    return undefined;
  }
  switch (id) {
    case IP_EVENT_ID.STA_GOT_IP:
      return "ip_event_got_ip_t";
    case IP_EVENT_ID.AP_STAIPASSIGNED:
      return "ip_event_ap_staipassigned_t";
  }
  return undefined;
}

/** What an event means to netfsm: a device event, a finished scan to read, or nothing. */
export type Decoded =
  | { readonly kind: "event"; readonly event: DriverEvent }
  | { readonly kind: "scan_done"; readonly found: number; readonly failed: boolean }
  | { readonly kind: "ignored" };

const IGNORED: Decoded = { kind: "ignored" };
const event = (e: DriverEvent): Decoded => ({ kind: "event", event: e });

/**
 * Decodes one event from its copied payload.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeEvent } from "./events.ts";
 * import { idfLayouts } from "./layouts.ts";
 * const layouts = idfLayouts("5.5", "lp64");
 * const payload = new Uint8Array(41);
 * payload.set(new TextEncoder().encode("home"));
 * payload[32] = 4;
 * payload[39] = 201;
 * assert.deepEqual(decodeEvent("wifi", 5, payload, layouts), {
 *   kind: "event",
 *   event: { type: "sta_disconnected", reason: 201 },
 * });
 * ```
 */
export function decodeEvent(
  base: "wifi" | "ip",
  id: number,
  payload: Uint8Array | undefined,
  layouts: Layouts,
): Decoded {
  const name = payloadOf(base, id);
  const view = name === undefined || payload === undefined
    ? undefined
    : new StructView(layouts[name], payload);
  if (base === "wifi") {
    switch (id) {
      case WIFI_EVENT_ID.AP_START:
        return event({ type: "ap_started" });
      case WIFI_EVENT_ID.AP_STOP:
        return event({ type: "ap_stopped" });
      case WIFI_EVENT_ID.STA_BEACON_TIMEOUT:
        return event({ type: "sta_beacon_timeout" });
    }
    if (view === undefined) return IGNORED;
    switch (id) {
      case WIFI_EVENT_ID.STA_CONNECTED: {
        const ssid = new TextDecoder().decode(view.bytes("ssid").subarray(0, view.u8("ssid_len")));
        return event({
          type: "sta_connected",
          ssid,
          bssid: view.mac("bssid"),
          channel: view.u8("channel"),
          ...(view.has("aid") ? { aid: view.u16("aid") } : {}),
        });
      }
      case WIFI_EVENT_ID.STA_DISCONNECTED:
        return event({ type: "sta_disconnected", reason: view.u8("reason") });
      case WIFI_EVENT_ID.AP_STACONNECTED:
        return event({ type: "ap_sta_connected", mac: view.mac("mac"), aid: view.u8("aid") });
      case WIFI_EVENT_ID.AP_STADISCONNECTED: {
        const [, size] = view.layout.fields.reason ?? [0, 0];
        const reason = size === 2 ? view.u16("reason") : size === 1 ? view.u8("reason") : undefined;
        return event({
          type: "ap_sta_disconnected",
          mac: view.mac("mac"),
          ...(reason === undefined ? {} : { reason }),
        });
      }
      case WIFI_EVENT_ID.SCAN_DONE:
        return { kind: "scan_done", found: view.u8("number"), failed: view.u32("status") !== 0 };
    }
    return IGNORED;
  }
  if (id === IP_EVENT_ID.STA_LOST_IP) return event({ type: "sta_lost_ip" });
  if (view === undefined) return IGNORED;
  switch (id) {
    case IP_EVENT_ID.STA_GOT_IP:
      return event({
        type: "sta_got_ip",
        ip: view.ipv4("ip_info.ip"),
        netmask: view.ipv4("ip_info.netmask"),
        gw: view.ipv4("ip_info.gw"),
      });
    case IP_EVENT_ID.AP_STAIPASSIGNED:
      // 6.0's renamed struct has no measured `mac`: the event goes without one.
      return event({
        type: "ap_sta_ip_assigned",
        ip: view.ipv4("ip"),
        ...(view.has("mac") ? { mac: view.mac("mac") } : {}),
      });
  }
  return IGNORED;
}
