#!/usr/bin/env node
// Runs the pinned Deno, installing it from npm on first use, so that a machine with only Node
// and npm can run every task: `node scripts/deno.mjs task test`.
// Plain Node on purpose: this is the one file that must run before Deno exists.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolDir = join(root, "tools", "deno");
const pinned = JSON.parse(readFileSync(join(toolDir, "package.json"), "utf8")).dependencies.deno;
const binary = join(
  toolDir,
  "node_modules",
  ".bin",
  process.platform === "win32" ? "deno.cmd" : "deno",
);

function installedVersion() {
  if (!existsSync(binary)) return null;
  const probe = spawnSync(binary, ["--version"], { encoding: "utf8" });
  const match = /^deno (\S+)/.exec(probe.stdout ?? "");
  return match ? match[1] : null;
}

if (installedVersion() !== pinned) {
  process.stderr.write(
    `netfsm: installing Deno ${pinned} from npm into tools/deno (first run only)\n`,
  );
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: toolDir,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (install.status !== 0 || installedVersion() !== pinned) {
    process.stderr.write(
      `netfsm: could not install Deno ${pinned} (npm ci exited ${install.status})\n`,
    );
    process.exit(2);
  }
}

const run = spawnSync(binary, process.argv.slice(2), { cwd: process.cwd(), stdio: "inherit" });
process.exit(run.status ?? 1);
