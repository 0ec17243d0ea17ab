import type { CredentialProvider, Credentials } from "../../sigv4/credentials.ts";
import { checkCredentials } from "../../sigv4/credentials.ts";
import { AwsError } from "../../http/errors.ts";
import { callCognitoIdentity, type CognitoIdentityOptions } from "./_identity_client.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { endpointResolver } from "../endpoints/endpoint_resolver.ts";
import { CredentialsProviderError } from "../errors.ts";
import { type IdentityIdStore, memoryIdentityIdStore } from "./identity_id_store.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";
import { refreshing, type RefreshingOptions } from "../refreshing.ts";

/**
 * Options of {@linkcode fromCognitoIdentityPool}.
 *
 * @example
 * ```ts
 * import {
 *   fromCognitoIdentityPool,
 *   type FromCognitoIdentityPoolOptions,
 *   memoryIdentityIdStore,
 * } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const bodies: unknown[] = []; // what Cognito receives: GetId, then GetCredentialsForIdentity
 * const fetch = async (input: RequestInfo | URL) => {
 *   const request = input as Request;
 *   bodies.push(await request.json());
 *   return Response.json(request.headers.get("x-amz-target")!.endsWith(".GetId")
 *     ? { IdentityId: "us-east-1:1111" }
 *     : { Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretKey: "secret", SessionToken: "t", Expiration: 4102444800 } });
 * };
 * const store = memoryIdentityIdStore();
 * const options: FromCognitoIdentityPoolOptions = {
 *   identityPoolId: "us-east-1:0c1d5f5e-0000-4000-8000-000000000000",
 *   logins: { "accounts.google.com": () => Promise.resolve("<the user's ID token>") },
 *   identityIdStore: store,
 *   fetch,
 * };
 * assertEquals((await fromCognitoIdentityPool(options)()).accessKeyId, "ASIAEXAMPLE");
 * assertEquals(bodies[1], { IdentityId: "us-east-1:1111", Logins: { "accounts.google.com": "<the user's ID token>" } });
 * // The identity id is kept for the next visit, under AWS SDK v3's key.
 * const key = "aws:cognito-identity-credentials:us-east-1:0c1d5f5e-0000-4000-8000-000000000000:AUTHENTICATED";
 * assertEquals(await store.getItem(key), "us-east-1:1111");
 * ```
 */
export interface FromCognitoIdentityPoolOptions extends ConfiguredEndpointOptions {
  /** The identity pool, `<region>:<uuid>`. */
  identityPoolId: string;
  /** The pool's region. Default: the part of `identityPoolId` before the colon. */
  region?: string;
  /**
   * Identity provider name → token (or a function returning a fresh one, called on every
   * refresh): e.g. `accounts.google.com`, `cognito-idp.<region>.amazonaws.com/<user pool id>`.
   * Without logins the identity is unauthenticated.
   */
  logins?: Record<string, string | (() => Promise<string>)>;
  /** The role to take when the pool lets the user choose one (`CustomRoleArn`). */
  customRoleArn?: string;
  /** The AWS account of the pool (`AccountId` of `GetId`, for legacy pools). */
  accountId?: string;
  /** Where the identity id is kept. Default: a memory store of this provider. */
  identityIdStore?: IdentityIdStore;
  /**
   * Tells the users of one pool apart in the store. Default `ANONYMOUS` without logins (AWS
   * SDK v3's key, so the two libraries share an id) and `AUTHENTICATED` with them.
   */
  userIdentifier?: string;
  /**
   * The endpoint; default the configured one of the `Cognito Identity` service
   * (`AWS_ENDPOINT_URL_COGNITO_IDENTITY`, `AWS_ENDPOINT_URL`, the profile's `services`
   * section — key `cognito_identity` — or `endpoint_url`; see `configuredEndpoint`; in a
   * browser, only what `platform` holds), else `https://cognito-identity.<region>.amazonaws.com`.
   */
  endpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** How the credentials are cached and refreshed. */
  refresh?: RefreshingOptions;
}

async function resolveLogins(
  logins: FromCognitoIdentityPoolOptions["logins"],
): Promise<Record<string, string> | undefined> {
  if (logins === undefined) return undefined;
  const entries = await Promise.all(
    Object.entries(logins).map(async ([name, token]) =>
      [name, typeof token === "string" ? token : await token()] as const
    ),
  );
  return Object.fromEntries(entries);
}

