/**
 * ESP-IDF's structs as the binding reads and writes them, per IDF version: offsets and sizes
 * measured with offsetof/sizeof against each tag's real headers (../shared/reference/drivers.md
 * §1). Layouts change between minor releases, so the binding is parameterised by the version.
 *
 * Two ABIs: `ilp32`, the ESP32's own (Xtensa and RISC-V, 4-byte pointers), and `lp64`, a 64-bit
 * host's (x86_64, aarch64 Linux), where the structs that hold a pointer differ. A binding uses the
 * one its process runs under ({@link hostAbi}).
 *
 * @module
 */
import type { Layout } from "../ffi/layout.ts";

/** The IDF versions the binding knows, as `major.minor`. */
export const IDF_VERSIONS = ["5.1", "5.2", "5.3", "5.4", "5.5", "6.0"] as const;
/** One of {@link IDF_VERSIONS}. */
export type IdfVersion = typeof IDF_VERSIONS[number];
/** The version used unless one is asked for. */
export const DEFAULT_IDF: IdfVersion = "5.5";

/** The data model of the process: 32-bit pointers (the ESP32's) or 64-bit ones. */
export type Abi = "ilp32" | "lp64";

/** Every struct the binding touches, by its C name. */
export type StructName =
  | "wifi_sta_config_t"
  | "wifi_ap_config_t"
  | "wifi_config_t"
  | "wifi_event_sta_connected_t"
  | "wifi_event_sta_disconnected_t"
  | "wifi_event_ap_staconnected_t"
  | "wifi_event_ap_stadisconnected_t"
  | "wifi_event_sta_scan_done_t"
  | "esp_netif_ip_info_t"
  | "ip_event_got_ip_t"
  | "ip_event_ap_staipassigned_t"
  | "wifi_ap_record_t"
  | "esp_sntp_config_t";

/** The layouts of one version under one ABI. */
export type Layouts = Readonly<Record<StructName, Layout>>;

const at = (v: IdfVersion) => IDF_VERSIONS.indexOf(v);
/** From 5.4 on, the station config grew by 4 bytes before pmf_cfg (threshold.rssi_5g_adjustment). */
const since = (v: IdfVersion, first: IdfVersion) => at(v) >= at(first);

function staConfig(v: IdfVersion): Layout {
  const late = since(v, "5.4") ? 4 : 0;
  return {
    size: late === 0 ? 180 : 184,
    align: 4,
    fields: {
      ssid: [0, 32],
      password: [32, 64],
      scan_method: [96, 4],
      bssid_set: [100, 1],
      bssid: [101, 6],
      channel: [107, 1],
      listen_interval: [108, 2],
      sort_method: [112, 4],
      threshold: [116, 8 + late],
      "threshold.rssi": [116, 1],
      "threshold.authmode": [120, 4],
      ...(late === 0 ? {} : { "threshold.rssi_5g_adjustment": [124, 1] as const }),
      pmf_cfg: [124 + late, 2],
      sae_pwe_h2e: [132 + late, 4],
      sae_pk_mode: [136 + late, 4],
      failure_retry_cnt: [140 + late, 1],
      sae_h2e_identifier: [147 + late, 32],
    },
  };
}

function apConfig(v: IdfVersion): Layout {
  // 5.3 put csa_count and dtim_period before pairwise_cipher; 5.5 added bss_max_idle_cfg.
  const shift = since(v, "5.3") ? 4 : 0;
  return {
    size: since(v, "5.5") ? 132 : since(v, "5.3") ? 124 : 120,
    align: 4,
    fields: {
      ssid: [0, 32],
      password: [32, 64],
      ssid_len: [96, 1],
      channel: [97, 1],
      authmode: [100, 4],
      ssid_hidden: [104, 1],
      max_connection: [105, 1],
      beacon_interval: [106, 2],
      ...(since(v, "5.3") ? { csa_count: [108, 1] as const, dtim_period: [109, 1] as const } : {}),
      pairwise_cipher: [108 + shift, 4],
      ftm_responder: [112 + shift, 1],
      pmf_cfg: [113 + shift, 2],
      sae_pwe_h2e: [116 + shift, 4],
      ...(since(v, "5.5")
        ? { bss_max_idle_cfg: [126, 4] as const, gtk_rekey_interval: [130, 2] as const }
        : {}),
    },
  };
}

