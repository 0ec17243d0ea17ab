/**
 * The Okta login as one function that runs unchanged in workerd and in a browser: bundled by
 * `bundleModule` (no runtime module is imported), it signs in at the fake Okta with a push
 * factor through the global `fetch`, reads the roles of the SAMLResponse, checks that a
 * wrong password fails without leaking it, and — given an STS endpoint — gets credentials
 * from the emulator with `fromSaml`. Results are plain data, without any secret.
 *
 * @module
 */
import {
  fromSaml,
  oktaAdapter,
  parseSamlAssertion,
  SamlLoginError,
} from "../../../../src/saml/mod.ts";

/** What {@linkcode runOktaLogin} needs. */
export interface OktaRuntimeInput {
  /** The fake Okta's embed link. */
  readonly loginUrl: string;
  /** The user, enrolled with an Okta Verify push that gets approved. */
  readonly username: string;
  /** The user's password. */
  readonly password: string;
  /** The emulator's STS and the role to assume; the `fromSaml` step is skipped without it. */
  readonly sts?: { readonly endpoint: string; readonly roleArn: string };
}

/** What {@linkcode runOktaLogin} observed. */
export interface OktaRuntimeResult {
  /** The assertion's roles as `role,principal`. */
  readonly roles: string[];
  /** The MFA challenges' kinds, in order. */
  readonly prompts: string[];
  /** A wrong password's error: its name, status, and whether the password showed in it. */
  readonly wrongPassword: { name: string; status?: number; leaked: boolean };
  /** The credentials `fromSaml` got, without the secret parts. */
  readonly credentials?: { accessKeyId: string; hasSecret: boolean; hasSessionToken: boolean };
}

/** Runs the Okta flow with the global `fetch`. */
export async function runOktaLogin(input: OktaRuntimeInput): Promise<OktaRuntimeResult> {
  const prompts: string[] = [];
  const mfa = (challenge: { kind: string }) => {
    prompts.push(challenge.kind);
    return Promise.resolve(undefined);
  };
  const adapter = oktaAdapter({ loginUrl: input.loginUrl, mfaType: "push", pollIntervalMs: 10 });
  // Wrapped: adapters call `context.fetch(…)` as a method, and a browser's own `fetch` called
  // with a `this` other than the window throws "Illegal invocation". (fromSaml wraps it too.)
  const samlResponse = await adapter.getSamlResponse({
    fetch: (request, init) => fetch(request, init),
    username: input.username,
    password: input.password,
    mfa,
  });
  const roles = parseSamlAssertion(samlResponse).roles.map((role) =>
    `${role.roleArn},${role.principalArn}`
  );
  const wrongPassword = await adapter.getSamlResponse({
    fetch: (request, init) => fetch(request, init),
    username: input.username,
    password: `${input.password}-wrong`,
  }).then(
    () => ({ name: "no error", leaked: false }),
    (error: unknown) => ({
      name: error instanceof SamlLoginError ? error.name : String(error),
      status: error instanceof SamlLoginError ? error.status : undefined,
      leaked: `${error} ${JSON.stringify(error)} ${(error as Error).stack}`.includes(
        input.password,
      ),
    }),
  );
  if (input.sts === undefined) return { roles, prompts, wrongPassword };
  const provider = fromSaml({
    adapter,
    username: input.username,
    password: input.password,
    mfa,
    roleArn: input.sts.roleArn,
    endpoint: input.sts.endpoint,
    region: "us-east-1",
  });
  const credentials = await provider();
  return {
    roles,
    prompts,
    wrongPassword,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      hasSecret: credentials.secretAccessKey.length > 0,
      hasSessionToken: (credentials.sessionToken ?? "").length > 0,
    },
  };
}
