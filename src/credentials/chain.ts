import type { CredentialProvider } from "../sigv4/credentials.ts";
import { ChainExhaustedError } from "./errors.ts";
import { redactedErrorLine } from "./redact_secrets.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

const MESSAGE_EXCERPT_CHARS = 300;

// Our providers' messages hold no secrets and are shown as written; other libraries' might.
const describe = (error: unknown) => redactedErrorLine(error, MESSAGE_EXCERPT_CHARS);

/**
 * A provider that asks `providers` in order and returns the first credentials one of them
 * gives, as AWS SDK v3's `chain`: a provider that throws an error with `tryNextLink === true`
 * (a {@linkcode CredentialsProviderError}, or AWS SDK v3's own) means "not available here"
 * and the next one is asked; any other error stops the chain and is rethrown, so a broken
 * configuration is reported instead of silently skipped. When every provider passes,
 * throws {@linkcode ChainExhaustedError} listing what each reported (AWS SDK v3 rethrows only
 * the last error). Credentials are returned with their secrets redacted from logs (see
 * `toSafeCredentials`), whatever provider gave them.
 *
 * @param providers Tried in this order, each once per call.
 *
 * @example
 * ```ts
 * import { chain, fromEnv, fromStatic } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = chain(
 *   fromEnv({ env: {} }), // not available: the chain goes on
 *   fromStatic({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
 * );
 * assertEquals((await provider()).accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function chain(...providers: CredentialProvider[]): CredentialProvider {
  return async () => {
    const errors: unknown[] = [];
    for (const provider of providers) {
      try {
        return toSafeCredentials(await provider());
      } catch (error) {
        if ((error as { tryNextLink?: unknown } | null)?.tryNextLink !== true) throw error;
        errors.push(error);
      }
    }
    const tried = errors.map((error, i) => `(${i + 1}) ${describe(error)}`).join(" ");
    throw new ChainExhaustedError(
      providers.length === 0
        ? "The credential provider chain is empty."
        : `No provider in the chain had credentials. ${tried}`,
      errors,
    );
  };
}