/**
 * Credentials of an Amazon Cognito identity pool, for browsers and other places without
 * AWS keys: `GetId` (once; the id is kept in `identityIdStore` under AWS SDK v3's key
 * `aws:cognito-identity-credentials:<pool>:<userIdentifier>`), then
 * `GetCredentialsForIdentity`, both unsigned, with the same request bodies as
 * `@aws-sdk/credential-provider-cognito-identity`. Credentials are cached and refreshed
 * before they expire (`refreshing`).
 *
 * A stored id that Cognito no longer knows (`ResourceNotFoundException`) or, with logins,
 * that belongs to another user (`NotAuthorizedException`) is dropped and a fresh `GetId`
 * is tried once; AWS SDK v3 drops it and fails that call. Unlike the SDK, identity ids of
 * authenticated users are stored too (as `AUTHENTICATED` unless `userIdentifier` says
 * whose), and the default store is in memory, not IndexedDB: persisting is the caller's
 * choice (`localStorageIdentityIdStore()`).
 *
 * @example
 * ```ts
 * import { fromCognitoIdentityPool } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const fetch = (input: RequestInfo | URL) =>
 *   Promise.resolve(Response.json(
 *     (input as Request).headers.get("x-amz-target")!.endsWith(".GetId")
 *       ? { IdentityId: "us-east-1:1" }
 *       : { Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretKey: "s", SessionToken: "t", Expiration: 4102444800 } },
 *   ));
 * const credentials = await fromCognitoIdentityPool({ identityPoolId: "us-east-1:pool", fetch })();
 * assert(credentials.accessKeyId === "ASIAEXAMPLE" && credentials.expiration?.getUTCFullYear() === 2100);
 * ```
 */
export function fromCognitoIdentityPool(
  options: FromCognitoIdentityPoolOptions,
): CredentialProvider {
  const { identityPoolId } = options;
  const region = options.region ?? identityPoolId.split(":")[0];
  // Looked up once per provider, at its first call.
  const endpoint = endpointResolver(
    "Cognito Identity",
    options.endpoint,
    options,
    () => new URL(`https://cognito-identity.${region}.amazonaws.com/`),
  );
  const service = async (): Promise<CognitoIdentityOptions> => ({
    region,
    endpoint: (await endpoint()).href,
    fetch: options.fetch,
  });
  const store = options.identityIdStore ?? memoryIdentityIdStore();
  const authenticated = Object.keys(options.logins ?? {}).length > 0;
  const userIdentifier = options.userIdentifier ?? (authenticated ? "AUTHENTICATED" : "ANONYMOUS");
  const key = `aws:cognito-identity-credentials:${identityPoolId}:${userIdentifier}`;

  const credentialsFor = async (
    identityId: string,
    logins: Record<string, string> | undefined,
  ): Promise<Credentials> => {
    // Members in the service model's order, as AWS SDK v3 serializes them.
    const answer = await callCognitoIdentity("GetCredentialsForIdentity", {
      IdentityId: identityId,
      Logins: logins,
      CustomRoleArn: options.customRoleArn,
    }, await service());
    const credentials = (answer.Credentials ?? {}) as Record<string, unknown>;
    return toSafeCredentials(checkCredentials({
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken,
      expiration: typeof credentials.Expiration === "number"
        ? new Date(credentials.Expiration * 1000)
        : undefined,
    }));
  };

  const newIdentityId = async (logins: Record<string, string> | undefined): Promise<string> => {
    const answer = await callCognitoIdentity("GetId", {
      AccountId: options.accountId,
      IdentityPoolId: identityPoolId,
      Logins: logins,
    }, await service());
    if (typeof answer.IdentityId !== "string" || answer.IdentityId === "") {
      throw new CredentialsProviderError("Amazon Cognito answered GetId with no IdentityId.", {
        tryNextLink: false,
      });
    }
    await store.setItem(key, answer.IdentityId);
    return answer.IdentityId;
  };

  const isStale = (error: unknown) =>
    error instanceof AwsError &&
    (error.code === "ResourceNotFoundException" ||
      (authenticated && error.code === "NotAuthorizedException"));

  return refreshing(async () => {
    const logins = await resolveLogins(options.logins);
    const stored = await store.getItem(key);
    if (stored) {
      try {
        return await credentialsFor(stored, logins);
      } catch (error) {
        await store.removeItem(key);
        if (!isStale(error)) throw error;
      }
    }
    try {
      return await credentialsFor(await newIdentityId(logins), logins);
    } catch (error) {
      await store.removeItem(key);
      throw error;
    }
  }, options.refresh);
}
