/**
 * A Roles Anywhere setup in the emulator for the provider, CLI and README tests: a CA
 * registered as a trust anchor, a profile for one role, and end-entity certificates it
 * issues (all generated at run time).
 *
 * @module
 */
import type { FromRolesAnywhereOptions } from "../../../src/credentials/roles_anywhere/provider.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/emulator.ts";
import {
  type RolesAnywhereState,
  rolesAnywhereState,
} from "../../emulator/routes/roles_anywhere.ts";
import {
  issueCertificate,
  type IssueOptions,
  privateKeyPem,
  type TestCertificate,
} from "../../sigv4/x509/pki.ts";

/** The role sessions are opened for. */
export const ROLE_ARN = "arn:aws:iam::123456789012:role/workload";

/** A running emulator with a trust anchor, a profile, and a CA to issue certificates. */
export interface RolesAnywhereSetup extends AsyncDisposable {
  readonly emulator: RunningEmulator;
  readonly service: RolesAnywhereState;
  readonly ca: TestCertificate;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  /**
   * The provider's options for `certificate` and `privateKey` (PEM): this setup's trust
   * anchor, profile, {@linkcode ROLE_ARN} and the emulator as endpoint.
   */
  options(certificate: string, privateKey: string): FromRolesAnywhereOptions;
  /** A certificate issued by the CA (or by `issuer`) and its private key as PEM. */
  issue(
    options?: Partial<IssueOptions> & { keyFormat?: "pkcs8" | "pkcs1" | "sec1" },
    issuer?: TestCertificate,
  ): Promise<{ certificate: TestCertificate; certificatePem: string; privateKeyPem: string }>;
}

/** Starts the emulator with a CA of `caKeyType` as trust anchor and a profile for {@linkcode ROLE_ARN}. */
export async function rolesAnywhereSetup(
  caKeyType: "RSA" | "EC" = "EC",
): Promise<RolesAnywhereSetup> {
  const emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE_ARN });
  const service = rolesAnywhereState(emulator.state);
  const ca = await issueCertificate({ subject: "Test Root CA", ca: true, keyType: caKeyType });
  const trustAnchorArn = service.addTrustAnchor(ca.pem).arn;
  const profileArn = service.addProfile([ROLE_ARN]).arn;
  return {
    emulator,
    service,
    ca,
    trustAnchorArn,
    profileArn,
    options: (certificate, privateKey) => ({
      certificate,
      privateKey,
      trustAnchorArn,
      profileArn,
      roleArn: ROLE_ARN,
      endpoint: emulator.url,
    }),
    async issue(options = {}, issuer = ca) {
      const { keyFormat, ...issueOptions } = options;
      const certificate = await issueCertificate({ subject: "workload", ...issueOptions }, issuer);
      return {
        certificate,
        certificatePem: certificate.pem,
        privateKeyPem: await privateKeyPem(certificate.keys, keyFormat),
      };
    },
    [Symbol.asyncDispose]: () => emulator.close(),
  };
}

/** The CreateSession requests that reached the emulator. */
export function sessionRequests(emulator: RunningEmulator): number {
  return emulator.state.requestsTo("/sessions").length;
}

/**
 * The trust anchor, profile and role ARNs of a workload in `region` (account 111122223333),
 * for tests that answer CreateSession themselves, through `fetch`.
 */
export function workloadArns(region = "eu-west-1") {
  const partition = region.startsWith("cn-") ? "aws-cn" : "aws";
  return {
    trustAnchorArn: `arn:${partition}:rolesanywhere:${region}:111122223333:trust-anchor/a`,
    profileArn: `arn:${partition}:rolesanywhere:${region}:111122223333:profile/p`,
    roleArn: `arn:${partition}:iam::111122223333:role/workload`,
  };
}

/** CreateSession's answer (201): one set of credentials, valid for an hour. */
export function sessionAnswer(): Response {
  return Response.json({
    credentialSet: [{
      credentials: {
        accessKeyId: "ASIAEXAMPLEEXAMPLE01",
        secretAccessKey: "secret",
        sessionToken: "token",
        expiration: new Date(Date.now() + 3600_000).toISOString(),
      },
    }],
  }, { status: 201 });
}
