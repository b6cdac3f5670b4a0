/**
 * Command-line arguments: split into positionals and `--options`, then checked against what the
 * command accepts. Every mistake comes back as a message naming the argument.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { nearestKey } from "../core/config/suggest.ts";
import { clip } from "../core/limits.ts";

/** What a command accepts: its options, each a switch or taking a value. */
export interface ArgSpec {
  readonly positionals: readonly string[];
  readonly optionalPositionals?: readonly string[];
  readonly options: Readonly<Record<string, "switch" | "value">>;
}

/** Parsed arguments. */
export interface Args {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | true>>;
}

/**
 * Parses `argv` against `spec`. `-` is a positional (standard input); `--` ends the options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseArgs } from "./args.ts";
 * const spec = { positionals: ["FILE"], options: { json: "switch" as const } };
 * assert.deepEqual(parseArgs(["t.jsonl", "--json"], spec), { _tag: "Right", right: { positionals: ["t.jsonl"], options: { json: true } } });
 * assert.deepEqual(parseArgs(["t.jsonl", "--jsno"], spec), { _tag: "Left", left: "unknown option --jsno; did you mean --json?" });
 * ```
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec): Either<string, Args> {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (kind === undefined) {
      const near = nearestKey(name, Object.keys(spec.options));
      return left(
        `unknown option --${clip(name)}${near === undefined ? "" : `; did you mean --${near}?`}`,
      );
    }
    if (kind === "switch") {
      if (inline !== undefined) return left(`option --${name} takes no value`);
      options[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) return left(`option --${name} needs a value`);
      options[name] = value;
    }
  }
  const optional = spec.optionalPositionals ?? [];
  if (positionals.length < spec.positionals.length) {
    return left(`missing ${spec.positionals.slice(positionals.length).join(" ")}`);
  }
  if (positionals.length > spec.positionals.length + optional.length) {
    const extra = positionals[spec.positionals.length + optional.length]!;
    return left(`unexpected argument "${clip(extra)}"`);
  }
  return right({ positionals, options });
}
