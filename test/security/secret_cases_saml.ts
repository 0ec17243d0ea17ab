/**
 * Secrets-sweep cases of the SAML layer: `fromSaml` with each adapter against the fake IdPs
 * of `test/idp/` failing at every step (wrong password, MFA refused or a wrong code, a SOAP
 * fault, an AADSTS error, a cross-origin form, no form, an assertion for another audience,
 * STS refusing the assertion). Besides {@linkcode SECRETS}, each case checks the secrets only
 * known at run time (Okta state and session tokens, the issued assertion) and the opt-in
 * `debugLog` lines.
 *
 * @module
 */
import { Hono } from "hono";
import { adfsAdapter } from "../../src/saml/adapters/adfs/adapter.ts";
import { azureAdAdapter } from "../../src/saml/adapters/azure_ad/adapter.ts";
import { formAdapter } from "../../src/saml/adapters/form/adapter.ts";
import { fromSaml, type FromSamlOptions } from "../../src/saml/from_saml.ts";
import { oktaAdapter } from "../../src/saml/adapters/okta/adapter.ts";
import { pingFederateAdapter } from "../../src/saml/adapters/ping_federate/adapter.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { startFakeAdfs } from "../idp/adfs/fake_adfs.ts";
import { startOtherOrigin } from "../idp/adfs/other_origin_server.ts";
import { startFakeAzureAd } from "../idp/azure/fake_azure_ad.ts";
import { startFakeFormIdp } from "../idp/form/fake_form_idp.ts";
import { startFakeOkta } from "../idp/okta/fake_okta.ts";
import { startFakePing } from "../idp/ping/fake_ping.ts";
import { OTHER_IDP, registerTestIdp, signedSamlResponse } from "../idp/saml_issuer.ts";
import { serveApp } from "../idp/serve_app.ts";
import { renderings, type SecretCase, SECRETS } from "./assert_no_secrets.ts";
import { OKTA_OIE_CASES } from "../saml/adapters/okta_oie/secret_cases.ts";

const ROLE = "arn:aws:iam::123456789012:role/Sweep";
const PRINCIPAL = "arn:aws:iam::123456789012:saml-provider/Sweep";
const ROLES = [{ roleArn: ROLE, principalArn: PRINCIPAL }];
const USER = "alice@example.com";
/** A trusted application's Okta API token (not one of SECRETS' kinds, so checked here). */
const API_TOKEN = "zzSWEEPAPITOKENzz00abcdEFGH";
const TOTP_SECRET = new TextEncoder().encode("sweep-totp-secret");
/** Nothing listens on the discard port of loopback: STS connections are refused. */
const CLOSED = "http://127.0.0.1:9";

/** What a failing login gives `fromSaml`: its options, and secrets known only at run time. */
interface Login {
  readonly options: Omit<FromSamlOptions, "debugLog">;
  readonly secrets?: () => readonly string[];
}

/**
 * A case running `fromSaml` with the options `setup` gives; the servers it starts are closed
 * by `disposables`. A secret known at run time in the error or a `SECRETS` value in a debug
 * log line makes the case resolve, which the sweep reports as "should fail" (the reason is
 * printed): a thrown assertion would count as the error under test.
 */
function samlCase(
  name: string,
  setup: (stack: AsyncDisposableStack) => Promise<Login>,
): SecretCase {
  return {
    name: `fromSaml: ${name}`,
    run: async () => {
      await using stack = new AsyncDisposableStack();
      const login = await setup(stack);
      const lines: string[] = [];
      const error = await fromSaml({ ...login.options, debugLog: (l) => void lines.push(l) })()
        .then(() => new Error(`${name}: the login succeeded`), (e: unknown) => e);
      const secrets = [...Object.values(SECRETS), ...login.secrets?.() ?? []];
      const shown = [...renderings(error), ...lines];
      const leak = secrets.find((s) => shown.some((text) => text.includes(s)));
      if (leak === undefined) throw error;
      console.error(`${name}: a secret leaked (${leak.slice(0, 6)}…) into the error or the log`);
      return leak;
    },
  };
}

async function serve<T extends AsyncDisposable>(stack: AsyncDisposableStack, server: Promise<T>) {
  return stack.use(await server);
}

/** An IdP page that answers `samlResponse` at once (single sign-on), and the STS it is for. */
async function answeringIdp(stack: AsyncDisposableStack, samlResponse: string, sts = CLOSED) {
  const app = new Hono().get(
    "/sso",
    (c) => c.html(`<form><input type="hidden" name="SAMLResponse" value="${samlResponse}"></form>`),
  );
  const idp = await serve(stack, serveApp(app));
  return {
    options: { adapter: formAdapter({ idpUrl: `${idp.url}/sso` }), endpoint: sts, maxAttempts: 1 },
    secrets: () => [samlResponse, samlResponse.slice(300, 340)],
  };
}

async function okta(stack: AsyncDisposableStack, factor: "totp" | "push", mfaAnswer?: string) {
  const fake = await serve(
    stack,
    startFakeOkta({
      users: [{
        login: USER,
        password: SECRETS.password,
        factors: [
          factor === "totp"
            ? { type: "token:software:totp", secret: TOTP_SECRET }
            : { type: "push", answer: "reject", afterPolls: 1 },
        ],
      }],
      roles: ROLES,
      apiTokens: [API_TOKEN],
    }),
  );
  return {
    options: {
      adapter: oktaAdapter({ loginUrl: fake.loginUrl, apiToken: API_TOKEN, pollIntervalMs: 10 }),
      username: USER,
      password: SECRETS.password,
      mfa: () => Promise.resolve(mfaAnswer),
      endpoint: CLOSED,
    },
    secrets: () => [
      API_TOKEN,
      ...fake.state.issuedStateTokens,
      ...fake.state.sessionTokens.keys(),
      ...fake.state.redeemed,
    ],
  };
}

