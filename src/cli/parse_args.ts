import { CliUsageError } from "./cli_error.ts";

/** The flags a command accepts: those taking a value, and switches. */
export interface FlagSpec {
  /** Flags followed by a value (`--region eu-west-1` or `--region=eu-west-1`). */
  readonly values: readonly string[];
  /** Flags without a value (`--admin`). */
  readonly switches: readonly string[];
}

/** A parsed command line: positional arguments, flag values and switches set. */
export interface ParsedArgs {
  /** Arguments that are not flags, in order. */
  readonly positionals: string[];
  /** The value of each value flag given (the last one wins). */
  readonly values: Map<string, string>;
  /** The switches given. */
  readonly switches: Set<string>;
}

/**
 * Parses `args` against `spec`. `--` ends the flags. An unknown flag, a value flag at the end
 * of the line, or a value given to a switch is a {@linkcode CliUsageError}.
 */
export function parseArgs(args: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "--") {
      parsed.positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (spec.switches.includes(name)) {
      if (equals !== -1) throw new CliUsageError(`--${name} takes no value.`, command);
      parsed.switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
      if (value === undefined) throw new CliUsageError(`--${name} needs a value.`, command);
      parsed.values.set(name, value);
    } else {
      throw new CliUsageError(`Unknown flag --${name}.`, command);
    }
  }
  return parsed;
}
