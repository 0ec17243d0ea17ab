// Every error class of the library extends IamfetchError (directly or through its layer's
// base), keeps its own `name`, and keeps the parent it had: one `instanceof` catches all of
// them, and the narrower checks callers already make still hold. The list is checked against
// the classes declared under src/, so a new error class cannot be left out.
import assert from "node:assert/strict";
import {
  AirflowConnectionError,
  AwsChunkedBodyError,
  AwsError,
  ChainExhaustedError,
  CloudFrontSignerError,
  ConnectionStringError,
  CredentialsError,
  CredentialSettingError,
  CredentialsProviderError,
  IamfetchError,
  IdentityTokenError,
  IniSyntaxError,
  KeyspacesChallengeError,
  OktaOieError,
  PostPolicyError,
  ProcessCredentialsError,
  ProcessTimeoutError,
  ProfileExpiredError,
  ProfileNotFoundError,
  ProviderOptionMissingError,
  SamlAssertionError,
  SamlLoginError,
  SigningInputError,
  SourceProfileCycleError,
  SsoLoginError,
  SsoSessionExpiredError,
  StreamingLengthError,
  TokenInputError,
  UnsupportedXPathError,
  X509CertificateError,
} from "../../mod.ts";
import { CliUsageError } from "../../src/cli/mod.ts";
import { XmlParseError } from "../../src/_shared/xml/parse.ts";
import { DerSyntaxError } from "../../src/_shared/asn1/der.ts";

type ErrorClass = abstract new (...args: never[]) => Error;

/** One error of each class, and the class it extends. */
const SAMPLES: ReadonlyArray<[Error, ErrorClass]> = [
  [new IamfetchError("The base class."), Error],
  [new SigningInputError("The region is not a region name."), IamfetchError],
  [new CredentialsError("credentials.accessKeyId is missing or empty."), IamfetchError],
  [new PostPolicyError("The policy expires in the past."), SigningInputError],
  [new StreamingLengthError(10, 4), IamfetchError],
  [new AwsChunkedBodyError("IncompleteBody", "The body ended early."), IamfetchError],
  [new X509CertificateError("expired", "The certificate expired."), CredentialsError],
  [new DerSyntaxError("trailing bytes"), IamfetchError],
  [new XmlParseError("The XML response is malformed."), IamfetchError],
  [
    new AwsError({ code: "Throttling", message: "Rate exceeded.", status: 400, retryable: true }),
    IamfetchError,
  ],
  [new CredentialsProviderError("AWS_ACCESS_KEY_ID is not set."), CredentialsError],
  [new CredentialSettingError("environment", "AWS_REGION", "is empty."), CredentialsError],
  [new ProviderOptionMissingError("roleAssumer", "Pass a roleAssumer."), CredentialsError],
  [new ProcessCredentialsError("credential_process: the command is empty."), CredentialsError],
  [new ProcessTimeoutError("helper", 5000), IamfetchError],
  [
    new ChainExhaustedError("No provider in the chain had credentials.", []),
    CredentialsProviderError,
  ],
  [
    new IniSyntaxError("/home/me/.aws/config", 2, "the section header has no name"),
    CredentialsError,
  ],
  [
    new ProfileNotFoundError("dev", "Profile dev was not found.", { tryNextLink: true }),
    CredentialsProviderError,
  ],
  [new SourceProfileCycleError(["a", "b", "a"]), CredentialsError],
  [new ProfileExpiredError("work", new Date(0)), CredentialsError],
  [new SsoLoginError("AccessDeniedException", "The login was denied."), CredentialsError],
  [new SsoSessionExpiredError("my-sso"), CredentialsProviderError],
  [new TokenInputError("hostname is empty."), SigningInputError],
  [new CloudFrontSignerError("privateKey is not PEM."), TokenInputError],
  [new KeyspacesChallengeError("The challenge has no nonce."), IamfetchError],
  [new IdentityTokenError("oidc", "The token endpoint refused the client."), IamfetchError],
  [new SamlAssertionError("The SAML assertion is for another audience."), IamfetchError],
  [new SamlLoginError("okta", "Okta refused the sign-in."), IamfetchError],
  [new OktaOieError("password", "Okta refused the password sign-in."), SamlLoginError],
  [new UnsupportedXPathError("//a[1]"), IamfetchError],
  [new ConnectionStringError("AuthScheme=Okta needs SSOLoginURL."), IamfetchError],
  [new AirflowConnectionError("extra is not valid JSON."), IamfetchError],
  [new CliUsageError("--username is required."), IamfetchError],
];

Deno.test("an error of every class is an IamfetchError, named after its class, with its parent kept", () => {
  for (const [error, parent] of SAMPLES) {
    assert.ok(error instanceof IamfetchError, `${error.name} is not an IamfetchError`);
    assert.equal(error.name, error.constructor.name);
    assert.equal(Object.getPrototypeOf(error.constructor), parent, `${error.name}'s parent`);
  }
});

Deno.test("the samples cover every error class declared under src/", async () => {
  const declared: string[] = [];
  const walk = async (dir: URL) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(new URL(`${entry.name}/`, dir));
      else if (entry.name.endsWith(".ts")) {
        const text = await Deno.readTextFile(new URL(entry.name, dir));
        for (const match of text.matchAll(/^export class (\w+) extends (\w+)/gm)) {
          if (match[1].endsWith("Error") || match[2].endsWith("Error")) declared.push(match[1]);
        }
      }
    }
  };
  await walk(new URL("../../src/", import.meta.url));
  assert.deepEqual(
    SAMPLES.map(([error]) => error.name).sort(),
    declared.sort(),
  );
});
