import assert from "node:assert/strict";
import { checkText } from "./check_command.ts";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

function report(text: string, nvs?: Record<string, Record<string, string>>) {
  const checked = checkText(text, nvs);
  assert.equal(checked._tag, "Right", checked._tag === "Left" ? checked.left : "");
  return checked._tag === "Right" ? checked.right : { format: "", problems: [], notes: [] };
}

// atomvm/AtomVM examples/erlang/esp32/sta_network.erl (commit 741ee5e8): the seed-era example.
const STA_NETWORK = `Config = ignored,
    [
        {sta, [
            {ssid, esp:nvs_get_binary(atomvm, sta_ssid, <<"myssid">>)},
            {psk,  esp:nvs_get_binary(atomvm, sta_psk, <<"mypsk">>)},
            {connected, fun() -> Self ! connected end},
            {got_ip, fun(IpInfo) -> Self ! {ok, IpInfo} end},
            {disconnected, fun() -> Self ! disconnected end}
        ]}
    ]`.replace("Config = ignored,\n", "");

// atomvm/AtomVM examples/erlang/esp32/ap_sta_network.erl (commit 2147d03a): STA+AP, and an
// sntp key netfsm does not know (AtomVM's newest reads host).
const AP_STA_NETWORK = `[
        {ap, [
            %% {ssid, esp:nvs_get_binary(atomvm, ap_ssid, <<"myssid">>)},
            {ap_started, fun ap_started/0},
            {sta_connected, fun sta_connected/1},
            {sta_ip_assigned, fun sta_ip_assigned/1},
            {sta_disconnected, fun sta_disconnected/1}
        ]},
        {sta, [
            {ssid, esp:nvs_get_binary(atomvm, sta_ssid, <<"myssid">>)},
            {psk, esp:nvs_get_binary(atomvm, sta_psk, <<"mypsk">>)},
            {connected, fun connected/0},
            {got_ip, fun got_ip/1},
            {disconnected, fun disconnected/0}
        ]},
        {sntp, [{endpoint, "pool.ntp.org"}]}
    ]`;

// atomvm/AtomVM examples/erlang/rp2/picow_wifi_sta.erl (commit 44674d91): the newest era.
const PICOW_WIFI_STA = `[
        {sta, [
            {ssid, <<"myssid">>},
            {psk, <<"mypsk">>},
            {connected, fun connected/0},
            {got_ip, fun got_ip/1},
            {disconnected, fun disconnected/0}
        ]},
        {sntp, [
            {host, "pool.ntp.org"},
            {synchronized, fun sntp_synchronized/1}
        ]}
    ].`;

// 1rre/exploring_uranus control/AtomVM/src/command.erl: a macro as the default, and a psk
// call missing its default (a syntax error in Erlang too).
const EXPLORING_URANUS = `[
    {sta, [
      {ssid, esp:nvs_get_binary(atomvm, sta_ssid, ?WIFI_SSID)},
      {psk,  esp:nvs_get_binary(atomvm, sta_psk, )},
      {connected, fun() -> Self ! connected end}
    ]}
  ]`;

Deno.test("real AtomVM configurations: seed-era NVS defaults stand in, and the notes say so", () => {
  assert.deepEqual(report(STA_NETWORK), {
    format: "erlang",
    problems: [],
    notes: [
      "sta.ssid: read from NVS (atomvm/sta_ssid) at run time; the default stands in for this check",
      "sta.psk: read from NVS (atomvm/sta_psk) at run time; the default stands in for this check",
    ],
  });
  assert.deepEqual(report(PICOW_WIFI_STA), { format: "erlang", problems: [], notes: [] });
  assert.deepEqual(report(AP_STA_NETWORK).problems, [
    { path: "sntp.endpoint", message: "is not a known key (known: host, synchronized)" },
  ]);
});

Deno.test("real AtomVM configurations: a macro default and a missing argument", () => {
  assert.deepEqual(checkText(EXPLORING_URANUS), {
    _tag: "Left",
    left:
      'line 4, column 50: expected a term (a list, tuple, map, atom, string, binary, number or fun), found ")"',
  });
  const fixed = EXPLORING_URANUS.replace("sta_psk, )", 'sta_psk, <<"x">>)');
  assert.deepEqual(report(fixed).problems, [{
    path: "sta.ssid",
    message:
      "must be a string or binary (AtomVM needs one), got the macro ?WIFI_SSID, which netfsm cannot expand: write its value out",
  }]);
});

