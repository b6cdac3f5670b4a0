import assert from "node:assert/strict";
import { VERSION } from "./version.ts";

Deno.test("deno task install puts a working netfsm on the PATH", async () => {
  const root = await Deno.makeTempDir();
  try {
    const install = await new Deno.Command(Deno.execPath(), {
      args: ["task", "install"],
      env: { DENO_INSTALL_ROOT: root, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(install.code, 0, new TextDecoder().decode(install.stderr));
    const run = await new Deno.Command(`${root}/bin/netfsm`, {
      args: ["--version"],
      stdout: "piped",
    }).output();
    assert.equal(run.code, 0);
    assert.equal(new TextDecoder().decode(run.stdout), `netfsm ${VERSION}\n`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
