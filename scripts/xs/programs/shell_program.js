/**
 * XS test program: the shell (`globalThis.netfsm.Shell`) on XS with a `VirtualClock` and a
 * hand-driven driver, as drivers/shell_test.ts drives it on Deno: commands reach the driver in
 * order, callbacks run in their events' order, the psk reaches the driver but no diagnostic, and
 * the virtual clock fires the retry. `Shell.idle` waits a turn of the event loop with
 * `setTimeout(f, 0)`, which xsnap lacks: it is given one over xsnap's `setImmediate`, as an XS
 * application gives one over Moddable's `Timer`. Prints one line per failure, then
 * `N passed, N failed`.
 */
(() => {
  const { Shell } = globalThis.netfsm;
  const { VirtualClock } = globalThis.netfsmTrace;
  const print = globalThis.print;
  globalThis.setTimeout ??= (f, _ms, ...args) => {
    globalThis.setImmediate(() => f(...args));
    return 0;
  };
  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail) => {
    if (ok) passed++;
    else {
      failed++;
      print(`FAIL ${name}: ${JSON.stringify(detail)}`);
    }
  };

  const received = [];
  let listener;
  const driver = {
    capabilities: {
      name: "xs-test",
      device: { mac: "24:0a:c4:12:34:56" },
      modes: ["sta", "ap", "apsta"],
      reasons: true,
    },
    events: {
      subscribe(f) {
        listener = f;
        return () => (listener = undefined);
      },
    },
    apply(command) {
      received.push(command);
      return Promise.resolve({ _tag: "Right", right: undefined });
    },
    close: () => Promise.resolve(),
  };
  const calls = [];
  const diagnostics = [];
  const clock = new VirtualClock();
  const shell = new Shell({
    driver,
    clock,
    config: { sta: { ssid: "home", psk: "secret12", connected: true, got_ip: true } },
    handlers: {
      connected: () => calls.push("connected"),
      got_ip: (ip) => calls.push(`got_ip ${ip.ip}`),
    },
    onDiagnostic: (d) => diagnostics.push(d),
  });

  (async () => {
    try {
      check("start replies ok", shell.request({ type: "start" }) === "ok", shell.state.sta);
      listener({ type: "sta_disconnected", reason: 201 });
      await shell.idle();
      const retryAt = clock.next();
      check("a retry timer is set", typeof retryAt === "number", retryAt);
      await clock.runUntil(retryAt);
      await shell.idle();
      listener({ type: "sta_connected" });
      listener({
        type: "sta_got_ip",
        ip: "192.168.1.20",
        netmask: "255.255.255.0",
        gw: "192.168.1.1",
      });
      await shell.idle();
      check("connected", shell.state.sta === "connected", shell.state.sta);
      const names = received.map((c) => c.command);
      check("commands in order", names.join() === "start_wifi,connect_sta,connect_sta", names);
      check("the driver gets the psk", received[1]?.psk === "secret12", received[1]);
      check("callbacks in order", calls.join() === "connected,got_ip 192.168.1.20", calls);
      check(
        "no psk in diagnostics",
        !JSON.stringify(diagnostics).includes("secret12"),
        diagnostics,
      );
      await shell.close();
      check("closed", true);
    } catch (error) {
      failed++;
      print(`FAIL ${error}`);
    }
    print(`${passed} passed, ${failed} failed`);
  })();
})();
