// The tests call Deno.test and a few Deno file functions; on Node, @deno/shim-deno supplies them.
import type { Deno as DenoShim } from "@deno/shim-deno";

declare global {
  const Deno: typeof DenoShim;
  interface ImportMeta {
    main: boolean;
  }
}
