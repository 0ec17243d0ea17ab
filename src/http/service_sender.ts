import type { CredentialsInput } from "../sigv4/credentials.ts";
import { SigV4Signer } from "../sigv4/signer.ts";
import { ClockSkew } from "./clock_skew.ts";
import type { SendOptions } from "./send_aws_request.ts";

/** How a service client reaches its service. */
export interface ServiceSenderOptions {
  /** Credentials for signed calls; without them only anonymous calls can be made. */
  credentials?: CredentialsInput;
  /** The region of the signing scope. */
  region: string;
  /** The service's signing name. */
  service: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** Attempts per call. */
  maxAttempts?: number;
  /** Milliseconds per attempt. */
  timeoutMs?: number;
}

/**
 * What every call of one service client shares: the signer (when the client has
 * credentials), the clock offset learned from the service, and the retry and timeout
 * settings — so each client only builds requests and reads answers.
 */
export class ServiceSender {
  readonly #signer?: SigV4Signer;
  readonly #clock = new ClockSkew();
  readonly #options: ServiceSenderOptions;

  /** Creates the sender; throws `SigningInputError` for a bad region or service. */
  constructor(options: ServiceSenderOptions) {
    this.#options = options;
    if (options.credentials !== undefined) {
      this.#signer = new SigV4Signer({
        credentials: options.credentials,
        region: options.region,
        service: options.service,
      });
    }
  }

  /** Whether this sender has credentials to sign with. */
  get canSign(): boolean {
    return this.#signer !== undefined;
  }

  /** The options of one {@linkcode sendAwsRequest} call, signed unless `signed` is false. */
  sendOptions(signal?: AbortSignal, signed = true): SendOptions {
    return {
      signer: signed ? this.#signer : undefined,
      fetch: this.#options.fetch,
      maxAttempts: this.#options.maxAttempts,
      timeoutMs: this.#options.timeoutMs,
      clock: this.#clock,
      signal,
    };
  }
}
