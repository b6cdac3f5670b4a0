// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * Puts a `netfsm` command on the PATH: a launcher in `$DENO_INSTALL_ROOT/bin` (default
 * `~/.deno/bin`) that runs this checkout's CLI with this very Deno, by absolute path. Unlike
 * `deno install`, it works where Deno itself is not on the PATH (installed from npm into
 * tools/deno).
 *
 * Usage: deno task install
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const root = Deno.env.get("DENO_INSTALL_ROOT") ?? join(Deno.env.get("HOME") ?? ".", ".deno");
const bin = join(root, "bin");
await Deno.mkdir(bin, { recursive: true });
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const launcher = [
  "#!/bin/sh",
  "# netfsm, installed by scripts/install.ts",
  `exec ${
    quote(Deno.execPath())
  } run --quiet --allow-read --allow-write --allow-env --allow-run --allow-ffi --allow-net --allow-sys --config ${
    quote(join(repo, "deno.json"))
  } ${quote(join(repo, "cli", "netfsm.ts"))} "$@"`,
  "",
].join("\n");
const path = join(bin, "netfsm");
await Deno.writeTextFile(path, launcher, { mode: 0o755 });
console.log(`installed ${path}`);
if (!(Deno.env.get("PATH") ?? "").split(":").includes(bin)) {
  console.log(`add it to your PATH: export PATH="${bin}:$PATH"`);
}
