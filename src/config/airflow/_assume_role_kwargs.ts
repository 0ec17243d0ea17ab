/**
 * Airflow's `assume_role_kwargs` (boto3 keyword arguments of the STS call, named as in the
 * STS API) checked against what each `assume_role_method` supports here. An unknown or
 * unsupported key is an error listing the supported ones: passing it on silently would
 * change what the role session allows.
 *
 * @module
 */
import type { PolicyDescriptor, SessionTag } from "../../sts/types.ts";
import { AirflowConnectionError } from "../errors.ts";
import { nearestName } from "../nearest_name.ts";

/** The supported `assume_role_kwargs`, decoded. */
export interface AssumeRoleKwargs {
  RoleSessionName?: string;
  ExternalId?: string;
  DurationSeconds?: number;
  Policy?: string;
  PolicyArns?: PolicyDescriptor[];
  Tags?: SessionTag[];
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
  SerialNumber?: string;
  TokenCode?: string;
  ProviderId?: string;
}

/** The `assume_role_method` values. */
export type AssumeRoleMethod =
  | "assume_role"
  | "assume_role_with_saml"
  | "assume_role_with_web_identity";

const SUPPORTED: Readonly<Record<AssumeRoleMethod, readonly (keyof AssumeRoleKwargs)[]>> = {
  assume_role: [
    "RoleSessionName",
    "ExternalId",
    "DurationSeconds",
    "Policy",
    "PolicyArns",
    "Tags",
    "TransitiveTagKeys",
    "SourceIdentity",
    "SerialNumber",
    "TokenCode",
  ],
  // fromSaml sends RoleArn, PrincipalArn, the assertion and DurationSeconds.
  assume_role_with_saml: ["DurationSeconds"],
  assume_role_with_web_identity: ["RoleSessionName", "DurationSeconds", "Policy", "ProviderId"],
};

function fail(key: string, wanted: string): never {
  throw new AirflowConnectionError(`assume_role_kwargs.${key} must be ${wanted}.`, {
    extra: `assume_role_kwargs.${key}`,
  });
}

function stringOf(key: string, value: unknown): string {
  if (typeof value !== "string" || value === "") fail(key, "a non-empty string");
  return value;
}

function listOf<T>(key: string, value: unknown, item: (v: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) fail(key, "a list");
  return value.map((v) => item(v) ?? fail(key, "a list of the STS API's shape"));
}

function decode(key: keyof AssumeRoleKwargs, value: unknown): AssumeRoleKwargs[typeof key] {
  switch (key) {
    case "DurationSeconds": {
      const n = typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 900 || n > 129600) {
        fail(key, "a whole number of seconds from 900 to 129600");
      }
      return n;
    }
    case "PolicyArns":
      return listOf(key, value, (v) => {
        const arn = (v as { arn?: unknown } | null)?.arn;
        return typeof arn === "string" ? { arn } : undefined;
      });
    case "Tags":
      return listOf(key, value, (v) => {
        const { Key, Value } = (v ?? {}) as { Key?: unknown; Value?: unknown };
        return typeof Key === "string" && typeof Value === "string" ? { Key, Value } : undefined;
      });
    case "TransitiveTagKeys":
      return listOf(key, value, (v) => (typeof v === "string" ? v : undefined));
    default:
      return stringOf(key, value);
  }
}

/**
 * Decodes `kwargs` for `method`; throws {@linkcode AirflowConnectionError} for a key the
 * method does not support here (with the supported ones and a "did you mean") or a value of
 * the wrong shape. Values are never quoted in messages.
 */
export function assumeRoleKwargs(
  kwargs: Record<string, unknown>,
  method: AssumeRoleMethod,
): AssumeRoleKwargs {
  const supported = SUPPORTED[method];
  const decoded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (!(supported as readonly string[]).includes(key)) {
      const suggestion = nearestName(key, supported);
      throw new AirflowConnectionError(
        `assume_role_kwargs.${key} is not supported with assume_role_method=${method}.` +
          (suggestion ? ` Did you mean ${suggestion}?` : "") +
          ` Supported: ${supported.join(", ")}.`,
        { extra: `assume_role_kwargs.${key}` },
      );
    }
    if (value !== null && value !== undefined) {
      decoded[key] = decode(key as keyof AssumeRoleKwargs, value);
    }
  }
  return decoded as AssumeRoleKwargs;
}
