import { SigV4Signer } from "../../sigv4/signer.ts";
import { inferServiceRegion } from "../../http/infer_service_region.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliUsageError } from "../errors.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";
import { wholeNumber } from "./_flag_values.ts";

/** `iamfetch presign <url>`: prints a SigV4 presigned URL. */
export const presignCommand: Command = {
  name: "presign",
  summary: "print a presigned URL for a request",
  help:
    `Usage: iamfetch presign <url> [--method GET] [--expires-in 900] [--service NAME] [connection flags]

Prints <url> presigned with SigV4 query parameters. The service and region are inferred
from AWS host names (as aws4fetch does); give --service (and --region) for other hosts.
  --method METHOD      the HTTP method the URL is for (default GET)
  --expires-in SECS    1 to 604800 (default 900)
  --service NAME       the signing name, e.g. s3, execute-api`,
  flags: { values: ["method", "expires-in", "service"], switches: [], positionals: 1 },
  async run(args, io) {
    // The parser allows one positional (flags.positionals), so only a missing one is left.
    const [target] = args.positionals;
    if (target === undefined) {
      throw new CliUsageError("presign takes exactly one URL.", "presign");
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new CliUsageError(
        "presign needs an absolute URL, e.g. https://bucket.s3.amazonaws.com/key.",
        "presign",
      ); // not echoed: it may hold a token
    }
    const expiresIn = wholeNumber(args, "expires-in", "presign") ?? 900;
    const inferred = inferServiceRegion(url, new Headers());
    const service = args.values.get("service") ?? inferred.service;
    if (service === "") {
      throw new CliUsageError(
        `Cannot infer the service of ${url.host}; give --service.`,
        "presign",
      );
    }
    const prompts = new CliPrompts(io);
    try {
      const connection = await resolveCliConnection(args, io, prompts);
      const region = args.values.get("region") ??
        (inferred.service === "" ? connection.region : inferred.region);
      const signer = new SigV4Signer({ credentials: connection.credentials, region, service });
      const method = (args.values.get("method") ?? "GET").toUpperCase();
      const presigned = await signer.presign(new Request(url, { method }), { expiresIn });
      io.out(`${presigned.href}\n`);
      return 0;
    } finally {
      prompts.stop();
    }
  },
};
