/**
 * For the tests: a tiny NTP server on 127.0.0.1 (never another address), on a port of the
 * system's choosing. It answers each client request as a stratum-1 server would, with a time
 * it is given, and can be told to ignore the first requests (a server out of reach, then back).
 *
 * @module
 */
import { createSocket } from "node:dgram";

/** A server running. */
export interface NtpServer {
  readonly port: number;
  /** How many requests it has received. */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Seconds from 1900 to 1970. */
const NTP_TO_UNIX = 2_208_988_800;

/** Starts a server answering `time` (Unix seconds and microseconds), after ignoring `ignore`. */
export function ntpServer(
  time: { sec: number; usec: number },
  options: { ignore?: number } = {},
): Promise<NtpServer> {
  const socket = createSocket("udp4");
  let requests = 0;
  socket.on("message", (request: Uint8Array, from: { address: string; port: number }) => {
    requests++;
    if (requests <= (options.ignore ?? 0) || request.length < 48) return;
    const answer = new Uint8Array(48);
    const data = new DataView(answer.buffer);
    answer[0] = 0x24; // LI 0, version 4, mode 4 (server)
    answer[1] = 1; // stratum 1
    answer.set(new TextEncoder().encode("TEST"), 12); // reference id
    answer.set(request.subarray(40, 48), 24); // originate = the client's transmit timestamp
    const seconds = (time.sec + NTP_TO_UNIX) % 2 ** 32;
    const fraction = Math.floor(time.usec * 2 ** 32 / 1_000_000);
    for (const offset of [16, 32, 40]) {
      data.setUint32(offset, seconds);
      data.setUint32(offset + 4, fraction);
    }
    socket.send(answer, from.port, from.address);
  });
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      resolve({
        port: socket.address().port,
        requests: () => requests,
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
