import { base64 } from "../../_shared/bytes/base64.ts";
import { SigningInputError } from "../errors.ts";
import { requestUrlParts } from "../_canonical/request_url.ts";
import { checkScopeName } from "../scope_name.ts";
import { checkRequest, readRequestToSign, withHeaders } from "../_request_to_sign.ts";
import { parseCertificate, parseCertificateChain, type ParsedCertificate } from "./certificate.ts";
import { X509CertificateError } from "./errors.ts";
import { certificateKeyAlgorithm, checkKeyMatchesCertificate } from "./_key_check.ts";
import { x509Layout } from "./_layout.ts";
import { importPrivateKeyPem } from "./private_key.ts";
import { signX509, X509_ECDSA_ALGORITHM, X509_RSA_ALGORITHM } from "./_signature.ts";

/**
 * Options of {@linkcode X509Signer}.
 *
 * @example
 * ```ts
 * import type { X509SignerOptions } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const options = (certificate: string, privateKey: string): X509SignerOptions => ({
 *   certificate,
 *   privateKey,
 *   region: "eu-west-1",
 * });
 * assertEquals(options("cert", "key").service, undefined);
 * ```
 */
export interface X509SignerOptions {
  /** The end-entity certificate: PEM (its first `CERTIFICATE` block) or DER. */
  certificate: string | Uint8Array;
  /**
   * The certificate's private key: PEM (PKCS #8, PKCS #1 RSA or SEC 1 EC), or a WebCrypto
   * key (`RSASSA-PKCS1-v1_5` with SHA-256, or `ECDSA` P-256) with the `sign` usage, which may
   * be non-extractable (kept in IndexedDB, say).
   */
  privateKey: string | CryptoKey;
  /**
   * Intermediate CA certificates, sent in `X-Amz-X509-Chain`: a PEM bundle, or a list of PEM
   * texts and DER encodings. The trust anchor's own certificate need not be sent.
   */
  certificateChain?: string | readonly (string | Uint8Array)[];
  /** The region of the credential scope, e.g. `us-east-1`. */
  region: string;
  /** The service's signing name. Defaults to `rolesanywhere`, the one service that takes these. */
  service?: string;
}

/**
 * Options of {@linkcode X509Signer.prototype.sign}.
 *
 * @example
 * ```ts
 * import type { X509SignOptions } from "@iamfetch/iamfetch/sigv4";
 *
 * const options: X509SignOptions = { date: new Date("2024-05-01T12:00:00Z") };
 * ```
 */
export interface X509SignOptions {
  /** The signing time; defaults to now. The certificate must be valid at this time. */
  date?: Date;
}

/**
 * Signs `Request`s with AWS's X.509 variants of SigV4, `AWS4-X509-RSA-SHA256` and
 * `AWS4-X509-ECDSA-SHA256`, which IAM Roles Anywhere's `CreateSession` takes: SigV4's
 * canonical request and string to sign, signed with the certificate's private key on
 * WebCrypto; the certificate travels in `X-Amz-X509` (and intermediates in
 * `X-Amz-X509-Chain`), and its decimal serial number takes the access key id's place in
 * `Credential=`. Most users want `fromRolesAnywhere` (credentials layer), which calls
 * `CreateSession` with this signer.
 *
 * The certificate is read when the signer is made ({@linkcode X509CertificateError} for a
 * malformed one); the key is imported, and checked against the certificate, once, at the
 * first {@linkcode X509Signer.prototype.check} or `sign`.
 *
 * @example
 * ```ts
 * import { X509Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * // A self-signed EC P-256 certificate (serial 0x123456789, valid 2024-2034) and its key.
 * const certificate = `-----BEGIN CERTIFICATE-----
 * MIIBDzCBtgIFASNFZ4kwCgYIKoZIzj0EAwIwEjEQMA4GA1UEAwwHZXhhbXBsZTAe
 * Fw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBaMBIxEDAOBgNVBAMMB2V4YW1w
 * bGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR6PtaMQhI/vg5Is0RUCS0e1K4L
 * pwVJXyBfUwBhv6Rrjb1WQwpw4wV1aESQ2mKJqXuDSH9Gu6Ygel5XWsjuIYzPMAoG
 * CCqGSM49BAMCA0gAMEUCICYST5kz+5wjdmAL2IBiXL0AKbX/iS/G4YjKqs3uMMEd
 * AiEA8myBLA0HwnD/CSD2s6+PAaqZKJGRvuZ8v8u9AAoHQYc=
 * -----END CERTIFICATE-----`;
 * const privateKey = `-----BEGIN PRIVATE KEY-----
 * MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvnxlPYgslpUVU4qw
 * cfD0Kbk/if+9GaTI10gs9zHkBSShRANCAAR6PtaMQhI/vg5Is0RUCS0e1K4LpwVJ
 * XyBfUwBhv6Rrjb1WQwpw4wV1aESQ2mKJqXuDSH9Gu6Ygel5XWsjuIYzP
 * -----END PRIVATE KEY-----`;
 * const signer = new X509Signer({ certificate, privateKey, region: "eu-west-1" });
 * const date = new Date("2024-05-01T12:00:00Z"); // default: now
 * await signer.check(date); // expired certificate, or a key that is not its own: X509CertificateError
 * const request = new Request("https://rolesanywhere.eu-west-1.amazonaws.com/sessions", { method: "POST", body: "{}" });
 * const signed = await signer.sign(request, { date });
 * // The decimal serial number takes the access key id's place; the certificate travels along.
 * assertMatch(
 *   signed.headers.get("authorization")!,
 *   /^AWS4-X509-ECDSA-SHA256 Credential=4886718345\/20240501\/eu-west-1\/rolesanywhere\/aws4_request, /,
 * );
 * assertEquals(signed.headers.get("x-amz-x509"), certificate.split("\n").slice(1, -1).join(""));
 * ```
 */
