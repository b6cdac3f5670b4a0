/**
 * The Wi-Fi commands: `AT+CWMODE`, `AT+CWAUTOCONN`, `AT+CWRECONNCFG`, `AT+CWSTATE`, `AT+CWJAP`,
 * `AT+CWQAP`, `AT+CWLAPOPT`, `AT+CWLAP`, `AT+CWSAP` and `AT+CWLIF`. Station commands need a
 * station mode (1 or 3), soft-AP ones a soft-AP mode (2 or 3); otherwise `ERROR`.
 *
 * @module
 */
import type { AtCommand, AtForm } from "./at_line.ts";
import { switchCommand } from "./basic_commands.ts";
import { ERR } from "./error_codes.ts";
import type { Handler, Module } from "./module.ts";
import { ParamReader } from "./params.ts";
import { failed, ok, type Reply } from "./services.ts";
import {
  hasSoftAp,
  hasStation,
  JOIN_DEFAULTS,
  type JoinConfig,
  type ModeNumber,
} from "./settings.ts";
import { readSoftAp, softApLine } from "./soft_ap_control.ts";

type Forms = Partial<Record<AtForm, Handler>>;

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** A handler that answers `ERROR` unless the station runs. */
function station(handler: Handler): Handler {
  return (m, c) => hasStation(m.mode) ? handler(m, c) : failed(ERR.EXEC_FAIL);
}

/** A handler that answers `ERROR` unless the soft-AP runs. */
function softAp(handler: Handler): Handler {
  return (m, c) => hasSoftAp(m.mode) ? handler(m, c) : failed(ERR.EXEC_FAIL);
}

/** `AT+CWMODE=<mode>[,<auto_connect>]`; auto_connect defaults to 1. */
function setMode(m: Module, c: AtCommand): Reply {
  const p = new ParamReader(c.params, 2);
  const mode = p.integer(0, 0, 3) as ModeNumber;
  const autoConnect = p.optionalInteger(1, 0, 1) ?? 1;
  if (p.error !== undefined) return failed(p.error);
  m.nvs.set({ mode });
  m.setMode(mode, autoConnect === 1);
  return ok();
}

/** `AT+CWRECONNCFG=<interval_second>,<repeat_count>`. */
function setReconnect(m: Module, c: AtCommand): Reply {
  const p = new ParamReader(c.params, 2);
  const interval = p.integer(0, 0, 7200);
  const repeat = p.integer(1, 0, 1000);
  if (p.error !== undefined) return failed(p.error);
  m.nvs.set({ reconnect: { interval, repeat } });
  return ok();
}

/**
 * `AT+CWJAP=[<"ssid">],[<"pwd">][,<"bssid">][,<pci_en>][,<reconn_interval>][,<listen_interval>]
 * [,<scan_mode>][,<jap_timeout>][,<pmf>]`. Without ssid and pwd the last configuration is used.
 * reconn_interval left out is 1: the firmware's own reconnection every second, forever (unless
 * `AT+CWRECONNCFG` set a repeat count). The bssid is checked, not used: the radio joins the
 * strongest AP of that ssid.
 */
function join(m: Module, c: AtCommand): Reply {
  const p = new ParamReader(c.params, 9);
  const ssid = p.optionalText(0, 1, 32);
  const pwd = p.optionalText(1, 0, 64);
  const bssid = p.optionalText(2, 17, 17);
  if (bssid !== undefined && !MAC.test(bssid)) p.reject(ERR.PARA_INVALID);
  const pciEn = p.optionalInteger(3, 0, 1) ?? JOIN_DEFAULTS.pciEn;
  const reconnInterval = p.optionalInteger(4, 0, 7200) ?? 1;
  const listenInterval = p.optionalInteger(5, 1, 100) ?? JOIN_DEFAULTS.listenInterval;
  const scanMode = p.optionalInteger(6, 0, 1) ?? JOIN_DEFAULTS.scanMode;
  const japTimeout = p.optionalInteger(7, 3, 600) ?? JOIN_DEFAULTS.japTimeout;
  const pmf = p.optionalInteger(8, 0, 3) ?? JOIN_DEFAULTS.pmf;
  const last = m.nvs.current.station;
  if (ssid === undefined && last === undefined) p.reject(ERR.NUM_MISMATCH);
  if (p.error !== undefined) return failed(p.error);
  const config: JoinConfig = {
    ssid: ssid ?? last!.ssid,
    psk: pwd ?? (ssid === undefined ? last!.psk : ""),
    ...(bssid === undefined ? {} : { bssid: bssid.toLowerCase() }),
    pciEn,
    listenInterval,
    scanMode,
    japTimeout,
    pmf,
  };
  m.nvs.set({
    station: config,
    reconnect: { ...m.nvs.current.reconnect, interval: reconnInterval },
  });
  return m.station.join(config);
}

/** `AT+CWJAP`: joins the last configuration again. */
function joinAgain(m: Module): Reply {
  const last = m.nvs.current.station;
  return last === undefined ? failed(ERR.EXEC_FAIL) : m.station.join(last);
}

/** `AT+CWSAP=...`: stores the configuration and restarts the soft-AP with it. */
function configureSoftAp(m: Module, c: AtCommand): Reply {
  const config = readSoftAp(new ParamReader(c.params, 6));
  if (config._tag === "Left") return failed(config.left);
  m.nvs.set({ softAp: config.right });
  m.restartSoftAp();
  return ok();
}

/** The Wi-Fi commands, by name. */
export const WIFI_COMMANDS: Readonly<Record<string, Forms>> = {
  "+CWMODE": { query: (m) => ok([`+CWMODE:${m.mode}`]), set: setMode },
  "+CWAUTOCONN": switchCommand(
    "+CWAUTOCONN",
    (m) => m.nvs.current.autoConnect,
    (m, on) => m.nvs.set({ autoConnect: on }),
  ),
  "+CWRECONNCFG": {
    query: (m) => {
      const { interval, repeat } = m.nvs.current.reconnect;
      return ok([`+CWRECONNCFG:${interval},${repeat}`]);
    },
    set: setReconnect,
  },
  "+CWSTATE": { query: (m) => ok([m.station.stateLine()]) },
  "+CWJAP": {
    execute: station(joinAgain),
    query: station((m) => m.station.query()),
    set: station(join),
  },
  "+CWQAP": { execute: (m) => m.station.quit() },
  "+CWLAPOPT": { set: (m, c) => m.scan.configure(new ParamReader(c.params, 4)) },
  "+CWLAP": {
    execute: station((m) => m.scan.scan(undefined)),
    set: station((m, c) => m.scan.scan(new ParamReader(c.params, 6))),
  },
  "+CWSAP": {
    query: softAp((m) => ok([softApLine(m.nvs.current.softAp)])),
    set: softAp(configureSoftAp),
  },
  "+CWLIF": { execute: softAp((m) => ok(m.softAp.visitorLines())) },
};
