/**
 * What the project's installers share: whether a file is there yet, and a command run with its
 * output held back, shown only when it fails (so a caller's stdout keeps only what it prints).
 *
 * @module
 */

/** Whether `path` is a file. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * Runs `command` in `cwd`; throws with its exit code and output when it fails.
 *
 * @example
 * ```ts
 * import { runQuietly } from "./run_quietly.ts";
 * await runQuietly("true", [], ".");
 * ```
 */
export async function runQuietly(command: string, args: string[], cwd: string): Promise<void> {
  const { code, stdout, stderr } = await new Deno.Command(command, { args, cwd }).output();
  if (code !== 0) {
    const text = new TextDecoder();
    throw new Error(
      `${command} ${args.join(" ")} exited ${code}\n${text.decode(stdout)}${text.decode(stderr)}`,
    );
  }
}
