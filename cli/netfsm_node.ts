/**
 * The `netfsm` command on Node.js, as the npm package's bin: the same commands as
 * `cli/netfsm.ts`, over {@link nodeIo}.
 *
 * @module
 */
import process from "node:process";
import { main } from "./main.ts";
import { nodeIo } from "./node_io.ts";

/** Runs the CLI with `args`; resolves to the exit code. */
export async function runNodeCli(args: readonly string[]): Promise<number> {
  // A reader that stopped early (`netfsm replay t.jsonl | head`) is not an error of ours; Node
  // reports it as an 'error' event on stdout, which would otherwise crash the process.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const io = nodeIo();
  try {
    const code = await main([...args], io);
    await io.flush();
    return code;
  } catch (error) {
    if ((error as { code?: unknown }).code === "EPIPE") return 0;
    throw error;
  }
}
