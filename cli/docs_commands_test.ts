/**
 * Every command in the README and docs/, run as a user would copy it: each ```sh block, from a
 * scratch directory that mirrors the repository (so what a command writes lands there), with
 * `netfsm` on the PATH as the installed launcher would put it. A ```text block right after gives
 * the output it must print, where a line `...` stands for any number of lines. A block of `$ `
 * lines is a terminal transcript: each command's output, standard error included, follows it; a
 * `$ cat FILE` shows a file the reader has, which the walk writes first.
 *
 * Two kinds of block are not run, and say so in their fence: ```sh template (a synopsis, or a
 * device this machine does not have: it must show a placeholder or a device path) and ```sh slow
 * (minutes long, or the suite itself: it must name a task that has tests of its own).
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url).pathname;
const PAGES = ["README.md", ...[...Deno.readDirSync(`${root}docs`)].map((e) => `docs/${e.name}`)]
  .filter((page) => page.endsWith(".md")).sort();

interface Block {
  readonly page: string;
  readonly line: number;
  readonly kind: "run" | "template" | "slow";
  readonly commands: readonly string[];
  /** The text block after it, if any. */
  readonly expected?: string;
}

/** The ```sh blocks of a page, each with the ```text block right after it. */
export function shBlocks(page: string, text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```sh(?: (template|slow))?$/.exec(lines[i]!);
    if (fence === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === "") j++;
    let expected: string | undefined;
    if (lines[j] === "```text") {
      const out: string[] = [];
      for (j++; j < lines.length && lines[j] !== "```"; j++) out.push(lines[j]!);
      expected = out.join("\n");
    }
    const kind = fence[1] === "template" ? "template" : fence[1] === "slow" ? "slow" : "run";
    blocks.push({
      page,
      line: start + 1,
      kind,
      commands: body,
      ...(expected === undefined ? {} : { expected }),
    });
  }
  return blocks;
}

/** Lines without the indent they all share (a formatter may strip it from a text block). */
function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== "" && l.trim() !== "...")
    .map((l) => l.length - l.trimStart().length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => (l.trim() === "..." ? "..." : l.slice(cut)));
}

/**
 * True when `actual` is `expected`, where an expected line `...` matches any lines; both are
 * compared without a shared indent and trailing spaces.
 */
export function matches(actual: readonly string[], expected: readonly string[]): boolean {
  return matchLines(dedent(actual), dedent(expected));
}

function matchLines(actual: readonly string[], expected: readonly string[]): boolean {
  const [head, ...rest] = expected;
  if (head === undefined) return actual.length === 0;
  if (head.trim() === "...") {
    for (let k = 0; k <= actual.length; k++) if (matchLines(actual.slice(k), rest)) return true;
    return false;
  }
  return actual[0] !== undefined && actual[0].trimEnd() === head.trimEnd() &&
    matchLines(actual.slice(1), rest);
}

const stripComment = (command: string) => command.replace(/\s+#\s.*$/, "").trim();

async function scratch(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await Deno.makeTempDir({ dir: `${root}.test-results`, prefix: "docs-" }).catch(
    async () => {
      await Deno.mkdir(`${root}.test-results`, { recursive: true });
      return await Deno.makeTempDir({ dir: `${root}.test-results`, prefix: "docs-" });
    },
  );
  for (const entry of Deno.readDirSync(root)) {
    if (entry.name === ".test-results" || entry.name === ".git") continue;
    await Deno.symlink(`${root}${entry.name}`, `${dir}/${entry.name}`);
  }
  await Deno.mkdir(`${dir}/.bin`);
  const launcher = `${dir}/.bin/netfsm`;
  await Deno.writeTextFile(
    launcher,
    `#!/bin/sh\nexec "${Deno.execPath()}" run --allow-all "${root}cli/netfsm.ts" "$@"\n`,
  );
  await Deno.chmod(launcher, 0o755);
  return { dir, env: { PATH: `${dir}/.bin:${Deno.env.get("PATH") ?? ""}`, NO_COLOR: "1" } };
}

async function sh(script: string, cwd: string, env: Record<string, string>, both: boolean) {
  const { code, stdout } = await new Deno.Command("sh", {
    args: ["-c", both ? `(${script}) 2>&1` : script],
    cwd,
    env,
    stdout: "piped",
    stderr: "null",
  }).output();
  return { code, out: new TextDecoder().decode(stdout).replace(/\n$/, "") };
}

const blocks = PAGES.flatMap((page) => shBlocks(page, Deno.readTextFileSync(`${root}${page}`)));

Deno.test("the docs' commands: templates show a placeholder, slow ones name a tested task", () => {
  assert.ok(blocks.filter((b) => b.kind === "run").length >= 5, "hardly any command is run");
  for (const block of blocks) {
    const where = `${block.page}:${block.line}`;
    for (const command of block.commands.map(stripComment).filter((c) => c !== "")) {
      if (block.kind === "template") {
        assert.match(
          command,
          // A placeholder, a device, a library or a configuration of the reader's, or a service
          // started in the background for the next line (the emulator).
          /\b[A-Z]{3,}\b|\[|\/dev\/tty|\/dev\/pts|config\.(json|erl)|\.so\b| &$/,
          where,
        );
      }
      if (block.kind === "slow") {
        assert.match(
          command,
          /^(npm (start|test)|cd npm && npm pack|npm install \.\/netfsm-.*\.tgz|node scripts\/deno\.mjs task (soak|fuzz|example:mqtt|bench)\b.*)$/,
          where,
        );
      }
    }
  }
});

for (const block of blocks.filter((b) => b.kind === "run")) {
  Deno.test(`the docs' commands: ${block.page}:${block.line} does what the text shows`, async () => {
    const { dir, env } = await scratch();
    try {
      const transcript = block.commands.some((c) => c.startsWith("$ "));
      if (transcript) {
        // `$ cmd`, then its output up to the next `$ `; one shell, so `$?` is the last command's.
        const steps: { command: string; shown: string[] }[] = [];
        for (const line of block.commands) {
          if (line.startsWith("$ ")) steps.push({ command: line.slice(2), shown: [] });
          else steps.at(-1)?.shown.push(line);
        }
        for (const { command, shown } of steps) {
          const cat = /^cat (\S+)$/.exec(command);
          if (cat !== null) await Deno.writeTextFile(`${dir}/${cat[1]}`, shown.join("\n") + "\n");
        }
        const marker = (i: number) => `@@netfsm-docs-step-${i}@@`;
        // Each marker line keeps the status of the command before it, for a `$ echo $?`.
        const script = "s=0\n" +
          steps.map(({ command }, i) => `echo ${marker(i)}\n(exit $s)\n${command} 2>&1\ns=$?`)
            .join("\n");
        const { out } = await sh(script, dir, env, false);
        steps.forEach(({ command, shown }, i) => {
          const from = out.indexOf(marker(i)) + marker(i).length + 1;
          const to = i + 1 < steps.length ? out.indexOf(marker(i + 1)) : out.length + 1;
          const printed = out.slice(from, to - 1);
          assert.equal(printed, shown.join("\n"), `${block.page}:${block.line}: $ ${command}`);
        });
        return;
      }
      const script = block.commands.map(stripComment).filter((c) => c !== "").join(" && ");
      const { code, out } = await sh(script, dir, env, false);
      assert.equal(code, 0, `${block.page}:${block.line}: ${script} exited ${code}\n${out}`);
      if (block.expected !== undefined) {
        assert.ok(
          matches(out.split("\n"), block.expected.split("\n")),
          `${block.page}:${block.line}: ${script} printed\n${out.slice(0, 3000)}`,
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
