/**
 * The codec against queries written byte by byte (_dns_query.ts): what it reads, what it
 * refuses as AtomVM's parser does, the bounds on hostile names, and the answer it writes.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildAnswer,
  isLocalName,
  MAX_LABELS,
  MAX_POINTERS,
  parseDnsMessage,
  sameLabel,
} from "./dns_message.ts";
import { query, readAnswer } from "./_dns_query.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (label: Uint8Array) => new TextDecoder().decode(label);
/** A question's type A and class IN. */
const A_IN = [0, 1, 0, 1];

Deno.test("dns: a query's header, question and QU bit are read", () => {
  const parsed = parseDnsMessage(query([{ name: ["Dev", "LOCAL"], qu: true }], { id: 0xbeef }));
  assert.ok(parsed._tag === "Right", JSON.stringify(parsed));
  const { id, response, opcode, questions, records } = parsed.right;
  assert.deepEqual({ id, response, opcode, records }, {
    id: 0xbeef,
    response: false,
    opcode: 0,
    records: 0,
  });
  assert.deepEqual(questions.map((q) => [q.labels.map(text), q.type, q.qclass, q.unicast]), [
    [["Dev", "LOCAL"], 1, 1, true],
  ]);
});

Deno.test("dns: QR, opcode and known-answer records are read; records must be whole", () => {
  const record = [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 120, 0, 4, 10, 0, 0, 5]; // dev.local A, by pointer
  const withRecord = query([{ name: ["dev", "local"] }], { counts: [1, 0, 0], tail: record });
  const parsed = parseDnsMessage(withRecord);
  assert.ok(parsed._tag === "Right", JSON.stringify(parsed));
  assert.equal(parsed.right.records, 1);
  const asResponse = parseDnsMessage(query([{ name: ["dev", "local"] }], { flags: 0x8400 }));
  assert.ok(asResponse._tag === "Right" && asResponse.right.response);
  const notify = parseDnsMessage(query([{ name: ["dev", "local"] }], { flags: 4 << 11 }));
  assert.ok(notify._tag === "Right" && notify.right.opcode === 4);
  const cut = withRecord.subarray(0, withRecord.length - 1);
  assert.match(JSON.stringify(parseDnsMessage(cut)), /record at byte 27 runs past the message/);
  const promised = query([{ name: ["dev", "local"] }], { counts: [0, 0, 1] });
  assert.match(JSON.stringify(parseDnsMessage(promised)), /the name at byte 27 runs past/);
});

Deno.test("dns: what AtomVM's parser refuses is refused, saying what", () => {
  const dev = [{ name: ["dev", "local"] }];
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(11), /11 bytes: shorter than a DNS header/],
    [query(dev, { flags: 0x0010 }), /Z bits are not 0/], // the CD bit, to AtomVM a Z bit
    [query(dev, { flags: 0x0020 }), /Z bits are not 0/], // AD
    [query(dev, { tail: [0] }), /1 bytes after the last record/],
    [query(dev).subarray(0, 25), /question at byte 12 is cut short/],
    [query([{ name: ["x".repeat(63)] }]).map((b, i) => i === 12 ? 64 : b), /reserved length/],
    [new Uint8Array([...query([]).subarray(0, 5), 1, 0, 0, 0, 0, 0, 0, 0xc0]), /cut short/],
    [new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 99, 0, 1, 0, 1]), /points past/],
  ];
  for (const [message, reason] of cases) {
    const parsed = parseDnsMessage(message);
    assert.equal(parsed._tag, "Left", `${[...message]}`);
    assert.match(JSON.stringify(parsed), reason);
  }
});

Deno.test("dns: compression pointers are followed anywhere in the message, forward too", () => {
  // Question 1 is "dev" then a pointer forward to question 2, "local" (at byte 22).
  const header = [0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0];
  const first = [3, ...bytes("dev"), 0xc0, 22, ...A_IN];
  const message = new Uint8Array([...header, ...first, 5, ...bytes("local"), 0, ...A_IN]);
  const parsed = parseDnsMessage(message);
  assert.ok(parsed._tag === "Right", JSON.stringify(parsed));
  assert.deepEqual(parsed.right.questions.map((q) => q.labels.map(text)), [
    ["dev", "local"],
    ["local"],
  ]);
});

/**
 * A query for the root whose one additional record's name is a pointer to the last of `hops`
 * pointers in an answer's RDATA, each to the one before, the first to the root at byte 12: a
 * name that follows `hops + 1` pointers, no loop.
 */
function chain(hops: number): Uint8Array {
  const out = [0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]; // question: root, A IN
  out.push(0, 0, 1, 0, 1, 0, 0, 0, 0, ...[hops * 2 >> 8, hops * 2 & 0xff]); // answer: RDATA
  const first = out.length;
  const pointer = (to: number) => out.push(0xc0 | to >> 8, to & 0xff);
  for (let hop = 0; hop < hops; hop++) pointer(hop === 0 ? 12 : first + 2 * (hop - 1));
  pointer(first + 2 * (hops - 1));
  out.push(0, 1, 0, 1, 0, 0, 0, 0, 0, 0);
  return new Uint8Array(out);
}

