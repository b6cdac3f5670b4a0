/**
 * XS test program: replays traces through the trace tools' XS bundle (`globalThis.netfsmTrace`) and compares
 * the `netfsm replay --json` text with Deno's. Runs as a script after the bundle and a data
 * script that sets `globalThis.XS_REPLAY_CASES` to `[{ name, trace, expected }]`, where `trace`
 * is the trace file's text and `expected` the JSON lines Deno printed (an error as
 * `error LINE: MESSAGE`). Prints one line per failure, then `N passed, N failed`.
 */
(() => {
  const { replayLines } = globalThis.netfsmTrace;
  const print = globalThis.print;
  let passed = 0;
  let failed = 0;

  async function replayed(trace) {
    const out = [];
    for await (const event of replayLines(trace.split("\n"))) {
      out.push(
        event.kind === "error"
          ? `error ${event.line}: ${event.message}`
          : JSON.stringify(event.record),
      );
    }
    return out.join("\n") + "\n";
  }

  function firstDifference(got, expected) {
    const a = got.split("\n");
    const b = expected.split("\n");
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `line ${i + 1}: XS ${a[i]} / Deno ${b[i]}`;
  }

  // An error in a promise job ends xsnap with status 0 and no more output: so everything is
  // caught, and the last line is printed only once every case has run.
  (async () => {
    for (const { name, trace, expected } of globalThis.XS_REPLAY_CASES) {
      try {
        const got = await replayed(trace);
        if (got === expected) passed++;
        else {
          failed++;
          print(`FAIL ${name}: ${firstDifference(got, expected)}`);
        }
      } catch (error) {
        failed++;
        print(`FAIL ${name}: ${error}`);
      }
    }
    print(`${passed} passed, ${failed} failed`);
  })();
})();
