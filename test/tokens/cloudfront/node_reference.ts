/**
 * `@aws-sdk/cloudfront-signer` (which signs with `node:crypto`) run in Node, as the reference:
 * a batch of inputs goes in on stdin, its answers (or the message of what it threw) come back
 * as one JSON line. Node resolves the package from the repository's `node_modules`.
 *
 * @module
 */
import { findProgram } from "../../find_program.ts";

/** One call: `getSignedUrl` or `getSignedCookies` with `input` (dates as text or numbers). */
export interface ReferenceCall {
  readonly fn: "url" | "cookies";
  readonly input: Record<string, unknown>;
}

/** The SDK's answer to a call, or the message it threw. */
export type ReferenceAnswer = { value: unknown } | { error: string };

const RUNNER = `
const { getSignedUrl, getSignedCookies } = require("@aws-sdk/cloudfront-signer");
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const answers = JSON.parse(text).map(({ fn, input }) => {
    try {
      return { value: fn === "url" ? getSignedUrl(input) : getSignedCookies(input) };
    } catch (error) {
      return { error: String(error && error.message) };
    }
  });
  process.stdout.write(JSON.stringify(answers) + "\\n");
});
`;

const REPO_ROOT = new URL("../../../", import.meta.url);

/** The SDK's answers to `calls`, in order, from one Node process. */
export async function referenceAnswers(
  calls: readonly ReferenceCall[],
): Promise<ReferenceAnswer[]> {
  const node = await findProgram("node", "install Node.js 20 or later");
  const child = new Deno.Command(node, {
    args: ["-e", RUNNER],
    cwd: decodeURIComponent(REPO_ROOT.pathname),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(calls)));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(`node: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}
