/**
 * Bundled for the Chromium test: a page's use of `fromCognitoIdentityPool` with the
 * identity id kept in `localStorage`.
 *
 * @module
 */
import { fromCognitoIdentityPool } from "../../../src/credentials/cognito/from_identity_pool.ts";
import { localStorageIdentityIdStore } from "../../../src/credentials/cognito/identity_id_store.ts";

/** What the page reports: plain values, so they cross `page.evaluate`. */
export interface CognitoPageResult {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: string;
  storedIdentityId: string | null;
}

/** Gets credentials of the pool's unauthenticated identity, as a web page would. */
export async function cognitoCredentials(
  input: { endpoint: string; identityPoolId: string },
): Promise<CognitoPageResult> {
  const credentials = await fromCognitoIdentityPool({
    identityPoolId: input.identityPoolId,
    endpoint: input.endpoint,
    identityIdStore: localStorageIdentityIdStore(),
  })();
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration?.toISOString(),
    storedIdentityId: localStorage.getItem(
      `aws:cognito-identity-credentials:${input.identityPoolId}:ANONYMOUS`,
    ),
  };
}
