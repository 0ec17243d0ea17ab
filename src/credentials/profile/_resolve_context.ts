// What every step of resolving a profile shares: the profile asked for, the files, the
// caller's options, and the resolver itself (so that a role profile can resolve its source
// without the files importing each other).
import type { Credentials } from "../../sigv4/credentials.ts";
import type { Platform } from "../platform/types.ts";
import type { ResolveProfileOptions } from "./resolve_options.ts";
import type { SharedConfig } from "./shared_config.ts";

/** The state of one `resolveProfileCredentials` call. */
export interface ResolveContext {
  /** The profile asked for: the head of every `source_profile` chain. */
  readonly profileName: string;
  readonly config: SharedConfig;
  readonly options: ResolveProfileOptions;
  readonly platform: Platform;
  /**
   * Resolves profile `name`, reached through the `source_profile`s in `visited` (the one at
   * fault last); `viaCredentialSource` when the profile that names it uses it as a
   * `credential_source`-style source.
   */
  readonly resolve: (
    name: string,
    visited: readonly string[],
    viaCredentialSource: boolean,
  ) => Promise<Credentials>;
}
