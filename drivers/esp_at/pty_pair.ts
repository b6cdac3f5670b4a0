/**
 * Two pseudo-terminals joined back to back by socat, for tests of the serial transports: what is
 * written to one path is read from the other, as over a null-modem cable. Uses `node:child_process`,
 * so it runs on Deno (with `--allow-run`) and on Node alike.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";

/** Two joined serial devices, and how to take them down. */
export interface PtyPair {
  readonly a: string;
  readonly b: string;
  /** Stops socat (its ptys vanish) and waits for it to exit. */
  close(): Promise<void>;
}

/** How long socat gets to report its two ptys. */
const STARTUP_MS = 5000;

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and reads the two `PTY is /dev/pts/N` lines
 * it writes to stderr. Rejects with a clear message when socat is missing or does not start.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { socatPair } from "./pty_pair.ts";
 * const pair = await socatPair();
 * assert.notEqual(pair.a, pair.b);
 * await pair.close();
 * await pair.close();
 * ```
 */
export function socatPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn("socat", ["-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    let stderr = "";
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(message));
    };
    const timer = setTimeout(
      () => fail(`socat did not report two ptys within ${STARTUP_MS} ms: ${stderr.trim()}`),
      STARTUP_MS,
    );
    child.once("error", (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        new Error(
          error.code === "ENOENT"
            ? "socat is not installed: apt-get install socat"
            : `cannot start socat: ${error.message}`,
        ),
      );
    });
    let started = false;
    child.once("exit", (code, signal) => {
      if (!started) fail(`socat exited (${signal ?? code}) before its ptys: ${stderr}`);
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr += text;
      const paths = [...stderr.matchAll(/PTY is (\S+)\n/g)].map((match) => match[1]!);
      if (paths.length < 2) return;
      started = true;
      clearTimeout(timer);
      // Keep reading stderr (socat logs each transfer at -d -d), or its pipe would fill and stall it.
      child.stderr?.removeAllListeners("data");
      child.stderr?.resume();
      resolve({ a: paths[0]!, b: paths[1]!, close: stopper(child, exited) });
    });
  });
}

function stopper(child: ChildProcess, exited: Promise<void>): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    })();
    return stopped;
  };
}
