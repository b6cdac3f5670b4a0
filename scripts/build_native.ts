// deno-lint-ignore-file no-console -- run as a script, it reports on the console
/**
 * The project's C libraries: a table of what to build, and the builder. Each is compiled with the
 * system's C compiler (`cc`, or `$CC`) as `cc -shared -fPIC -O2 -pthread -o OUTPUT SOURCES FLAGS`
 * into `native/build/` (git-ignored), and rebuilt only when its inputs change: a hash of the
 * command, the sources, the extra inputs and the `.h` files beside the sources is kept beside the
 * library (`OUTPUT.sha256`).
 *
 * `deno task build:native [NAME...]` builds them all (or those named). Tests import
 * {@link ensureNative}, on Deno and, compiled, on Node: it uses node:child_process and node:fs on
 * both. On Deno it needs `--allow-read --allow-write --allow-run --allow-env`.
 *
 * To add a library, add a row to {@link nativeLibraries}.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** One shared library: its sources and output relative to the repository root. */
export interface NativeLibrarySpec {
  /** What tests and drivers ask for: `ensureNative("ffi_test")`. */
  readonly name: string;
  /** The C files to compile. */
  readonly sources: readonly string[];
  /** The `.so` to write, under `native/build/`. */
  readonly output: string;
  /** Extra compiler and linker flags, after the sources: `-Iinclude`, `-DX=1`, `-lprotobuf-c`. */
  readonly flags?: readonly string[];
  /** More files whose change forces a rebuild (headers elsewhere than beside the sources). */
  readonly inputs?: readonly string[];
}

/** Every native library of the project. */
export const nativeLibraries: readonly NativeLibrarySpec[] = [
  {
    name: "ffi_test",
    sources: ["native/ffi_test/ffi_test.c"],
    output: "native/build/libffi_test.so",
  },
  {
    // the stand-in for ESP-Hosted's host control library (libesp_hosted_rpc.so)
    name: "esp_hosted_rpc_sim",
    sources: [
      "native/esp_hosted/src/hosted_alloc.c",
      "native/esp_hosted/src/hosted_core.c",
      "native/esp_hosted/src/hosted_firmware.c",
      "native/esp_hosted/src/hosted_layouts.c",
    ],
    output: "native/build/libesp_hosted_rpc_sim.so",
    flags: ["-Wextra", "-Werror"],
    inputs: [
      "native/esp_hosted/include/ctrl_api_sim.h",
      "native/esp_hosted/include/netfsm_hosted_sim.h",
    ],
  },
  // the stand-in for ESP-IDF's WiFi API (native/esp_idf/README.md), one library per IDF release:
  // esp_idf_sim_5.1 ... esp_idf_sim_6.0 -> native/build/libesp_idf_sim_5.1.so ...
  ...([["5.1", 501], ["5.2", 502], ["5.3", 503], ["5.4", 504], ["5.5", 505], ["6.0", 600]] as const)
    .map(([release, version]): NativeLibrarySpec => ({
      name: `esp_idf_sim_${release}`,
      sources: [
        "native/esp_idf/src/sim_core.c",
        "native/esp_idf/src/sim_wifi.c",
        "native/esp_idf/src/sim_netif.c",
        "native/esp_idf/src/sim_world.c",
        "native/esp_idf/src/sim_layouts.c",
        "native/esp_idf/glue/netfsm_wifi_glue.c",
      ],
      output: `native/build/libesp_idf_sim_${release}.so`,
      flags: [
        "-Wextra",
        "-Werror",
        `-I${fileURLToPath(new URL("../native/esp_idf/include", import.meta.url))}`,
        `-DNETFSM_IDF_VERSION=${version}`,
      ],
      inputs: [
        "esp_err.h",
        "esp_event.h",
        "esp_event_base.h",
        "esp_idf_version.h",
        "esp_netif.h",
        "esp_netif_ip_addr.h",
        "esp_netif_sntp.h",
        "esp_netif_types.h",
        "esp_wifi.h",
        "esp_wifi_default.h",
        "esp_wifi_types.h",
        "esp_wifi_types_generic.h",
        "mdns.h",
        "netfsm_idf_version.h",
        "netfsm_layout_asserts.h",
        "netfsm_sim.h",
      ].map((header) => `native/esp_idf/include/${header}`),
    })),
];

/** The repository root (in the npm build: the compiled tests' folder, which holds `native/`). */
export const root: string = fileURLToPath(new URL("../", import.meta.url));

/** What a build did. */
export interface Built {
  /** The library's absolute path. */
  readonly path: string;
  /** False when it was already up to date. */
  readonly compiled: boolean;
}

function compiler(): string {
  return process.env.CC ?? "cc";
}