function layoutsOf(v: IdfVersion, abi: Abi): Layouts {
  const sta = staConfig(v);
  // A pointer-sized field first: 4 bytes on the ESP32, 8 on a 64-bit host, which moves the rest.
  const p = abi === "ilp32" ? 4 : 8;
  return {
    wifi_sta_config_t: sta,
    wifi_ap_config_t: apConfig(v),
    wifi_config_t: {
      size: sta.size,
      align: 4,
      fields: { sta: [0, sta.size], ap: [0, apConfig(v).size] },
    },
    wifi_event_sta_connected_t: {
      size: 48,
      align: 4,
      fields: {
        ssid: [0, 32],
        ssid_len: [32, 1],
        bssid: [33, 6],
        channel: [39, 1],
        authmode: [40, 4],
        aid: [44, 2],
      },
    },
    wifi_event_sta_disconnected_t: {
      size: 41,
      align: 1,
      fields: { ssid: [0, 32], ssid_len: [32, 1], bssid: [33, 6], reason: [39, 1], rssi: [40, 1] },
    },
    wifi_event_ap_staconnected_t: {
      size: 8,
      align: 1,
      fields: { mac: [0, 6], aid: [6, 1], is_mesh_child: [7, 1] },
    },
    wifi_event_ap_stadisconnected_t: {
      size: since(v, "5.3") ? 10 : since(v, "5.2") ? 9 : 8,
      align: since(v, "5.3") ? 2 : 1,
      fields: {
        mac: [0, 6],
        aid: [6, 1],
        is_mesh_child: [7, 1],
        ...(since(v, "5.3")
          ? { reason: [8, 2] as const }
          : since(v, "5.2")
          ? { reason: [8, 1] as const }
          : {}),
      },
    },
    wifi_event_sta_scan_done_t: {
      size: 8,
      align: 4,
      fields: { status: [0, 4], number: [4, 1], scan_id: [5, 1] },
    },
    esp_netif_ip_info_t: {
      size: 12,
      align: 4,
      fields: { ip: [0, 4], netmask: [4, 4], gw: [8, 4] },
    },
    ip_event_got_ip_t: {
      size: p === 4 ? 20 : 24,
      align: p,
      fields: {
        esp_netif: [0, p],
        ip_info: [p, 12],
        "ip_info.ip": [p, 4],
        "ip_info.netmask": [p + 4, 4],
        "ip_info.gw": [p + 8, 4],
        ip_changed: [p + 12, 1],
      },
    },
    // 6.0 renamed it ip_event_assigned_ip_to_client_t; only `ip` was measured where it sits.
    ip_event_ap_staipassigned_t: {
      size: p === 4 ? 16 : 24,
      align: p,
      fields: v === "6.0" ? { ip: [p, 4] } : { esp_netif: [0, p], ip: [p, 4], mac: [p + 4, 6] },
    },
    wifi_ap_record_t: {
      size: since(v, "5.4") ? 92 : since(v, "5.3") ? 88 : 84,
      align: 4,
      fields: {
        bssid: [0, 6],
        ssid: [6, 33],
        primary: [39, 1],
        second: [40, 4],
        rssi: [44, 1],
        authmode: [48, 4],
      },
    },
    // Four bools, the sync callback, the renew flag, the event, two size_t, one server pointer.
    esp_sntp_config_t: p === 4
      ? {
        size: 28,
        align: 4,
        fields: {
          smooth_sync: [0, 1],
          server_from_dhcp: [1, 1],
          wait_for_sync: [2, 1],
          start: [3, 1],
          sync_cb: [4, 4],
          renew_servers_after_new_IP: [8, 1],
          ip_event_to_renew: [12, 4],
          index_of_first_server: [16, 4],
          num_of_servers: [20, 4],
          servers: [24, 4],
        },
      }
      : {
        size: 48,
        align: 8,
        fields: {
          smooth_sync: [0, 1],
          server_from_dhcp: [1, 1],
          wait_for_sync: [2, 1],
          start: [3, 1],
          sync_cb: [8, 8],
          renew_servers_after_new_IP: [16, 1],
          ip_event_to_renew: [20, 4],
          index_of_first_server: [24, 8],
          num_of_servers: [32, 8],
          servers: [40, 8],
        },
      },
  };
}

/**
 * The layouts of IDF `version` under `abi`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { idfLayouts } from "./layouts.ts";
 * assert.deepEqual(idfLayouts("5.5", "ilp32").wifi_sta_config_t.fields.pmf_cfg, [128, 2]);
 * assert.deepEqual(idfLayouts("5.3", "ilp32").wifi_sta_config_t.fields.pmf_cfg, [124, 2]);
 * assert.deepEqual(idfLayouts("5.5", "lp64").ip_event_got_ip_t.fields["ip_info.ip"], [8, 4]);
 * ```
 */
export function idfLayouts(version: IdfVersion, abi: Abi): Layouts {
  return layoutsOf(version, abi);
}

/** The ABI of this process: 64-bit on every host Deno and Node run on. */
export function hostAbi(): Abi {
  return "lp64";
}

/** `5.5` → true; anything not in {@link IDF_VERSIONS} → false. */
export function isIdfVersion(text: string): text is IdfVersion {
  return (IDF_VERSIONS as readonly string[]).includes(text);
}
