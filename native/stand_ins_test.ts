/**
 * The C stand-ins' own tests, in the suite: each is built with the system cc and run. They check
 * the libraries below the FFI (ordering on their threads, error codes, ownership of what they hand
 * over, layouts), before the drivers' end-to-end tests drive them through FFI.
 */
import assert from "node:assert/strict";
import { ensureNative, root } from "../scripts/build_native.ts";

async function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(command, { args, cwd: root }).output();
  return { code, output: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr) };
}

Deno.test("native/esp_idf: the C test passes against every release, and the ILP32 layouts hold", async () => {
  const { code, output } = await run("bash", ["native/esp_idf/test/run.sh", "plain", "m32"]);
  assert.equal(code, 0, output);
  assert.equal((output.match(/^ok +plain /gm) ?? []).length, 6, output);
});

Deno.test("native/esp_hosted: the C test passes against the stand-in", async () => {
  const library = await ensureNative("esp_hosted_rpc_sim");
  const dir = library.slice(0, library.lastIndexOf("/"));
  const binary = await Deno.makeTempFile({ prefix: "hosted_sim_test" });
  try {
    const built = await run("cc", [
      "-O1",
      "-pthread",
      "-Wall",
      "-Wextra",
      "-Werror",
      "native/esp_hosted/test/sim_test.c",
      `-L${dir}`,
      "-lesp_hosted_rpc_sim",
      `-Wl,-rpath,${dir}`,
      "-o",
      binary,
    ]);
    assert.equal(built.code, 0, built.output);
    const { code, output } = await run(binary, []);
    assert.equal(code, 0, output);
    assert.match(output, / 0 fail/i);
  } finally {
    await Deno.remove(binary).catch(() => {});
  }
});