export class X509Signer {
  /** The end-entity certificate, as read. */
  readonly certificate: ParsedCertificate;
  /** The intermediates sent in `X-Amz-X509-Chain`. */
  readonly certificateChain: readonly ParsedCertificate[];
  /** `AWS4-X509-RSA-SHA256` or `AWS4-X509-ECDSA-SHA256`, after the certificate's key. */
  readonly algorithm: string;
  /** The region of the credential scope. */
  readonly region: string;
  /** The service signing name. */
  readonly service: string;
  readonly #x509: string;
  readonly #x509Chain?: string;
  #privateKey: string | CryptoKey | undefined;
  #checkedKey?: Promise<CryptoKey>;

  /** Creates a signer; throws {@linkcode X509CertificateError} or `SigningInputError` for bad options. */
  constructor(options: X509SignerOptions) {
    if (options === null || typeof options !== "object") {
      throw new SigningInputError("X509Signer needs options { certificate, privateKey, region }.");
    }
    this.region = checkScopeName("region", options.region);
    this.service = checkScopeName("service", options.service ?? "rolesanywhere");
    this.certificate = parseCertificate(options.certificate);
    this.algorithm = certificateKeyAlgorithm(this.certificate).name === "ECDSA"
      ? X509_ECDSA_ALGORITHM
      : X509_RSA_ALGORITHM;
    this.certificateChain = options.certificateChain === undefined
      ? []
      : parseCertificateChain(options.certificateChain);
    this.#x509 = base64(this.certificate.der);
    if (this.certificateChain.length > 0) {
      this.#x509Chain = this.certificateChain.map((link) => base64(link.der)).join(",");
    }
    this.#privateKey = options.privateKey;
  }

  /**
   * Throws {@linkcode X509CertificateError} unless the certificate is valid at `date` (default
   * now; `expired`, `not-yet-valid`) and the private key is usable and the certificate's
   * (`malformed-key`, `encrypted-key`, `unsupported-key`, `key-mismatch`; checked once).
   */
  async check(date: Date = new Date()): Promise<void> {
    const { notBefore, notAfter, serialNumber } = this.certificate;
    if (date.getTime() < notBefore.getTime()) {
      throw new X509CertificateError(
        "not-yet-valid",
        `The certificate (serial ${serialNumber}) is not valid before ${notBefore.toISOString()}.`,
      );
    }
    if (date.getTime() > notAfter.getTime()) {
      throw new X509CertificateError(
        "expired",
        `The certificate (serial ${serialNumber}) expired at ${notAfter.toISOString()}; renew it.`,
      );
    }
    await this.#key();
  }

  /**
   * Returns a new `Request` carrying `Authorization`, `X-Amz-Date`, `X-Amz-X509` and, with
   * intermediates, `X-Amz-X509-Chain`. `request` and its body stay usable. Throws
   * {@linkcode X509CertificateError} as {@linkcode X509Signer.prototype.check} does.
   */
  async sign(request: Request, options: X509SignOptions = {}): Promise<Request> {
    checkRequest(request);
    const date = options.date ?? new Date();
    await this.check(date);
    const key = await this.#key();
    const { headerList, bodyHash, bodyBytes } = await readRequestToSign(request, false);
    const layout = x509Layout({
      method: request.method,
      url: requestUrlParts(request.url),
      headerList,
      bodyHash,
      algorithm: this.algorithm,
      serialNumber: this.certificate.serialNumber,
      x509: this.#x509,
      x509Chain: this.#x509Chain,
      region: this.region,
      service: this.service,
      date,
    });
    const signature = await signX509(key, layout.stringToSign);
    layout.added.set(
      "authorization",
      `${this.algorithm} Credential=${layout.credential}, SignedHeaders=${layout.signedHeaders}, Signature=${signature}`,
    );
    return withHeaders(request, layout.added, bodyBytes);
  }

  /** The private key, imported and checked against the certificate once. */
  #key(): Promise<CryptoKey> {
    if (this.#checkedKey === undefined) {
      const given = this.#privateKey;
      this.#privateKey = undefined; // the PEM text is not kept once imported
      this.#checkedKey = (async () => {
        const key = typeof given === "string" ? await importPrivateKeyPem(given) : given;
        if (key === undefined || key === null || typeof key !== "object") {
          throw new X509CertificateError(
            "malformed-key",
            "privateKey must be PEM text or a WebCrypto CryptoKey.",
          );
        }
        await checkKeyMatchesCertificate(key, this.certificate);
        return key;
      })();
    }
    return this.#checkedKey;
  }
}
