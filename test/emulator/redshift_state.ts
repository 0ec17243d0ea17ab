/**
 * What the emulated Redshift and Redshift Serverless know: clusters, workgroups, and every
 * call that reached a known action (for tests to assert on the parameters sent).
 *
 * @module
 */

/** A provisioned cluster `DescribeClusters` and `GetClusterCredentials` know. */
export interface RedshiftCluster {
  /** The cluster identifier, e.g. `analytics`. */
  readonly identifier: string;
  /** The endpoint address. */
  readonly address: string;
  /** The endpoint port. */
  readonly port: number;
  /** The database created with the cluster. */
  readonly dbName: string;
  /** The status, e.g. `available`. */
  readonly status: string;
}

/** A serverless workgroup `GetCredentials` knows. */
export interface RedshiftWorkgroup {
  /** The workgroup name. */
  readonly name: string;
}

/** One call of a known Redshift or Redshift Serverless action, valid or not. */
export interface RedshiftCall {
  /** `redshift` (Query protocol) or `redshift-serverless` (JSON). */
  readonly service: "redshift" | "redshift-serverless";
  /** The action, e.g. `GetClusterCredentials`. */
  readonly action: string;
  /** The parameters: the Query map (Action and Version included) or the JSON body. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The key that signed the call. */
  readonly accessKeyId?: string;
  /** The password issued, when the call succeeded and issued one. */
  password?: string;
}

/**
 * The Redshift part of the emulator's state.
 *
 * @example
 * ```ts
 * state.redshift.addCluster({ identifier: "analytics" });
 * state.redshift.addWorkgroup({ name: "adhoc" });
 * ```
 */
export class RedshiftState {
  /** The clusters, by identifier. */
  readonly clusters: Map<string, RedshiftCluster> = new Map();
  /** The serverless workgroups, by name. */
  readonly workgroups: Map<string, RedshiftWorkgroup> = new Map();
  /** Every call of a known action, in arrival order. */
  readonly calls: RedshiftCall[] = [];

  /** Adds a cluster; the address defaults to the AWS form `<id>.c1abcdef2ghi.<region>.redshift.amazonaws.com`. */
  addCluster(
    init: Partial<RedshiftCluster> & { identifier: string; region?: string },
  ): RedshiftCluster {
    const cluster: RedshiftCluster = {
      identifier: init.identifier,
      address: init.address ??
        `${init.identifier}.c1abcdef2ghi.${init.region ?? "us-east-1"}.redshift.amazonaws.com`,
      port: init.port ?? 5439,
      dbName: init.dbName ?? "dev",
      status: init.status ?? "available",
    };
    this.clusters.set(cluster.identifier, cluster);
    return cluster;
  }

  /** Adds a serverless workgroup. */
  addWorkgroup(init: RedshiftWorkgroup): RedshiftWorkgroup {
    this.workgroups.set(init.name, init);
    return init;
  }
}
