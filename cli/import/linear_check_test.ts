import assert from "node:assert/strict";
import { linearityProblems } from "./linear_check.ts";

Deno.test("linearityProblems() passes anchored, possessive-equivalent and bounded patterns", () => {
  for (
    const pattern of [
      /^\d+,\d+$/,
      /^[^,]*,/,
      /(\w+) -> (\w+) \(([0-9a-fA-F]+)\)/y,
      /wifi: ?bcn_timeout/,
      /\b(?:esp_netif_handlers|tcpip_adapter|event): sta ip: (\d{1,3}(?:\.\d{1,3}){3})/,
      /^\s*\[?\d{2}:\d{2}:\d{2}[.,]\d{3}\]?\s*(?:->\s*)?/,
      /^(?:ip|gateway|netmask):"?\d+"?$/,
    ]
  ) {
    assert.deepEqual(linearityProblems(pattern), [], String(pattern));
  }
});

Deno.test("linearityProblems() names nested quantifiers, overlapping runs, ambiguous alternations and unanchored unbounded search", () => {
  const cases: [RegExp, RegExp][] = [
    [/^(a+)+$/, /quantifier over a group/],
    [/^(?:ab|cd)*$/, /quantifier over a group/],
    [/^\w*AP\w* with IP/, /"\\w\*" can run into what follows it/],
    [/^(.*?), aid = (\d+)/, /"\.\*\?" can run into what follows it/],
    [/^\d+\d+/, /"\\d\+" can run into what follows it/],
    [/^(?:sta)?(?:softAP)?s/, /optional group can run into what follows it/],
    [/^(?:a|ab)c/, /alternatives that start alike/],
    [/^(?:[ab]x|[bc]y)/, /alternatives that start alike/],
    [/wifi: ?connected with [^,]*, aid/, /not anchored/],
    [/STA Disconnected: .*Reason: (\d+)/, /not anchored/],
    [/^a(?=b)/, /lookaround/],
    [/^(a)\1/, /backreference/],
    [/^a+$/m, /not anchored/],
  ];
  for (const [pattern, problem] of cases) {
    const found = linearityProblems(pattern);
    assert.ok(found.some((p) => problem.test(p)), `${pattern}: ${JSON.stringify(found)}`);
  }
});
