import { IamfetchError } from "../_shared/iamfetch_error.ts";

/**
 * Thrown for a command line the CLI cannot run: an unknown command or flag, a flag without
 * its value, a missing argument. The CLI prints it with the command's usage and exits 2.
 *
 * @example
 * ```ts
 * import { CliUsageError } from "@iamfetch/iamfetch/cli";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new CliUsageError("Unknown flag --regoin.", "whoami");
 * assertEquals(error.command, "whoami");
 * ```
 */
export class CliUsageError extends IamfetchError {
  /** The command whose usage to show, if known. */
  readonly command?: string;

  /** Creates the error; `message` says what is wrong with the command line. */
  constructor(message: string, command?: string) {
    super(message);
    this.name = "CliUsageError";
    if (command !== undefined) this.command = command;
  }
}
