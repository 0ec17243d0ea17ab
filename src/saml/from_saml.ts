import type { CredentialProvider } from "../sigv4/credentials.ts";
import { refreshing } from "../credentials/refreshing.ts";
import { stsConnection } from "../sts/from_assume_role.ts";
import { StsClient } from "../sts/client.ts";
import type { StsConnection } from "../sts/connection.ts";
import { chooseSamlRole } from "./choose_role.ts";
import { parseSamlAssertion } from "./assertion.ts";
import type { MfaPrompt, SamlAdapter, SamlDebugLog } from "./adapter.ts";
import type { SamlRole } from "./roles.ts";
import { sessionFetch } from "./session_fetch.ts";

/**
 * Options of {@linkcode fromSaml}: the IdP adapter and the user's inputs, the role to pick,
 * and where STS is ({@linkcode StsConnection}).
 */
export interface FromSamlOptions extends StsConnection {
  /** Logs in at the IdP and returns the SAMLResponse. */
  adapter: SamlAdapter;
  /** The user name at the IdP. */
  username?: string;
  /** The password, or a function asked once per login (e.g. a prompt or a secret store). */
  password?: string | (() => Promise<string>);
  /** Answers MFA challenges. */
  mfa?: MfaPrompt;
  /** The fetch that reaches the IdP (mutual TLS, proxy, ...); always wrapped in `sessionFetch`. */
  idpFetch?: typeof fetch;
  /** The role to assume when the assertion grants several. */
  roleArn?: string;
  /** The SAML provider to use when the assertion names several. */
  principalArn?: string;
  /** Picks a role when several remain (e.g. prompts the user). */
  chooseRole?: (roles: SamlRole[]) => SamlRole | Promise<SamlRole>;
  /** Session length; default: the assertion's `SessionDuration` (kept within STS's 900–43200), else 3600. */
  durationSeconds?: number;
  /** Opt-in debug log of IdP traffic (redacted). */
  debugLog?: SamlDebugLog;
  /** Aborts a login and the STS call. */
  signal?: AbortSignal;
  /** The clock that decides when credentials need refreshing, in ms (default `Date.now`). */
  now?: () => number;
}

/**
 * Credentials from a SAML identity provider: the adapter logs in (with a fresh cookie
 * session around `idpFetch`), the SAMLResponse is read ({@linkcode parseSamlAssertion}),
 * a role is chosen ({@linkcode chooseSamlRole}) and exchanged at STS with
 * `AssumeRoleWithSAML` (which needs no AWS credentials). The result is cached and
 * refreshed: a new IdP login happens only when the STS credentials are about to expire,
 * and concurrent callers share one login. The password function is called once per login,
 * so a secret store or prompt is asked only when needed. Errors name the step and the
 * adapter, never the password, an MFA code or the assertion.
 *
 * @example
 * ```ts
 * import { fromSaml } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * // What the IdP login returns: a SAMLResponse granting two roles, Dev and Admin.
 * const grant = (role: string) =>
 *   `<saml:AttributeValue>arn:aws:iam::123456789012:saml-provider/Corp,arn:aws:iam::123456789012:role/${role}</saml:AttributeValue>`;
 * const samlResponse = btoa(
 *   '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
 *     "<saml:Conditions><saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience></saml:AudienceRestriction>" +
 *     '</saml:Conditions><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">' +
 *     `${grant("Dev")}${grant("Admin")}</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`,
 * );
 * const logins: (string | undefined)[] = [];
 * const toSts: URLSearchParams[] = [];
 * const credentials = fromSaml({
 *   adapter: { name: "stand-in", getSamlResponse: (login) => { logins.push(login.password); return Promise.resolve(samlResponse); } },
 *   password: () => Promise.resolve("from a secret store"),
 *   roleArn: "arn:aws:iam::123456789012:role/Dev",
 *   region: "eu-west-1",
 *   fetch: async (input, init) => { // a stand-in for STS
 *     toSts.push(new URLSearchParams(await new Request(input, init).text()));
 *     return new Response(
 *       "<AssumeRoleWithSAMLResponse><AssumeRoleWithSAMLResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *         "<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithSAMLResult></AssumeRoleWithSAMLResponse>",
 *     );
 *   },
 * });
 * assertEquals([(await credentials()).accessKeyId, (await credentials()).accessKeyId], ["ASIAEXAMPLE", "ASIAEXAMPLE"]);
 * assertEquals(logins, ["from a secret store"]); // one login: the credentials are cached
 * assertEquals(toSts.map((form) => form.get("RoleArn")), ["arn:aws:iam::123456789012:role/Dev"]);
 * ```
 */
export function fromSaml(options: FromSamlOptions): CredentialProvider {
  const sts = new StsClient(stsConnection(options));
  const refreshingOptions = options.now === undefined ? {} : { now: options.now };
  return refreshing(async () => {
    const samlResponse = await login(options);
    const info = parseSamlAssertion(samlResponse);
    const role = await chooseSamlRole(info.roles, {
      roleArn: options.roleArn,
      principalArn: options.principalArn,
      chooser: options.chooseRole,
    });
    const { credentials } = await sts.assumeRoleWithSaml({
      RoleArn: role.roleArn,
      PrincipalArn: role.principalArn,
      SAMLAssertion: samlResponse,
      DurationSeconds: options.durationSeconds ?? defaultDuration(info.sessionDuration),
    }, { signal: options.signal });
    return credentials;
  }, refreshingOptions);
}

async function login(options: FromSamlOptions): Promise<string> {
  const password = typeof options.password === "function"
    ? await options.password()
    : options.password;
  const fetch = sessionFetch(options.idpFetch, {
    adapter: options.adapter.name,
    ...(options.debugLog === undefined ? {} : { log: options.debugLog }),
  });
  return await options.adapter.getSamlResponse({
    fetch,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(password === undefined ? {} : { password }),
    ...(options.mfa === undefined ? {} : { mfa: options.mfa }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.debugLog === undefined ? {} : { log: options.debugLog }),
  });
}

/**
 * The assertion's `SessionDuration` within STS's bounds, else an hour. (Differs from
 * botocore/the AWS CLI, which send no `DurationSeconds` and so get STS's one hour: the
 * IdP's `SessionDuration` is what the organisation configured for AWS sessions.)
 */
function defaultDuration(sessionDuration: number | undefined): number {
  if (sessionDuration === undefined) return 3600;
  return Math.min(43200, Math.max(900, sessionDuration));
}
