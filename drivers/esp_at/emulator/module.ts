/**
 * What a command handler sees of the module: the shared services, the firmware's parts, the
 * settings that live only until a reset, and the Wi-Fi mode with the radio behind it.
 *
 * @module
 */
import type { AtCommand } from "./at_line.ts";
import type { MdnsControl } from "./mdns_control.ts";
import type { ScanControl } from "./scan_control.ts";
import type { Reply, Services } from "./services.ts";
import type { ModeNumber } from "./settings.ts";
import type { SntpControl } from "./sntp_control.ts";
import type { SoftApControl } from "./soft_ap_control.ts";
import type { StationControl } from "./station_control.ts";

/** The module, to a command handler. */
export interface Module extends Services {
  /** The station and soft-AP MACs. */
  readonly device: { readonly mac: string; readonly apMac: string };
  /** `AT+GMR`'s lines. */
  readonly versions: readonly string[];
  readonly station: StationControl;
  readonly softAp: SoftApControl;
  readonly sntp: SntpControl;
  readonly mdns: MdnsControl;
  readonly scan: ScanControl;
  /** `ATE1`/`ATE0`. */
  echo: boolean;
  /** `AT+SYSLOG=1`: `ERR CODE:0x...` before each `ERROR` that has a code. */
  syslog: boolean;
  /** The Wi-Fi mode the radio runs. */
  readonly mode: ModeNumber;
  /** `AT+CWMODE`: runs the radio in `mode`; `autoConnect` joins the stored AP on entering station mode. */
  setMode(mode: ModeNumber, autoConnect: boolean): void;
  /** Starts the soft-AP again with the stored configuration (after `AT+CWSAP`). */
  restartSoftAp(): void;
  /** `AT+CWHOSTNAME`. */
  setHostname(name: string): void;
  /** `AT+RST`: reboots. */
  restart(): void;
}

/** A command handler: an answer now, or `"pending"` until a part calls `finish`. */
export type Handler = (module: Module, command: AtCommand) => Reply;
