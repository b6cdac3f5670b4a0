/**
 * The SNTP client against a tiny NTP server on 127.0.0.1: the time is the server's, a server
 * that does not answer at first is retried with backoff, and a stopped client sends nothing.
 */
import assert from "node:assert/strict";
import { realClock } from "../clock.ts";
import { querySntp, readSntpAnswer, SntpClient, type SntpTime } from "./sntp_client.ts";
import { ntpServer } from "./_ntp_server.ts";

const TIME = { sec: 1_795_000_123, usec: 250_000 };

Deno.test("sntp: one exchange reads the server's transmit timestamp", async () => {
  const server = await ntpServer(TIME);
  try {
    const time = await querySntp("127.0.0.1", server.port, 2000);
    assert.ok(time._tag === "Right", JSON.stringify(time));
    assert.equal(time.right.sec, TIME.sec);
    assert.ok(Math.abs(time.right.usec - TIME.usec) <= 1, `usec ${time.right.usec}`);
  } finally {
    await server.close();
  }
});

Deno.test("sntp: a server that does not answer is a Left naming it, within the wait", async () => {
  const server = await ntpServer(TIME, { ignore: 1 });
  try {
    const time = await querySntp("127.0.0.1", server.port, 200);
    assert.deepEqual(time, {
      _tag: "Left",
      left: `no answer from 127.0.0.1:${server.port} within 200 ms`,
    });
  } finally {
    await server.close();
  }
});

Deno.test("sntp: answers that cannot be used are refused, saying why", () => {
  const nonce = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const answer = new Uint8Array(48);
  answer[0] = 0x24;
  answer[1] = 0;
  answer.set(new TextEncoder().encode("RATE"), 12);
  assert.match(JSON.stringify(readSntpAnswer(answer, nonce)), /kiss-o'-death \\"RATE\\"/);
  answer[1] = 2;
  assert.match(JSON.stringify(readSntpAnswer(answer, nonce)), /not to our request/);
  answer.set(nonce, 24);
  assert.match(JSON.stringify(readSntpAnswer(answer, nonce)), /carries no time/);
  answer[0] = 0x23;
  assert.match(JSON.stringify(readSntpAnswer(answer, nonce)), /not a server's \(mode 3\)/);
  assert.match(JSON.stringify(readSntpAnswer(answer.subarray(0, 40), nonce)), /40 bytes/);
});

Deno.test("sntp: the client retries with backoff until the server answers, then reports its time", async () => {
  const server = await ntpServer(TIME, { ignore: 2 });
  const synced: SntpTime[] = [];
  const notices: string[] = [];
  const client = new SntpClient({
    clock: realClock(),
    port: server.port,
    attemptMs: 100,
    retryMs: 50,
    onSync: (time) => synced.push(time),
    notice: (message) => notices.push(message),
  });
  try {
    const started = Date.now();
    client.start("127.0.0.1");
    while (synced.length === 0 && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(synced.length, 1);
    assert.equal(synced[0]?.sec, TIME.sec);
    assert.equal(server.requests(), 3, "two unanswered, the third answered");
    // Two waits of 100 ms for an answer, then 50 and 100 ms: the second wait twice the first.
    assert.ok(Date.now() - started >= 340, `took ${Date.now() - started} ms`);
    assert.equal(notices.length, 1, "told of the first failure only");
    assert.match(
      notices[0] ?? "",
      /^SNTP: no answer from 127\.0\.0\.1:\d+ within 100 ms; retrying/,
    );
  } finally {
    client.stop();
    await server.close();
  }
});