Deno.test("the seed manual's AP example, against --nvs and without it", () => {
  const ap = `[{ap, [{ssid, esp:nvs_get_binary(atomvm, ap_ssid, <<"myssid">>)},
                     {psk, esp:nvs_get_binary(atomvm, ap_psk, <<"mypsk">>)},
                     {ap_started, fun ap_started/0}]}].`;
  const bare = report(ap);
  assert.deepEqual(bare.problems, [{
    path: "ap.psk",
    message: "must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 5 bytes",
  }]);
  assert.match(bare.notes.join("\n"), /ap\.psk: read from NVS \(atomvm\/ap_psk\) at run time/);
  const stored = report(ap, { atomvm: { ap_ssid: "cafe", ap_psk: "longenough" } });
  assert.deepEqual(stored.problems, []);
  assert.deepEqual(stored.notes, [
    "ap.ssid: esp:nvs_get_binary reads atomvm/ap_ssid: the value in the --nvs file is checked",
    "ap.psk: esp:nvs_get_binary reads atomvm/ap_psk: the value in the --nvs file is checked",
  ]);
  const two = report('[{sta, [{ssid, <<"x">>}, {psk, esp:nvs_get_binary(atomvm, sta_psk)}]}]', {
    atomvm: {},
  });
  assert.deepEqual(two.problems, [{
    path: "sta.psk",
    message: "must be a string or binary (AtomVM needs one), got an atom",
  }]);
  assert.deepEqual(two.notes, [
    "sta.psk: atomvm/sta_psk is not in the --nvs file, so esp:nvs_get_binary/2 returns undefined",
  ]);
  const runtime = report('[{sta, [{ssid, <<"x">>}, {psk, esp:nvs_get_binary(atomvm, sta_psk)}]}]');
  assert.deepEqual(runtime.problems, []);
  assert.deepEqual(runtime.notes, [
    "sta.psk: read from NVS (atomvm/sta_psk) at run time, with no default: give --nvs FILE to check it",
  ]);
});

Deno.test("a bare tuple is the proplist it stands for; a map is refused, as network.erl refuses it", () => {
  assert.deepEqual(
    report('{sta, [{ssid, "home"}]}.').notes[0],
    "config: the single tuple {sta, ...} is read as the proplist [{sta, ...}] that network:start/1 takes",
  );
  assert.deepEqual(report('#{sta => [{ssid, "home"}]}.').problems, [
    {
      path: "config",
      message: "is a map: AtomVM's network module reads a proplist, [{Key, Value}, ...]",
    },
  ]);
});

Deno.test("every kind of problem message speaks Erlang to an Erlang term", () => {
  const text = `[{sta, [{ssid, myssid}, {psk, hunter22}, {dhcp_hostname, 42},
                         {managed, yes}, {reconnect, [1, 2]}, {networks, {a, b}},
                         {default_scan_results, 1.5}, {scan_dwell_ms, "x"}, {got_ip, 1},
                         {ap_channel, 1}]},
                 {ap, [{ssid, [{a, b}]}, {max_connections, many}, {sta_connected, []}]},
                 {sntp, pool}, {deadlines, fun f/0}, {timeout, self()}]`;
  const problems = report(text).problems.map((p) => `${p.path}: ${p.message}`);
  assert.deepEqual(problems, [
    "sta.ssid: must be a string or binary (AtomVM needs one), got the atom myssid",
    "sta.psk: must be a string or binary (AtomVM needs one), got an atom",
    "sta.dhcp_hostname: must be a string or binary (AtomVM needs one), got an integer",
    "sta.managed: must be true or false, got the atom yes",
    "sta.reconnect: must be a proplist, [{Key, Value}, ...], got a list",
    "sta.networks: must be a list, got a tuple of 2",
    "sta.default_scan_results: must be an integer, got a float",
    "sta.scan_dwell_ms: must be an integer, got a string",
    "sta.got_ip: must be true or false, got an integer",
    "sta.ap_channel: belongs in the {ap, [...]} proplist",
    "ap.ssid: must be a string or binary (AtomVM needs one), got a proplist",
    "ap.max_connections: must be an integer, got the atom many",
    "ap.sta_connected: must be true or false, got [] (the empty list)",
    "sntp: must be a host name or [{host, Host}, {synchronized, Fun}], got the atom pool",
    "deadlines: must be a proplist, [{Key, Value}, ...], got the fun f/0",
    "timeout: is not a known key (known: sta, ap, sntp, mdns, deadlines)",
  ]);
  assert.ok(!problems.join("\n").includes("hunter22"));
  assert.doesNotMatch(problems.join("\n"), /an array|an object|a boolean|null/);
  assert.deepEqual(report('[{ssid, <<"x">>}]').problems.map((p) => p.message), [
    "belongs in the {sta, [...]} or {ap, [...]} proplist",
  ]);
  assert.deepEqual(report("[{managed, true}]").problems.map((p) => p.message), [
    "belongs in the {sta, [...]} proplist",
  ]);
  assert.deepEqual(report('[{sntp, "pool.ntp.org"}]').problems.map((p) => p.message), [
    "needs {sta, [...]}, {ap, [...]}, or both",
  ]);
  assert.deepEqual(report("[{ap, [{fallback_after_ms, 5000}]}]").problems.map((p) => p.message), [
    "needs {sta, [...]}: the AP is the station's fallback",
  ]);
});

