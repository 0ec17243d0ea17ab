/**
 * Typed errors of the SAML layer. Messages name the step, the IdP's origin and what to do —
 * never a password, an MFA code, a session token or the SAML assertion itself.
 *
 * @module
 */
import { IamfetchError } from "../_shared/iamfetch_error.ts";

/**
 * The SAML assertion could not be used: not base64, not XML, encrypted, unsafe XML
 * (a DOCTYPE), meant for another audience, or without the role the caller asked for.
 *
 * @example
 * ```ts
 * import { SamlAssertionError } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new SamlAssertionError("The SAML assertion is encrypted.");
 * assertEquals(error.name, "SamlAssertionError");
 * ```
 */
export class SamlAssertionError extends IamfetchError {
  /** Creates the error; `message` must not contain the assertion. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SamlAssertionError";
  }
}

/**
 * A login at the identity provider failed: wrong password, MFA refused or timed out, an
 * unexpected page, a redirect to another origin while carrying a secret, too many
 * redirects, an oversized answer, or the IdP's HTTP error. `adapter` names the adapter
 * and `status` is the IdP's HTTP status when there was one.
 *
 * @example
 * ```ts
 * import { SamlLoginError } from "@iamfetch/iamfetch/saml";
 * import { assert } from "@std/assert";
 *
 * const error = new SamlLoginError("okta", "Okta refused the user name or password.", { status: 401 });
 * assert(error.adapter === "okta" && error.status === 401);
 * ```
 */
export class SamlLoginError extends IamfetchError {
  /** The name of the adapter that failed, e.g. `okta`. */
  readonly adapter: string;
  /** The IdP's HTTP status, when the failure was an HTTP answer. */
  readonly status?: number;

  /** Creates the error; `message` must not contain a password, code or token. */
  constructor(
    adapter: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "SamlLoginError";
    this.adapter = adapter;
    if (options.status !== undefined) this.status = options.status;
  }
}

/**
 * The `saml_response_xpath` given to the generic form adapter is outside the XPath subset
 * it understands. `expression` is the expression as given.
 *
 * @example
 * ```ts
 * import { formAdapter, UnsupportedXPathError } from "@iamfetch/iamfetch/saml";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => formAdapter({ idpUrl: "https://idp.example.com/sso", samlResponseXPath: "//input[1]/@value" }),
 *   UnsupportedXPathError,
 * );
 * assertEquals(error.expression, "//input[1]/@value");
 * ```
 */
export class UnsupportedXPathError extends IamfetchError {
  /** The expression that is not supported. */
  readonly expression: string;

  /** Creates the error for `expression`. */
  constructor(expression: string) {
    super(
      `The XPath expression ${JSON.stringify(expression)} is not supported: use ` +
        `//tag[@attr="value"]/@attr, //*[@name="SAMLResponse"]/@value or //tag/text() ` +
        '(one element step, at most one [@attr="value"] predicate).',
    );
    this.name = "UnsupportedXPathError";
    this.expression = expression;
  }
}
