/**
 * CData's single sign-on `AuthScheme`s (seed 000) — ADFS, Okta, PingFederate, AzureAD —
 * as `fromSaml` providers with the matching identity-provider adapter. `User` and
 * `Password` are the IdP login; `AWSRoleARN` / `AWSPrincipalARN` pick the role when the
 * assertion offers several; `TemporaryTokenDuration`, when set, is the session length
 * (else the assertion's `SessionDuration`, else 3600 s).
 *
 * @module
 */
import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { adfsAdapter } from "../../saml/adapters/adfs/adapter.ts";
import { azureAdAdapter } from "../../saml/adapters/azure_ad/adapter.ts";
import { fromSaml } from "../../saml/from_saml.ts";
import { oktaAdapter } from "../../saml/adapters/okta/adapter.ts";
import { pingFederateAdapter } from "../../saml/adapters/ping_federate/adapter.ts";
import type { SamlAdapter } from "../../saml/adapter.ts";
import type { StsConnection } from "../../sts/connection.ts";
import type { CDataSettings } from "./_settings.ts";
import { ConnectionStringError } from "../errors.ts";
import type { ClientCertificate, ConfigOptions } from "../options.ts";

/** The schemes this file handles. */
export type SamlScheme = "ADFS" | "Okta" | "PingFederate" | "AzureAD";

/** What the SAML schemes need besides the settings. */
export interface SamlSchemeContext {
  readonly options: ConfigOptions;
  readonly sts: StsConnection;
  /** `TemporaryTokenDuration`, when set. */
  readonly durationSeconds?: number;
}

// CData's MFAType → the Okta adapter's factor: OktaVerify is a push, or a TOTP code when
// MFAPassCode is given (Okta Verify shows both).
function oktaMfaType(s: CDataSettings): "push" | "totp" | "sms" | "email" | "any" {
  const type = s.get("MFAType");
  if (type === undefined) return "any";
  switch (type.toLowerCase()) {
    case "oktaverify":
      return s.has("MFAPassCode") ? "totp" : "push";
    case "email":
      return "email";
    case "sms":
      return "sms";
  }
  throw new ConnectionStringError(
    `MFAType "${type}" is not one of OktaVerify, Email, SMS.`,
    { key: "MFAType" },
  );
}

function booleanSetting(s: CDataSettings, name: string): boolean | undefined {
  const value = s.get(name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConnectionStringError(`${name} must be True or False.`, { key: name });
}

function oktaAdapterOf(s: CDataSettings): SamlAdapter {
  s.require("User", "Okta");
  s.require("Password", "Okta");
  return loginUrlChecked(() =>
    oktaAdapter({
      loginUrl: s.require("SSOLoginURL", "Okta"),
      mfaType: oktaMfaType(s),
      mfaPassCode: s.get("MFAPassCode"),
      rememberDevice: booleanSetting(s, "MFARememberDevice") ?? true,
      apiToken: s.get("APIToken"),
    })
  );
}

/** Builds an adapter, reporting a bad `SSOLoginURL` (a `TypeError` of the factory) by name. */
function loginUrlChecked(build: () => SamlAdapter): SamlAdapter {
  try {
    return build();
  } catch (cause) {
    if (!(cause instanceof TypeError)) throw cause;
    throw new ConnectionStringError(`SSOLoginURL is not usable: ${cause.message}`, {
      key: "SSOLoginURL",
    });
  }
}

function adfsAdapterOf(s: CDataSettings): SamlAdapter {
  // "ADFS Integrated": neither User nor Password — the Windows login, through idpFetch.
  const integrated = !s.has("User") && !s.has("Password");
  if (!integrated) {
    s.require("User", "ADFS");
    s.require("Password", "ADFS");
  }
  return loginUrlChecked(() =>
    adfsAdapter({
      loginUrl: s.require("SSOLoginURL", "ADFS"),
      relyingParty: s.sso("RelyingParty"),
      integrated,
    })
  );
}

function pingAdapterOf(s: CDataSettings): SamlAdapter {
  s.require("User", "PingFederate");
  s.require("Password", "PingFederate");
  const ssoScheme = s.sso("AuthScheme");
  if (ssoScheme !== undefined && ssoScheme.toLowerCase() !== "basic") {
    throw new ConnectionStringError(
      `SSOProperties AuthScheme "${ssoScheme}" is not supported for PingFederate; the only value is Basic.`,
      { key: "SSOProperties.AuthScheme" },
    );
  }
  return loginUrlChecked(() =>
    pingFederateAdapter({
      loginUrl: s.require("SSOLoginURL", "PingFederate"),
      exchangeUrl: s.get("SSOExchangeUrl"),
      basicAuth: ssoScheme !== undefined,
    })
  );
}

function azureAdapterOf(s: CDataSettings): SamlAdapter {
  const tenant = s.sso("AzureTenant");
  const resource = s.sso("Resource");
  for (const [name, value] of [["AzureTenant", tenant], ["Resource", resource]]) {
    if (value === undefined) {
      throw new ConnectionStringError(
        `AuthScheme=AzureAD needs SSOProperties ${name}; it is missing.`,
        { key: `SSOProperties.${name}` },
      );
    }
  }
  return azureAdAdapter({
    tenant: tenant!,
    resource: resource!,
    clientId: s.require("OAuthClientId", "AzureAD"),
    clientSecret: s.get("OAuthClientSecret"),
  });
}

// PingFederate's mutual TLS: the client certificate needs a fetch that can present it,
// which web-standard fetch cannot; the caller supplies one (Deno.createHttpClient, undici).
function idpFetchOf(s: CDataSettings, options: ConfigOptions): typeof fetch | undefined {
  const cert = s.get("SSLClientCert");
  if (cert === undefined) return options.idpFetch;
  if (options.createMtlsFetch === undefined) {
    throw new ConnectionStringError(
      "SSLClientCert needs a fetch that presents a TLS client certificate: pass " +
        "options.createMtlsFetch (e.g. built on Deno.createHttpClient or an undici Agent).",
      { key: "SSLClientCert" },
    );
  }
  const certificate: ClientCertificate = {
    cert,
    type: s.get("SSLClientCertType"),
    subject: s.get("SSLClientCertSubject"),
    password: s.get("SSLClientCertPassword"),
  };
  return options.createMtlsFetch(certificate);
}

/** The `fromSaml` provider of a single sign-on scheme. */
export function samlSchemeCredentials(
  scheme: SamlScheme,
  s: CDataSettings,
  context: SamlSchemeContext,
): CredentialProvider {
  const adapter = scheme === "Okta"
    ? oktaAdapterOf(s)
    : scheme === "ADFS"
    ? adfsAdapterOf(s)
    : scheme === "PingFederate"
    ? pingAdapterOf(s)
    : azureAdapterOf(s);
  const { options } = context;
  return fromSaml({
    ...context.sts,
    adapter,
    username: s.get("User"),
    password: s.get("Password"),
    mfa: options.mfa,
    idpFetch: scheme === "PingFederate" ? idpFetchOf(s, options) : options.idpFetch,
    roleArn: s.get("AWSRoleARN"),
    principalArn: s.get("AWSPrincipalARN"),
    durationSeconds: context.durationSeconds,
    debugLog: options.debugLog,
  });
}