Deno.test("check --nvs: read from a device's nvs shape or namespaces; errors never quote values", async () => {
  const files = {
    "ap.erl": '[{ap, [{psk, esp:nvs_get_binary(atomvm, ap_psk, <<"short">>)}]}].',
    "device.json": '{"mac": "24:0a:c4:12:34:56", "nvs": {"ap_psk": "longenough"}}',
    "spaces.json": '{"atomvm": {"ap_psk": "tiny"}}',
    "bad.json": '{"atomvm": {"ap_psk": 12345678}}',
  };
  const io = memoryIo(files);
  assert.equal(await main(["check", "ap.erl", "--nvs", "device.json"], io), 0);
  assert.match(
    io.stdout.join(""),
    /ap\.erl: a valid configuration \(Erlang term\)\n {2}note: ap\.psk: esp:nvs_get_binary reads atomvm\/ap_psk/,
  );
  const tiny = memoryIo(files);
  assert.equal(await main(["check", "ap.erl", "--nvs", "spaces.json"], tiny), 1);
  assert.match(tiny.stdout.join(""), /ap\.psk: must be 8 to 64 bytes .*got 4 bytes/);
  assert.ok(!tiny.stdout.join("").includes("tiny\n") && !tiny.stdout.join("").includes('"tiny"'));
  const bad = memoryIo(files);
  assert.equal(await main(["check", "ap.erl", "--nvs", "bad.json"], bad), 1);
  assert.equal(
    bad.stderr.join(""),
    "netfsm check: --nvs bad.json: atomvm.ap_psk must be a string\n",
  );
  const missing = memoryIo(files);
  assert.equal(await main(["check", "ap.erl", "--nvs", "none.json"], missing), 1);
  assert.match(missing.stderr.join(""), /^netfsm check: --nvs cannot read/);
  const help = memoryIo(files);
  await main(["check", "--help"], help);
  assert.match(help.stdout.join(""), /--nvs NVS/);
});

Deno.test("check: AtomVM's newest mdns proplist, in Erlang's words", () => {
  assert.deepEqual(
    report('[{sta, [{ssid, "home"}]}, {mdns, [{hostname, <<"dev">>}, {ttl, 120}]}]').problems,
    [],
  );
  const problems = report('[{sta, [{ssid, "home"}]}, {mdns, [{hostname, dev}, {ttl, 1.5}]}]')
    .problems.map((p) => `${p.path}: ${p.message}`);
  assert.deepEqual(problems, [
    "mdns.hostname: must be a string or binary (AtomVM needs one), got the atom dev",
    "mdns.ttl: must be an integer, got a float",
  ]);
  assert.deepEqual(report('[{sta, [{ssid, "s"}]}, {mdns, "dev"}]').problems.map((p) => p.message), [
    "must be a proplist, [{Key, Value}, ...], got a string",
  ]);
  assert.match(
    report('[{sta, [{ssid, "s"}]}, {mdns, [{host, "dev"}]}]').problems[0]!.message,
    /^is not a known key; write hostname \(AtomVM's type spec says host/,
  );
});
