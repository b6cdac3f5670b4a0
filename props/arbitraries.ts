/**
 * fast-check arbitraries for netfsm: configurations (valid and invalid), device facts, inputs,
 * timed input sequences and whole traces. Applications import them to property-test their own
 * callbacks against netfsm.
 *
 * Psks are drawn as `§` followed by letters and digits, so that a search for a psk in any output
 * cannot match by accident.
 *
 * @module
 */
export * from "./arbitraries/config.ts";
export * from "./arbitraries/inputs.ts";
export * from "./arbitraries/runs.ts";
