/**
 * What the CLI's login tests share: for Okta, the emulator trusting the fake org's
 * assertions for its role, the org with one user and `factors`, and the `login` flags
 * that point at both; for IAM Identity Center, the flags that point at the emulator.
 *
 * @module
 */
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import {
  type FakeOktaFactorInit,
  type RunningFakeOkta,
  startFakeOkta,
} from "../idp/okta/fake_okta.ts";
import { registerTestIdp } from "../idp/saml_issuer.ts";
import {
  OKTA_PRINCIPAL_ARN,
  OKTA_ROLE_ARN,
  OKTA_ROLES,
  PASSWORD,
  USER,
} from "../saml/adapters/okta/test_fixtures.ts";

/** A running emulator and fake Okta, and the flags of `iamfetch login` for them. */
export interface OktaLoginFixture extends AsyncDisposable {
  readonly emulator: RunningEmulator;
  readonly okta: RunningFakeOkta;
  /** `login --idp okta --idp-url … --username … --mfa-type … --endpoint-url …`. */
  readonly loginArgs: string[];
}

/** Starts both servers; `mfaType` is the `--mfa-type` flag. */
export async function startOktaLogin(
  factors: readonly FakeOktaFactorInit[],
  mfaType: string,
): Promise<OktaLoginFixture> {
  const emulator = await startEmulator();
  registerTestIdp(emulator.state, { principalArn: OKTA_PRINCIPAL_ARN });
  emulator.state.addRole({ arn: OKTA_ROLE_ARN });
  const okta = await startFakeOkta({
    users: [{ login: USER, password: PASSWORD, factors }],
    roles: OKTA_ROLES,
  });
  return {
    emulator,
    okta,
    loginArgs: [
      "login",
      "--idp",
      "okta",
      "--idp-url",
      okta.loginUrl,
      "--username",
      USER,
      "--mfa-type",
      mfaType,
      "--endpoint-url",
      emulator.url,
    ],
    async [Symbol.asyncDispose]() {
      await okta.close();
      await emulator.close();
    },
  };
}

/** The flags of `iamfetch login --sso` against `emulator`'s OIDC service and portal. */
export function ssoLoginArgs(emulator: RunningEmulator): string[] {
  return [
    "login",
    "--sso",
    "--start-url",
    "https://my-org.awsapps.com/start",
    "--sso-region",
    "eu-west-1",
    "--sso-session",
    "my-sso",
    "--oidc-endpoint",
    `${emulator.url}/sso-oidc`,
    "--portal-endpoint",
    emulator.url,
  ];
}
