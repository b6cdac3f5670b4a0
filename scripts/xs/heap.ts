/**
 * The XS heap an import costs. The `xsnap` CLI gives scripts no heap figure (its globals are
 * `gc`, `print`, `performance.now`, `currentMeterLimit` and `resetMeter`, which count computation,
 * not memory), but it writes the machine as a snapshot (`-w`) after the run, and `-d` lists the
 * snapshot's sections: `BLOC`, the chunks in use (strings, byte code, array storage), and `HEAP`,
 * the slots. Comparing an empty program's snapshot with one that imported the bundle (after a
 * `gc()`) gives what the import keeps alive.
 *
 * @module
 */
import { XS_BUILD_DIR } from "./bundle.ts";
import { ensureXsnap } from "./xsnap.ts";

/** What a snapshot holds, by section, in bytes. */
export interface HeapFigures {
  /** Chunks in use (`BLOC`). */
  readonly chunks: number;
  /** Slots in use (`HEAP`). */
  readonly slots: number;
  /** The whole snapshot file. */
  readonly snapshot: number;
}

async function snapshotOf(program: string, name: string): Promise<HeapFigures> {
  const xsnap = await ensureXsnap();
  const file = `${XS_BUILD_DIR}${name}.mjs`;
  const snap = `${XS_BUILD_DIR}${name}.snap`;
  await Deno.writeTextFile(file, program);
  const run = await new Deno.Command(xsnap, { args: ["-w", snap, "-m", file] }).output();
  // A module that fails to load still ends with status 0: the program says when it got through.
  if (run.code !== 0 || !new TextDecoder().decode(run.stdout).includes("loaded")) {
    throw new Error(`xsnap ${file} exited ${run.code}: ${new TextDecoder().decode(run.stderr)}`);
  }
  const dump = await new Deno.Command(xsnap, { args: ["-d", snap] }).output();
  const text = new TextDecoder().decode(dump.stderr) + new TextDecoder().decode(dump.stdout);
  const section = (tag: string) => Number(new RegExp(`^${tag} (\\d+)$`, "m").exec(text)?.[1]);
  const figures = { chunks: section("BLOC"), slots: section("HEAP"), snapshot: section("XS_M") };
  if (Object.values(figures).some(Number.isNaN)) throw new Error(`no sections in ${snap}'s dump`);
  return figures;
}

/**
 * The heap the ES module at `module` keeps once imported (each field the difference from an empty
 * module's snapshot), with the baseline.
 */
export async function importCost(
  module: string,
): Promise<{ readonly cost: HeapFigures; readonly baseline: HeapFigures }> {
  const baseline = await snapshotOf('gc();\nprint("loaded");\n', "heap_baseline");
  const after = await snapshotOf(
    `import * as netfsm from ${
      JSON.stringify(module)
    };\nglobalThis.netfsm = netfsm;\ngc();\nprint("loaded");\n`,
    "heap_import",
  );
  return {
    cost: {
      chunks: after.chunks - baseline.chunks,
      slots: after.slots - baseline.slots,
      snapshot: after.snapshot - baseline.snapshot,
    },
    baseline,
  };
}
