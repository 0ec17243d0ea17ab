import { fromRolesAnywhere } from "../../credentials/roles_anywhere/provider.ts";
import { CliUsageError } from "../errors.ts";
import type { CliIo } from "../io.ts";
import type { Command } from "../_command.ts";
import type { ParsedArgs } from "../_parse_args.ts";
import { formatCredentials } from "./credentials.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

const NAME = "roles-anywhere";

/** The text of the file `--flag` names, or a usage error when there is none. */
async function fileText(args: ParsedArgs, flag: string, io: CliIo): Promise<string> {
  const path = requiredValue(args, flag, NAME);
  const text = await io.platform.readTextFile(path);
  if (text === undefined) throw new CliUsageError(`--${flag}: no file at ${path}.`, NAME);
  return text;
}

/**
 * `iamfetch roles-anywhere`: credentials from IAM Roles Anywhere for an X.509 certificate,
 * printed as `credential_process` JSON — what AWS's `aws_signing_helper credential-process`
 * prints, with its flag names, so a profile's `credential_process` line can call either.
 */
export const rolesAnywhereCommand: Command = {
  name: NAME,
  summary: "print IAM Roles Anywhere credentials (X.509 certificate) as credential_process JSON",
  help: `Usage: iamfetch roles-anywhere --certificate FILE --private-key FILE \\
         --trust-anchor-arn ARN --profile-arn ARN --role-arn ARN [flags]

Calls IAM Roles Anywhere's CreateSession signed with the certificate's key and prints the
credentials as credential_process JSON (Version 1), as aws_signing_helper credential-process:
  --certificate FILE         the end-entity certificate (PEM)
  --private-key FILE         its private key (PEM: PKCS #8, PKCS #1 RSA or SEC 1 EC; unencrypted)
  --intermediates FILE       intermediate CA certificates (PEM bundle)
  --trust-anchor-arn ARN     the trust anchor
  --profile-arn ARN          the profile
  --role-arn ARN             the role to take
  --role-session-name NAME   the role session name
  --session-duration SECS    the session's duration, 900 to 43200 (default 3600)
  --endpoint URL             the CreateSession endpoint (--endpoint-url works too)
  --region REGION            the region (default: the trust anchor's)

In ~/.aws/config:
  credential_process = iamfetch roles-anywhere --certificate … --private-key … …

Of the connection flags below, only --region and --endpoint-url apply: the certificate and its
key are the credentials.`,
  flags: {
    values: [
      "certificate",
      "private-key",
      "intermediates",
      "trust-anchor-arn",
      "profile-arn",
      "role-arn",
      "role-session-name",
      "session-duration",
      "endpoint",
    ],
    switches: [],
  },
  async run(args, io) {
    for (const flag of ["profile", "connection", "airflow-conn"]) {
      if (args.values.has(flag)) {
        throw new CliUsageError(
          `--${flag} does not apply: the certificate and its key are the credentials here.`,
          NAME,
        );
      }
    }
    const trustAnchorArn = requiredValue(args, "trust-anchor-arn", NAME);
    const profileArn = requiredValue(args, "profile-arn", NAME);
    const roleArn = requiredValue(args, "role-arn", NAME);
    const certificate = await fileText(args, "certificate", io);
    const privateKey = await fileText(args, "private-key", io);
    const certificateChain = args.values.has("intermediates")
      ? await fileText(args, "intermediates", io)
      : undefined;
    const provider = fromRolesAnywhere({
      certificate,
      privateKey,
      certificateChain,
      trustAnchorArn,
      profileArn,
      roleArn,
      region: args.values.get("region"),
      sessionName: args.values.get("role-session-name"),
      // AWS's helper sends its default of 3600 when the flag is not given.
      durationSeconds: wholeNumber(args, "session-duration", NAME) ?? 3600,
      endpoint: args.values.get("endpoint") ?? args.values.get("endpoint-url"),
      fetch: io.fetch,
    });
    io.out(formatCredentials(await provider(), "process"));
    return 0;
  },
};
