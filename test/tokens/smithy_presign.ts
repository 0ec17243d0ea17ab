/**
 * The reference for presigned token URLs: `@smithy/signature-v4` (the AWS SDK v3 signer, with
 * the pure-JS SHA-256) presigning a GET, whose query the tests compare with iamfetch's.
 *
 * @module
 */
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

/** What {@linkcode smithyPresignedQuery} presigns. */
export interface SmithyPresign {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  protocol: "http:" | "https:";
  host: string;
  query: Record<string, string>;
  /** Headers to sign besides `host`. */
  headers?: Record<string, string>;
  date: Date;
  expiresIn: number;
}

/** The query of smithy's presigned `GET <protocol>//<host>/?<query>`, `X-Amz-*` included. */
export async function smithyPresignedQuery(input: SmithyPresign): Promise<Record<string, string>> {
  const { credentials, region, service, protocol, host, query, headers, date, expiresIn } = input;
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const presigned = await signer.presign(
    new HttpRequest({
      method: "GET",
      protocol,
      hostname: host,
      path: "/",
      query,
      headers: { host, ...headers },
    }),
    { signingDate: date, expiresIn },
  );
  return presigned.query as Record<string, string>;
}
