import { parseAmzDate } from "../amz_date.ts";
import { ALGORITHM } from "../signature.ts";
import type { FormField } from "./_form.ts";
import { missingField, postFailure, type PostPolicyFailure } from "./failure.ts";

/** What a POST form claims about its signature. */
export interface PostClaim {
  readonly accessKeyId: string;
  readonly shortDate: string;
  readonly region: string;
  readonly date: Date;
  readonly signature: string;
  readonly policy: string;
  readonly sessionToken?: string;
}

// The signing fields in the spelling S3 names them in its errors, in the order it checks them.
const SIGNING_FIELDS = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature"];

function badCredential(message: string): PostPolicyFailure {
  return postFailure(400, "InvalidArgument", message, { argumentName: "X-Amz-Credential" });
}

function readCredential(
  credential: string,
  expectedRegion: string | undefined,
): Omit<PostClaim, "date" | "signature" | "policy"> | PostPolicyFailure {
  const parts = credential.split("/");
  if (parts.length !== 5) {
    return badCredential(
      'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  const [accessKeyId, shortDate, region, service, terminal] = parts;
  if (accessKeyId === "") {
    return badCredential("a non-empty Access Key (AKID) must be provided in the credential.");
  }
  if (!/^\d{8}$/.test(shortDate)) {
    return badCredential(
      `incorrect date format "${shortDate}". This date in the credential must be in the format "yyyyMMdd".`,
    );
  }
  if (service !== "s3") {
    return badCredential(`incorrect service "${service}". This endpoint belongs to "s3".`);
  }
  if (terminal !== "aws4_request") {
    return badCredential(`incorrect terminal "${terminal}". This endpoint uses "aws4_request".`);
  }
  if (expectedRegion !== undefined && region !== expectedRegion) {
    return badCredential(`the region '${region}' is wrong; expecting '${expectedRegion}'`);
  }
  return { accessKeyId, shortDate, region };
}

/**
 * Reads the signing fields of a form as S3 checks them: none of them is an anonymous upload
 * (403, which this verifier does not serve); a missing one is 400 `InvalidArgument` naming
 * it; then the algorithm, the credential (`<AKID>/<yyyymmdd>/<region>/s3/aws4_request`) and
 * `X-Amz-Date` (ISO 8601 basic) must each be well-formed.
 */
export function readClaim(
  fields: ReadonlyMap<string, FormField>,
  expectedRegion: string | undefined,
): PostClaim | PostPolicyFailure {
  const value = (name: string) => fields.get(name.toLowerCase())?.value;
  if ([...SIGNING_FIELDS, "Policy"].every((name) => value(name) === undefined)) {
    return postFailure(403, "AccessDenied", "Access Denied");
  }
  for (const name of [...SIGNING_FIELDS, "Policy"]) {
    if (value(name) === undefined) return missingField(name);
  }
  if (value("X-Amz-Algorithm") !== ALGORITHM) {
    return postFailure(400, "InvalidArgument", `X-Amz-Algorithm only supports "${ALGORITHM}"`, {
      argumentName: "X-Amz-Algorithm",
    });
  }
  const credential = readCredential(value("X-Amz-Credential")!, expectedRegion);
  if ("ok" in credential) return credential;
  const date = parseAmzDate(value("X-Amz-Date")!);
  if (date === undefined) {
    // S3's own spelling ("formated"), so clients matching on the message keep working.
    return postFailure(
      400,
      "InvalidArgument",
      "X-Amz-Date must be formated via ISO8601 Long format",
      {
        argumentName: "X-Amz-Date",
      },
    );
  }
  const sessionToken = value("X-Amz-Security-Token");
  return {
    ...credential,
    date,
    signature: value("X-Amz-Signature")!,
    policy: value("Policy")!,
    ...(sessionToken === undefined ? {} : { sessionToken }),
  };
}
