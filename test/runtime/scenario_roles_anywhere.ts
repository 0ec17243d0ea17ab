/**
 * The runtime matrix's IAM Roles Anywhere check: in the runtime under test, a CA and two
 * end-entity certificates are issued with WebCrypto (RSA with a PKCS #1 key, EC P-256 with a
 * SEC 1 key), the CA is registered with the emulator as a trust anchor, and
 * `fromRolesAnywhere` gets credentials for each certificate that then sign an STS call; a key
 * that is not the certificate's is refused before any call. Public API and web standards only.
 *
 * @module
 */
import { fromRolesAnywhere, StsClient, X509CertificateError } from "../../mod.ts";
import { issueCertificate, privateKeyPem } from "../sigv4/x509/pki.ts";

/** The check's name in `SCENARIO_CHECK_NAMES`. */
export const ROLES_ANYWHERE_CHECK =
  "IAM Roles Anywhere: CreateSession signed with RSA and EC P-256 certificates, then GetCallerIdentity";

/** Runs the check against the emulator at `endpoint`, for `roleArn`; a failure's description, or `undefined`. */
export async function rolesAnywhereRoundTrip(
  endpoint: string,
  roleArn: string,
): Promise<string | undefined> {
  const ca = await issueCertificate({ subject: "Matrix CA", ca: true, keyType: "EC" });
  const registered = await fetch(`${endpoint}/__rolesanywhere/trust-anchors`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ certificate: ca.pem, roleArns: [roleArn] }),
  });
  if (registered.status !== 201) return `registering the CA answered ${registered.status}`;
  const { trustAnchorArn, profileArn } = await registered.json();
  const roleName = roleArn.split("/").at(-1);
  const leaves = [];
  for (const [keyType, format] of [["RSA", "pkcs1"], ["EC", "sec1"]] as const) {
    const leaf = await issueCertificate({ subject: `matrix-${keyType}`, keyType }, ca);
    leaves.push(leaf);
    const sessionName = `matrix-${keyType.toLowerCase()}`;
    const credentials = fromRolesAnywhere({
      certificate: leaf.pem,
      privateKey: await privateKeyPem(leaf.keys, format),
      trustAnchorArn,
      profileArn,
      roleArn,
      sessionName,
      endpoint,
    });
    const { arn } = await new StsClient({ credentials, endpoint }).getCallerIdentity();
    const expected = `arn:aws:sts::123456789012:assumed-role/${roleName}/${sessionName}`;
    if (arn !== expected) return `${keyType}: GetCallerIdentity answered ${arn}`;
  }
  const mismatched = fromRolesAnywhere({
    certificate: leaves[0].pem,
    privateKey: await privateKeyPem(leaves[1].keys),
    trustAnchorArn,
    profileArn,
    roleArn,
    endpoint,
  });
  const error = await mismatched().then(() => undefined, (e) => e);
  if (!(error instanceof X509CertificateError) || error.reason !== "key-mismatch") {
    return `another certificate's key: ${error instanceof Error ? error.message : "accepted"}`;
  }
  return undefined;
}
