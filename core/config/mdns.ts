/**
 * The `mdns` section of AtomVM's newest: `{hostname, ttl}`, the keys its code reads. Its type
 * spec's `host` is refused with that explanation: with it, AtomVM's responder silently never
 * starts.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either.js";
import { isRecord } from "../json.ts";
import { boundedText, integerIn, type KeyHomes, strictSection } from "./codecs.ts";

/** mDNS (AtomVM's newest): answer for `<hostname>.local` on the station's address. */
export interface MdnsSection {
  readonly hostname?: string;
  /** Seconds; AtomVM's responder defaults to 900. */
  readonly ttl?: number;
}

type Codec<A> = t.Type<A, unknown, unknown>;

// A DNS label as RFC 1123 has host names: every mDNS responder netfsm drives accepts it.
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

const mdnsHostname: Codec<string> = new t.Type<string, unknown, unknown>(
  "hostname",
  (u): u is string => typeof u === "string" && LABEL.test(u),
  (u, c) => {
    const text = boundedText(1, 63, "(one DNS label)").validate(u, c);
    if (isLeft(text) || LABEL.test(text.right)) return text;
    const hint = text.right.includes(".")
      ? "a single label without dots: the responder answers for <hostname>.local"
      : "letters, digits and inner hyphens only";
    return t.failure(u, c, `must be a host name label, ${hint}`);
  },
  t.identity,
);

const mdnsProps = {
  hostname: mdnsHostname,
  // DNS TTLs are 31-bit (RFC 2181).
  ttl: integerIn(1, 2_147_483_647, "seconds"),
};

/**
 * The section's codec; `homes` says where a misplaced key belongs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mdnsCodec } from "./mdns.ts";
 * assert.equal(mdnsCodec({}).decode({ hostname: "dev", ttl: 120 })._tag, "Right");
 * assert.equal(mdnsCodec({}).decode({ host: "dev" })._tag, "Left");
 * ```
 */
export function mdnsCodec(homes: KeyHomes): Codec<MdnsSection> {
  const mdnsObject = strictSection("mdns", mdnsProps, homes);
  return new t.Type<MdnsSection, unknown, unknown>(
    "mdns",
    mdnsObject.is,
    (u, c) => {
      if (!isRecord(u) || Object.hasOwn(u, "hostname") || !Object.hasOwn(u, "host")) {
        const decoded = mdnsObject.validate(u, c);
        if (isLeft(decoded) || decoded.right.hostname !== undefined) return decoded;
        return t.failure(
          u,
          t.appendContext(c, "hostname", t.string, undefined),
          "is required: the name to answer for, as <hostname>.local",
        );
      }
      // AtomVM's type spec says host, its code reads hostname: with host its responder never starts.
      return t.failure(
        u.host,
        t.appendContext(c, "host", t.unknown, u.host),
        "is not a known key; write hostname (AtomVM's type spec says host, but its code reads " +
          "hostname, and with host its responder silently never starts)",
      );
    },
    t.identity,
  );
}
