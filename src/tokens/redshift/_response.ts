import { answeredWithout } from "../../http/query_result.ts";
import { xmlList, type XmlNode, xmlText } from "../../_shared/xml/parse.ts";
import { type RedshiftDbCredentials, toSafeRedshiftDbCredentials } from "./db_credentials.ts";
import type { DescribeClustersResult } from "./types.ts";

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
    throw answeredWithout("Redshift", action, requestId, "complete credentials");
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
      throw answeredWithout("Redshift", "DescribeClusters", requestId, "ClusterIdentifier");
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
