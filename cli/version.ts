/** netfsm's version. deno.json's `version` is the source; a test keeps this equal to it. */
export const VERSION = "0.1.0";
