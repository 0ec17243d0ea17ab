/**
 * Signed calls to the emulator's S3-style endpoint (`/s3`) for tests that check what landed
 * there: a signer with the emulator's credentials in us-east-1, and a signed GET of an object.
 *
 * @module
 */
import { SigV4Signer } from "../../src/sigv4/mod.ts";
import type { RunningEmulator } from "./emulator.ts";

/** A signer for the emulator's S3 endpoint, with its registered credentials. */
export function emulatorS3Signer(emulator: RunningEmulator): SigV4Signer {
  return new SigV4Signer({ credentials: emulator.credentials, region: "us-east-1", service: "s3" });
}

/** The emulator's answer to a signed GET of `path` (`bucket/key`). */
export async function getObject(emulator: RunningEmulator, path: string): Promise<Response> {
  const request = new Request(`${emulator.url}/s3/${path}`);
  return await fetch(await emulatorS3Signer(emulator).sign(request));
}
