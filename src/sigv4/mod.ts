/**
 * AWS Signature Version 4 for any runtime with `fetch` and WebCrypto: sign `Request`s,
 * presign URLs, sign streaming (`aws-chunked`) uploads, and verify incoming signatures
 * and chunked bodies on the server side. Pure functions, no I/O.
 *
 * @example
 * ```ts
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "execute-api",
 * });
 * const signed = await signer.sign(new Request("https://api.example.com/items"));
 * assert(signed.headers.has("authorization"));
 * ```
 *
 * @module
 */
export type { CredentialProvider, Credentials, CredentialsInput } from "./credentials.ts";
export { CredentialsError, IamfetchError, SigningInputError } from "./errors.ts";
export { SigV4Signer, type SigV4SignerOptions } from "./signer.ts";
export type { PresignOptions, SignOptions } from "./sign_options.ts";
export type { PlainRequest } from "./plain_request.ts";
export { signHeaders } from "./sign_headers.ts";
export { SigV4aSigner, type SigV4aSignerOptions } from "./sigv4a/signer.ts";
export { X509Signer, type X509SignerOptions, type X509SignOptions } from "./x509/signer.ts";
export { parseCertificate, type ParsedCertificate } from "./x509/certificate.ts";
export { importPrivateKeyPem } from "./x509/private_key.ts";
export { X509CertificateError, type X509ErrorReason } from "./x509/errors.ts";
export {
  type VerifiedRequest,
  type VerifyOptions,
  type VerifyResult,
  verifySignature,
} from "./verify.ts";
export type { VerificationErrorCode, VerificationFailure } from "./verification_failure.ts";
export { declaredPayloadLabel, type PayloadLabel } from "./payload_declaration.ts";
export { type StreamingPayloadMode, type StreamingTrailer } from "./streaming/format.ts";
export { type AwsChunkedBodyOptions, verifyAwsChunkedBody } from "./streaming/decoder.ts";
export type { ChunkSeed } from "./streaming/signature_chain.ts";
export { signStreaming, type StreamingSignOptions } from "./streaming/sign.ts";
export {
  AwsChunkedBodyError,
  type AwsChunkedErrorCode,
  StreamingLengthError,
} from "./streaming/errors.ts";
export {
  type StreamingVerifyOptions,
  type StreamingVerifyResult,
  type VerifiedStreamingRequest,
  verifyStreamingRequest,
} from "./streaming/verify.ts";
export { type PresignedPost, presignPost, type PresignPostOptions } from "./post_policy/presign.ts";
export type { PostPolicyCondition } from "./post_policy/conditions.ts";
export { PostPolicyError } from "./post_policy/errors.ts";
export {
  type VerifiedPostPolicy,
  verifyPostPolicy,
  type VerifyPostPolicyOptions,
  type VerifyPostPolicyResult,
} from "./post_policy/verify.ts";
export type { PostPolicyErrorCode, PostPolicyFailure } from "./post_policy/failure.ts";
