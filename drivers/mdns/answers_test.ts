/**
 * The responder's decisions, without a socket: which datagrams get an answer, which answer, and
 * where it goes, as AtomVM's mdns.erl decides; properties over arbitrary bytes and queries.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkIdentity, repliesTo } from "./answers.ts";
import { type AskedQuestion, query, readAnswer } from "./_dns_query.ts";

const RECORD = { hostname: "dev", ttl: 900, address: [10, 0, 0, 5] };
const SELF = { address: "10.0.0.5", port: 5353 };
const ASKER = { address: "10.0.0.9", port: 40000 };

const replies = (questions: readonly AskedQuestion[], header = {}) =>
  repliesTo(query(questions, header), ASKER, SELF, RECORD);

Deno.test("answers: a query for Dev.LOCAL gets hostname dev's A record, to the group", () => {
  const [reply, ...more] = replies([{ name: ["Dev", "LOCAL"] }], { id: 4242 });
  assert.equal(more.length, 0);
  assert.ok(reply !== undefined);
  assert.equal(reply.unicast, false);
  const answer = readAnswer(reply.bytes);
  assert.equal(answer.id, 4242);
  assert.deepEqual(answer.question, { name: ["Dev", "LOCAL"], type: 1, qclass: 1 });
  assert.deepEqual(answer.record, {
    name: ["dev", "local"],
    type: 1,
    rclass: 1,
    ttl: 900,
    address: "10.0.0.5",
  });
});

Deno.test("answers: each matching question is answered apart, QU deciding its destination", () => {
  const got = replies([
    { name: ["dev", "local"], qu: true },
    { name: ["other", "local"] },
    { name: ["DEV", "local"] },
  ]);
  assert.deepEqual(got.map((r) => [r.unicast, readAnswer(r.bytes).question.name[0]]), [
    [true, "dev"],
    [false, "DEV"],
  ]);
});

Deno.test("answers: other types, classes and names, responses, other opcodes: nothing", () => {
  const none: [string, Uint8Array][] = [
    ["AAAA", query([{ name: ["dev", "local"], type: 28 }])],
    ["ANY", query([{ name: ["dev", "local"], type: 255 }])],
    ["class ANY", query([{ name: ["dev", "local"], qclass: 255 }])],
    ["class CH", query([{ name: ["dev", "local"], qclass: 3 }])],
    ["another host", query([{ name: ["devx", "local"] }])],
    ["another domain", query([{ name: ["dev", "lan"] }])],
    ["one label", query([{ name: ["dev"] }])],
    ["three labels", query([{ name: ["dev", "local", "x"] }])],
    ["a subdomain", query([{ name: ["a", "dev", "local"] }])],
    ["a response", query([{ name: ["dev", "local"] }], { flags: 0x8400 })],
    ["opcode 1", query([{ name: ["dev", "local"] }], { flags: 1 << 11 })],
    ["opcode 2", query([{ name: ["dev", "local"] }], { flags: 2 << 11 })],
    ["a Z bit", query([{ name: ["dev", "local"] }], { flags: 0x0040 })],
    ["garbage after it", query([{ name: ["dev", "local"] }], { tail: [1, 2, 3] })],
    ["truncated", query([{ name: ["dev", "local"] }]).subarray(0, 20)],
    ["empty", new Uint8Array()],
  ];
  for (const [what, datagram] of none) {
    assert.deepEqual(repliesTo(datagram, ASKER, SELF, RECORD), [], what);
  }
  // Still a standard query: the TC, RD, AA bits and an RCODE do not matter to AtomVM.
  assert.equal(replies([{ name: ["dev", "local"] }], { flags: 0x0700 | 0x0003 }).length, 1);
});

Deno.test("answers: a datagram from the responder's own address and port is ignored", () => {
  const datagram = query([{ name: ["dev", "local"] }]);
  assert.deepEqual(repliesTo(datagram, SELF, SELF, RECORD), []);
  assert.equal(repliesTo(datagram, { ...SELF, port: 5354 }, SELF, RECORD).length, 1);
  assert.equal(repliesTo(datagram, { ...SELF, address: "10.0.0.6" }, SELF, RECORD).length, 1);
});

Deno.test("answers: the identity is checked before any socket", () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ hostname: "" }, /hostname "": 1 to 63/],
    [{ hostname: "a".repeat(64) }, /hostname/],
    [{ hostname: "dev.local" }, /hostname/],
    [{ ttl: 0 }, /ttl 0: a whole number of seconds, 1 to 2147483647/],
    [{ ttl: 2 ** 31 }, /ttl/],
    [{ ttl: 1.5 }, /ttl/],
    [{ ip: "10.0.0.256" }, /address "10.0.0.256": not a dotted IPv4 address/],
    [{ ip: "::1" }, /address/],
  ];
  for (const [change, reason] of bad) {
    const identity = { hostname: "dev", ttl: 900, ip: "10.0.0.5", ...change };
    const checked = checkIdentity(identity as never);
    assert.ok(checked._tag === "Left", JSON.stringify(change));
    assert.match(checked.left, reason);
  }
  assert.equal(
    checkIdentity({ hostname: "a".repeat(63), ttl: 2 ** 31 - 1, ip: "0.0.0.0" })._tag,
    "Right",
  );
});

Deno.test("answers: property: arbitrary bytes never throw, and any answer is a whole A record", () => {
  const aroundQuery = fc.tuple(fc.nat(40), fc.uint8Array({ maxLength: 8 }), fc.nat()).map(
    ([cut, noise, at]) => {
      const base = query([{ name: ["dev", "local"] }]);
      const out = new Uint8Array([...base.subarray(0, Math.max(0, base.length - cut)), ...noise]);
      if (out.length > 0) out[at % out.length] = (out[at % out.length] ?? 0) ^ 0xff;
      return out;
    },
  );
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), aroundQuery), (datagram) => {
      for (const reply of repliesTo(datagram, ASKER, SELF, RECORD)) {
        const answer = readAnswer(reply.bytes);
        assert.deepEqual(answer.record.address, "10.0.0.5");
        assert.equal(answer.extra, 0);
      }
    }),
    { numRuns: 3000 },
  );
});

Deno.test("answers: property: a well-formed query is answered exactly when it asks A IN dev.local", () => {
  const label = fc.oneof(
    fc.constantFrom("dev", "DEV", "Dev", "local", "LOCAL", "dev1", "de", ""),
    fc.string({ unit: fc.constantFrom(..."devlocaDEVLOCA-1"), minLength: 1, maxLength: 8 }),
  );
  const question = fc.record({
    name: fc.array(label, { maxLength: 3 }),
    type: fc.constantFrom(1, 28, 255, 12),
    qclass: fc.constantFrom(1, 255, 3),
    qu: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(question, { maxLength: 4 }), fc.nat(0xffff), (questions, id) => {
      // An empty label ends a name early: not a well-formed query of these labels.
      fc.pre(questions.every((q) => q.name.every((l) => l !== "")));
      const asks = questions.filter((q) =>
        q.type === 1 && q.qclass === 1 && q.name.length === 2 &&
        q.name[0]?.toLowerCase() === "dev" && q.name[1]?.toLowerCase() === "local"
      );
      const got = repliesTo(query(questions, { id }), ASKER, SELF, RECORD);
      assert.deepEqual(got.map((r) => r.unicast), asks.map((q) => q.qu));
      assert.deepEqual(got.map((r) => readAnswer(r.bytes).question.name), asks.map((q) => q.name));
      assert.ok(got.every((r) => readAnswer(r.bytes).id === id));
    }),
  );
});
