/**
 * The three Okta Identity Engine modes as one function that runs unchanged in workerd and in
 * a browser (bundled by `bundleModule`, no runtime module imported), each to credentials
 * from the emulator, through the global `fetch`: web (the device code approved by posting
 * the user's sign-in to the verification page, as a browser would; the polling sleeps
 * recorded, shortened), direct (password and an Okta Verify push with a number challenge),
 * m2m (an ES256 JWK). A wrong password shows it fails without leaking. Results are plain
 * data without any secret.
 *
 * @module
 */
import {
  fromOktaOieM2m,
  fromSaml,
  oktaOieDirectAdapter,
  OktaOieError,
  oktaOieWebAdapter,
} from "../../../../src/saml/mod.ts";

/** What {@linkcode runOktaOieLogins} needs. */
export interface OktaOieRuntimeInput {
  readonly orgUrl: string;
  readonly clientId: string;
  readonly appId: string;
  readonly username: string;
  readonly password: string;
  readonly serviceClientId: string;
  readonly serviceKey: JsonWebKey & { kid: string };
  readonly sts: { readonly endpoint: string; readonly m2mRoleArn: string };
}

/** What one mode produced, without secrets. */
export interface ModeResult {
  readonly accessKeyId: string;
  readonly hasSecret: boolean;
  readonly hasSessionToken: boolean;
}

/** What {@linkcode runOktaOieLogins} observed. */
export interface OktaOieRuntimeResult {
  readonly web: ModeResult;
  /** The polling waits the web mode asked for, in ms. */
  readonly webWaits: number[];
  readonly direct: ModeResult;
  /** The messages the direct mode's push prompt got. */
  readonly pushMessages: string[];
  readonly m2m: ModeResult;
  readonly wrongPassword: { name: string; step?: string; code?: string; leaked: boolean };
}

// A browser's own fetch called with another `this` throws "Illegal invocation".
const globalFetch: typeof fetch = (input, init) => fetch(input, init);

/** Runs the three modes. */
export async function runOktaOieLogins(input: OktaOieRuntimeInput): Promise<OktaOieRuntimeResult> {
  const sts = { endpoint: input.sts.endpoint, region: "us-east-1" };
  const webWaits: number[] = [];
  const web = await fromSaml({
    adapter: oktaOieWebAdapter({
      orgUrl: input.orgUrl,
      clientId: input.clientId,
      onDeviceCode: async (code) => {
        const page = await globalFetch(code.verificationUri, {
          method: "POST",
          body: new URLSearchParams({
            user_code: code.userCode,
            username: input.username,
            password: input.password,
          }),
        });
        if (page.status !== 200) throw new Error(`activation answered ${page.status}`);
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, (webWaits.push(ms), 5))),
    }),
    ...sts,
  })();
  const pushMessages: string[] = [];
  const direct = oktaOieDirectAdapter({
    orgUrl: input.orgUrl,
    clientId: input.clientId,
    appId: input.appId,
    sleep: () => new Promise((resolve) => setTimeout(resolve, 5)),
  });
  const directCredentials = await fromSaml({
    adapter: direct,
    username: input.username,
    password: input.password,
    mfa: (challenge) => Promise.resolve(void pushMessages.push(challenge.message)),
    ...sts,
  })();
  const m2m = await fromOktaOieM2m({
    orgUrl: input.orgUrl,
    clientId: input.serviceClientId,
    privateKey: input.serviceKey,
    roleArn: input.sts.m2mRoleArn,
    ...sts,
  })();
  const wrong = `${input.password}-wrong`;
  const wrongPassword = await direct.getSamlResponse({
    fetch: globalFetch,
    username: input.username,
    password: wrong,
  }).then(
    () => ({ name: "no error", leaked: false }),
    (error: unknown) => ({
      name: error instanceof Error ? error.name : String(error),
      step: error instanceof OktaOieError ? error.step : undefined,
      code: error instanceof OktaOieError ? error.code : undefined,
      leaked: `${error} ${JSON.stringify(error)} ${(error as Error).stack}`.includes(wrong),
    }),
  );
  return {
    web: summary(web),
    webWaits,
    direct: summary(directCredentials),
    pushMessages,
    m2m: summary(m2m),
    wrongPassword,
  };
}

function summary(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): ModeResult {
  return {
    accessKeyId: credentials.accessKeyId,
    hasSecret: credentials.secretAccessKey.length > 0,
    hasSessionToken: (credentials.sessionToken ?? "").length > 0,
  };
}
