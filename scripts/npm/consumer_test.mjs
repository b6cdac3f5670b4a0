// The package as a user gets it: packed, installed into a fresh project, then used with import,
// with require, from type-checked TypeScript, and as the `netfsm` command.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";

const here = resolve(".");
const project = mkdtempSync(join(tmpdir(), "netfsm-consumer-"));
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: project, encoding: "utf8", ...options });

// A station that joins and gets an address under a virtual clock: the README's first example.
const USE = `
  const clock = new VirtualClock();
  const seen = [];
  const started = await start({ sta: { ssid: "home", psk: "secret12", got_ip: (ip) => seen.push(ip.ip) } }, { clock });
  if (started._tag !== "Right") throw new Error("did not start");
  await clock.advance(5000);
  await stop();
  console.log(JSON.stringify(seen));
`;

before(() => {
  const tarball = run("npm", [
    "pack",
    "--silent",
    "--pack-destination",
    project,
    here,
  ]).trim()
    .split("\n").pop();
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true }),
  );
  const fastCheck = JSON.parse(readFileSync(join(here, "package.json"), "utf8"))
    .devDependencies["fast-check"];
  run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    `./${tarball}`,
    `fast-check@${fastCheck}`,
  ]);
});

after(() => rmSync(project, { recursive: true, force: true }));

test("import: the API runs a simulated station to an address", () => {
  writeFileSync(
    join(project, "use.mjs"),
    `import { start, stop, VirtualClock } from "netfsm";\n${USE}`,
  );
  assert.match(run("node", ["use.mjs"]), /^\["\d+\.\d+\.\d+\.\d+"\]\n$/);
});

test("require: the CommonJS build does the same", () => {
  writeFileSync(
    join(project, "use.cjs"),
    `const { start, stop, VirtualClock } = require("netfsm");\n(async () => {${USE}})();`,
  );
  assert.match(run("node", ["use.cjs"]), /^\["\d+\.\d+\.\d+\.\d+"\]\n$/);
});

test("subpaths: netfsm/core steps the reducer, netfsm/props draws arbitraries, both ways", () => {
  const body = (core, props) => `
    const fc = loadFastCheck();
    const config = fc.sample(${props}.validConfigArb, { seed: 7, numRuns: 1 })[0];
    const state = ${core}.createState({ config, device: { mac: "24:0a:c4:12:34:56" } });
    const [next, effects] = ${core}.step(state, { type: "start", at: 0 });
    console.log(next.sta, effects.map((e) => e.type).join(","));
  `;
  writeFileSync(
    join(project, "sub.mjs"),
    `import * as core from "netfsm/core";\nimport * as props from "netfsm/props";\nimport fcModule from "fast-check";\nconst loadFastCheck = () => fcModule;\n${
      body("core", "props")
    }`,
  );
  writeFileSync(
    join(project, "sub.cjs"),
    `const core = require("netfsm/core");\nconst props = require("netfsm/props");\nconst loadFastCheck = () => require("fast-check");\n${
      body("core", "props")
    }`,
  );
  const esm = run("node", ["sub.mjs"]);
  assert.match(esm, /^(connecting|inactive) (command|reply)/);
  assert.equal(run("node", ["sub.cjs"]), esm);
});

test("TypeScript: a consumer type-checks against the declarations, as ESM and as CommonJS", () => {
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        target: "ES2022",
        types: [],
      },
      files: ["consumer.mts", "consumer.cts"],
    }),
  );
  const typed = `
    const clock = new VirtualClock();
    export async function join(): Promise<string[]> {
      const seen: string[] = [];
      const started = await start({ sta: { ssid: "home", psk: "secret12", got_ip: (ip) => { seen.push(ip.ip ?? "unknown"); } } }, { clock });
      if (started._tag === "Left") return [];
      await clock.advance(5000);
      await stop();
      return seen;
    }
  `;
  writeFileSync(
    join(project, "consumer.mts"),
    `import { start, stop, VirtualClock } from "netfsm";\n${typed}`,
  );
  writeFileSync(
    join(project, "consumer.cts"),
    `import { start, stop, VirtualClock } from "netfsm";\n${typed}`,
  );
  run(join(here, "node_modules/.bin/tsc"), ["-p", "."]);
  // And a mistake is caught: ssid must be a string.
  writeFileSync(
    join(project, "consumer.mts"),
    `import { start } from "netfsm";\nstart({ sta: { ssid: 42 } });\n`,
  );
  assert.throws(
    () => run(join(here, "node_modules/.bin/tsc"), ["-p", "."], { stdio: "pipe" }),
    (error) =>
      /consumer\.mts\(2,.*error TS2322: Type 'number' is not assignable to type 'string'/
        .test(
          error.stdout,
        ),
  );
});

