/**
 * netfsm's own mDNS responder, for drivers whose host runs the network stack (ESP-Hosted): it
 * answers A queries for `<hostname>.local` as AtomVM's `mdns.erl` does, over `node:dgram`.
 *
 * @example
 * ```ts ignore
 * import { MdnsResponder } from "./mod.ts";
 * const responder = new MdnsResponder(); // 0.0.0.0:5353, group 224.0.0.251
 * const started = await responder.start({ hostname: "atomvm-1", ttl: 900, ip: "192.168.1.20" });
 * if (started._tag === "Left") console.error(started.left);
 * await responder.stop();
 * ```
 *
 * @module
 */
export { MDNS_GROUP, MDNS_PORT, MdnsResponder, type MdnsResponderOptions } from "./responder.ts";
export {
  checkIdentity,
  type Endpoint,
  type MdnsIdentity,
  repliesTo,
  type Reply,
} from "./answers.ts";
export {
  type ARecord,
  buildAnswer,
  type DnsMessage,
  type DnsQuestion,
  parseDnsMessage,
} from "./dns_message.ts";