Deno.test("dns: a pointer loop, a long pointer chain and too many labels are Lefts, at once", () => {
  const header = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
  const loop = new Uint8Array([...header, 0xc0, 12, 0, 1, 0, 1]);
  assert.match(JSON.stringify(parseDnsMessage(loop)), /more than 127 pointers \(a loop\)/);
  // "a" then a pointer to "b", which points back to "a": labels without end.
  const twoStep = new Uint8Array([...header, 1, 97, 0xc0, 16, 1, 98, 0xc0, 12, 0, 1, 0, 1]);
  assert.match(JSON.stringify(parseDnsMessage(twoStep)), /more than 127 labels/);
  assert.equal(parseDnsMessage(chain(MAX_POINTERS - 1))._tag, "Right", "127 pointers");
  assert.match(JSON.stringify(parseDnsMessage(chain(MAX_POINTERS))), /more than 127 pointers/);
  const labels = Array.from({ length: MAX_LABELS + 1 }, () => "a");
  assert.match(JSON.stringify(parseDnsMessage(query([{ name: labels }]))), /more than 127/);
  assert.equal(parseDnsMessage(query([{ name: labels.slice(1) }]))._tag, "Right");
});

Deno.test("dns: the answer is AtomVM's: id, QR AA, the question without QU, one A record", () => {
  const parsed = parseDnsMessage(query([{ name: ["Dev", "LOCAL"], qu: true }], { id: 77 }));
  assert.ok(parsed._tag === "Right");
  const question = parsed.right.questions[0];
  assert.ok(question !== undefined);
  const record = { hostname: "dev", ttl: 2_147_483_647, address: [192, 0, 2, 7] };
  const answer = readAnswer(buildAnswer(77, question, record));
  assert.deepEqual(answer, {
    id: 77,
    flags: 0x8400,
    counts: [1, 1, 0, 0],
    question: { name: ["Dev", "LOCAL"], type: 1, qclass: 1 },
    record: {
      name: ["dev", "local"],
      type: 1,
      rclass: 1,
      ttl: 2_147_483_647,
      address: "192.0.2.7",
    },
    extra: 0,
  });
  // The answer reads back as a response with its question and one record.
  const again = parseDnsMessage(buildAnswer(77, question, record));
  assert.ok(again._tag === "Right");
  assert.deepEqual([again.right.response, again.right.records], [true, 1]);
});

Deno.test("dns: names compare with ASCII case ignored, and only as exactly two labels", () => {
  assert.ok(sameLabel(bytes("Dev-1"), bytes("dEV-1")));
  assert.ok(!sameLabel(bytes("dev"), bytes("dew")));
  assert.ok(!sameLabel(bytes("@"), bytes("`")), "0x40 and 0x60 are not letters");
  assert.ok(!sameLabel(new Uint8Array([0xc0]), new Uint8Array([0xe0])), "ASCII only");
  assert.ok(isLocalName([bytes("DEV"), bytes("Local")], bytes("dev")));
  assert.ok(!isLocalName([bytes("dev")], bytes("dev")));
  assert.ok(!isLocalName([bytes("dev"), bytes("local"), bytes("")], bytes("dev")));
  assert.ok(!isLocalName([bytes("dev"), bytes("lan")], bytes("dev")));
});

Deno.test("dns: property: any bytes give a value, never a throw", () => {
  const header = fc.uint8Array({ minLength: 12, maxLength: 12 });
  const nearQuery = fc.tuple(header, fc.uint8Array({ maxLength: 300 })).map(([h, rest]) =>
    new Uint8Array([...h.subarray(0, 4), 0, (h[5] ?? 0) & 3, 0, 0, 0, 0, 0, 0, ...rest])
  );
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), nearQuery), (message) => {
      const parsed = parseDnsMessage(message);
      assert.ok(parsed._tag === "Left" || parsed._tag === "Right");
      if (parsed._tag === "Right") {
        assert.ok(parsed.right.questions.length * 5 <= message.length, "each question is read");
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("dns: property: a well-formed query reads back as written", () => {
  const label = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_"), minLength: 1, maxLength: 63 });
  const question = fc.record({
    name: fc.array(label, { maxLength: 4 }),
    type: fc.integer({ min: 0, max: 0xffff }),
    qclass: fc.integer({ min: 0, max: 0x7fff }),
    qu: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(question, { maxLength: 5 }), (
      id,
      questions,
    ) => {
      const parsed = parseDnsMessage(query(questions, { id }));
      assert.ok(parsed._tag === "Right", JSON.stringify(parsed));
      assert.equal(parsed.right.id, id);
      assert.deepEqual(
        parsed.right.questions.map((q) => [q.labels.map(text), q.type, q.qclass, q.unicast]),
        questions.map((q) => [q.name, q.type, q.qclass, q.qu]),
      );
    }),
  );
});
