import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";

/** The `SerialNumber` / `TokenCode` pair of an STS call. */
export interface MfaParameters {
  /** The MFA device's serial number or ARN. */
  SerialNumber?: string;
  /** The code it shows now. */
  TokenCode?: string;
}

/**
 * Checks once, when a provider is created, that an MFA device comes with a way to get its
 * codes, and returns what fetches a fresh code for each STS call.
 */
export function mfaParameters(
  provider: string,
  mfaSerial: string | undefined,
  mfaCodeProvider: MfaCodeProvider | undefined,
): () => Promise<MfaParameters> {
  if (mfaSerial === undefined) return () => Promise.resolve({});
  if (mfaCodeProvider === undefined) {
    throw new TypeError(`${provider}: mfaSerial needs an mfaCodeProvider.`);
  }
  return async () => ({ SerialNumber: mfaSerial, TokenCode: await mfaCodeProvider(mfaSerial) });
}
