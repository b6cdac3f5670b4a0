/**
 * The DNS message codec of netfsm's mDNS responder: reading a datagram the way AtomVM's
 * `mdns.erl` (libs/avm_network/src/mdns.erl) does, and writing the one answer it sends.
 *
 * Reading is total: any bytes give a value, never a throw. What AtomVM's parser refuses, this
 * refuses too (a header whose three Z bits are not 0, a label of 64 to 191 bytes' length, a
 * compression pointer past the message's end, a record that runs past it, bytes left after the
 * last record). Where AtomVM's work is unbounded this one stops: a name may hold at most
 * {@link MAX_LABELS} labels and follow at most {@link MAX_POINTERS} compression pointers (RFC 1035
 * §3.1 caps a name at 255 bytes, so no real name comes near), so a pointer loop is a Left where
 * AtomVM's recursion never ends.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";

/** Labels a name may hold here: a 255-byte name (RFC 1035 §3.1) has at most 127. */
export const MAX_LABELS = 127;
/** Compression pointers one name may follow: past this it is taken for a loop. */
export const MAX_POINTERS = 127;

/** A question: its name's labels (the bytes as sent), type, class and mDNS's QU bit. */
export interface DnsQuestion {
  readonly labels: readonly Uint8Array[];
  readonly type: number;
  /** The class without its top bit (RFC 6762 §5.4 makes that bit "unicast response wanted"). */
  readonly qclass: number;
  /** The QU bit: answer to the asker's address rather than to the group. */
  readonly unicast: boolean;
}

/** What the responder needs of a message; its records are read (to check them) and dropped. */
export interface DnsMessage {
  readonly id: number;
  /** QR: a response rather than a query. */
  readonly response: boolean;
  readonly opcode: number;
  readonly questions: readonly DnsQuestion[];
  /** How many answer, authority and additional records followed the questions. */
  readonly records: number;
}

/** Where reading stands: the next byte's offset. */
type Read<T> = Either<string, { readonly value: T; readonly next: number }>;

const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

/**
 * The name at `at`: its labels and the offset after it (after the first pointer, if it has one).
 * As AtomVM's parser: a zero byte ends it, `11` in the top bits is a pointer anywhere before the
 * message's end (forward too), a length under 64 is a label.
 */
function readName(bytes: Uint8Array, start: number): Read<readonly Uint8Array[]> {
  const labels: Uint8Array[] = [];
  let at = start;
  let after: number | undefined;
  let pointers = 0;
  for (;;) {
    if (at >= bytes.length) return left(`the name at byte ${start} runs past the message`);
    const length = bytes[at] ?? 0;
    if (length === 0) return right({ value: labels, next: after ?? at + 1 });
    if (length >= 0xc0) {
      if (at + 1 >= bytes.length) return left(`the pointer at byte ${at} is cut short`);
      const target = u16(bytes, at) & 0x3fff;
      if (target >= bytes.length) return left(`the pointer at byte ${at} points past the message`);
      if (++pointers > MAX_POINTERS) {
        return left(
          `the name at byte ${start} follows more than ${MAX_POINTERS} pointers (a loop)`,
        );
      }
      after ??= at + 2;
      at = target;
      continue;
    }
    if (length >= 64) return left(`the label at byte ${at} has a reserved length byte ${length}`);
    if (at + 1 + length > bytes.length) {
      return left(`the label at byte ${at} runs past the message`);
    }
    if (labels.length === MAX_LABELS) {
      return left(`the name at byte ${start} has more than ${MAX_LABELS} labels`);
    }
    labels.push(bytes.subarray(at + 1, at + 1 + length));
    at += 1 + length;
  }
}

function readQuestion(bytes: Uint8Array, at: number): Read<DnsQuestion> {
  const name = readName(bytes, at);
  if (name._tag === "Left") return name;
  const rest = name.right.next;
  if (rest + 4 > bytes.length) return left(`the question at byte ${at} is cut short`);
  const qclass = u16(bytes, rest + 2);
  return right({
    value: {
      labels: name.right.value,
      type: u16(bytes, rest),
      qclass: qclass & 0x7fff,
      unicast: (qclass & 0x8000) !== 0,
    },
    next: rest + 4,
  });
}

/** A resource record's end: name, type, class, TTL, RDLENGTH and that many bytes of RDATA. */
function skipRecord(bytes: Uint8Array, at: number): Read<undefined> {
  const name = readName(bytes, at);
  if (name._tag === "Left") return name;
  const rest = name.right.next;
  if (rest + 10 > bytes.length) return left(`the record at byte ${at} is cut short`);
  const end = rest + 10 + u16(bytes, rest + 8);
  if (end > bytes.length) return left(`the record at byte ${at} runs past the message`);
  return right({ value: undefined, next: end });
}

