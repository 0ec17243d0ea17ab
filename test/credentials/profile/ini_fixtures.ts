/**
 * Shared fixtures of the fromIni tests: files on an explicit platform, a recording
 * AssumeRole stand-in, and a helper that returns a promise's rejection.
 *
 * @module
 */
import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import type { AssumeRoleParams } from "../../../src/credentials/profile/callbacks.ts";
import type { Credentials } from "../../../src/sigv4/credentials.ts";

export const HOME = "/home/me";

export function platformWith(
  config: string,
  credentials = "",
  env: Record<string, string> = {},
  extraFiles: Record<string, string> = {},
): Platform {
  return explicitPlatform({
    homeDir: HOME,
    env,
    files: {
      [`${HOME}/.aws/config`]: config,
      [`${HOME}/.aws/credentials`]: credentials,
      ...extraFiles,
    },
  });
}

// Records every AssumeRole call; the result encodes the source key and the role.
export function recordingAssumer() {
  const calls: Array<{ source: Credentials; params: AssumeRoleParams }> = [];
  const roleAssumer = (source: Credentials, params: AssumeRoleParams) => {
    calls.push({ source, params });
    return Promise.resolve({
      accessKeyId: `${source.accessKeyId}>${params.RoleArn.split("/").pop()}`,
      secretAccessKey: "assumed-secret",
      sessionToken: "assumed-token",
      expiration: new Date(Date.now() + 3600_000),
    });
  };
  return { calls, roleAssumer };
}

export const BASE_KEYS =
  "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secretbase\n";

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail("expected a rejection");
}
