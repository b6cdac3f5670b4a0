#!/usr/bin/env -S deno run --allow-read --allow-write --allow-env
/**
 * The `netfsm` executable on Deno.
 *
 * @module
 */
import { denoIo } from "./deno_io.ts";
import { main } from "./main.ts";

if (import.meta.main) Deno.exit(await main(Deno.args, denoIo()));
