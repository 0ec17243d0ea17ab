import { SigningInputError } from "./errors.ts";

// Region and service names are embedded in the credential scope `date/region/service/aws4_request`;
// AWS names are lowercase letters, digits and hyphens, so anything else is a mistake
// (a display name such as "US East", an ARN, a stray slash) that would sign a wrong scope.
const SCOPE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;

/** Throws {@linkcode SigningInputError} unless `value` is a valid region or service name. */
export function checkScopeName(kind: "region" | "service", value: unknown): string {
  if (typeof value !== "string" || !SCOPE_NAME.test(value)) {
    const example = kind === "region" ? "us-east-1" : "execute-api";
    throw new SigningInputError(
      `The ${kind} must be an AWS ${kind} name of lowercase letters, digits and hyphens (e.g. "${example}")` +
        (typeof value === "string"
          ? `, got ${JSON.stringify(value.slice(0, 64))}.`
          : `, got ${typeof value}.`),
    );
  }
  return value;
}
