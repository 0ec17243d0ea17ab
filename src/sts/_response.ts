import { answeredWithout } from "../http/query_result.ts";
import { type XmlNode, xmlText } from "../_shared/xml/parse.ts";
import { toSafeCredentials } from "../credentials/redacted_credentials.ts";
import type { CallerIdentity, StsCredentialsResult } from "./types.ts";

/** Reads `<Credentials>` and the identity fields of a credential-issuing STS result. */
export function credentialsResult(
  action: string,
  result: XmlNode,
  requestId?: string,
): StsCredentialsResult {
  const field = (name: string) => xmlText(result, ["Credentials", name]);
  const accessKeyId = field("AccessKeyId");
  const secretAccessKey = field("SecretAccessKey");
  const sessionToken = field("SessionToken");
  const expiration = new Date(field("Expiration") ?? NaN);
  if (!accessKeyId || !secretAccessKey || !sessionToken || Number.isNaN(expiration.getTime())) {
    throw answeredWithout("STS", action, requestId, "complete <Credentials>");
  }
  const user = ["AssumedRoleUser", "FederatedUser"].find((name) =>
    xmlText(result, [name, "Arn"]) !== undefined
  );
  const packed = xmlText(result, ["PackedPolicySize"]);
  return {
    credentials: toSafeCredentials({
      accessKeyId,
      secretAccessKey,
      sessionToken,
      expiration,
    }) as StsCredentialsResult["credentials"],
    arn: user === undefined ? undefined : xmlText(result, [user, "Arn"]),
    id: user === undefined
      ? undefined
      : xmlText(result, [user, user === "FederatedUser" ? "FederatedUserId" : "AssumedRoleId"]),
    subject: xmlText(result, ["SubjectFromWebIdentityToken"]) ?? xmlText(result, ["Subject"]),
    sourceIdentity: xmlText(result, ["SourceIdentity"]),
    packedPolicySize: packed === undefined ? undefined : Number(packed),
  };
}

/** Reads a `GetCallerIdentityResult`. */
export function callerIdentityResult(result: XmlNode, requestId?: string): CallerIdentity {
  const account = xmlText(result, ["Account"]);
  const arn = xmlText(result, ["Arn"]);
  const userId = xmlText(result, ["UserId"]);
  if (!account || !arn || !userId) {
    throw answeredWithout("STS", "GetCallerIdentity", requestId, "Account, Arn and UserId");
  }
  return { account, arn, userId };
}
