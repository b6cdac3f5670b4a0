/**
 * Copies a directory tree, for the npm build.
 *
 * @module
 */

/** Copies `from` into `to`, keeping the files `keep` accepts (by name). */
export async function copy(
  from: string,
  to: string,
  keep: (name: string) => boolean = () => true,
): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copy(`${from}/${entry.name}`, `${to}/${entry.name}`, keep);
    else if (keep(entry.name)) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}
