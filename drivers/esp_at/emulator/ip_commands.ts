/**
 * The TCP/IP-side commands: addresses (`AT+CIPSTA?`, `AT+CIPAP?`), MACs (`AT+CIPSTAMAC?`,
 * `AT+CIPAPMAC?`), the hostname (`AT+CWHOSTNAME`), IPv6 (`AT+CIPV6`), SNTP
 * (`AT+CIPSNTPCFG`, `AT+CIPSNTPTIME?`) and mDNS (`AT+MDNS`).
 *
 * @module
 */
import type { AtForm } from "./at_line.ts";
import { switchCommand } from "./basic_commands.ts";
import { ERR } from "./error_codes.ts";
import type { Handler } from "./module.ts";
import { ParamReader } from "./params.ts";
import { addressLines } from "./reports.ts";
import { failed, ok } from "./services.ts";
import { hasSoftAp, hasStation } from "./settings.ts";

type Forms = Partial<Record<AtForm, Handler>>;

/** The soft-AP's own address: ESP-IDF's default, which the firmware keeps. */
const SOFT_AP_ADDRESS = { ip: "192.168.4.1", gw: "192.168.4.1", netmask: "255.255.255.0" };

/** The TCP/IP-side commands, by name. */
export const IP_COMMANDS: Readonly<Record<string, Forms>> = {
  "+CIPSTA": {
    query: (m) =>
      hasStation(m.mode)
        ? ok(addressLines("+CIPSTA", m.station.address, m.station.linkLocal))
        : failed(ERR.EXEC_FAIL),
  },
  "+CIPAP": {
    query: (m) =>
      hasSoftAp(m.mode) ? ok(addressLines("+CIPAP", SOFT_AP_ADDRESS)) : failed(ERR.EXEC_FAIL),
  },
  "+CIPSTAMAC": { query: (m) => ok([`+CIPSTAMAC:"${m.device.mac}"`]) },
  "+CIPAPMAC": { query: (m) => ok([`+CIPAPMAC:"${m.device.apMac}"`]) },
  "+CWHOSTNAME": {
    query: (m) => ok([`+CWHOSTNAME:${m.hostname()}`]),
    set: (m, c) => {
      if (!hasStation(m.mode)) return failed(ERR.EXEC_FAIL);
      const p = new ParamReader(c.params, 1);
      const name = p.text(0, 1, 32);
      if (p.error !== undefined) return failed(p.error);
      m.setHostname(name);
      return ok();
    },
  },
  "+CIPV6": switchCommand("+CIPV6", (m) => m.station.ipv6, (m, on) => {
    m.station.ipv6 = on;
  }),
  "+CIPSNTPCFG": {
    query: (m) => ok([m.sntp.configLine()]),
    set: (m, c) => m.sntp.configure(new ParamReader(c.params, 5)),
  },
  "+CIPSNTPTIME": { query: (m) => ok([m.sntp.timeLine()]) },
  // Set form only: the firmware registers no query or test form for it.
  "+MDNS": { set: (m, c) => m.mdns.configure(c) },
};