async function azure(stack: AsyncDisposableStack, user: string, hostile?: "echo-body") {
  const fake = await serve(
    stack,
    startFakeAzureAd({
      tenant: "sweep-tenant",
      clientId: "sweep-client",
      clientSecret: SECRETS.clientSecret,
      resource: "https://signin.aws.amazon.com/saml",
      users: { [USER]: "the-right-password", "mfa@example.com": SECRETS.password },
      mfaUsers: ["mfa@example.com"],
      roles: ROLES,
      ...hostile === undefined ? {} : { hostile },
    }),
  );
  const adapter = azureAdAdapter({
    tenant: "sweep-tenant",
    clientId: "sweep-client",
    clientSecret: SECRETS.clientSecret,
    resource: "https://signin.aws.amazon.com/saml",
    authority: fake.url,
  });
  return { options: { adapter, username: user, password: SECRETS.password } };
}

/** The SAML-layer cases. */
export const SAML_CASES: readonly SecretCase[] = [
  samlCase("form IdP refusing the password", async (stack) => {
    const idp = await serve(
      stack,
      startFakeFormIdp({ username: USER, password: "x", roles: ROLES }),
    );
    const adapter = formAdapter({ idpUrl: `${idp.url}/sso` });
    return { options: { adapter, username: USER, password: SECRETS.password } };
  }),
  samlCase("form IdP whose login form posts to another origin", async (stack) => {
    const other = await serve(stack, startOtherOrigin());
    const idp = await serve(
      stack,
      startFakeFormIdp({ username: USER, password: "x", roles: ROLES, loginAction: other.url }),
    );
    const adapter = formAdapter({ idpUrl: `${idp.url}/sso` });
    return { options: { adapter, username: USER, password: SECRETS.password } };
  }),
  samlCase("ADFS refusing the password", async (stack) => {
    const adfs = await serve(stack, startFakeAdfs({ users: { [USER]: "x" }, roles: ROLES }));
    return {
      options: {
        adapter: adfsAdapter({ loginUrl: adfs.url }),
        username: USER,
        password: SECRETS.password,
      },
    };
  }),
  samlCase("ADFS without a login form", async (stack) => {
    const adfs = await serve(
      stack,
      startFakeAdfs({ users: { [USER]: SECRETS.password }, roles: ROLES, hostile: "no-form" }),
    );
    return {
      options: {
        adapter: adfsAdapter({ loginUrl: adfs.url }),
        username: USER,
        password: SECRETS.password,
      },
    };
  }),
  samlCase("ADFS redirecting the password POST to another origin", async (stack) => {
    const other = await serve(stack, startOtherOrigin());
    const adfs = await serve(
      stack,
      startFakeAdfs({
        users: { [USER]: SECRETS.password },
        roles: ROLES,
        redirectPostTo: other.url,
      }),
    );
    return {
      options: {
        adapter: adfsAdapter({ loginUrl: adfs.url }),
        username: USER,
        password: SECRETS.password,
      },
    };
  }),
  samlCase("Okta refusing the password", async (stack) => {
    const login = await okta(stack, "totp");
    return { ...login, options: { ...login.options, password: `${SECRETS.password}-wrong` } };
  }),
  samlCase("Okta refusing a wrong MFA code", (stack) => okta(stack, "totp", SECRETS.mfaCode)),
  samlCase("Okta MFA push rejected on the phone", (stack) => okta(stack, "push")),
  samlCase("Azure AD refusing the password (confidential client)", (stack) => azure(stack, USER)),
  samlCase(
    "Azure AD answering AADSTS50076 (MFA required)",
    (stack) => azure(stack, "mfa@example.com"),
  ),
  samlCase(
    "Azure AD echoing the request body in its error",
    (stack) => azure(stack, USER, "echo-body"),
  ),
  samlCase("PingFederate WS-Trust answering a SOAP fault", async (stack) => {
    const ping = await serve(
      stack,
      startFakePing({ users: { [USER]: "x" }, roles: ROLES, partners: ["urn:amazon:webservices"] }),
    );
    const adapter = pingFederateAdapter({
      loginUrl: `${ping.url}/idp/sts.wst`,
      exchangeUrl: "urn:amazon:webservices",
      basicAuth: true,
    });
    return { options: { adapter, username: USER, password: SECRETS.password } };
  }),
  samlCase("an assertion for another audience", (stack) =>
    answeringIdp(
      stack,
      signedSamlResponse({ roles: ROLES, audience: "https://app.example.com/sp" }),
    )),
  samlCase("STS refusing an assertion signed by an untrusted key", async (stack) => {
    const emulator = await serve(stack, startEmulator());
    emulator.state.addRole({ arn: ROLE });
    registerTestIdp(emulator.state, { principalArn: PRINCIPAL });
    const samlResponse = signedSamlResponse({
      roles: ROLES,
      privateKeyPem: OTHER_IDP.privateKeyPem,
      certificatePem: OTHER_IDP.certificatePem,
    });
    return await answeringIdp(stack, samlResponse, emulator.url);
  }),
  samlCase(
    "STS unreachable after a good login",
    (stack) => answeringIdp(stack, signedSamlResponse({ roles: ROLES })),
  ),
  ...OKTA_OIE_CASES,
];
