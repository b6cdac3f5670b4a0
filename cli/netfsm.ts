#!/usr/bin/env -S deno run --allow-read --allow-write --allow-env --allow-ffi --allow-net --allow-sys
/**
 * The `netfsm` executable on Deno.
 *
 * @module
 */
import { denoIo } from "./deno_io.ts";
import { main } from "./main.ts";

if (import.meta.main) {
  // `deno task netfsm` and `npm run netfsm` run from the repository's root; the task passes the
  // directory the user was in, so that relative paths are the user's.
  // Asked only where granted: `deno task start` runs with --allow-read alone.
  const env = Deno.permissions.querySync({ name: "env", variable: "NETFSM_CWD" });
  const userCwd = env.state === "granted" ? Deno.env.get("NETFSM_CWD") : undefined;
  if (userCwd) Deno.chdir(userCwd);
  try {
    const io = denoIo();
    const code = await main(Deno.args, io);
    await io.flush();
    Deno.exit(code);
  } catch (error) {
    // A reader that stopped early (`netfsm replay t.jsonl | head`) is not an error of ours.
    if (error instanceof Deno.errors.BrokenPipe) Deno.exit(0);
    throw error;
  }
}
