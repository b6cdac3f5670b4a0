import assert from "node:assert/strict";
import { checkLayout, type Layout, StructView } from "./layout.ts";

const config = {
  name: "sta_config_t",
  size: 48,
  align: 4,
  fields: {
    ssid: [0, 8],
    channel: [8, 1],
    rssi: [9, 1],
    port: [10, 2],
    offset: [12, 2],
    count: [16, 4],
    level: [20, 4],
    bssid: [24, 6],
    enabled: [30, 1],
    ip: [32, 4],
    big: [40, 8],
  },
} as const satisfies Layout;

Deno.test("numbers round trip, little-endian, at their offsets", () => {
  const view = new StructView(config);
  view.setU8("channel", 200);
  view.setI8("rssi", -70);
  view.setU16("port", 0xbeef);
  view.setI16("offset", -2);
  view.setU32("count", 0xdeadbeef);
  view.setI32("level", -123456);
  view.setU64("big", 2n ** 64n - 2n);
  assert.deepEqual(
    [view.u8("channel"), view.i8("rssi"), view.u16("port"), view.i16("offset")],
    [200, -70, 0xbeef, -2],
  );
  assert.deepEqual([view.u32("count"), view.i32("level")], [0xdeadbeef, -123456]);
  assert.equal(view.u64("big"), 2n ** 64n - 2n);
  assert.equal(view.i64("big"), -2n);
  assert.deepEqual([...view.memory.subarray(10, 12)], [0xef, 0xbe]);
  assert.deepEqual([...view.memory.subarray(16, 20)], [0xef, 0xbe, 0xad, 0xde]);
});

Deno.test("a view shares the memory it is given", () => {
  const memory = new Uint8Array(64);
  const view = new StructView(config, memory.subarray(8));
  view.setU8("channel", 11);
  assert.equal(memory[16], 11);
  memory[8 + 30] = 1;
  assert.equal(view.bool("enabled"), true);
  assert.equal(view.memory.byteLength, 48);
});

Deno.test("memory shorter than the struct is refused", () => {
  assert.throws(() => new StructView(config, new Uint8Array(47)), /sta_config_t needs 48 bytes/);
});

Deno.test("a field the layout lacks is an error naming the struct and the field", () => {
  const view = new StructView<Layout>(config);
  assert.equal(view.has("ssid"), true);
  assert.equal(view.has("ssdi"), false);
  assert.throws(() => view.u8("ssdi"), /struct sta_config_t has no field "ssdi"/);
  assert.throws(() => view.setCString("ssdi", "x"), /struct sta_config_t has no field "ssdi"/);
  assert.throws(() => view.cstring("toString"), /has no field "toString"/);
});

Deno.test("a read of the wrong width is an error, not a partial read", () => {
  const view = new StructView(config);
  assert.throws(() => view.u32("port"), /sta_config_t.port is 2 bytes: u32 needs a field of 4/);
  assert.throws(() => view.mac("ip"), /mac needs a field of 6/);
});

Deno.test("numbers out of the field's range are refused", () => {
  const view = new StructView(config);
  assert.throws(() => view.setU8("channel", 256), RangeError);
  assert.throws(() => view.setI8("rssi", -129), RangeError);
  assert.throws(() => view.setU16("port", 1.5), RangeError);
  assert.throws(() => view.setU32("count", -1), RangeError);
  assert.throws(() => view.setU64("big", -1n), RangeError);
  assert.throws(() => view.setU64("big", 2 ** 60), RangeError);
  assert.equal(view.u64("big"), 0n);
});

Deno.test("C strings: up to the first NUL, UTF-8, refused when they do not fit", () => {
  const view = new StructView(config);
  assert.deepEqual(view.setCString("ssid", "café"), { _tag: "Right", right: undefined });
  assert.equal(view.cstring("ssid"), "café");
  assert.deepEqual([...view.bytes("ssid")], [0x63, 0x61, 0x66, 0xc3, 0xa9, 0, 0, 0]);
  const long = view.setCString("ssid", "12345678");
  assert.ok(
    long._tag === "Left" && /holds 7 bytes of text and a NUL; "12345678" is 8/.test(long.left),
  );
  assert.equal(view.cstring("ssid"), "café", "a refused write changes nothing");
  assert.equal(view.setCString("ssid", "1234567")._tag, "Right");
  assert.equal(view.setCString("ssid", "a\0b")._tag, "Left");
  view.memory.fill(0x41, 0, 8);
  assert.equal(view.cstring("ssid"), "AAAAAAAA", "a char[N] without a NUL is read whole");
  assert.equal(view.setCString("ssid", "")._tag, "Right");
  assert.equal(view.cstring("ssid"), "");
});

Deno.test("MAC and IPv4 addresses", () => {
  const view = new StructView(config);
  assert.equal(view.setMac("bssid", "AA:bb:0C:dd:ee:0f")._tag, "Right");
  assert.equal(view.mac("bssid"), "aa:bb:0c:dd:ee:0f");
  assert.equal(view.setMac("bssid", "aa:bb:cc:dd:ee")._tag, "Left");
  assert.equal(view.setIpv4("ip", "192.168.4.1")._tag, "Right");
  assert.deepEqual([...view.bytes("ip")], [192, 168, 4, 1], "network order");
  assert.equal(view.ipv4("ip"), "192.168.4.1");
  // The esp_ip4_addr_t of 192.168.4.1 read as a little-endian u32, as ESP-IDF holds it.
  assert.equal(view.u32("ip"), 0x0104a8c0);
  assert.equal(view.setIpv4("ip", "256.1.1.1")._tag, "Left");
  assert.equal(view.setIpv4("ip", "1.2.3")._tag, "Left");
});

Deno.test("bools, bytes and pointers", () => {
  const view = new StructView(config);
  view.setBool("enabled", true);
  assert.equal(view.bool("enabled"), true);
  view.setBool("count", true);
  assert.equal(view.u32("count"), 1);
  view.setPointer("big", 0x7fff_0000_1234n);
  assert.equal(view.pointer("big"), 0x7fff_0000_1234n);
  view.setPointer("ip", 0xc0a8_0401n);
  assert.equal(view.pointer("ip"), 0xc0a8_0401n);
  assert.throws(() => view.setPointer("ip", 2n ** 32n), RangeError);
  assert.throws(() => view.pointer("port"), /pointer needs a field of 4 or 8/);
  assert.equal(view.setBytes("bssid", new Uint8Array([1, 2]))._tag, "Right");
  assert.deepEqual([...view.bytes("bssid")], [1, 2, 0, 0, 0, 0]);
  assert.equal(view.setBytes("bssid", new Uint8Array(7))._tag, "Left");
  const copy = view.bytes("bssid");
  copy[0] = 9;
  assert.equal(view.bytes("bssid")[0], 1, "bytes() is a copy");
});

Deno.test("checkLayout finds fields past the end and sizes that break the alignment", () => {
  assert.equal(checkLayout(config)._tag, "Right");
  const past = checkLayout({ ...config, fields: { ...config.fields, tail: [46, 4] } });
  assert.ok(
    past._tag === "Left" && /"tail" \(offset 46, size 4\) ends past its size 48/.test(past.left),
  );
  const odd = checkLayout({ ...config, size: 50 });
  assert.ok(odd._tag === "Left" && /size 50 is not a multiple of its alignment 4/.test(odd.left));
  assert.equal(checkLayout({ ...config, fields: { bad: [-1, 2] } })._tag, "Left");
});
