import { CliUsageError } from "../cli_error.ts";
import type { ParsedArgs } from "../parse_args.ts";

/** The value of `--name`, or a {@linkcode CliUsageError} saying it is required. */
export function requiredValue(args: ParsedArgs, name: string, command: string): string {
  const value = args.values.get(name);
  if (value === undefined || value === "") {
    throw new CliUsageError(`--${name} is required.`, command);
  }
  return value;
}

/** The value of `--name` as a whole number, `undefined` when not given. */
export function wholeNumber(args: ParsedArgs, name: string, command: string): number | undefined {
  const value = args.values.get(name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new CliUsageError(
      `--${name} must be a whole number, not ${JSON.stringify(value)}.`,
      command,
    );
  }
  return Number(value);
}
