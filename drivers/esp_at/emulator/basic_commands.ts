/**
 * The basic commands: `AT`, `ATE0`/`ATE1`, `AT+RST`, `AT+GMR`, `AT+SYSSTORE` and `AT+SYSLOG`.
 *
 * @module
 */
import type { AtForm } from "./at_line.ts";
import type { Handler, Module } from "./module.ts";
import { ParamReader } from "./params.ts";
import { failed, type Final, ok } from "./services.ts";

type Forms = Partial<Record<AtForm, Handler>>;

/** Reads a set command's single 0-or-1 parameter. */
export function readSwitch(params: ParamReader["params"]): Final | boolean {
  const p = new ParamReader(params, 1);
  const value = p.integer(0, 0, 1);
  return p.error === undefined ? value === 1 : failed(p.error);
}

/** A query/set pair for a 0-or-1 setting: `+NAME:<0|1>` and `AT+NAME=<0|1>`. */
export function switchCommand(
  name: string,
  read: (module: Module) => boolean,
  write: (module: Module, on: boolean) => void,
): Forms {
  return {
    query: (m) => ok([`${name}:${read(m) ? 1 : 0}`]),
    set: (m, c) => {
      const on = readSwitch(c.params);
      if (typeof on !== "boolean") return on;
      write(m, on);
      return ok();
    },
  };
}

/** The basic commands, by name. */
export const BASIC_COMMANDS: Readonly<Record<string, Forms>> = {
  "": { execute: () => ok() },
  E0: {
    execute: (m) => {
      m.echo = false;
      return ok();
    },
  },
  E1: {
    execute: (m) => {
      m.echo = true;
      return ok();
    },
  },
  // `OK` first, then the reboot: `ready` comes after the boot delay.
  "+RST": { execute: (m) => ({ ok: true, then: () => m.restart() }) },
  "+GMR": { execute: (m) => ok(m.versions) },
  "+SYSSTORE": switchCommand(
    "+SYSSTORE",
    (m) => m.nvs.current.sysstore,
    (m, on) => m.nvs.setSysstore(on),
  ),
  "+SYSLOG": switchCommand("+SYSLOG", (m) => m.syslog, (m, on) => {
    m.syslog = on;
  }),
};
