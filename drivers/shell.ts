/**
 * The one imperative shell, shared by every driver, the CLI and the tests: a device event or an
 * application request goes through `step`; commands go to the driver in order, timers to the
 * clock, callbacks to the application.
 *
 * Rules:
 * 1. Callbacks run one at a time, in the order their events happened. One that throws or rejects
 *    is reported as a `callback_failed` diagnostic; its return value is ignored. One that has not
 *    finished within `callbackTimeout` (on the shell's clock) is reported as `callback_timeout`
 *    and the next goes ahead (see `callbacks.ts`).
 * 2. No callback runs after `stop`: those still queued when the network stops are dropped.
 *    `close` waits for a callback still running only as `idle` does: not once it waits beyond a
 *    turn of the event loop, as one that awaits `stop()` does. So stopping works from inside one.
 * 3. A command the driver refuses (or that throws) comes back as a `driver_failed` input (as does
 *    a `driver_failed` event, from a driver whose device refuses later); so does
 *    one that has not returned within `deadlines.command_ms` (stopping the radio included), and
 *    the next command goes ahead: a driver that hangs cannot hold the network.
 * 4. A driver's event is decoded with the trace reader's codecs (`event_check.ts`); one that does
 *    not decode is an `invalid_event` diagnostic and never reaches `step`.
 * 5. A hook (`onStep`, `onDiagnostic`) that throws is a `hook_failed` diagnostic (`diagnostic.ts`).
 *    Text the shell did not write (a thrown value, a driver's error) is described without
 *    throwing, cut short, and scrubbed of every known psk.
 * 6. Time is the clock's, floored to whole milliseconds and never running backwards.
 *
 * @module
 */
import { advance, type Applied, fireDue } from "../core/advance.ts";
import type { CallbackName } from "../core/config/resolve.ts";
import type { Reply } from "../core/effect.ts";
import type { Input, Request, Untimed } from "../core/input.ts";
import type { Json } from "../core/json.ts";
import { revealCommand } from "../core/redact.ts";
import { DEADLINE_DEFAULTS } from "../core/config/deadlines.ts";
import { createState, type State } from "../core/state.ts";
import { nextTimer } from "../core/timers.ts";
import { CallbackQueue } from "./callbacks.ts";
import type { Clock } from "./clock.ts";
import { type Diagnostic, DiagnosticSink } from "./diagnostic.ts";
import type { Driver, DriverCommand } from "./driver.ts";
import { CommandQueue } from "./command_queue.ts";
import { checkDriverEvent } from "./event_check.ts";
import { Secrets } from "./secrets.ts";

export type { Diagnostic } from "./diagnostic.ts";
export { CALLBACK_TIMEOUT_MS } from "./callbacks.ts";

/** Application callbacks by configuration key. Arguments are as trace-format.md gives them. */
// deno-lint-ignore no-explicit-any -- each key takes its own arguments; the core checks which
export type Handlers = Partial<Record<CallbackName, (...args: any[]) => unknown>>;

/** What a shell is built from. */
export interface ShellOptions {
  readonly driver: Driver;
  readonly clock: Clock;
  /** The configuration as JSON: callbacks are `true` where `handlers` has them. */
  readonly config: unknown;
  readonly handlers?: Handlers;
  /** Receives diagnostics. When it throws, that one is lost and counted (`droppedDiagnostics`). */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /**
   * Sees every applied input (timers included) with the state after it: recorders, timelines.
   * This is the core's own step, secrets and all: a request's input and the state hold the real
   * psks (`Network`'s `onStep` redacts them). One that throws is reported as `hook_failed`.
   */
  readonly onStep?: (applied: Applied) => void;
  /**
   * Milliseconds a callback may run before the ones after it go ahead: default
   * {@link CALLBACK_TIMEOUT_MS} (5000), which a value that is not a positive finite number of
   * milliseconds also means (`Network.start` refuses such a value instead).
   */
  readonly callbackTimeout?: number;
}

