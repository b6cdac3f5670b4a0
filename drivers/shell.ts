/**
 * The one imperative shell, shared by every driver, the CLI and the tests: a device event or an
 * application request goes through `step`; commands go to the driver in order, timers to the
 * clock, callbacks to the application.
 *
 * Rules:
 * 1. Callbacks run one at a time, in the order their events happened. One that throws or rejects
 *    is reported as a `callback_failed` diagnostic; its return value is ignored.
 * 2. No callback runs after `stop`: those still queued when the network stops are dropped.
 * 3. A command the driver refuses (or that throws) comes back as a `driver_failed` input; so does
 *    one that has not returned within `deadlines.command_ms` (stopping the radio included), and
 *    the next command goes ahead: a driver that hangs cannot hold the network.
 * 4. Time is the clock's, floored to whole milliseconds and never running backwards.
 *
 * @module
 */
import { advance, type Applied, fireDue } from "../core/advance.ts";
import type { CallbackName } from "../core/config/resolve.ts";
import type { DiagnosticLevel, Reply } from "../core/effect.ts";
import type { Input, Request, Untimed } from "../core/input.ts";
import type { Json } from "../core/json.ts";
import { revealCommand } from "../core/redact.ts";
import { DEADLINE_DEFAULTS } from "../core/config/deadlines.ts";
import { createState, type State } from "../core/state.ts";
import { nextTimer } from "../core/timers.ts";
import type { Clock } from "./clock.ts";
import type { Driver, DriverCommand, DriverEvent } from "./driver.ts";

/** Application callbacks by configuration key. Arguments are as trace-format.md gives them. */
// deno-lint-ignore no-explicit-any -- each key takes its own arguments; the core checks which
export type Handlers = Partial<Record<CallbackName, (...args: any[]) => unknown>>;

/** A diagnostic from the core or the shell. */
export interface Diagnostic {
  readonly level: DiagnosticLevel;
  readonly code: string;
  readonly message: string;
}

/** What a shell is built from. */
export interface ShellOptions {
  readonly driver: Driver;
  readonly clock: Clock;
  /** The configuration as JSON: callbacks are `true` where `handlers` has them. */
  readonly config: unknown;
  readonly handlers?: Handlers;
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Sees every applied input (timers included) with the state after it: recorders, timelines. */
  readonly onStep?: (applied: Applied) => void;
}

/** Runs the core against a driver. */
export class Shell {
  #state: State;
  #commands: Promise<void> = Promise.resolve();
  #callbacks: Promise<void> = Promise.resolve();
  #stops = 0;
  #awaitingDriver = false;
  #waiting = signal();
  #cancelWake: (() => void) | undefined;
  #wakeAt: number | undefined;
  readonly #unsubscribe: () => void;
  #handlers: Handlers;
  readonly #detach: () => void;

