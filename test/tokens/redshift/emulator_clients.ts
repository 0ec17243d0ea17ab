/**
 * The Redshift clients the tests point at the AWS emulator: signing with its credentials, in
 * us-east-1, at its URL, unless `overrides` say otherwise.
 *
 * @module
 */
import {
  RedshiftClient,
  type RedshiftClientOptions,
  RedshiftServerlessClient,
} from "../../../src/tokens/mod.ts";
import type { RunningEmulator } from "../../emulator/emulator.ts";

function optionsFor(
  emu: RunningEmulator,
  overrides: Partial<RedshiftClientOptions>,
): RedshiftClientOptions {
  return { credentials: emu.credentials, region: "us-east-1", endpoint: emu.url, ...overrides };
}

/** A {@linkcode RedshiftClient} of the emulator's clusters. */
export function redshiftClientOf(
  emu: RunningEmulator,
  overrides: Partial<RedshiftClientOptions> = {},
): RedshiftClient {
  return new RedshiftClient(optionsFor(emu, overrides));
}

/** A {@linkcode RedshiftServerlessClient} of the emulator's workgroups. */
export function serverlessClientOf(
  emu: RunningEmulator,
  overrides: Partial<RedshiftClientOptions> = {},
): RedshiftServerlessClient {
  return new RedshiftServerlessClient(optionsFor(emu, overrides));
}