/** Runs the core against a driver. */
export class Shell {
  #state: State;
  readonly #commands: CommandQueue;
  readonly #callbacks: CallbackQueue;
  readonly #sink: DiagnosticSink;
  readonly #secrets = new Secrets();
  #stops = 0;
  #waiting = signal();
  #cancelWake: (() => void) | undefined;
  #wakeAt: number | undefined;
  #closing: Promise<void> | undefined;
  #released: Promise<void> | undefined;
  readonly #unsubscribe: () => void;
  #handlers: Handlers;
  readonly #detach: () => void;

  constructor(readonly options: ShellOptions) {
    this.#handlers = { ...options.handlers };
    this.#sink = new DiagnosticSink(
      options.onDiagnostic,
      (thrown) => this.#secrets.describe(thrown),
    );
    this.#callbacks = new CallbackQueue({
      clock: options.clock,
      ...(options.callbackTimeout === undefined ? {} : { limit: options.callbackTimeout }),
      report: (diagnostic) => this.#sink.report(diagnostic),
      describe: (thrown) => this.#secrets.describe(thrown),
      onWaiting: () => this.#signalWaiting(),
    });
    this.#commands = new CommandQueue({
      driver: options.driver,
      clock: options.clock,
      ms: () => this.#commandMs,
      text: (message) => this.#secrets.safe(message),
      describe: (thrown) => this.#secrets.describe(thrown),
      onWaiting: () => this.#signalWaiting(),
      failed: (command, error) =>
        this.#input({ type: "driver_failed", error, command: command.command }),
    });
    this.#state = createState({
      config: options.config,
      device: options.driver.capabilities.device,
    });
    this.#secrets.note(this.#state);
    this.#unsubscribe = options.driver.events.subscribe((event) => this.#event(event));
    this.#detach = options.clock.attach?.(() => this.#settle()) ?? (() => {});
  }

  /** The core's current state. */
  get state(): State {
    return this.#state;
  }

  /** Diagnostics lost because `onDiagnostic` threw on them. */
  get droppedDiagnostics(): number {
    return this.#sink.dropped;
  }

  /** Sends an application request; the reply comes from the same step. */
  request(request: Untimed<Request>): Reply {
    return this.#input(request) ?? { error: "no_reply" };
  }

  /** Adds or replaces application callbacks (a `sta_connect` may bring new ones). */
  setHandlers(handlers: Handlers): void {
    this.#handlers = { ...this.#handlers, ...handlers };
  }

  /** Runs the application's hook `name`; one that throws is reported as `hook_failed`. */
  guard(name: string, run: () => void): void {
    this.#sink.guard(name, run);
  }

  /** Runs `task` after every callback queued so far (it is not dropped by a stop). */
  afterCallbacks(task: () => void): void {
    this.#callbacks.after(task);
  }

  /**
   * Resolves once every command and callback queued so far has run, or all that is left waits
   * beyond a turn of the event loop: a command on its device, a callback on I/O or on time. A
   * virtual clock must then be free to move time on, for what they wait on or their deadlines.
   */
  async idle(): Promise<void> {
    for (;;) {
      const commands = this.#commands.tail;
      const callbacks = this.#callbacks.tail;
      let commandsDone = false;
      let callbacksDone = false;
      const all = Promise.all([
        commands.then(() => void (commandsDone = true)),
        callbacks.then(() => void (callbacksDone = true)),
      ]);
      if (!this.#commands.waiting && !this.#callbacks.waiting) {
        await Promise.race([all, this.#waiting.promise]);
      }
      if (!commandsDone || !callbacksDone) {
        await Promise.race([all, nextTurn()]);
        const held = (commandsDone || this.#commands.waiting) &&
          (callbacksDone || this.#callbacks.waiting);
        if (held && !(commandsDone && callbacksDone)) return;
        continue;
      }
      if (commands === this.#commands.tail && callbacks === this.#callbacks.tail) return;
    }
  }

  /**
   * What a virtual clock awaits before time moves on: idle, and a close under way finished. A
   * callback that awaits `stop()` is waiting on the shell itself, not on the world, and what it
   * does after that should be done before the clock moves on.
   */
  async #settle(): Promise<void> {
    await this.idle();
    const released = this.#released;
    if (released === undefined) return;
    // Not the driver's close: that may wait out a deadline, which only this clock can pass.
    await released;
    await nextTurn();
  }

  /**
   * Stops listening and releases the driver (call `request({type: "stop"})` first to stop the
   * radio). It waits as `idle` does, so not for a callback waiting beyond a turn of the event loop
   * (it may be the one that called it, awaiting `stop()`), then lets that callback go: no other
   * starts. A driver's close that throws or hangs past `deadlines.command_ms` is reported as
   * `driver_close_failed`. Closing twice is closing once.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#unsubscribe();
      this.#cancelWake?.();
      await (this.#released = this.#release());
      // A real device may take its time over stop_wifi: let it finish (each command is bounded by
      // its deadline) before the port or library goes away under it.
      await this.#commands.tail;
      const error = await this.#commands.closeDriver();
      const message = `driver close failed: ${error}`;
      if (error !== undefined) {
        this.#sink.report({ level: "error", code: "driver_close_failed", message });
      }
    })();
    return this.#closing;
  }

  /** Lets go of the clock and the callbacks, after the commands queued so far. */
  async #release(): Promise<void> {
    await this.idle();
    this.#callbacks.close();
    this.#detach();
  }

  #event(event: unknown): void {
    const checked = checkDriverEvent(event, this.#now());
    if (checked._tag === "Right") {
      const input = checked.right;
      // A driver's own words, as a refused apply's are: scrubbed and cut short.
      this.#run(advance(
        this.#state,
        input.type === "driver_failed"
          ? { ...input, error: this.#secrets.safe(input.error) }
          : input,
      ));
      return;
    }
    const message = this.#secrets.safe(checked.left);
    this.#sink.report({ level: "error", code: "invalid_event", message });
  }

  #input(input: Untimed): Reply | null {
    return this.#run(advance(this.#state, { ...input, at: this.#now() } as Input));
  }

  #now(): number {
    return Math.max(Math.floor(this.options.clock.now()), this.#state.now);
  }

  #run(steps: readonly Applied[]): Reply | null {
    let reply: Reply | null = null;
    for (const applied of steps) {
      this.#state = applied.state;
      this.#secrets.note(applied.state);
      if (applied.state.active === null) this.#stops++;
      for (const effect of applied.effects) {
        if (effect.type === "command") {
          this.#commands.apply(revealCommand(applied.state, effect.command) as DriverCommand);
        } else if (effect.type === "callback") {
          // AtomVM's disconnected/0 has no argument and a trace shows none; the application's
          // function gets the disconnect, named and classified.
          const args = effect.name === "disconnected" ? [applied.state.disconnect] : effect.args;
          this.#call(effect.name, args);
        } else if (effect.type === "reply") reply = effect.reply;
        else if (effect.type === "diagnostic") this.#sink.report(effect);
      }
      // After the effects, so that work it queues comes after this step's callbacks.
      const onStep = this.options.onStep;
      if (onStep !== undefined) this.#sink.guard("onStep", () => onStep(applied));
    }
    this.#scheduleWake();
    return reply;
  }

  get #commandMs(): number {
    const config = this.#state.config;
    return (config._tag === "Right" ? config.right.deadlines?.command_ms : undefined) ??
      DEADLINE_DEFAULTS.command_ms;
  }

  #call(name: CallbackName, args: readonly Json[]): void {
    const handler = this.#handlers[name];
    if (handler === undefined) return;
    const stops = this.#stops;
    this.#callbacks.call(name, () => {
      // Queued before a stop that has come since: the network it was for is gone.
      if (stops !== this.#stops) return;
      return handler(...args);
    });
  }

  #signalWaiting(): void {
    this.#waiting.resolve();
    this.#waiting = signal();
  }

  #scheduleWake(): void {
    const due = nextTimer(this.#state)?.at;
    if (due === this.#wakeAt) return;
    this.#cancelWake?.();
    this.#wakeAt = due;
    this.#cancelWake = due === undefined ? undefined : this.options.clock.schedule(due, () => {
      this.#wakeAt = undefined;
      this.#run(fireDue(this.#state, Math.max(Math.floor(this.options.clock.now()), due)));
    });
  }
}

/** A turn of the event loop: every promise already settled has run its reactions by then. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A promise and the function that resolves it. */
function signal(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
