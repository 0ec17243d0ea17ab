// How the fake database servers judge an RDS IAM token, as RDS does: a presigned
// `connect` request for the RDS endpoint, the user who logs in, service rds-db.
import { verifySignature } from "../../../src/sigv4/mod.ts";

/** What a fake server expects of the tokens it is handed. */
export interface RdsTokenExpectation {
  /** The host:port the token must be signed for (the RDS endpoint, not 127.0.0.1). */
  signedHost: string;
  region: string;
  secrets: Map<string, string>;
}

/** Why `token` does not log `user` in, or `undefined` when it does. */
export async function rdsTokenProblem(
  token: string,
  user: string,
  expected: RdsTokenExpectation,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL("https://" + token);
  } catch {
    return "not a token";
  }
  if (url.host !== expected.signedHost) return "wrong host";
  if (url.pathname !== "/") return "wrong path";
  if (url.searchParams.get("Action") !== "connect") return "wrong action";
  if (url.searchParams.get("DBUser") !== user) return "signed for another user";
  const result = await verifySignature(new Request(url), {
    secretFor: (id) => expected.secrets.get(id),
    service: "rds-db",
    region: expected.region,
  });
  return result.ok ? undefined : result.code;
}
