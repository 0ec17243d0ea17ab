// The one reader of PEM private keys and their import into WebCrypto, for every signer that
// takes one (X.509 for IAM Roles Anywhere, CloudFront, JWT assertions): PKCS #8 (RFC 5208),
// PKCS #1 RSA (RFC 8017) and SEC 1 EC (RFC 5915), the last two wrapped into PKCS #8, the one
// form every WebCrypto imports. What is wrong comes back as a `PrivateKeyProblem` that each
// caller words as its own typed error; neither ever holds key material.
import {
  curveName,
  derChildren,
  type DerElement,
  derEncoding,
  derExpect,
  DerSyntaxError,
  encodeDer,
  OID,
  oidBytes,
  oidHex,
  parseDer,
  TAG,
} from "./der.ts";
import { pemBlocks } from "./pem.ts";

/** A private key read from PEM: RSA, or EC on P-256, as PKCS #8 DER. */
export interface PemPrivateKey {
  /** The label of its PEM block: `PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`. */
  readonly label: string;
  /** The key's algorithm; an EC key is always on P-256. */
  readonly kind: "RSA" | "EC";
  /** The PKCS #8 PrivateKeyInfo. */
  readonly pkcs8: Uint8Array;
}

/** Why a PEM text holds no usable private key. Describes the key, never quotes it. */
export type PrivateKeyProblem =
  /** No `… PRIVATE KEY` block; `otherLabel` is the first block's label, if any. */
  | { readonly problem: "no-key"; readonly otherLabel?: string }
  /** `ENCRYPTED PRIVATE KEY`, or a block with `Proc-Type: 4,ENCRYPTED`. */
  | { readonly problem: "encrypted"; readonly label: string }
  /** A private key format not read here, e.g. `OPENSSH PRIVATE KEY`, `DSA PRIVATE KEY`. */
  | { readonly problem: "other-format"; readonly label: string }
  /** The block's body is empty or not base64. */
  | { readonly problem: "not-base64"; readonly label: string }
  /** The DER is not the structure the label says; `detail` names what is wrong. */
  | { readonly problem: "malformed"; readonly label: string; readonly detail: string }
  /** A SEC 1 key that does not name its curve. */
  | { readonly problem: "unnamed-curve"; readonly label: string }
  /** An EC key on another curve than P-256 (`P-384`, …; `undefined` when unknown). */
  | { readonly problem: "other-curve"; readonly label: string; readonly curve?: string }
  /** A PKCS #8 key of another algorithm; `keyType` describes it when known (`an Ed25519 key`). */
  | { readonly problem: "other-algorithm"; readonly label: string; readonly keyType?: string };

// Content hex of the algorithm OIDs of the keys refused by name.
const OTHER_KEY_TYPES: Record<string, string> = {
  "2a864886f70d01010a": "an RSA-PSS key",
  "2a8648ce380401": "a DSA key",
  "2b6570": "an Ed25519 key",
  "2b6571": "an Ed448 key",
  "2b656e": "an X25519 key",
  "2b656f": "an X448 key",
};

function algorithmIdentifier(oid: string, parameters: Uint8Array): Uint8Array {
  return encodeDer(TAG.SEQUENCE, encodeDer(TAG.OID, oidBytes(oid)), parameters);
}

function pkcs8(algorithm: Uint8Array, key: Uint8Array): Uint8Array {
  const version = encodeDer(TAG.INTEGER, Uint8Array.of(0));
  return encodeDer(TAG.SEQUENCE, version, algorithm, encodeDer(TAG.OCTET_STRING, key));
}

/** A PKCS #1 RSAPrivateKey, checked to be a SEQUENCE of at least nine INTEGERs, as PKCS #8. */
function fromPkcs1(label: string, pkcs1: Uint8Array): PemPrivateKey {
  const fields = derChildren(derExpect(parseDer(pkcs1), TAG.SEQUENCE, "RSAPrivateKey"));
  if (fields.length < 9 || fields.some((field) => field.tag !== TAG.INTEGER)) {
    throw new DerSyntaxError("RSAPrivateKey is not a sequence of integers");
  }
  return {
    label,
    kind: "RSA",
    pkcs8: pkcs8(algorithmIdentifier(OID.RSA, encodeDer(TAG.NULL)), pkcs1),
  };
}

/**
 * A SEC 1 ECPrivateKey on P-256 as PKCS #8: the curve moves into the AlgorithmIdentifier
 * and the inner key keeps its scalar and public point but not its own copy of the curve,
 * the form OpenSSL writes and every WebCrypto imports.
 */
