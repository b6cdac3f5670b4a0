// deno-lint-ignore-file no-console -- a command-line script prints its table
/**
 * `deno task ffi:layouts [--idf V] [--abi ilp32|lp64] [--json]`: the struct layouts the ESP-IDF
 * binding uses for IDF V (default 5.5): on this host's ABI by default (lp64, a 64-bit host), or
 * the ESP32's own (ilp32). `--json` prints `{"struct": {"field": [offset, size], ...}, ...}`;
 * otherwise a table with each struct's size.
 *
 * @module
 */
import {
  DEFAULT_IDF,
  hostAbi,
  IDF_VERSIONS,
  idfLayouts,
  isIdfVersion,
} from "../drivers/esp_idf/layouts.ts";
import type { Abi } from "../drivers/esp_idf/layouts.ts";

/** The table as `--json` prints it. */
export function layoutsJson(version: typeof IDF_VERSIONS[number], abi: Abi): string {
  const table = Object.fromEntries(
    Object.entries(idfLayouts(version, abi)).map(([name, layout]) => [name, layout.fields]),
  );
  return JSON.stringify(table);
}

function usage(message: string): never {
  console.error(`ffi:layouts: ${message}
usage: deno task ffi:layouts [--idf ${IDF_VERSIONS.join("|")}] [--abi ilp32|lp64] [--json]`);
  Deno.exit(2);
}

if (import.meta.main) {
  const args = [...Deno.args];
  let idf: string = DEFAULT_IDF;
  let abi: Abi = hostAbi();
  let json = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === "--json") json = true;
    else if (arg === "--idf") idf = args.shift() ?? usage("--idf needs a version");
    else if (arg === "--abi") {
      const value = args.shift();
      if (value !== "ilp32" && value !== "lp64") usage("--abi is ilp32 (the ESP32) or lp64");
      abi = value;
    } else usage(`unknown argument ${JSON.stringify(arg.slice(0, 40))}`);
  }
  if (!isIdfVersion(idf)) usage(`--idf must be one of ${IDF_VERSIONS.join(", ")}`);
  if (json) {
    console.log(layoutsJson(idf, abi));
  } else {
    console.log(`ESP-IDF ${idf}, ${abi}:`);
    for (const [name, layout] of Object.entries(idfLayouts(idf, abi))) {
      console.log(`${name} (sizeof ${layout.size}, align ${layout.align})`);
      for (const [field, [offset, size]] of Object.entries(layout.fields)) {
        console.log(`  ${field.padEnd(34)} offset ${String(offset).padStart(3)}  size ${size}`);
      }
    }
  }
}
