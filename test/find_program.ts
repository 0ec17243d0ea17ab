/**
 * Finds the programs the tests drive on `PATH`, as a shell would, so that no test depends on
 * where one machine keeps them (`/usr/bin/aws` on Debian, a pyenv shim elsewhere).
 *
 * @module
 */

/**
 * The absolute path of `name` on `PATH`; throws an `Error` naming the program, the `PATH`
 * searched and how to install it when it is not there.
 */
export async function findProgram(name: string, installHint: string): Promise<string> {
  const path = Deno.env.get("PATH") ?? "";
  for (const dir of path.split(":")) {
    if (dir === "") continue;
    const candidate = `${dir}/${name}`;
    const info = await Deno.stat(candidate).catch(() => undefined);
    if (info?.isFile && info.mode !== null && (info.mode & 0o111) !== 0) return candidate;
  }
  throw new Error(`${name} is not on PATH (${path}): ${installHint}`);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The Bun that `deno task test` installs in the project's `node_modules` (npm:bun). */
export const INSTALLED_BUN: string = decodeURIComponent(
  new URL("../node_modules/.bin/bun", import.meta.url).pathname,
);
