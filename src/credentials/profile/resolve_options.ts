import type { CredentialSources } from "./credential_source.ts";
import type { Platform } from "../platform/types.ts";
import type {
  MfaCodeProvider,
  RoleAssumer,
  SsoCredentialsResolver,
  WebIdentityAssumer,
} from "./callbacks.ts";

/**
 * What `resolveProfileCredentials` may need besides the files: the STS and IAM
 * Identity Center calls as callbacks, so that this layer does not depend on the STS client
 * (`fromIni` of `@iamfetch/iamfetch/sts` passes STS-backed ones; its options accept these
 * to replace them).
 */
export interface ResolveProfileOptions {
  /** Where the environment, token files and programs are. Default: `defaultPlatform()`. */
  platform?: Platform;
  /** Calls STS AssumeRole for `role_arn` profiles. Without it they throw `ProviderOptionMissingError`. */
  roleAssumer?: RoleAssumer;
  /** Calls STS AssumeRoleWithWebIdentity for `web_identity_token_file` profiles. */
  webIdentityAssumer?: WebIdentityAssumer;
  /** Returns the MFA code for a profile's `mfa_serial`. */
  mfaCodeProvider?: MfaCodeProvider;
  /** Providers for `credential_source` values. */
  credentialSources?: CredentialSources;
  /** Resolves `sso_session` / legacy `sso_*` profiles. */
  ssoCredentialsResolver?: SsoCredentialsResolver;
  /** Timeout of `credential_process` programs. Default: 60,000 ms. */
  processTimeoutMs?: number;
}
