/**
 * Walking and copying directory trees, for the npm build.
 *
 * @module
 */
import { basename, dirname } from "node:path";

/** Yields the path, relative to `dir`, of every file under it. */
export async function* walk(dir: string, prefix = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory) yield* walk(dir, `${path}/`);
    else yield path;
  }
}

/** Copies the files under `from` that `keep` accepts (by name) to the same places under `to`. */
export async function copy(
  from: string,
  to: string,
  keep: (name: string) => boolean = () => true,
): Promise<void> {
  for await (const path of walk(from)) {
    if (!keep(basename(path))) continue;
    await Deno.mkdir(dirname(`${to}/${path}`), { recursive: true });
    await Deno.copyFile(`${from}/${path}`, `${to}/${path}`);
  }
}
