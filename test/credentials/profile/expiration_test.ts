import assert from "node:assert/strict";
import { upsertIniSection } from "../../../src/cli/_ini_section_writer.ts";
import {
  CredentialSettingError,
  CredentialsProviderError,
} from "../../../src/credentials/errors.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { profileExpiration } from "../../../src/credentials/profile/expiration.ts";
import { ProfileExpiredError } from "../../../src/credentials/profile/errors.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";
import { fromIni } from "../../../src/sts/from_ini.ts";

const CREDENTIALS = "/home/me/.aws/credentials";

Deno.test("profileExpiration reads back the x_security_token_expires that login writes", async () => {
  const expiration = new Date(Date.now() + 3600_000);
  // The entries iamfetch login writes (src/cli/commands/login.ts).
  const file = upsertIniSection("", "work", [
    ["aws_access_key_id", "ASIAEXAMPLE"],
    ["aws_secret_access_key", "secret"],
    ["aws_session_token", "token"],
    ["x_security_token_expires", expiration.toISOString()],
  ]);
  const platform = explicitPlatform({ homeDir: "/home/me", files: { [CREDENTIALS]: file } });
  const { profiles } = await loadSharedConfig(platform);
  assert.deepEqual(profileExpiration("work", profiles.get("work")!), expiration);
});

Deno.test("profileExpiration reads saml2aws's RFC 3339 times with an offset", () => {
  assert.deepEqual(
    profileExpiration("s", { x_security_token_expires: "2099-05-01T14:00:00+02:00" }),
    new Date("2099-05-01T12:00:00Z"),
  );
  assert.equal(profileExpiration("s", { aws_session_token: "t" }), undefined);
});

Deno.test("an expired profile is a ProfileExpiredError naming the profile and the time, which stops a chain", () => {
  const now = Date.parse("2024-05-01T13:00:00Z");
  assert.throws(
    () => profileExpiration("work", { x_security_token_expires: "2024-05-01T12:00:00Z" }, now),
    (error: unknown) => {
      assert.ok(error instanceof ProfileExpiredError);
      assert.equal(error.profile, "work");
      assert.deepEqual(error.expiration, new Date("2024-05-01T12:00:00Z"));
      assert.match(error.message, /profile work expired at 2024-05-01T12:00:00\.000Z/);
      assert.match(error.message, /iamfetch login --profile-out work/);
      assert.ok(!(error instanceof CredentialsProviderError), "not a 'try the next provider'");
      return true;
    },
  );
});

Deno.test("a malformed x_security_token_expires is a CredentialSettingError, not a guess", () => {
  for (const text of ["tomorrow", "2024-05-01", "05/01/2024 12:00", "2024-13-45T99:00:00Z"]) {
    assert.throws(
      () => profileExpiration("p", { x_security_token_expires: text }),
      (error: unknown) =>
        error instanceof CredentialSettingError && error.setting === "x_security_token_expires" &&
        error.source === "profile p",
      text,
    );
  }
});

Deno.test("fromIni gives a login profile's credentials their expiration, and refuses them once expired", async () => {
  const later = new Date(Date.now() + 3600_000);
  const earlier = new Date(Date.now() - 60_000);
  const profile = (name: string, expiration: Date) =>
    `[${name}]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\n` +
    `aws_session_token = token\nx_security_token_expires = ${expiration.toISOString()}\n`;
  const platform = explicitPlatform({
    homeDir: "/home/me",
    env: {},
    files: { [CREDENTIALS]: profile("fresh", later) + profile("stale", earlier) },
  });
  const fresh = await fromIni({ profile: "fresh", platform })();
  assert.deepEqual(fresh.expiration, later);
  await assert.rejects(
    fromIni({ profile: "stale", platform })(),
    (error: unknown) => error instanceof ProfileExpiredError && error.profile === "stale",
  );
});