test("npx netfsm replay prints the example trace's timeline", () => {
  const trace = join(here, "test/examples/traces/sta.jsonl");
  const out = run("npx", ["--no-install", "netfsm", "replay", trace]);
  assert.match(out, /^ {5}time {2}station {8}input\n/);
  assert.match(out, /callback {2}got_ip\(\{"ip":"192\.168\.1\.20"/);
  assert.doesNotMatch(out, /hunter|secret/);
  assert.match(
    run("npx", ["--no-install", "netfsm", "--version"]),
    /^netfsm \d+\.\d+\.\d+\n$/,
  );
});

test("npx netfsm diagram --format png: the wasm renderer and its font come with the package", () => {
  const out = join(project, "netfsm.png");
  assert.equal(
    run("npx", ["--no-install", "netfsm", "diagram", "--format", "png", "--out", out]),
    `wrote the diagram to ${out}\n`,
  );
  const png = readFileSync(out);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The IHDR's width: the whole state machine, not an empty page.
  assert.ok(png.readUInt32BE(16) > 1000, `width ${png.readUInt32BE(16)}`);
});

test("every file a command's --help names is in the package", () => {
  const installed = join(project, "node_modules", "netfsm");
  const commands = ["import", "replay", "check", "diagram", "simulate", "run"];
  const named = new Set();
  for (const command of commands) {
    const help = run("npx", ["--no-install", "netfsm", command, "--help"]);
    for (const [path] of help.matchAll(/\b(?:docs|examples)\/[\w./-]*[\w/]/g)) named.add(path);
  }
  assert.ok(named.has("docs/trace-format.md") && named.has("examples/scenarios/"), [...named]);
  for (const path of named) assert.ok(existsSync(join(installed, path)), `${path} is not shipped`);
  assert.ok(existsSync(join(installed, "examples/scenarios/README.md")));
});

test("netfsm on Node: standard input, and a reader that stops early is no error", () => {
  const header = readFileSync(join(here, "test/examples/traces/sta.jsonl"), "utf8").split(
    "\n",
  )[0];
  // Many join-and-lose cycles, megabytes of output: far more than a pipe holds.
  const cycles = Array.from({ length: 20000 }, (_, i) => [
    `{"at": ${10000 * i + 1000}, "type": "sta_connected"}`,
    `{"at": ${
      10000 * i + 1500
    }, "type": "sta_got_ip", "ip": "192.168.1.20", "netmask": "255.255.255.0", "gw": "192.168.1.1"}`,
    `{"at": ${10000 * i + 6000}, "type": "sta_disconnected", "reason": 8}`,
  ]).flat();
  writeFileSync(
    join(project, "big.jsonl"),
    [header, '{"at": 0, "type": "start"}', ...cycles].join("\n"),
  );
  const piped = run("bash", [
    "-c",
    "node_modules/.bin/netfsm replay - --json < big.jsonl | wc -l",
  ]);
  // A record for each input (start and every cycle's three) and for the retry that follows each
  // unasked disconnect but the last, none lost at the end of the pipe.
  assert.equal(Number(piped.trim()), 1 + cycles.length + (20000 - 1));
  const cut = run("bash", [
    "-c",
    'node_modules/.bin/netfsm replay big.jsonl 2>err.txt | head -n 2; echo "exit ${PIPESTATUS[0]}"; cat err.txt',
  ]);
  assert.match(
    cut,
    /^ {5}time {2}station {8}input\n {3}0\.000s {2}connecting {5}start\nexit 0\n$/,
  );
});

test("netfsm/drivers/esp_at: serialport comes with the package; the bin reaches a real pty", () => {
  const body = (espAt) => `
    const missing = await ${espAt}.openSerial("/dev/no-such-port", { baud: 115200 });
    console.log(missing._tag, /no-such-port/.test(missing.left));
  `;
  writeFileSync(
    join(project, "esp_at.mjs"),
    `import * as espAt from "netfsm/drivers/esp_at";\n${body("espAt")}`,
  );
  writeFileSync(
    join(project, "esp_at.cjs"),
    `const espAt = require("netfsm/drivers/esp_at");\n(async () => {${body("espAt")}})();`,
  );
  assert.equal(run("node", ["esp_at.mjs"]), "Left true\n");
  assert.equal(run("node", ["esp_at.cjs"]), "Left true\n");
  writeFileSync(
    join(project, "c.json"),
    JSON.stringify({ sta: { ssid: "home", psk: "secret12" } }),
  );
  // A pty pair whose far end says nothing: the bin opens it through serialport, probes, gives up.
  const out = run("bash", [
    "-c",
    `socat -d -d pty,raw,echo=0 pty,raw,echo=0 2>socat.txt & pid=$!; sleep 1;
     port=$(grep -o '/dev/pts/[0-9]*' socat.txt | head -n 1);
     node_modules/.bin/netfsm run c.json --port "$port" --duration 5 2>&1; echo "exit $?"; kill $pid`,
  ]);
  assert.match(
    out,
    /netfsm run: \/dev\/pts\/\d+ does not answer as ESP-AT does/,
  );
  assert.match(out, /exit 1\n$/);
  assert.doesNotMatch(out, /secret12/);
});

test("netfsm/drivers/esp_idf and esp_hosted: koffi comes with the package; a missing library is a Left", () => {
  const body = (idf, hosted) => `
    const a = await ${idf}.openEspIdf({ lib: "/nonexistent/libwifi.so", idf: "5.5" });
    const b = await ${hosted}.openEspHosted({ lib: "/nonexistent/libesp_hosted_rpc.so" });
    console.log(a._tag, /nonexistent\\/libwifi\\.so/.test(a.left), b._tag);
  `;
  writeFileSync(
    join(project, "native.mjs"),
    `import * as idf from "netfsm/drivers/esp_idf";\nimport * as hosted from "netfsm/drivers/esp_hosted";\n${
      body("idf", "hosted")
    }`,
  );
  writeFileSync(
    join(project, "native.cjs"),
    `const idf = require("netfsm/drivers/esp_idf");\nconst hosted = require("netfsm/drivers/esp_hosted");\n(async () => {${
      body("idf", "hosted")
    }})();`,
  );
  assert.equal(run("node", ["native.mjs"]), "Left true Left\n");
  assert.equal(run("node", ["native.cjs"]), "Left true Left\n");
  assert.ok(
    run("npm", ["ls", "koffi"]).includes("koffi@"),
    "koffi installed with netfsm",
  );
});

test("netfsm/connections: a connection that follows the network, as ESM and CommonJS; a bad spec is a Left", () => {
  const body = (netfsm, connections) => `
    const network = ${netfsm}.Network.start({ sta: { ssid: "home", psk: "secret12" } }, { clock: new ${netfsm}.VirtualClock() });
    const bad = ${connections}.connectTcp(network.right, { host: "", port: 70000 }, {});
    const good = ${connections}.connectTcp(network.right, { host: "127.0.0.1", port: 1 }, {});
    console.log(bad._tag, bad.left.problems.map((p) => p.path).join(), good.right.phase);
    await good.right.close();
    await network.right.stop();
  `;
  writeFileSync(
    join(project, "connections.mjs"),
    `import * as netfsm from "netfsm";\nimport * as connections from "netfsm/connections";\n${
      body("netfsm", "connections")
    }`,
  );
  writeFileSync(
    join(project, "connections.cjs"),
    `const netfsm = require("netfsm");\nconst connections = require("netfsm/connections");\n(async () => {${
      body("netfsm", "connections")
    }})();`,
  );
  const expected = "Left connectTcp.host,connectTcp.port waiting\n";
  assert.equal(run("node", ["connections.mjs"]), expected);
  assert.equal(run("node", ["connections.cjs"]), expected);
});
