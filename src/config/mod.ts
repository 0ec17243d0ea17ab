/**
 * The configuration users already have, unchanged: CData connection strings
 * (`AuthScheme=…;AWSAccessKey=…`) and Airflow AWS connections (`aws://…` URIs, connection
 * JSON, `AIRFLOW_CONN_<ID>`), each turned into a credential provider plus the region and
 * endpoint it names. (The shared `~/.aws` files are read by `fromIni` of
 * `@iamfetch/iamfetch/sts`.)
 *
 * @example
 * ```ts
 * import { fromAirflowConnection, fromConnectionString } from "@iamfetch/iamfetch/config";
 * import { assertEquals } from "@std/assert";
 *
 * const cdata = fromConnectionString("AuthScheme=AwsRootKeys;AWSAccessKey=AKIDEXAMPLE;AWSSecretKey=secret;AWSRegion=eu-west-1");
 * const airflow = fromAirflowConnection("aws://AKIDEXAMPLE:secret@/?region_name=eu-west-1");
 * assertEquals((await cdata.credentials()).accessKeyId, (await airflow.credentials()).accessKeyId);
 * assertEquals(cdata.region, airflow.region);
 * ```
 *
 * @module
 */
export { AirflowConnectionError, ConnectionStringError } from "./errors.ts";
export type { ClientCertificate, ConfigOptions, ConfiguredCredentials } from "./options.ts";
export {
  type ConnectionStringPair,
  parseConnectionString,
  toConnectionString,
} from "./cdata/connection_string.ts";
export { fromConnectionString } from "./cdata/connection.ts";
export { type AirflowConnection, parseAirflowConnection } from "./airflow/parse_connection.ts";
export {
  type AirflowConnectionOptions,
  fromAirflowConnection,
  fromAirflowEnv,
} from "./airflow/connection.ts";