function fromSec1(label: string, sec1: Uint8Array): PemPrivateKey | PrivateKeyProblem {
  const fields = derChildren(derExpect(parseDer(sec1), TAG.SEQUENCE, "ECPrivateKey"));
  derExpect(fields[0], TAG.INTEGER, "EC private key version");
  const scalar = derExpect(fields[1], TAG.OCTET_STRING, "EC private key");
  const parameters = fields.find((field) => field.tag === 0xa0);
  const publicKey = fields.find((field) => field.tag === 0xa1);
  if (parameters === undefined) return { problem: "unnamed-curve", label };
  const curve = curveName(oidHex(derChildren(parameters)[0]));
  if (curve !== "P-256") return { problem: "other-curve", label, curve };
  const inner = encodeDer(
    TAG.SEQUENCE,
    encodeDer(TAG.INTEGER, Uint8Array.of(1)),
    derEncoding(scalar),
    ...(publicKey === undefined ? [] : [derEncoding(publicKey)]),
  );
  const algorithm = algorithmIdentifier(OID.EC_PUBLIC_KEY, encodeDer(TAG.OID, oidBytes(OID.P256)));
  return { label, kind: "EC", pkcs8: pkcs8(algorithm, inner) };
}

/** A PKCS #8 PrivateKeyInfo, of the algorithm its AlgorithmIdentifier names. */
function fromPkcs8(label: string, der: Uint8Array): PemPrivateKey | PrivateKeyProblem {
  const fields = derChildren(derExpect(parseDer(der), TAG.SEQUENCE, "PrivateKeyInfo"));
  derExpect(fields[0], TAG.INTEGER, "PrivateKeyInfo version");
  const algorithm: DerElement = derExpect(fields[1], TAG.SEQUENCE, "private key algorithm");
  derExpect(fields[2], TAG.OCTET_STRING, "private key");
  const [oid, parameters] = derChildren(algorithm);
  const algorithmOid = oidHex(oid);
  if (algorithmOid === OID.RSA) return { label, kind: "RSA", pkcs8: der };
  if (algorithmOid !== OID.EC_PUBLIC_KEY) {
    return { problem: "other-algorithm", label, keyType: OTHER_KEY_TYPES[algorithmOid] };
  }
  const curve = parameters?.tag === TAG.OID ? curveName(oidHex(parameters)) : undefined;
  if (curve !== "P-256") return { problem: "other-curve", label, curve };
  return { label, kind: "EC", pkcs8: der };
}

const READERS: Record<
  string,
  (label: string, der: Uint8Array) => PemPrivateKey | PrivateKeyProblem
> = {
  "RSA PRIVATE KEY": fromPkcs1,
  "EC PRIVATE KEY": fromSec1,
  "PRIVATE KEY": fromPkcs8,
};

/**
 * The first private key of a PEM text: the first block whose label ends in `PRIVATE KEY`
 * (blocks before it, such as `EC PARAMETERS`, are skipped), read as an RSA key or an EC key
 * on P-256, or the {@linkcode PrivateKeyProblem} that keeps it from being one.
 */
export function readPemPrivateKey(text: string): PemPrivateKey | PrivateKeyProblem {
  const blocks = pemBlocks(text);
  const block = blocks.find((candidate) => candidate.label.endsWith("PRIVATE KEY"));
  if (block === undefined) return { problem: "no-key", otherLabel: blocks[0]?.label };
  const { label, der } = block;
  if (label === "ENCRYPTED PRIVATE KEY" || block.encrypted) return { problem: "encrypted", label };
  if (der === undefined || der.length === 0) return { problem: "not-base64", label };
  const read = Object.hasOwn(READERS, label) ? READERS[label] : undefined;
  if (read === undefined) return { problem: "other-format", label };
  try {
    return read(label, der);
  } catch (error) {
    if (!(error instanceof DerSyntaxError)) throw error;
    return { problem: "malformed", label, detail: error.message };
  }
}

/**
 * Imports a key of {@linkcode readPemPrivateKey} into WebCrypto, not extractable, to sign:
 * `RSASSA-PKCS1-v1_5` with `rsaHash`, or `ECDSA` on P-256. Rejects with the runtime's own
 * error, whose message may describe the key: never copy it into another message.
 */
export async function importPrivateKey(
  key: PemPrivateKey,
  rsaHash: "SHA-1" | "SHA-256",
): Promise<CryptoKey> {
  const algorithm = key.kind === "RSA"
    ? { name: "RSASSA-PKCS1-v1_5", hash: rsaHash }
    : { name: "ECDSA", namedCurve: "P-256" };
  const pkcs8 = key.pkcs8 as Uint8Array<ArrayBuffer>;
  return await crypto.subtle.importKey("pkcs8", pkcs8, algorithm, false, ["sign"]);
}
