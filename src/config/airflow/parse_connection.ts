import { AirflowConnectionError } from "../errors.ts";
import { jsonObject } from "./_extras.ts";

/**
 * An Airflow connection's fields, as Airflow's `Connection` holds them.
 */
export interface AirflowConnection {
  /** `conn_type`: the URI scheme, e.g. `aws`. */
  readonly connType: string;
  /** `login`: for AWS, the access key id. */
  readonly login?: string;
  /** `password`: for AWS, the secret access key. */
  readonly password?: string;
  /** `host` (not used by the AWS connection; `endpoint_url` is). */
  readonly host?: string;
  /** `port`. */
  readonly port?: number;
  /** `schema`: the URI path without its `/`. */
  readonly schema?: string;
  /** `extra`, parsed. */
  readonly extra: Readonly<Record<string, unknown>>;
}

const JSON_FIELDS = new Set([
  "conn_type",
  "conn_id",
  "description",
  "host",
  "login",
  "password",
  "schema",
  "port",
  "extra",
]);

function decoded(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new AirflowConnectionError(
      `The ${field} of the connection URI is not URL-encoded correctly.`,
      {
        extra: field,
        cause: error,
      },
    );
  }
}

// Python's urlsplit, as Airflow's Connection._parse_from_uri uses it: the netloc runs to the
// first "/", "?" or "#"; the user info is what precedes its last "@", split at the first ":".
function fromUri(text: string): AirflowConnection {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(text);
  if (match === null) {
    throw new AirflowConnectionError(
      "The connection is neither a URI like aws://KEY:SECRET@/?region_name=… nor connection JSON.",
    );
  }
  const [, scheme, netloc, path, query = ""] = match;
  const at = netloc.lastIndexOf("@");
  const userInfo = at === -1 ? undefined : netloc.slice(0, at);
  const hostPort = netloc.slice(at + 1);
  const colon = userInfo?.indexOf(":") ?? -1;
  const login = userInfo === undefined
    ? undefined
    : colon === -1
    ? userInfo
    : userInfo.slice(0, colon);
  const password = colon === -1 ? undefined : userInfo!.slice(colon + 1);
  const portMatch = /:([0-9]+)$/.exec(hostPort);
  const host = portMatch ? hostPort.slice(0, portMatch.index) : hostPort;
  const params = new URLSearchParams(query);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of params) extra[key] = value;
  return {
    connType: scheme.toLowerCase().replaceAll("-", "_"),
    ...(login ? { login: decoded(login, "login") } : {}),
    ...(password ? { password: decoded(password, "password") } : {}),
    ...(host ? { host: decoded(host, "host").toLowerCase() } : {}),
    ...(portMatch ? { port: Number(portMatch[1]) } : {}),
    ...(path.length > 1 ? { schema: decoded(path.slice(1), "schema") } : {}),
    // Airflow keeps a JSON extra in the `__extra__` query parameter when it has nested values.
    extra: "__extra__" in extra ? jsonObject(extra.__extra__, "__extra__") : extra,
  };
}

function fromJson(text: string): AirflowConnection {
  const json = jsonObject(text, "The connection JSON");
  for (const key of Object.keys(json)) {
    if (!JSON_FIELDS.has(key)) {
      throw new AirflowConnectionError(
        `Unknown connection field "${key}". Valid fields: ${[...JSON_FIELDS].join(", ")}.`,
        { extra: key },
      );
    }
  }
  const field = (name: string): string | undefined => {
    const value = json[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") {
      throw new AirflowConnectionError(`The connection's ${name} must be a string.`, {
        extra: name,
      });
    }
    return value;
  };
  const port = json.port;
  if (port !== undefined && port !== null && typeof port !== "number") {
    throw new AirflowConnectionError("The connection's port must be a number.", { extra: "port" });
  }
  const extra = json.extra === undefined || json.extra === null || json.extra === ""
    ? {}
    : jsonObject(json.extra, "extra");
  const [connType, login, password, host, schema] = [
    "conn_type",
    "login",
    "password",
    "host",
    "schema",
  ]
    .map(field);
  return {
    connType: connType ?? "aws",
    ...(login ? { login } : {}),
    ...(password ? { password } : {}),
    ...(host ? { host } : {}),
    ...(typeof port === "number" ? { port } : {}),
    ...(schema ? { schema } : {}),
    extra,
  };
}

/**
 * Reads an Airflow connection in either of the forms of `AIRFLOW_CONN_<ID>`: a URI
 * (`aws://AKID:SECRET@/?region_name=eu-west-1`, login and password URL-decoded, query
 * parameters as extras — all strings — or one `__extra__` parameter holding the extras'
 * JSON) or connection JSON (`{"conn_type":"aws","login":…,"password":…,"extra":{…}}`, where
 * `extra` may also be a JSON string). Throws {@linkcode AirflowConnectionError}.
 *
 * @example
 * ```ts
 * import { parseAirflowConnection } from "@iamfetch/iamfetch/config";
 * import { assert } from "@std/assert";
 *
 * const connection = parseAirflowConnection("aws://AKIAIOSFODNN7EXAMPLE:wJalr%2FK7MDENG@/?region_name=eu-west-1");
 * assert(connection.password === "wJalr/K7MDENG" && connection.extra.region_name === "eu-west-1");
 * ```
 */
export function parseAirflowConnection(text: string): AirflowConnection {
  const trimmed = text.trim();
  return trimmed.startsWith("{") ? fromJson(trimmed) : fromUri(trimmed);
}
