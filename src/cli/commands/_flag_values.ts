import { CliUsageError } from "../errors.ts";
import type { ParsedArgs } from "../_parse_args.ts";

/** The value of `--name`, or a {@linkcode CliUsageError} saying it is required. */
export function requiredValue(args: ParsedArgs, name: string, command: string): string {
  const value = args.values.get(name);
  if (value === undefined || value === "") {
    throw new CliUsageError(`--${name} is required.`, command);
  }
  return value;
}

// The values each numeric flag may take, by `command --flag` or by flag for every command:
// what AWS or the protocol accepts, so that a wrong number is a usage error here rather than
// a RangeError from the library or a ValidationError from AWS.
const RANGES: Readonly<Record<string, readonly [min: number, max: number]>> = {
  // SigV4 presigned URLs and DSQL tokens live 7 days at most.
  "expires-in": [1, 604_800],
  port: [1, 65_535],
  // The browser login listens where the IdP posts: a fixed, real port.
  "listen-port": [1, 65_535],
  // STS AssumeRoleWithSAML's DurationSeconds.
  "login --duration-seconds": [900, 43_200],
  // Redshift GetClusterCredentials' DurationSeconds.
  "redshift-credentials --duration-seconds": [900, 3_600],
};

/**
 * The value of `--name` as a whole number within the flag's range, `undefined` when not
 * given; otherwise a {@linkcode CliUsageError} naming the range.
 */
export function wholeNumber(args: ParsedArgs, name: string, command: string): number | undefined {
  const value = args.values.get(name);
  if (value === undefined) return undefined;
  const [min, max] = RANGES[`${command} --${name}`] ?? RANGES[name] ??
    [0, Number.MAX_SAFE_INTEGER];
  const digits = /^\d+$/.test(value);
  const number = digits ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    const shown = digits
      ? (value.length > 20 ? `${value.slice(0, 20)}…` : value)
      : JSON.stringify(value.slice(0, 40));
    throw new CliUsageError(
      `--${name} must be a whole number from ${min} to ${max}, got ${shown}.`,
      command,
    );
  }
  return number;
}
