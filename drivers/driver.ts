/**
 * The one interface every driver implements: what it can do, carry out a command, a stream of
 * device events, close. A driver holds no WiFi logic: it translates commands to its platform
 * (ESP-IDF, Moddable, ESP-AT, a simulation) and its platform's happenings to events.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { Device } from "../core/device.ts";
import type { ApCommandSettings, Command, WifiMode } from "../core/effect.ts";
import type { DeviceEvent, Untimed } from "../core/input.ts";

/**
 * A device event as a driver reports it; the shell stamps it with the time it arrived.
 * `driver_failed` is for a driver whose device answers after `apply` has returned (a modem on a
 * serial line): a command the device refused later (naming the command), or the device gone (no
 * command). Other drivers refuse through `apply`'s result.
 */
export type DriverEvent = Untimed<Exclude<DeviceEvent, { type: "timer" }>>;

/**
 * A command as a driver receives it: as the core emitted it, but with the real psk where the core
 * wrote `"<redacted>"`.
 */
export type DriverCommand =
  | Exclude<Command, { command: "connect_sta" | "start_wifi" | "start_ap" }>
  | (Omit<Extract<Command, { command: "start_ap" }>, "ap"> & {
    readonly ap: Omit<ApCommandSettings, "psk"> & { readonly psk?: string };
  })
  | (Omit<Extract<Command, { command: "connect_sta" }>, "psk"> & { readonly psk?: string })
  | (Omit<Extract<Command, { command: "start_wifi" }>, "ap"> & {
    readonly ap?: Omit<ApCommandSettings, "psk"> & { readonly psk?: string };
  });

/** What a driver and its device can do, and what the device knows about itself. */
export interface Capabilities {
  /** A short name: `mock`, `esp-idf`, `moddable`, `esp-at`. */
  readonly name: string;
  /** The device's MACs and NVS. */
  readonly device: Device;
  /** The radio modes it supports. */
  readonly modes: readonly WifiMode[];
  /** Whether `sta_disconnected` carries ESP-IDF's reason code (ESP-AT's port does not). */
  readonly reasons: boolean;
  /**
   * Whether the device can answer mDNS for its hostname, and whether it can set the answer's TTL
   * (ESP-IDF's mdns component and ESP-AT fix their own). Absent: `start_mdns` is refused.
   */
  readonly mdns?: { readonly ttl: boolean };
}

/** Something that delivers device events to one listener at a time, in the order they happened. */
export interface EventSource {
  /** Starts delivering events to `listener`; returns a function that stops it. */
  subscribe(listener: (event: DriverEvent) => void): () => void;
}

/** A driver. */
export interface Driver {
  readonly capabilities: Capabilities;
  /**
   * Carries out one command. Resolves to an error message when the device refused it; a driver
   * should not reject, and the shell turns a rejection into the same error.
   */
  apply(command: DriverCommand): Promise<Either<string, void>>;
  /** The device's events. Events may arrive on another thread's callback; they are queued here. */
  readonly events: EventSource;
  /** Releases the device. No events arrive after it resolves. */
  close(): Promise<void>;
}

/** All three radio modes. */
export const ALL_MODES: readonly WifiMode[] = ["sta", "ap", "apsta"];
