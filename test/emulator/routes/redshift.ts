import { AwsServiceError } from "../aws_error.ts";
import { element, redshiftResponse } from "./redshift_xml.ts";
import type { RedshiftCluster } from "../redshift_state.ts";
import type { EmulatorState, Identity } from "../state.ts";
import type { QueryAction, QueryCall, QueryService } from "./query_api.ts";
import {
  DB_NAME_PATTERN,
  DB_USER_PATTERN,
  dbDurationSeconds,
  iamDbUser,
  randomDbPassword,
} from "./redshift_params.ts";

/** The Redshift API version, sent by clients in `Version`. */
export const REDSHIFT_VERSION = "2012-12-01";

/**
 * The emulated Amazon Redshift (Query protocol) for {@linkcode queryApiRoutes}:
 * `GetClusterCredentials`, `GetClusterCredentialsWithIAM` and `DescribeClusters` over the
 * clusters in `state.redshift`, answering in Redshift's XML. Every call is recorded in
 * `state.redshift.calls`. Stricter than AWS on one point: a parameter the action does not
 * take is a 400 `InvalidParameterValue`, so a client that misspells one (e.g.
 * `DbGroups.member.1` for `DbGroups.DbGroup.1`) fails instead of being silently ignored.
 *
 * @example
 * ```ts
 * app.route("/", queryApiRoutes({ sts: stsService(state), redshift: redshiftService(state) }));
 * ```
 */
export function redshiftService(state: EmulatorState): QueryService {
  return {
    version: REDSHIFT_VERSION,
    actions: {
      GetClusterCredentials: getClusterCredentials(state),
      GetClusterCredentialsWithIAM: getClusterCredentialsWithIam(state),
      DescribeClusters: describeClusters(state),
    },
    record: ({ action, params, identity }) =>
      state.redshift.calls.push({
        service: "redshift",
        action,
        params: Object.fromEntries(params),
        accessKeyId: identity?.accessKeyId,
      }),
  };
}

const ALLOWED: Record<string, RegExp> = {
  GetClusterCredentials:
    /^(DbUser|DbName|ClusterIdentifier|DurationSeconds|AutoCreate|CustomDomainName|DbGroups\.DbGroup\.\d+)$/,
  GetClusterCredentialsWithIAM: /^(DbName|ClusterIdentifier|DurationSeconds|CustomDomainName)$/,
  DescribeClusters: /^(ClusterIdentifier|MaxRecords|Marker|TagKeys\..+|TagValues\..+)$/,
};

function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError({ status: 400, code: "InvalidParameterValue", message });
}

function checkKnownParams(call: QueryCall): void {
  for (const name of call.params.keys()) {
    if (name === "Action" || name === "Version") continue;
    if (!ALLOWED[call.action].test(name)) {
      throw invalidParameter(`Unknown parameter ${name} for ${call.action}.`);
    }
  }
}

function clusterOf(state: EmulatorState, params: URLSearchParams): RedshiftCluster {
  const identifier = params.get("ClusterIdentifier");
  if (identifier === null) {
    throw new AwsServiceError({
      status: 400,
      code: "InvalidParameterValue",
      message: "ClusterIdentifier or CustomDomainName must be provided.",
    });
  }
  const cluster = state.redshift.clusters.get(identifier);
  if (cluster === undefined) {
    throw new AwsServiceError({
      status: 404,
      code: "ClusterNotFound",
      message: `Cluster ${identifier} not found.`,
    });
  }
  return cluster;
}

function checkDbName(params: URLSearchParams): void {
  const dbName = params.get("DbName");
  if (dbName !== null && !DB_NAME_PATTERN.test(dbName)) {
    throw invalidParameter(
      "DbName must start with a letter and contain only letters, digits, _ or -.",
    );
  }
}

function duration(params: URLSearchParams): number {
  const seconds = dbDurationSeconds(params.get("DurationSeconds"));
  if (seconds === undefined) {
    throw invalidParameter("DurationSeconds must be an integer between 900 and 3600.");
  }
  return seconds;
}

function credentialsResponse(
  state: EmulatorState,
  action: string,
  requestId: string,
  dbUser: string,
  seconds: number,
  withRefresh: boolean,
): Response {
  const password = randomDbPassword();
  const call = state.redshift.calls.at(-1);
  if (call !== undefined) call.password = password;
  const now = state.now().getTime();
  const refresh = withRefresh
    ? element("NextRefreshTime", new Date(now + seconds * 500).toISOString())
    : "";
  return redshiftResponse(
    action,
    requestId,
    element("DbUser", dbUser) + element("DbPassword", password) +
      element("Expiration", new Date(now + seconds * 1000).toISOString()) + refresh,
  );
}

function getClusterCredentials(state: EmulatorState): QueryAction {
  return (call) => {
    checkKnownParams(call);
    const { params, requestId } = call;
    const dbUser = params.get("DbUser");
    if (dbUser === null || !DB_USER_PATTERN.test(dbUser)) {
      throw invalidParameter(
        "DbUser must be 1 to 128 letters, digits, _ + . @ or -, starting with a letter.",
      );
    }
    checkDbName(params);
    const seconds = duration(params);
    const autoCreate = params.get("AutoCreate");
    if (autoCreate !== null && autoCreate !== "true" && autoCreate !== "false") {
      throw invalidParameter("AutoCreate must be true or false.");
    }
    for (const [name, group] of params) {
      if (name.startsWith("DbGroups.") && !DB_USER_PATTERN.test(group)) {
        throw invalidParameter(`DbGroups has an invalid group name.`);
      }
    }
    clusterOf(state, params);
    const prefix = autoCreate === "true" ? "IAMA" : "IAM";
    return credentialsResponse(
      state,
      "GetClusterCredentials",
      requestId,
      `${prefix}:${dbUser}`,
      seconds,
      false,
    );
  };
}

function getClusterCredentialsWithIam(state: EmulatorState): QueryAction {
  return (call) => {
    checkKnownParams(call);
    checkDbName(call.params);
    const seconds = duration(call.params);
    clusterOf(state, call.params);
    const dbUser = iamDbUser(call.identity as Identity);
    return credentialsResponse(
      state,
      "GetClusterCredentialsWithIAM",
      call.requestId,
      dbUser,
      seconds,
      true,
    );
  };
}

function describeClusters(state: EmulatorState): QueryAction {
  return (call) => {
    checkKnownParams(call);
    const clusters = call.params.has("ClusterIdentifier")
      ? [clusterOf(state, call.params)]
      : [...state.redshift.clusters.values()];
    const xml = clusters.map((cluster) =>
      "<Cluster>" + element("ClusterIdentifier", cluster.identifier) +
      element("NodeType", "ra3.xlplus") + element("ClusterStatus", cluster.status) +
      element("MasterUsername", "admin") + element("DBName", cluster.dbName) +
      `<Endpoint>${element("Address", cluster.address)}${
        element("Port", cluster.port)
      }</Endpoint>` +
      element("NumberOfNodes", 2) + element("PubliclyAccessible", "false") +
      element("Encrypted", "true") + "</Cluster>"
    ).join("");
    return redshiftResponse(
      "DescribeClusters",
      call.requestId,
      `<Clusters>${xml}</Clusters>`,
    );
  };
}
