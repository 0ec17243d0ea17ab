/**
 * What the web and direct adapters share: from the person's tokens to the SAMLResponse
 * (the AWS app, the web SSO exchange, `/login/token/sso`). With `remember`, the AWS app
 * chosen and the tokens are kept for the next login while the tokens are valid — `fromSaml`
 * logs in again when the AWS credentials run out, and an hour-long Okta token spares a
 * second browser approval for a shorter AWS session; cached tokens that Okta refuses are
 * dropped and the sign-in is done again once. Only the web adapter remembers: its device
 * code goes to one person (its `onDeviceCode`), while the direct adapter signs in whoever
 * the login's user name and password name, so it must check them every time.
 *
 * @module
 */
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";
import { chooseAwsApp, listAwsApps, type OktaAwsAppChooser } from "./apps.ts";
import { type OktaContext, requestOkta } from "./_oauth.ts";
import type { OktaOrg } from "./_org.ts";
import type { OktaTokens } from "./_tokens.ts";
import { samlResponseFor, webSsoToken } from "./_web_sso.ts";
import { OktaOieError } from "./errors.ts";

/** How the AWS app is found, and the clock. */
export interface SamlFlowOptions {
  /** The OIDC app's client id. */
  readonly clientId: string;
  /** The AWS Account Federation app's id; when absent, the user's apps are listed. */
  readonly appId?: string;
  /** Picks among several AWS apps. */
  readonly chooseApp?: OktaAwsAppChooser;
  /** The clock, in ms since the epoch. */
  readonly now: () => number;
  /** Whether the tokens and the AWS app chosen serve the next login. */
  readonly remember: boolean;
}

/** Tokens are not reused in their last minute: the exchange and the SAML sign-in follow. */
const REUSE_MARGIN_MS = 60_000;

/** An `okta-oie` adapter that signs in with `signIn` and ends with the AWS app's SAML. */
export function oieSamlAdapter(
  org: OktaOrg,
  options: SamlFlowOptions,
  signIn: (context: SamlLoginContext) => Promise<OktaTokens>,
): SamlAdapter {
  let cached: OktaTokens | undefined;
  let chosenAppId: string | undefined;
  const saml = async (context: OktaContext, tokens: OktaTokens) => {
    const appId = options.appId ?? chosenAppId ?? (await chooseAwsApp(
      await listAwsApps(context, org, tokens.accessToken),
      options.chooseApp,
      options.clientId,
    )).id;
    if (options.remember) chosenAppId = appId;
    const webSso = await webSsoToken(context, org, options.clientId, tokens, appId);
    return await samlResponseFor(context, org, webSso);
  };
  const freshSignIn = async (context: SamlLoginContext) => {
    cached = undefined;
    await refuseClassicOrg(context, org);
    const tokens = await signIn(context);
    if (options.remember) cached = tokens;
    return tokens;
  };
  return {
    name: "okta-oie",
    async getSamlResponse(context: SamlLoginContext): Promise<string> {
      const reused = cached !== undefined && cached.expiresAt - REUSE_MARGIN_MS > options.now();
      const tokens = reused ? cached! : await freshSignIn(context);
      try {
        return await saml(context, tokens);
      } catch (error) {
        const refused = error instanceof OktaOieError && error.step === "token-exchange";
        if (!reused || !refused) throw error;
        return await saml(context, await freshSignIn(context));
      }
    },
  };
}

/**
 * Fails when the org is a Classic Engine org, whose `/.well-known/okta-organization` says
 * `"pipeline": "v1"` (`"idx"` is the Identity Engine), as okta-aws-cli checks first. Like
 * it, anything else (no such page, an error) lets the login go on.
 */
async function refuseClassicOrg(context: OktaContext, org: OktaOrg): Promise<void> {
  const url = org.url("/.well-known/okta-organization");
  let pipeline: unknown;
  try {
    const answer = await requestOkta(context, "organization", url, {
      headers: { accept: "application/json" },
    });
    pipeline = answer.status === 200 ? JSON.parse(answer.text)?.pipeline : undefined;
  } catch {
    context.signal?.throwIfAborted();
    pipeline = undefined;
  }
  if (pipeline === "v1") {
    throw new OktaOieError(
      "organization",
      `${org.origin} is a Classic Engine org; the Identity Engine flows do not work there. ` +
        "Use oktaAdapter (--idp okta) with the AWS app's embed link instead.",
    );
  }
}