/**
 * The compiler's arguments for `spec`, writing `output` (sources resolved against `base`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileArguments } from "./build_native.ts";
 * const args = compileArguments({ name: "x", sources: ["x.c"], output: "x.so", flags: ["-lm"] }, "x.so", "/r");
 * assert.deepEqual(args.slice(-2), ["/r/x.c", "-lm"]);
 * ```
 */
export function compileArguments(spec: NativeLibrarySpec, output: string, base = root): string[] {
  return [
    "-shared",
    "-fPIC",
    "-O2",
    "-pthread",
    "-Wall",
    "-o",
    output,
    ...spec.sources.map((source) => join(base, source)),
    ...(spec.flags ?? []),
  ];
}

/**
 * Runs the compiler (`$CC`, else `cc`): undefined when it succeeded, else the command and what
 * it printed.
 *
 * @example
 * ```ts ignore
 * import { runCompiler } from "./build_native.ts";
 * const failure = await runCompiler(["-shared", "-fPIC", "-o", "/tmp/x.so", "/tmp/x.c"]);
 * ```
 */
export function runCompiler(args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(compiler(), [...args], (error, stdout, stderr) => {
      if (error === null) resolve(undefined);
      else resolve(`${compiler()} ${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}`);
    });
  });
}

/** The files whose contents decide whether `spec` must be rebuilt. */
async function inputsOf(spec: NativeLibrarySpec, base: string): Promise<string[]> {
  const files = new Set([...spec.sources, ...(spec.inputs ?? [])].map((file) => join(base, file)));
  for (const directory of new Set(spec.sources.map((source) => dirname(join(base, source))))) {
    for (const entry of await readdir(directory)) {
      if (entry.endsWith(".h")) files.add(join(directory, entry));
    }
  }
  return [...files].sort();
}

async function fingerprint(spec: NativeLibrarySpec, base: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([compiler(), compileArguments(spec, spec.output, base)]));
  for (const file of await inputsOf(spec, base)) {
    hash.update(file);
    hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

/**
 * Builds `spec` unless its output is up to date. The library is written under a temporary name
 * and renamed, so a concurrent build or a reader never sees half a file.
 *
 * @example
 * ```ts ignore
 * import { buildNative, nativeLibraries } from "./build_native.ts";
 * const built = await buildNative(nativeLibraries[0]!);
 * ```
 */
export async function buildNative(
  spec: NativeLibrarySpec,
  options: { readonly force?: boolean; readonly base?: string } = {},
): Promise<Built> {
  const base = options.base ?? root;
  const output = join(base, spec.output);
  const stamp = `${output}.sha256`;
  const wanted = await fingerprint(spec, base);
  const recorded = existsSync(stamp) ? await readFile(stamp, "utf8") : "";
  if (options.force !== true && existsSync(output) && recorded === wanted) {
    return { path: output, compiled: false };
  }
  await mkdir(dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const failure = await runCompiler(compileArguments(spec, temporary, base));
  if (failure !== undefined) {
    await rm(temporary, { force: true });
    throw new Error(`cannot build native library ${spec.name}: ${failure}`);
  }
  await rename(temporary, output);
  await writeFile(stamp, wanted);
  return { path: output, compiled: true };
}

const building = new Map<string, Promise<string>>();

/**
 * The path of the native library `name`, built first if it is missing or stale. Throws when
 * there is no such library or it does not compile (the message holds the compiler's output).
 *
 * @example
 * ```ts ignore
 * import { ensureNative } from "../../scripts/build_native.ts";
 * const path = await ensureNative("ffi_test"); // .../native/build/libffi_test.so
 * ```
 */
export function ensureNative(name: string): Promise<string> {
  const spec = nativeLibraries.find((library) => library.name === name);
  if (spec === undefined) {
    const known = nativeLibraries.map((library) => library.name).join(", ");
    return Promise.reject(new Error(`no native library ${name} (there are: ${known})`));
  }
  let path = building.get(name);
  if (path === undefined) {
    path = buildNative(spec).then((built) => built.path);
    building.set(name, path);
    path.catch(() => building.delete(name));
  }
  return path;
}

if (import.meta.main) {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const force = process.argv.includes("--force");
  const chosen = names.length === 0
    ? nativeLibraries
    : nativeLibraries.filter((library) => names.includes(library.name));
  const unknown = names.filter((name) => !nativeLibraries.some((library) => library.name === name));
  if (unknown.length > 0) {
    console.error(`no native library ${unknown.join(", ")}`);
    process.exit(2);
  }
  for (const spec of chosen) {
    try {
      const built = await buildNative(spec, { force });
      console.log(`${spec.name}: ${built.compiled ? "built" : "up to date"} ${built.path}`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  }
}
