import { uriEncode } from "../_shared/uri_encode.ts";

/** A Query-protocol parameter value: a scalar, a list, or a list of structures. */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | readonly (string | Readonly<Record<string, string>>)[];

/**
 * Encodes an AWS Query-protocol request body: `Action`, `Version`, and the parameters,
 * lists flattened as `Name.member.N` and list structures as `Name.member.N.Field`
 * (the form STS, IAM and Redshift read). Undefined values are left out.
 */
export function queryBody(
  action: string,
  version: string,
  params: Readonly<Record<string, QueryValue>>,
): string {
  const pairs: string[] = [`Action=${uriEncode(action)}`, `Version=${uriEncode(version)}`];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      pairs.push(`${uriEncode(name)}=${uriEncode(String(value))}`);
      continue;
    }
    value.forEach((member, index) => {
      const prefix = `${name}.member.${index + 1}`;
      if (typeof member === "string") {
        pairs.push(`${uriEncode(prefix)}=${uriEncode(member)}`);
      } else {
        for (const [field, fieldValue] of Object.entries(member)) {
          pairs.push(`${uriEncode(`${prefix}.${field}`)}=${uriEncode(String(fieldValue))}`);
        }
      }
    });
  }
  return pairs.join("&");
}
