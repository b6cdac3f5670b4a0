#!/usr/bin/env -S deno run --allow-read --allow-write --allow-env --allow-ffi --allow-net --allow-sys
/**
 * The `netfsm` executable on Deno.
 *
 * @module
 */
import { denoIo } from "./deno_io.ts";
import { main } from "./main.ts";

if (import.meta.main) {
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