  constructor(readonly options: ShellOptions) {
    this.#handlers = { ...options.handlers };
    this.#state = createState({
      config: options.config,
      device: options.driver.capabilities.device,
    });
    this.#unsubscribe = options.driver.events.subscribe((event) => this.#input(event));
    this.#detach = options.clock.attach?.(() => this.idle()) ?? (() => {});
  }

  /** The core's current state. */
  get state(): State {
    return this.#state;
  }

  /** Sends an application request; the reply comes from the same step. */
  request(request: Untimed<Request>): Reply {
    return this.#input(request) ?? { error: "no_reply" };
  }

  /** Adds or replaces application callbacks (a `sta_connect` may bring new ones). */
  setHandlers(handlers: Handlers): void {
    this.#handlers = { ...this.#handlers, ...handlers };
  }

  /** Runs `task` after every callback queued so far (it is not dropped by a stop). */
  afterCallbacks(task: () => void): void {
    this.#callbacks = this.#callbacks.then(task);
  }

  /**
   * Resolves once every command and callback queued so far has run, or, for a command the driver
   * has not answered within a turn of the event loop, is waiting out its deadline: a virtual
   * clock must be free to move time on for that deadline to pass.
   */
  async idle(): Promise<void> {
    for (;;) {
      const commands = this.#commands;
      const callbacks = this.#callbacks;
      let done = false;
      const all = Promise.all([commands, callbacks]).then(() => {
        done = true;
      });
      if (!this.#awaitingDriver) await Promise.race([all, this.#waiting.promise]);
      if (!done) {
        await callbacks;
        await Promise.race([all, nextTurn()]);
        // Only a driver waiting on its device holds us: time may move on.
        if (!done && this.#awaitingDriver) return;
        continue;
      }
      if (commands === this.#commands && callbacks === this.#callbacks) return;
    }
  }

  /** Stops listening and releases the driver (call `request({type: "stop"})` first to stop the radio). */
  async close(): Promise<void> {
    this.#unsubscribe();
    this.#cancelWake?.();
    await this.idle();
    this.#detach();
    await this.options.driver.close();
  }

  #input(input: DriverEvent | Untimed): Reply | null {
    const at = Math.max(Math.floor(this.options.clock.now()), this.#state.now);
    return this.#run(advance(this.#state, { ...input, at } as Input));
  }

  #run(steps: readonly Applied[]): Reply | null {
    let reply: Reply | null = null;
    for (const applied of steps) {
      this.#state = applied.state;
      if (applied.state.active === null) this.#stops++;
      for (const effect of applied.effects) {
        if (effect.type === "command") {
          this.#apply(revealCommand(applied.state, effect.command) as DriverCommand);
        } else if (effect.type === "callback") {
          // AtomVM's disconnected/0 has no argument and a trace shows none; the application's
          // function gets the disconnect, named and classified.
          const args = effect.name === "disconnected" ? [applied.state.disconnect] : effect.args;
          this.#call(effect.name, args);
        } else if (effect.type === "reply") reply = effect.reply;
        else if (effect.type === "diagnostic") this.options.onDiagnostic?.(effect);
      }
      // After the effects, so that work it queues comes after this step's callbacks.
      this.options.onStep?.(applied);
    }
    this.#scheduleWake();
    return reply;
  }

  #apply(command: DriverCommand): void {
    this.#commands = this.#commands.then(async () => {
      const error = await this.#carryOut(command);
      if (error !== undefined) {
        this.#input({ type: "driver_failed", error, command: command.command });
      }
    });
  }

  /** The driver's answer to `command`: undefined when done, else why not. */
  #carryOut(command: DriverCommand): Promise<string | undefined> {
    const { clock, driver } = this.options;
    const ms = this.#commandMs;
    return new Promise((resolve) => {
      let answered = false;
      const settle = (error: string | undefined) => {
        if (answered) return;
        answered = true;
        cancel();
        this.#awaitingDriver = false;
        resolve(error);
      };
      const cancel = clock.schedule(
        clock.now() + ms,
        () => settle(`no answer from the driver within ${ms / 1000} s`),
      );
      try {
        driver.apply(command).then(
          (result) => settle(result._tag === "Left" ? result.left : undefined),
          (thrown) => settle(thrown instanceof Error ? thrown.message : String(thrown)),
        );
      } catch (thrown) {
        settle(thrown instanceof Error ? thrown.message : String(thrown));
      }
      // A driver that has not answered by the next microtask is waiting on its device.
      Promise.resolve().then(() => {
        if (answered) return;
        this.#awaitingDriver = true;
        this.#waiting.resolve();
        this.#waiting = signal();
      });
    });
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
    this.#callbacks = this.#callbacks.then(async () => {
      if (stops !== this.#stops) return;
      try {
        await handler(...args);
      } catch (thrown) {
        const message = `callback ${name} failed: ${
          thrown instanceof Error ? thrown.message : String(thrown)
        }`;
        this.options.onDiagnostic?.({ level: "error", code: "callback_failed", message });
      }
    });
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
