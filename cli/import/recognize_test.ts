import assert from "node:assert/strict";
import { linearityProblems } from "./linear_check.ts";
import { IMPORT_PATTERNS, READERS, recognize, timestampOf } from "./recognize.ts";

Deno.test("every pattern the importer uses is linear by construction", () => {
  assert.ok(IMPORT_PATTERNS.length >= 20);
  for (const pattern of IMPORT_PATTERNS) {
    assert.deepEqual(linearityProblems(pattern), [], String(pattern));
  }
});

/** A module's source beside this test: TypeScript here, the compiled JavaScript in the npm build. */
async function sourceOf(name: string): Promise<string> {
  try {
    return await Deno.readTextFile(new URL(`${name}.ts`, import.meta.url));
  } catch {
    return await Deno.readTextFile(new URL(`${name}.js`, import.meta.url));
  }
}

Deno.test("the importer makes no pattern but with dialect.ts's pattern(), which records it", async () => {
  const dialects = READERS.map((reader) => `dialects/${reader.dialect.replace("-", "_")}`);
  assert.ok(dialects.length >= 8);
  for (const name of ["recognize", "importer", "stamp", ...dialects]) {
    const source = await sourceOf(name);
    assert.doesNotMatch(source, /new RegExp|[=(,:]\s*\/(?![/*])(?:\\.|[^/\n])+\/[dgimsuvy]*/, name);
  }
});

const SIZES = [100_000, 1_000_000];

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

Deno.test("adversarial lines of 100 KB and 1 MB, one family per pattern, are read and refused", () => {
  for (const size of SIZES) {
    const families: [string, string][] = [
      ["connected with, repeated", fill("wifi:connected with ", size)],
      ["connected with, near misses", "wifi:connected with " + fill(", aid = 1, channel 1,", size)],
      [
        "connected with, no bssid",
        "wifi:connected with x, aid = 1, channel 6," + fill(" bssid", size),
      ],
      ["state, a long word", "wifi:state: " + fill("a", size)],
      ["state, no reason", "wifi:state: run -> init (" + fill("c8", size)],
      ["sta ip, repeated", fill("esp_netif_handlers: sta ip: 1.2.3.4, mask: ", size)],
      ["station join, no AID", "wifi:station: aa:bb:cc:dd:ee:ff join, AID = " + fill(" ", size)],
      ["station, MAC-like runs", "wifi:station: " + fill("aa:", size)],
      ["DHCP server, AP words", "DHCP server started on interface " + fill("AP", size)],
      ["DHCP assigned, repeated", fill("DHCP server assigned IP to a client, IP is: 1.", size)],
      ["mode, repeated", fill("wifi:mode : sta (", size)],
      ["network_driver, a long word", "network_driver: " + fill("W", size)],
      ["Arduino event, a long name", "_eventCallback(): Event: 1 - " + fill("A", size) + "!"],
      ["Arduino disconnected, repeated", fill("_arduino_event_cb(): STA Disconnected: ", size)],
      [
        "Arduino reason, near misses",
        "_arduino_event_cb(): STA Disconnected: " + fill("Reason: x", size),
      ],
      ["Arduino AP station", fill("_arduino_event_cb(): AP Station Connected: MAC: ", size)],
      ["ESP-AT, spaces", "[12:00:00.000]" + fill(" ", size) + "-> x"],
      ["ESP-AT, CIPSTA digits", "+CIPSTA:ip:" + fill("1", size)],
      ["ESP-AT, DIST_STA_IP", '+DIST_STA_IP:"aa:bb:cc:dd:ee:ff",' + fill('"', size)],
      ["timestamps, digits", "I (" + fill("1", size)],
      ["timestamps, spaces", "[" + fill(" ", size)],
      ["whitespace", fill(" \t", size) + "x"],
    ];
    for (const [family, line] of families) {
      assert.equal(recognize(line), null, `${family}, ${line.length} characters`);
    }
    assert.equal(timestampOf("I (" + fill("1", size)), undefined);
    assert.equal(timestampOf("[" + fill(" ", size)), undefined);
  }
});

Deno.test("a known line is still read after a long prefix, and a first mention decides", () => {
  const junk = "x".repeat(1_000_000);
  assert.deepEqual(recognize(`${junk} I (5) wifi:bcn_timeout`), {
    kind: "event",
    event: { type: "sta_beacon_timeout" },
    dialect: "esp-idf",
  });
  assert.deepEqual(
    recognize(
      "I (1) wifi:connected with a, aid = 9, b, aid = 1, channel 6, BW20, bssid = AA:bb:cc:dd:ee:ff",
    ),
    {
      kind: "event",
      event: {
        type: "sta_connected",
        ssid: "a, aid = 9, b",
        aid: 1,
        channel: 6,
        bssid: "aa:bb:cc:dd:ee:ff",
      },
      dialect: "esp-idf",
    },
    "an SSID may hold a comma",
  );
});

Deno.test("names that are members of the object prototype are not events", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    assert.equal(recognize(`I (5) network_driver: ${name} received.`), null, name);
    assert.equal(
      recognize(`[D][WiFiGeneric.cpp:1] _eventCallback(): Event: 7 - ${name}`),
      null,
      name,
    );
  }
  // +CWJAP:<code> answers a failed join: a disconnect, with a code ESP-AT does not document as
  // the generic reason, as the ESP-AT driver reads it.
  assert.deepEqual(recognize("+CWJAP:9"), {
    kind: "event",
    event: { type: "sta_disconnected", reason: 1 },
    dialect: "esp-at",
  });
});

Deno.test("every form recognize() reads, one line each", () => {
  const cases: [string, unknown][] = [
    ["I (1) wifi:state: run -> init (c800)", { type: "sta_disconnected", reason: 200 }],
    ["I (1) wifi:state: run -> init (0xc800)", { type: "sta_disconnected", reason: 200 }],
    ["I (1) wifi: state: auth -> init (0)", { type: "sta_disconnected" }],
    ["I (1) tcpip_adapter: sta ip: 10.0.0.2, mask: 255.0.0.0, gw: 10.0.0.1", {
      type: "sta_got_ip",
      ip: "10.0.0.2",
      netmask: "255.0.0.0",
      gw: "10.0.0.1",
    }],
    ["I (1) wifi:station: 3c:22:fb:01:02:03 join, AID=2", {
      type: "ap_sta_connected",
      mac: "3c:22:fb:01:02:03",
      aid: 2,
    }],
    ["I (1) wifi:station: 3c:22:fb:01:02:03 leave", {
      type: "ap_sta_disconnected",
      mac: "3c:22:fb:01:02:03",
    }],
    ["I (1) esp_netif_lwip: DHCP server assigned IP to a station, IP is: 192.168.4.2", {
      type: "ap_sta_ip_assigned",
      ip: "192.168.4.2",
    }],
    ["I (1) tcpip_adapter: softAP assign IP to station,IP is: 192.168.4.3", {
      type: "ap_sta_ip_assigned",
      ip: "192.168.4.3",
    }],
    ["I (1) esp_netif_lwip: DHCP server started on interface WIFI_AP_DEF with IP: 192.168.4.1", {
      type: "ap_started",
    }],
    ["I (1) network_driver: WIFI_EVENT_STA_CONNECTED received.", { type: "sta_connected" }],
    ["[D][WiFiGeneric.cpp:1] _eventCallback(): Arduino Event: 5 - STA_DISCONNECTED", {
      type: "sta_disconnected",
    }],
    [
      "[V][WiFiGeneric.cpp:1] _arduino_event_cb(): STA Disconnected: SSID: x, BSSID: y, Reason: 201",
      {
        type: "sta_disconnected",
        reason: 201,
      },
    ],
    ["[V][WiFiGeneric.cpp:1] _arduino_event_cb(): STA IP: 1.2.3.4, MASK: 255.0.0.0, GW: 1.2.3.1", {
      type: "sta_got_ip",
      ip: "1.2.3.4",
      netmask: "255.0.0.0",
      gw: "1.2.3.1",
    }],
    [
      "[V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Station Disconnected: MAC: AA:BB:CC:DD:EE:FF",
      {
        type: "ap_sta_disconnected",
        mac: "aa:bb:cc:dd:ee:ff",
      },
    ],
    ["[12:00:00.123] -> WIFI CONNECTED", { type: "sta_connected" }],
    ['+DIST_STA_IP:"3c:22:fb:01:02:03","192.168.4.2"', {
      type: "ap_sta_ip_assigned",
      mac: "3c:22:fb:01:02:03",
      ip: "192.168.4.2",
    }],
    ["+STA_DISCONNECTED: 3c:22:fb:01:02:03", {
      type: "ap_sta_disconnected",
      mac: "3c:22:fb:01:02:03",
    }],
  ];
  for (const [line, event] of cases) {
    const said = recognize(line);
    assert.deepEqual(said?.kind === "event" && said.event, event, line);
  }
  assert.deepEqual(
    recognize("I (1) wifi:mode : sta (24:0a:c4:12:34:56) + softAP (24:0a:c4:12:34:57)"),
    {
      kind: "mode",
      sta: "24:0a:c4:12:34:56",
      ap: "24:0a:c4:12:34:57",
      dialect: "esp-idf",
    },
  );
  assert.deepEqual(recognize("I (1) wifi:mode : softAP (24:0a:c4:12:34:57)"), {
    kind: "mode",
    ap: "24:0a:c4:12:34:57",
    dialect: "esp-idf",
  });
  assert.deepEqual(recognize('+CIPSTA:gateway:"192.168.3.1"'), {
    kind: "detail",
    of: "sta_got_ip",
    fields: { gw: "192.168.3.1" },
    dialect: "esp-at",
  });
  assert.deepEqual(
    recognize("[D][WiFiGeneric.cpp:1] _eventCallback(): Reason: 204 - HANDSHAKE_TIMEOUT"),
    {
      kind: "detail",
      of: "sta_disconnected",
      fields: { reason: 204 },
      dialect: "arduino",
    },
  );
  assert.equal(timestampOf("\x1b[0;32mI (3180) wifi:x"), 3180);
  assert.equal(timestampOf("[  1234][D][x.cpp:1] y"), 1234);
  assert.equal(timestampOf("[01:02:03.456] WIFI CONNECTED"), 3_723_456);
});
