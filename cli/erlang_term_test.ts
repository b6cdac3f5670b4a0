import assert from "node:assert/strict";
import { parseTerm } from "./erlang_term.ts";
import { configOfTerm } from "./erlang_values.ts";

function json(text: string): unknown {
  const term = parseTerm(text);
  assert.equal(term._tag, "Right", term._tag === "Left" ? term.left : "");
  return term._tag === "Right" ? configOfTerm(term.right).value : undefined;
}

Deno.test("the seed manual's station configuration, with funs of every shape", () => {
  const text = `%% sta_network.erl
Config = ignored.`;
  assert.equal(parseTerm(text)._tag, "Left", "a variable binding is not a term");
  assert.deepEqual(
    json(`[
  {sta, [
    {ssid, "myssid"},
    {psk, <<"mypsk">>},          % a binary works as well as a charlist
    {connected, fun connected/0},
    {got_ip, fun ?MODULE_NOT_USED/1}
  ]}
].`.replace("fun ?MODULE_NOT_USED/1", "fun my_mod:got_ip/1")),
    { sta: { ssid: "myssid", psk: "mypsk", connected: true, got_ip: true } },
  );
});

Deno.test("funs with nested blocks, pids, quoted atoms, escapes and numbers", () => {
  assert.deepEqual(
    json(`[{sta, [{disconnected, fun() -> case x of a -> fun() -> ok end; _ -> ok end end},
                  {got_ip, self()}, {'dhcp_hostname', "a\\"b\\\\c"}, {ssid, "end"}]},
           {ap, [{max_connections, 4}, ssid_hidden, {ap_channel, 11}]}].`),
    {
      sta: { disconnected: true, got_ip: true, dhcp_hostname: 'a"b\\c', ssid: "end" },
      ap: { max_connections: 4, ssid_hidden: true, ap_channel: 11 },
    },
  );
});

Deno.test("the first occurrence of a key wins, as with proplists:get_value", () => {
  assert.deepEqual(json(`[{sta, [{ssid, "first"}, {ssid, "second"}]}]`), {
    sta: { ssid: "first" },
  });
});

Deno.test("newer AtomVM's SNTP proplist and the seed's bare host", () => {
  assert.deepEqual(json(`[{sntp, [{host, "pool.ntp.org"}, {synchronized, fun(T) -> T end}]}]`), {
    sntp: { host: "pool.ntp.org", synchronized: true },
  });
  assert.deepEqual(json(`[{sntp, "pool.ntp.org"}]`), { sntp: "pool.ntp.org" });
});

Deno.test("parse errors name the line and column", () => {
  const cases: [string, string][] = [
    ['[{sta, [{ssid "x"}]}].', 'line 1, column 15: expected "," or "}", found a double quote'],
    ["[{sta,\n  [{ssid, home]}].", 'line 2, column 15: expected "," or "}", found "]"'],
    ['[{ssid, "never closed}].', "line 1, column 9: this string is never closed"],
    ["[{got_ip, fun() -> ok}].", 'line 1, column 11: this fun has no matching "end"'],
    [
      "[{ssid, Ssid}].",
      "line 1, column 9: expected a value (a variable's value cannot be checked: write it out), found a capital letter",
    ],
    ["[{a, b}] extra", "line 1, column 10: expected the end of the term, found a letter"],
    [
      "",
      "line 1, column 1: expected a term (a list, tuple, map, atom, string, binary, number or fun), found the end of the input",
    ],
  ];
  for (const [text, message] of cases) {
    assert.deepEqual(parseTerm(text), { _tag: "Left", left: message }, text);
  }
});

Deno.test("a term nested deeper than the limit is refused at the bracket that passes it", () => {
  const deep = "[".repeat(5000) + "]".repeat(5000) + ".";
  assert.deepEqual(parseTerm(deep), {
    _tag: "Left",
    left: "line 1, column 65: nested deeper than 64 levels (netfsm's limit)",
  });
  const tuples = "{a, ".repeat(3000) + "b" + "}".repeat(3000);
  const parsed = parseTerm(tuples);
  assert.match(parsed._tag === "Left" ? parsed.left : "", /^line 1, column 257: nested deeper/);
  assert.equal(parseTerm("[".repeat(64) + "]".repeat(64))._tag, "Right");
});