/**
 * Reads a datagram as AtomVM's responder does: the header, every question, every record, and
 * nothing after them. A Left says what is wrong and where; nothing here throws.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDnsMessage } from "./dns_message.ts";
 * const query = new Uint8Array([
 *   0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, // id 7, a standard query, one question
 *   3, 100, 101, 118, 5, 108, 111, 99, 97, 108, 0, // dev.local
 *   0, 1, 0x80, 1, // type A, class IN, QU
 * ]);
 * const parsed = parseDnsMessage(query);
 * assert.ok(parsed._tag === "Right");
 * assert.equal(parsed.right.questions[0]?.unicast, true);
 * assert.equal(parseDnsMessage(query.subarray(0, 20))._tag, "Left");
 * ```
 */
export function parseDnsMessage(bytes: Uint8Array): Either<string, DnsMessage> {
  if (bytes.length < 12) return left(`${bytes.length} bytes: shorter than a DNS header (12)`);
  const flags = u16(bytes, 2);
  // AtomVM's header pattern wants the three bits between RA and RCODE to be 0.
  if ((flags & 0x0070) !== 0) return left("the header's Z bits are not 0");
  const questions: DnsQuestion[] = [];
  let at = 12;
  for (let remaining = u16(bytes, 4); remaining > 0; remaining--) {
    const question = readQuestion(bytes, at);
    if (question._tag === "Left") return question;
    questions.push(question.right.value);
    at = question.right.next;
  }
  const records = u16(bytes, 6) + u16(bytes, 8) + u16(bytes, 10);
  for (let index = 0; index < records; index++) {
    const record = skipRecord(bytes, at);
    if (record._tag === "Left") return record;
    at = record.right.next;
  }
  if (at !== bytes.length) return left(`${bytes.length - at} bytes after the last record`);
  return right({
    id: u16(bytes, 0),
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    questions,
    records,
  });
}

/** What an A answer says. */
export interface ARecord {
  /** The responder's hostname, as configured: the answer's name is `<hostname>.local`. */
  readonly hostname: string;
  /** Seconds (1 to 2^31 - 1). */
  readonly ttl: number;
  /** The address's four bytes. */
  readonly address: readonly number[];
}

function writeName(out: number[], labels: readonly Uint8Array[]): void {
  for (const label of labels) out.push(label.length, ...label);
  out.push(0);
}

/**
 * The answer AtomVM's responder sends to `question` of the query `id`: the id echoed, QR=1,
 * opcode 0, AA=1, the question echoed uncompressed with its class's QU bit cleared (AtomVM
 * writes the 15-bit class), and one A record `<hostname>.local`, class IN (no cache-flush bit),
 * with `ttl` and the address.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildAnswer } from "./dns_message.ts";
 * const ask = { labels: [[100, 101, 118], [108, 111, 99, 97, 108]].map((l) => new Uint8Array(l)), type: 1, qclass: 1, unicast: true };
 * const answer = buildAnswer(7, ask, { hostname: "dev", ttl: 120, address: [10, 0, 0, 5] });
 * assert.deepEqual([...answer.subarray(0, 4)], [0, 7, 0x84, 0]);
 * assert.deepEqual([...answer.subarray(-4)], [10, 0, 0, 5]);
 * ```
 */
export function buildAnswer(id: number, question: DnsQuestion, record: ARecord): Uint8Array {
  const out = [id >> 8 & 0xff, id & 0xff, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0];
  writeName(out, question.labels);
  out.push(question.type >> 8 & 0xff, question.type & 0xff);
  out.push(question.qclass >> 8 & 0xff, question.qclass & 0xff);
  writeName(out, [new TextEncoder().encode(record.hostname), LOCAL]);
  const ttl = record.ttl >>> 0;
  out.push(0, 1, 0, 1, ttl >>> 24, ttl >> 16 & 0xff, ttl >> 8 & 0xff, ttl & 0xff, 0, 4);
  out.push(...record.address.slice(0, 4));
  return new Uint8Array(out);
}

/** `local`, the mDNS domain. */
const LOCAL = new TextEncoder().encode("local");

/** Whether two labels are equal with ASCII letters' case ignored (RFC 1035 §2.3.3). */
export function sameLabel(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const lower = (byte: number) => byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
  return a.every((byte, index) => lower(byte) === lower(b[index] ?? -1));
}

/** Whether `labels` is exactly `<hostname>.local`, case ignored. */
export function isLocalName(labels: readonly Uint8Array[], hostname: Uint8Array): boolean {
  const [host, domain] = labels;
  return labels.length === 2 && host !== undefined && domain !== undefined &&
    sameLabel(host, hostname) && sameLabel(domain, LOCAL);
}
