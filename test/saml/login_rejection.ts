// How the adapter tests wait for a failed login: it must be a SamlLoginError of the right
// adapter, and none of the secrets involved may show in any rendering of it.
import assert from "node:assert/strict";
import { SamlLoginError } from "../../src/saml/mod.ts";
import { assertNoneShown } from "../security/assert_no_secrets.ts";
import { rejectionOf } from "../rejection.ts";

/** The `SamlLoginError` `promise` rejects with, checked for `adapter` and for `secrets`. */
export async function loginRejection(
  promise: Promise<unknown>,
  adapter: string,
  secrets: readonly string[],
): Promise<SamlLoginError> {
  const error = await rejectionOf(promise, SamlLoginError);
  assert.equal(error.adapter, adapter);
  assertNoneShown(error, secrets);
  return error;
}
