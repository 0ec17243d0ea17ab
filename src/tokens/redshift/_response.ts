import { AwsError } from "../../http/errors.ts";
import {
  parseXml,
  xmlList,
  type XmlNode,
  XmlParseError,
  xmlText,
} from "../../_shared/xml/parse.ts";
import { type RedshiftDbCredentials, toSafeRedshiftDbCredentials } from "./db_credentials.ts";
import type { DescribeClustersResult } from "./types.ts";

/** An `InvalidResponse` error; `what` names the missing part, never a value. */
export function invalidRedshiftResponse(
  service: string,
  action: string,
  requestId: string | undefined,
  what: string,
): AwsError {
  return new AwsError({
    code: "InvalidResponse",
    message: `${service} ${action} answered without ${what}.`,
    status: 200,
    requestId,
    retryable: false,
  });
}

/** The `<Action>Result` element of a successful Redshift Query-protocol response. */
export function redshiftResult(action: string, xml: string, requestId?: string): XmlNode {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    throw invalidRedshiftResponse("Redshift", action, requestId, `its XML (${error.message})`);
  }
  const response = doc[`${action}Response`];
  const result = response && !Array.isArray(response) && typeof response === "object"
    ? response[`${action}Result`]
    : undefined;
  if (result === undefined || Array.isArray(result)) {
    throw invalidRedshiftResponse("Redshift", action, requestId, `an <${action}Result>`);
  }
  return result;
}

/** Reads `DbUser`, `DbPassword`, `Expiration` (and `NextRefreshTime`) of a credentials result. */
export function dbCredentialsResult(
  action: string,
  result: XmlNode,
  requestId?: string,
): RedshiftDbCredentials {
  const dbUser = xmlText(result, ["DbUser"]);
  const dbPassword = xmlText(result, ["DbPassword"]);
  const expiration = new Date(xmlText(result, ["Expiration"]) ?? NaN);
  const refresh = xmlText(result, ["NextRefreshTime"]);
  const nextRefreshTime = refresh === undefined ? undefined : new Date(refresh);
  if (
    !dbUser || !dbPassword || Number.isNaN(expiration.getTime()) ||
    (nextRefreshTime !== undefined && Number.isNaN(nextRefreshTime.getTime()))
  ) {
    throw invalidRedshiftResponse("Redshift", action, requestId, "complete credentials");
  }
  return toSafeRedshiftDbCredentials({ dbUser, dbPassword, expiration, nextRefreshTime });
}

/** Reads a `DescribeClustersResult`: `<Clusters><Cluster>…</Cluster></Clusters>`. */
export function describeClustersResult(
  result: XmlNode,
  requestId?: string,
): DescribeClustersResult {
  const clusters = xmlList(result, ["Clusters"], "Cluster").map((cluster) => {
    const identifier = xmlText(cluster, ["ClusterIdentifier"]);
    if (!identifier) {
      throw invalidRedshiftResponse("Redshift", "DescribeClusters", requestId, "ClusterIdentifier");
    }
    const address = xmlText(cluster, ["Endpoint", "Address"]);
    const port = Number(xmlText(cluster, ["Endpoint", "Port"]));
    return {
      identifier,
      endpoint: address && Number.isInteger(port) ? { address, port } : undefined,
      dbName: xmlText(cluster, ["DBName"]),
      status: xmlText(cluster, ["ClusterStatus"]),
    };
  });
  return { clusters, marker: xmlText(result, ["Marker"]) };
}
