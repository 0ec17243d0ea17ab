import { AwsError } from "../http/errors.ts";
import { parseXml, type XmlNode, XmlParseError, xmlText } from "../_shared/xml/parse.ts";
import { toSafeCredentials } from "../credentials/redacted_credentials.ts";
import type { CallerIdentity, StsCredentialsResult } from "./types.ts";

function invalidResponse(action: string, requestId: string | undefined, what: string): AwsError {
  return new AwsError({
    code: "InvalidResponse",
    message: `STS ${action} answered without ${what}.`,
    status: 200,
    requestId,
    retryable: false,
  });
}

/** Parses the XML body of a successful STS `action` call; `<Action>Response/<Action>Result`. */
export function stsResult(action: string, xml: string, requestId?: string): XmlNode {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    throw new AwsError({
      code: "InvalidResponse",
      message: `STS ${action} answered with a body that is not its XML response (${error.message})`,
      status: 200,
      requestId,
      retryable: false,
    });
  }
  const response = doc[`${action}Response`];
  const result = response && !Array.isArray(response) && typeof response === "object"
    ? response[`${action}Result`]
    : undefined;
  if (result === undefined || Array.isArray(result)) {
    throw invalidResponse(action, requestId, `an <${action}Result>`);
  }
  return result;
}

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
    throw invalidResponse(action, requestId, "complete <Credentials>");
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
    throw invalidResponse("GetCallerIdentity", requestId, "Account, Arn and UserId");
  }
  return { account, arn, userId };
}
