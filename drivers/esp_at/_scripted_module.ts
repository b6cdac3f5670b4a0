/**
 * For the driver's unit tests: a module that answers each command from a script, so a test says
 * exactly what the firmware printed. (The emulator in emulator/ is the faithful stand-in; this is
 * the precise one.)
 *
 * @module
 */
import { type ByteStream, memoryPipe } from "./byte_stream.ts";

/** What the module prints for a command: lines, or nothing (it stays silent). */
export type Answer = readonly string[] | "silent";

/** A rule: commands matching `when` are answered by `reply`. */
export interface Rule {
  readonly when: RegExp;
  readonly reply: (line: string) => Answer;
}

/** The rules every test starts from: a module that takes charge cleanly. */
export const BOOT_RULES: readonly Rule[] = [
  { when: /^AT$/, reply: () => ["OK"] },
  { when: /^AT\+RST$/, reply: () => ["OK", "", "ready"] },
  {
    when: /^ATE0$|^AT\+SYSSTORE=0$|^AT\+CWRECONNCFG=0,0$|^AT\+CWAUTOCONN=0$|^AT\+CIPV6=1$/,
    reply: () => ["OK"],
  },
  {
    when: /^AT\+GMR$/,
    reply: () => ["AT version:3.2.0.0(s-ec2dec2 - ESP32 - Jul 28 2023 07:05:28)", "OK"],
  },
  { when: /^AT\+CWQAP$/, reply: () => ["OK"] },
  { when: /^AT\+CIPSTAMAC\?$/, reply: () => ['+CIPSTAMAC:"24:0a:c4:12:34:56"', "OK"] },
  { when: /^AT\+CIPAPMAC\?$/, reply: () => ['+CIPAPMAC:"24:0a:c4:12:34:57"', "OK"] },
  { when: /^AT\+CWMODE=/, reply: () => ["OK"] },
  { when: /^AT\+CWHOSTNAME=/, reply: () => ["OK"] },
  { when: /^AT\+CIPSNTPCFG=/, reply: () => ["OK"] },
];

/** A scripted module on the far end of an in-memory pipe. */
export class ScriptedModule {
  /** Every command line received, in order. */
  readonly received: string[] = [];
  readonly host: ByteStream;
  readonly #device: ByteStream;
  #rules: Rule[];
  #partial = "";

  constructor(rules: readonly Rule[] = []) {
    const [host, device] = memoryPipe();
    this.host = host;
    this.#device = device;
    this.#rules = [...rules, ...BOOT_RULES];
    device.listen({ data: (bytes) => this.#data(bytes), closed: () => {} });
  }

  /** Puts `rule` before every other. */
  answer(rule: Rule): void {
    this.#rules.unshift(rule);
  }

  /** Prints lines unasked. */
  print(...lines: string[]): Promise<void> {
    return this.#device.write(new TextEncoder().encode(lines.map((l) => l + "\r\n").join("")));
  }

  /** Hangs up the line, as a pulled cable does. */
  unplug(): Promise<void> {
    return this.#device.close();
  }

  /** Resolves once a command matching `pattern` has been received. */
  async waitFor(pattern: RegExp, ms = 3000): Promise<string> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const found = this.received.find((line) => pattern.test(line));
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`no command matching ${pattern} in ${JSON.stringify(this.received)}`);
  }

  #data(bytes: Uint8Array): void {
    const text = this.#partial + new TextDecoder().decode(bytes);
    const lines = text.split("\r\n");
    this.#partial = lines.pop() ?? "";
    for (const line of lines) {
      this.received.push(line);
      const rule = this.#rules.find((r) => r.when.test(line));
      const answer = rule === undefined ? ["ERROR"] : rule.reply(line);
      if (answer !== "silent") void this.print(...answer);
    }
  }
}
