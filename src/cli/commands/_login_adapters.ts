import type { SamlAdapter } from "../../saml/adapter.ts";
import { oktaAdapter } from "../../saml/adapters/okta/adapter.ts";
import { adfsAdapter } from "../../saml/adapters/adfs/adapter.ts";
import { pingFederateAdapter } from "../../saml/adapters/ping_federate/adapter.ts";
import { azureAdAdapter } from "../../saml/adapters/azure_ad/adapter.ts";
import { formAdapter } from "../../saml/adapters/form/adapter.ts";
import { browserAdapter } from "../../saml/adapters/browser/adapter.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import { CliUsageError } from "../errors.ts";
import type { ParsedArgs } from "../_parse_args.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

/** The identity-provider flags of `login`. */
export const IDP_FLAGS: readonly string[] = [
  "idp",
  "idp-url",
  "relying-party",
  "exchange-url",
  "mfa-type",
  "tenant",
  "client-id",
  "resource",
  "saml-response-xpath",
  "listen-port",
];

/** Help text for {@linkcode IDP_FLAGS}. */
export const IDP_HELP = `Identity providers (--idp):
  okta    --idp-url APP_EMBED_LINK [--mfa-type push|totp|sms|email|any]
  adfs    --idp-url https://sts.example.com [--relying-party urn:amazon:webservices]
  ping    --idp-url https://idp.example.com[/idp/sts.wst] [--exchange-url URL (WS-Trust)]
  azure   --tenant ID --client-id ID --resource URI (client secret: AZURE_CLIENT_SECRET)
  form    --idp-url LOGIN_PAGE [--saml-response-xpath '//input[@name="SAMLResponse"]/@value']
  browser --idp-url LOGIN_URL [--listen-port 7890]: sign in in your browser, which posts the
          SAML response back to 127.0.0.1 (the IdP's AWS app must send it there)`;

const MFA_TYPES = ["push", "totp", "sms", "email", "any"] as const;

/**
 * Builds the SAML adapter `login`'s flags describe; `platform` supplies the Azure client
 * secret (`AZURE_CLIENT_SECRET`) and, for `browser`, the loopback listener and browser.
 */
export function samlAdapterFromFlags(args: ParsedArgs, platform: Platform): SamlAdapter {
  const idp = requiredValue(args, "idp", "login");
  switch (idp) {
    case "okta": {
      const mfaType = args.values.get("mfa-type") ?? "any";
      if (!(MFA_TYPES as readonly string[]).includes(mfaType)) {
        throw new CliUsageError(`--mfa-type must be one of ${MFA_TYPES.join(", ")}.`, "login");
      }
      return oktaAdapter({
        loginUrl: requiredValue(args, "idp-url", "login"),
        mfaType: mfaType as typeof MFA_TYPES[number],
      });
    }
    case "adfs":
      return adfsAdapter({
        loginUrl: requiredValue(args, "idp-url", "login"),
        relyingParty: args.values.get("relying-party"),
      });
    case "ping":
      return pingFederateAdapter({
        loginUrl: requiredValue(args, "idp-url", "login"),
        exchangeUrl: args.values.get("exchange-url"),
      });
    case "azure":
      return azureAdAdapter({
        tenant: requiredValue(args, "tenant", "login"),
        clientId: requiredValue(args, "client-id", "login"),
        resource: requiredValue(args, "resource", "login"),
        clientSecret: platform.env("AZURE_CLIENT_SECRET"),
      });
    case "form":
      return formAdapter({
        idpUrl: requiredValue(args, "idp-url", "login"),
        samlResponseXPath: args.values.get("saml-response-xpath"),
      });
    case "browser":
      return browserAdapter({
        loginUrl: requiredValue(args, "idp-url", "login"),
        listenPort: wholeNumber(args, "listen-port", "login"),
        platform,
      });
    default:
      throw new CliUsageError(
        `--idp must be one of okta, okta-oie, adfs, ping, azure, form, browser; not ${
          JSON.stringify(idp)
        }.`,
        "login",
      );
  }
}
