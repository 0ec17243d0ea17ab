/**
 * What the database driver tests share: the RDS endpoint tokens are signed for (the drivers
 * connect to a fake server on 127.0.0.1, as through a tunnel or proxy), the credentials that
 * sign them, and what the fake servers expect.
 *
 * @module
 */
import type { RdsTokenExpectation } from "./token_check.ts";

/** The RDS endpoint the tokens name. */
export const RDS_ENDPOINT = "prod.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com";

/** Temporary credentials whose secret and token need URL encoding (`/`, `+`, `=`). */
export const RDS_CREDENTIALS = {
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "FwoGZXIvYXdzEXAMPLE/token+=",
};

/**
 * A fake server's expectation: tokens for {@linkcode RDS_ENDPOINT} at `port` in eu-west-1,
 * signed by {@linkcode RDS_CREDENTIALS}' key with `secret` (its own unless another is given).
 */
export function tokensFor(
  port: number,
  secret: string = RDS_CREDENTIALS.secretAccessKey,
): RdsTokenExpectation {
  return {
    signedHost: `${RDS_ENDPOINT}:${port}`,
    region: "eu-west-1",
    secrets: new Map([[RDS_CREDENTIALS.accessKeyId, secret]]),
  };
}
