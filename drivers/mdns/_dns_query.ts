/**
 * For the tests: DNS queries written byte by byte (independently of dns_message.ts's writer),
 * and an A answer read back field by field, so a test says what went over the wire.
 *
 * @module
 */

/** One question of a query. */
export interface AskedQuestion {
  /** The name's labels, `["Dev", "LOCAL"]`. */
  readonly name: readonly string[];
  readonly type?: number;
  readonly qclass?: number;
  /** The QU bit (top bit of the class). */
  readonly qu?: boolean;
}

/** What a query's header holds beyond its questions. */
export interface QueryHeader {
  readonly id?: number;
  /** The 16 flag bits (0: a standard query). */
  readonly flags?: number;
  /** Bytes appended after the questions (records, or garbage). */
  readonly tail?: readonly number[];
  /** ANCOUNT, NSCOUNT, ARCOUNT. */
  readonly counts?: readonly [number, number, number];
}

const pair = (value: number) => [value >> 8 & 0xff, value & 0xff];

/** A DNS message with `questions`, uncompressed. */
export function query(questions: readonly AskedQuestion[], header: QueryHeader = {}): Uint8Array {
  const [an, ns, ar] = header.counts ?? [0, 0, 0];
  const out = [
    ...pair(header.id ?? 0),
    ...pair(header.flags ?? 0),
    ...pair(questions.length),
    ...pair(an),
    ...pair(ns),
    ...pair(ar),
  ];
  for (const question of questions) {
    for (const label of question.name) {
      const bytes = new TextEncoder().encode(label);
      out.push(bytes.length, ...bytes);
    }
    out.push(0, ...pair(question.type ?? 1));
    out.push(...pair((question.qclass ?? 1) | (question.qu === true ? 0x8000 : 0)));
  }
  out.push(...(header.tail ?? []));
  return new Uint8Array(out);
}

/** An A answer as AtomVM's responder writes it, read back. */
export interface ReadAnswer {
  readonly id: number;
  readonly flags: number;
  readonly counts: readonly number[];
  readonly question: { readonly name: string[]; readonly type: number; readonly qclass: number };
  readonly record: {
    readonly name: string[];
    readonly type: number;
    readonly rclass: number;
    readonly ttl: number;
    readonly address: string;
  };
  /** Bytes after the record (none, in a well-formed answer). */
  readonly extra: number;
}

/** Reads an answer of one question and one uncompressed A record; throws if it is not one. */
export function readAnswer(bytes: Uint8Array): ReadAnswer {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 12;
  const name = () => {
    const labels: string[] = [];
    for (let length = data.getUint8(at); length !== 0; length = data.getUint8(at)) {
      if (length >= 64) throw new Error(`a compressed or reserved label at ${at}`);
      labels.push(new TextDecoder().decode(bytes.subarray(at + 1, at + 1 + length)));
      at += 1 + length;
    }
    at += 1;
    return labels;
  };
  const questionName = name();
  const question = {
    name: questionName,
    type: data.getUint16(at),
    qclass: data.getUint16(at + 2),
  };
  at += 4;
  const recordName = name();
  const length = data.getUint16(at + 8);
  const record = {
    name: recordName,
    type: data.getUint16(at),
    rclass: data.getUint16(at + 2),
    ttl: data.getUint32(at + 4),
    address: [...bytes.subarray(at + 10, at + 10 + length)].join("."),
  };
  at += 10 + length;
  return {
    id: data.getUint16(0),
    flags: data.getUint16(2),
    counts: [4, 6, 8, 10].map((offset) => data.getUint16(offset)),
    question,
    record,
    extra: bytes.length - at,
  };
}
