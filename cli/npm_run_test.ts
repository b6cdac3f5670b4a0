/**
 * `npm run netfsm -- ...` as a user types it, from the repository and from a subdirectory: its
 * standard output is netfsm's alone (npm's banner is off, .npmrc), so pipes and redirects work,
 * and relative paths are the user's (the task passes the user's directory on).
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url).pathname;

async function sh(script: string, cwd = root): Promise<{ code: number; stdout: string }> {
  const { code, stdout } = await new Deno.Command("sh", {
    args: ["-c", script],
    cwd,
    stdout: "piped",
    stderr: "null",
  }).output();
  return { code, stdout: new TextDecoder().decode(stdout) };
}

Deno.test("npm run netfsm -- simulate --json writes JSON Lines and nothing else", async () => {
  const { code, stdout } = await sh("npm run netfsm -- simulate --json");
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split("\n");
  assert.ok(lines.length > 10);
  for (const line of lines) JSON.parse(line);
});

Deno.test("npm run netfsm -- import LOG | npm run netfsm -- replay - works as a pipe", async () => {
  const log = "cli/import/fixtures/atomvm_network_driver.log";
  const { code, stdout } = await sh(
    `npm run netfsm -- import ${log} | npm run netfsm -- replay - --json`,
  );
  assert.equal(code, 0);
  assert.match(stdout, /^\{"at":0,"input":\{"type":"start"\}/);
});

Deno.test("from a subdirectory, relative paths are the user's: read and written there", async () => {
  const dir = `${root}examples`;
  const read = await sh("npm run netfsm -- replay traces/sta.jsonl --json", dir);
  assert.equal(read.code, 0);
  assert.match(read.stdout, /"type":"sta_connected"/);
  const name = `npm_run_test_${Deno.pid}.jsonl`;
  try {
    const written = await sh(`npm run netfsm -- simulate --record ${name} > /dev/null`, dir);
    assert.equal(written.code, 0);
    assert.match(await Deno.readTextFile(`${dir}/${name}`), /^\{"trace":"netfsm"/);
    await assert.rejects(Deno.stat(`${root}${name}`), "not written at the repository's root");
  } finally {
    await Deno.remove(`${dir}/${name}`).catch(() => {});
  }
});
