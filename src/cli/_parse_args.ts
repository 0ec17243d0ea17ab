import { nearestName } from "../config/nearest_name.ts";
import { CliUsageError } from "./errors.ts";

/** The flags a command accepts: those taking a value, switches, and how many arguments. */
export interface FlagSpec {
  /** Flags followed by a value (`--region eu-west-1` or `--region=eu-west-1`). */
  readonly values: readonly string[];
  /** Flags without a value (`--admin`). */
  readonly switches: readonly string[];
  /** How many positional arguments the command takes at most; default 0. */
  readonly positionals?: number;
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

// What a flag name looks like; anything else after a `-` is not echoed in a message (it may
// be a secret typed in the wrong place).
const FLAG_NAME = /^[A-Za-z][\w-]{0,40}$/;

/**
 * Parses `args` against `spec`. `--` ends the flags; `-h` is `--help` when the spec has a
 * `help` switch. A usage error ({@linkcode CliUsageError}) for: an unknown flag (with the
 * nearest known one as a suggestion), a value flag at the end of the line, a value given to
 * a switch, or more positional arguments than `spec.positionals` (never echoed: a misplaced
 * argument may be a secret).
 */
export function parseArgs(args: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === "-h" && spec.switches.includes("help")) {
      parsed.switches.add("help");
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positionals.push(arg);
      continue;
    }
    const dashes = arg.startsWith("--") ? 2 : 1;
    const equals = arg.indexOf("=");
    const name = arg.slice(dashes, equals === -1 ? undefined : equals);
    if (dashes === 1) throw unknownFlag(`-${name}`, name, spec, command);
    if (spec.switches.includes(name)) {
      if (equals !== -1) throw new CliUsageError(`--${name} takes no value.`, command);
      parsed.switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
      if (value === undefined) throw new CliUsageError(`--${name} needs a value.`, command);
      parsed.values.set(name, value);
    } else {
      throw unknownFlag(`--${name}`, name, spec, command);
    }
  }
  // `--help` answers whatever else the line holds.
  if (!parsed.switches.has("help")) checkPositionals(parsed.positionals, spec, command);
  return parsed;
}

function unknownFlag(shown: string, name: string, spec: FlagSpec, command: string) {
  const what = FLAG_NAME.test(name) ? `Unknown flag ${shown}.` : "Unknown flag.";
  return new CliUsageError(what + suggestion(name, spec), command);
}

function checkPositionals(positionals: readonly string[], spec: FlagSpec, command: string) {
  const allowed = spec.positionals ?? 0;
  if (positionals.length <= allowed) return;
  const takes = allowed === 0
    ? "takes no arguments"
    : `takes ${allowed} argument${allowed === 1 ? "" : "s"}`;
  // `iamfetch whoami region x`: a flag without its dashes.
  const hint = positionals.slice(allowed).map((extra) => suggestion(extra, spec)).find(Boolean);
  throw new CliUsageError(
    `${command} ${takes}, got ${positionals.length}.${hint ?? ""}`,
    command,
  );
}

function suggestion(name: string, spec: FlagSpec): string {
  const nearest = nearestName(name, [...spec.values, ...spec.switches]);
  return nearest === undefined ? "" : ` Did you mean --${nearest}?`;
}
