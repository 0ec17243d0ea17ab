/**
 * The secrets sweep's shared pieces: recognisable secret values, the renderings an error or
 * a credentials object must not show them in, and the shape of a case. Each layer has a
 * `secret_cases_<layer>.ts` exporting a list of {@linkcode SecretCase}s built with these
 * values; `no_secrets_test.ts` runs every list. To cover another layer (SAML, config, CLI),
 * add its file and one import there.
 *
 * @module
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";

/** Recognisable secrets, one per kind: none may appear in any rendering of an error. */
export const SECRETS = {
  secretAccessKey: "zzSWEEPSECRETzzwJalrXUtnFEMIK7MDENG",
  sessionToken: "zzSWEEPTOKENzzIQoJb3JpZ2luX2VjEXAMPLE",
  password: "zzSWEEPPASSWORDzz-Hunter2",
  mfaCode: "918273",
  webIdentityToken: "zzSWEEPWEBTOKENzz.eyJzdWIiOiJzd2VlcCJ9.sig",
  ssoAccessToken: "zzSWEEPSSOTOKENzzaoaAAAAAGexample",
  samlAssertion: "zzSWEEPSAMLzzPHNhbWxwOlJlc3BvbnNlPg==",
  clientSecret: "zzSWEEPCLIENTSECRETzzeyJraWQiOiJrZXkt",
} as const;

/** Credentials carrying {@linkcode SECRETS}' key and token. */
export const SECRET_CREDENTIALS = {
  accessKeyId: "AKIDSWEEPSAFE",
  secretAccessKey: SECRETS.secretAccessKey,
  sessionToken: SECRETS.sessionToken,
} as const;

/** One path to a failure: `run` must reject (or, with `resolves`, give a value to check). */
export interface SecretCase {
  /** What fails, e.g. `STS AssumeRole with a wrong MFA code`. */
  readonly name: string;
  /** Drives the failure; its rejection is the error under test. */
  readonly run: () => Promise<unknown>;
  /** Whether a value (credentials) is expected instead of an error; then the value is checked. */
  readonly resolves?: boolean;
}

/** Every way an error or value can end up in a log: message, stack, causes, JSON, inspect. */
export function renderings(value: unknown): string[] {
  const shown = [
    String(value),
    JSON.stringify(value) ?? "",
    Deno.inspect(value, { depth: 10, showHidden: false }),
    inspect(value, { depth: 10 }),
  ];
  for (let error = value; error instanceof Error; error = error.cause) {
    shown.push(error.message, error.stack ?? "", String(error));
  }
  return shown;
}

/** Fails when any of {@linkcode SECRETS} appears in any rendering of `value`. */
export function assertNoSecrets(what: string, value: unknown): void {
  assertAbsent(
    what,
    value,
    Object.entries(SECRETS).map(([kind, secret]) => [`the ${kind}`, secret]),
  );
}

/**
 * Fails when any of `secrets` (values only known at run time: a generated password, an
 * issued token) appears in any rendering of `value`; `what` names the value in the message.
 */
export function assertNoneShown(
  value: unknown,
  secrets: readonly string[],
  what = "a value",
): void {
  assertAbsent(what, value, secrets.map((secret) => ["a secret", secret]));
}

function assertAbsent(what: string, value: unknown, secrets: [string, string][]): void {
  for (const shown of renderings(value)) {
    for (const [kind, secret] of secrets) {
      assert.ok(!shown.includes(secret), `${what} shows ${kind}: ${shown.slice(0, 2000)}`);
    }
  }
}

/** Runs a case and checks its error (or, with `resolves`, its value) for secrets. */
export async function checkSecretCase(secretCase: SecretCase): Promise<void> {
  let outcome: unknown;
  let failed = false;
  try {
    outcome = await secretCase.run();
  } catch (error) {
    outcome = error;
    failed = true;
  }
  if (secretCase.resolves) assert.ok(!failed, `${secretCase.name} should succeed: ${outcome}`);
  else assert.ok(failed && outcome instanceof Error, `${secretCase.name} should fail`);
  assertNoSecrets(secretCase.name, outcome);
}
