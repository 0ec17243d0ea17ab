import { redactedErrorLine, safeErrorMessage } from "../credentials/redact_secrets.ts";

// Causes nest a few levels (provider → AwsError → TypeError); a cycle must not loop.
const MAX_DEPTH = 8;

/**
 * What the CLI prints for a failed command: `iamfetch: Name: message`, then one line per
 * cause, `  caused by Name: message`, down the whole chain — a refused connection, a DNS
 * failure, the URL it went to — instead of leaving them in `cause`. The causes of each
 * provider of an exhausted chain (its `errors`) are numbered as in the chain's message. A
 * cause whose message the line above already holds is not repeated. Every line is
 * redacted as {@linkcode redactedErrorLine} does, and cause lines are kept to one line each.
 */
export function failureReport(error: unknown): string {
  const first = `iamfetch: ${redactedErrorLine(error)}`;
  const lines = [first];
  addCauses(lines, error, "", first, 0);
  return lines.join("\n") + "\n";
}

function addCauses(
  lines: string[],
  error: unknown,
  label: string,
  above: string,
  depth: number,
): void {
  if (depth >= MAX_DEPTH || !(error instanceof Error)) return;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    inner.forEach((each, i) => addCauses(lines, each, `(${i + 1}) `, above, depth + 1));
  }
  const { cause } = error;
  if (cause === undefined) return;
  const line = oneLine(redactedErrorLine(cause));
  const repeated = above.includes(safeErrorMessage(cause));
  if (!repeated) lines.push(`  ${label}caused by ${line}`);
  addCauses(lines, cause, label, repeated ? above : line, depth + 1);
}

// A message from a server or another library may hold line breaks, which could pass for
// lines of our own.
function oneLine(text: string): string {
  return text.replace(/[\r\n]+\s*/g, " ");
}
