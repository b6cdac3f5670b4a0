/**
 * Fails when a file under the given folder (default `core/`) does I/O, reads a clock, uses
 * randomness, or imports from outside the core: the core must stay a pure reducer that runs
 * unchanged on Deno, Node and XS. Test files are exempt.
 *
 * Usage: deno run --allow-read scripts/check_purity.ts [DIR]
 *
 * @module
 */

/** A forbidden construct found in a file. */
export interface Impurity {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDeno\s*\./, "Deno API"],
  [/\bDate\s*\.\s*now\b|\bnew\s+Date\b/, "clock read"],
  [/\bperformance\s*\./, "clock read"],
  [/\bsetTimeout\b|\bsetInterval\b|\bqueueMicrotask\b/, "timer"],
  [/\bMath\s*\.\s*random\b|\bcrypto\s*\./, "randomness"],
  [/\bconsole\s*\./, "console output"],
  [/\bfetch\s*\(|\bprocess\s*\.|\brequire\s*\(/, "I/O or Node API"],
];

const ALLOWED_PACKAGES = /^(fp-ts\/|io-ts$)/;

/**
 * The impurities in one source text. Comments are skipped; an import must be relative (staying
 * inside the checked folder is verified by the caller) or fp-ts / io-ts.
 */
export function findImpurities(file: string, source: string): Impurity[] {
  const found: Impurity[] = [];
  let inBlockComment = false;
  source.split("\n").forEach((text, index) => {
    let code = text;
    if (inBlockComment) {
      const end = code.indexOf("*/");
      if (end === -1) return;
      code = code.slice(end + 2);
      inBlockComment = false;
    }
    code = code.replace(/\/\*.*?\*\//g, "");
    const open = code.indexOf("/*");
    if (open !== -1) {
      inBlockComment = true;
      code = code.slice(0, open);
    }
    code = code.replace(/\/\/.*$/, "");
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(code)) found.push({ file, line: index + 1, what });
    }
    const imported = /\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/.exec(code);
    const specifier = imported?.[1] ?? imported?.[2];
    if (
      specifier !== undefined && !specifier.startsWith(".") && !ALLOWED_PACKAGES.test(specifier)
    ) {
      found.push({ file, line: index + 1, what: `import of "${specifier}"` });
    }
    if (specifier !== undefined && specifier.startsWith("../../")) {
      found.push({ file, line: index + 1, what: `import from outside the core: "${specifier}"` });
    }
  });
  return found;
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (
      entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts") &&
      !entry.name.endsWith("_bench.ts")
    ) yield path;
  }
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? "core";
  const found: Impurity[] = [];
  let files = 0;
  for await (const file of sourceFiles(dir)) {
    files++;
    found.push(...findImpurities(file, await Deno.readTextFile(file)));
    // A relative import that climbs out of the checked folder.
    const depth = file.split("/").length - dir.split("/").length - 1;
    for (const match of (await Deno.readTextFile(file)).matchAll(/from\s+["']((?:\.\.\/)+)/g)) {
      if (match[1]!.length / 3 > depth) {
        found.push({ file, line: 0, what: `import from outside ${dir}/` });
      }
    }
  }
  for (const impurity of found) {
    Deno.stderr.writeSync(
      new TextEncoder().encode(`${impurity.file}:${impurity.line}: ${impurity.what}\n`),
    );
  }
  const summary = found.length === 0
    ? `purity: ${files} files under ${dir}/ are pure\n`
    : `purity: ${found.length} problems\n`;
  Deno.stdout.writeSync(new TextEncoder().encode(summary));
  Deno.exit(found.length === 0 ? 0 : 1);
}