Deno.test("an error names punctuation it found, but only the kind of a letter or digit", () => {
  assert.deepEqual(parseTerm("[{psk, PSKLEAK}]"), {
    _tag: "Left",
    left:
      "line 1, column 8: expected a value (a variable's value cannot be checked: write it out), found a capital letter",
  });
  assert.deepEqual(parseTerm("[{a, b}] 7PSKLEAK"), {
    _tag: "Left",
    left: "line 1, column 10: expected the end of the term, found a digit",
  });
  assert.deepEqual(parseTerm("[{a, b}] x"), {
    _tag: "Left",
    left: "line 1, column 10: expected the end of the term, found a letter",
  });
});

Deno.test("a quoted atom named __proto__ is a key like any other", () => {
  assert.deepEqual(
    json("[{'__proto__', [{ssid, \"x\"}]}, {sta, []}]"),
    JSON.parse('{"__proto__": {"ssid": "x"}, "sta": {}}'),
  );
});

Deno.test("funs, calls and macros where a callback goes count as registered callbacks", () => {
  assert.deepEqual(
    json(`[{sta, [{connected, fun ?MODULE:connected/0}, {disconnected, fun disconnected/0},
                  {got_ip, fun my_mod:got_ip/1}, {beacon_timeout, fun(_) -> ok end},
                  {scan_done, fun() -> begin receive x -> "end" after 1 -> 'end' end end end}]},
           {ap, [{ap_started, self()}, {sta_connected, ?MODULE}, {sta_disconnected, ?CB(1)},
                 {sta_ip_assigned, erlang:self()}]}].`),
    {
      sta: {
        connected: true,
        disconnected: true,
        got_ip: true,
        beacon_timeout: true,
        scan_done: true,
      },
      ap: { ap_started: true, sta_connected: true, sta_disconnected: true, sta_ip_assigned: true },
    },
  );
});

Deno.test("binaries with /utf8 and /binary, joined segments, bytes and the empty binary", () => {
  assert.deepEqual(
    json(`[{sta, [{ssid, <<"café"/utf8>>}, {psk, <<"a", "b"/binary, $c, 100:8>>},
                  {dhcp_hostname, <<104,105>>}]}, {ap, [{ssid, <<>>}, {psk, <<16#41:16/little>>}]}]`),
    {
      sta: { ssid: "café", psk: "abcd", dhcp_hostname: "hi" },
      ap: { ssid: "", psk: "A\0" },
    },
  );
  assert.deepEqual(parseTerm("<<1.5/float>>"), {
    _tag: "Left",
    left: "line 1, column 3: netfsm reads /utf8, /binary and /integer segments only",
  });
  assert.deepEqual(parseTerm("<<X/binary>>"), {
    _tag: "Left",
    left:
      "line 1, column 3: expected a string or an integer (netfsm reads binaries of literals only), found a capital letter",
  });
});

Deno.test("a list of code points is a string; [] is an empty charlist where a string goes", () => {
  assert.deepEqual(
    json("[{sta, [{ssid, [104,111,109,101]}, {psk, []}, {dhcp_hostname, [$h, $i]}]}]"),
    {
      sta: { ssid: "home", psk: "", dhcp_hostname: "hi" },
    },
  );
  assert.deepEqual(json("[{sta, []}]"), { sta: {} }, "an empty section stays a proplist");
});

Deno.test("every Erlang escape in strings and quoted atoms", () => {
  const cases: [string, string][] = [
    [String.raw`"\x{e9}"`, "é"],
    [String.raw`"\xe9"`, "é"],
    [String.raw`"\e\s\d\b\f\v"`, "\x1b \x7f\b\f\v"],
    [String.raw`"\101\0\7"`, "A\0\x07"],
    [String.raw`"\^A\^z"`, "\x01\x1a"],
    [String.raw`"\\\"\'"`, '\\"' + "'"],
    [String.raw`"a" "b"`, "ab"],
  ];
  for (const [text, value] of cases) {
    assert.deepEqual(json(`[{sta, [{ssid, ${text}}]}]`), { sta: { ssid: value } }, text);
  }
  assert.deepEqual(json(String.raw`[{'sta\x{41}', []}]`), { staA: {} });
  assert.deepEqual(parseTerm(String.raw`"\x{zz}"`), {
    _tag: "Left",
    left: "line 1, column 3: \\x needs two hex digits or {hex digits}",
  });
});
