/**
 * The version `iamfetch --version` prints: kept by hand equal to `deno.json`'s `version`
 * (a test compares them), because a JSON import of `deno.json` would put the whole
 * configuration into every bundle of the CLI and needs import attributes, which Node
 * before 20.10 does not read.
 */
export const VERSION = "0.1.0";
