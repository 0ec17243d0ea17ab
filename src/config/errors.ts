/**
 * Typed errors of the configuration layer. Messages name the key or extra at fault, list
 * the valid ones and say what to do — never the value of a secret setting (and, to be safe,
 * no value at all except fixed-vocabulary ones such as `AuthScheme`).
 *
 * @module
 */
import { IamfetchError } from "../_shared/iamfetch_error.ts";

/**
 * A CData-style connection string could not be used: a syntax error (an unterminated quote,
 * a pair without `=`), an unknown key, a missing required key or an invalid value. `key`
 * names the key at fault when there is one.
 *
 * @example
 * ```ts
 * import { ConnectionStringError, fromConnectionString } from "@iamfetch/iamfetch/config";
 * import { assert, assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () => fromConnectionString("AuthScheme=AwsRootKeys;AWSAccesKey=AKIDEXAMPLE;AWSSecretKey=hunter2"),
 *   ConnectionStringError,
 * );
 * assertEquals(error.key, "AWSAccesKey");
 * assert(!error.message.includes("hunter2"));
 * ```
 */
export class ConnectionStringError extends IamfetchError {
  /** The key at fault, as written in the connection string (or its canonical name). */
  readonly key?: string;

  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options: { key?: string; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "ConnectionStringError";
    if (options.key !== undefined) this.key = options.key;
  }
}

/**
 * An Airflow AWS connection could not be used: not an `aws://` URI or connection JSON, an
 * `extra` that is not a JSON object, an unsupported `assume_role_method`, an unknown
 * `assume_role_kwargs` key, a missing setting, or a federation that needs an option the
 * caller did not pass. `extra` names the extra (or field) at fault when there is one.
 *
 * @example
 * ```ts
 * import { AirflowConnectionError, fromAirflowConnection } from "@iamfetch/iamfetch/config";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const error = assertThrows(
 *   () =>
 *     fromAirflowConnection(
 *       '{"conn_type":"aws","extra":{"role_arn":"arn:aws:iam::123456789012:role/r","assume_role_method":"magic"}}',
 *     ),
 *   AirflowConnectionError,
 * );
 * assertEquals(error.extra, "assume_role_method");
 * ```
 */
export class AirflowConnectionError extends IamfetchError {
  /** The extra or connection field at fault, e.g. `assume_role_kwargs.Foo`. */
  readonly extra?: string;

  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string, options: { extra?: string; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "AirflowConnectionError";
    if (options.extra !== undefined) this.extra = options.extra;
  }
}
