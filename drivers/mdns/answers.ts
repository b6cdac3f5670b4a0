/**
 * What netfsm's mDNS responder sends in reply to one datagram, decided without a socket, as
 * AtomVM's `mdns.erl` decides it: nothing for its own datagrams, for anything that is not a
 * well-formed standard query, or for a question other than `A IN <hostname>.local`; otherwise
 * one answer per such question, to the asker when its QU bit is set, else to the group.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { type ARecord, buildAnswer, isLocalName, parseDnsMessage } from "./dns_message.ts";

/** DNS's A type and IN class. */
const TYPE_A = 1;
const CLASS_IN = 1;

/** A UDP endpoint. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** One datagram to send: to the asker (`unicast`) or to the mDNS group. */
export interface Reply {
  readonly bytes: Uint8Array;
  readonly unicast: boolean;
}

/** What the responder answers for, as `start_mdns` gives it. */
export interface MdnsIdentity {
  readonly hostname: string;
  readonly ttl: number;
  /** The station's dotted IPv4 address: the answer, and the responder's own address. */
  readonly ip: string;
}

/**
 * The identity checked (hostname 1 to 63 letters, digits and hyphens; ttl a whole number of
 * seconds, 1 to 2^31 - 1; ip dotted IPv4), as the record it answers with; a Left says which
 * part is wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkIdentity } from "./answers.ts";
 * const checked = checkIdentity({ hostname: "dev", ttl: 900, ip: "10.0.0.5" });
 * assert.deepEqual(checked, { _tag: "Right", right: { hostname: "dev", ttl: 900, address: [10, 0, 0, 5] } });
 * assert.equal(checkIdentity({ hostname: "dev.x", ttl: 900, ip: "10.0.0.5" })._tag, "Left");
 * ```
 */
export function checkIdentity(identity: MdnsIdentity): Either<string, ARecord> {
  const { hostname, ttl, ip } = identity;
  if (!/^[A-Za-z0-9-]{1,63}$/.test(hostname)) {
    return left(`mDNS hostname ${JSON.stringify(hostname)}: 1 to 63 letters, digits, hyphens`);
  }
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 2_147_483_647) {
    return left(`mDNS ttl ${ttl}: a whole number of seconds, 1 to 2147483647`);
  }
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip)?.slice(1).map(Number);
  if (parts === undefined || parts.some((part) => part > 255)) {
    return left(`mDNS address ${JSON.stringify(ip)}: not a dotted IPv4 address`);
  }
  return right({ hostname, ttl, address: parts });
}

/**
 * The replies to `datagram` from `from`, for a responder at `self` (its address and bound port;
 * AtomVM ignores datagrams from exactly that, its own multicast looped back). Never throws.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { repliesTo } from "./answers.ts";
 * const query = new Uint8Array([
 *   0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
 *   3, 68, 69, 86, 5, 76, 79, 67, 65, 76, 0, // DEV.LOCAL
 *   0, 1, 0, 1, // A, IN, no QU: to the group
 * ]);
 * const record = { hostname: "dev", ttl: 900, address: [10, 0, 0, 5] };
 * const self = { address: "10.0.0.5", port: 5353 };
 * const replies = repliesTo(query, { address: "10.0.0.9", port: 5353 }, self, record);
 * assert.equal(replies.length, 1);
 * assert.equal(replies[0]?.unicast, false);
 * assert.deepEqual(repliesTo(query, self, self, record), []);
 * ```
 */
export function repliesTo(
  datagram: Uint8Array,
  from: Endpoint,
  self: Endpoint,
  record: ARecord,
): Reply[] {
  if (from.address === self.address && from.port === self.port) return [];
  const parsed = parseDnsMessage(datagram);
  if (parsed._tag === "Left") return [];
  const message = parsed.right;
  if (message.response || message.opcode !== 0) return [];
  const hostname = new TextEncoder().encode(record.hostname);
  return message.questions
    .filter((question) =>
      question.type === TYPE_A && question.qclass === CLASS_IN &&
      isLocalName(question.labels, hostname)
    )
    .map((question) => ({
      bytes: buildAnswer(message.id, question, record),
      unicast: question.unicast,
    }));
}
