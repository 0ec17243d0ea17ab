import { type OktaContext, oktaError, requestOkta, text } from "./_oauth.ts";
import type { OktaOrg } from "./_org.ts";
import { OktaOieError } from "./errors.ts";

/**
 * An AWS Account Federation app the user is assigned to, as Okta's app links list it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { oktaOieWebAdapter, type OktaAwsApp } from "@iamfetch/iamfetch/saml";
 *
 * const labels: string[] = [];
 * const adapter = oktaOieWebAdapter({
 *   orgUrl: "example.okta.com",
 *   clientId: "0oa5wyqjk6Wm148fE1d7",
 *   onDeviceCode: (code) => console.log(code.verificationUri),
 *   chooseApp: (apps: OktaAwsApp[]) => (labels.push(...apps.map((app) => app.label)), apps[0]),
 * });
 * assertEquals([adapter.name, labels], ["okta-oie", []]);
 * ```
 */
export interface OktaAwsApp {
  /** The app's id (its `appInstanceId`): the token exchange's `urn:okta:apps:<id>`. */
  readonly id: string;
  /** The app's label, as the user sees it in the Okta dashboard. */
  readonly label: string;
}

/**
 * Picks one of the user's AWS apps (say, by asking the user); must return one of `apps`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { OktaAwsAppChooser } from "@iamfetch/iamfetch/saml";
 *
 * const production: OktaAwsAppChooser = (apps) => apps.find((app) => app.label.includes("prod")) ?? apps[0];
 * assertEquals((await production([{ id: "0oa1", label: "dev" }, { id: "0oa2", label: "prod" }])).id, "0oa2");
 * ```
 */
export type OktaAwsAppChooser = (apps: OktaAwsApp[]) => OktaAwsApp | Promise<OktaAwsApp>;

/** The app name of Okta's AWS Account Federation integration. */
const AWS_APP_NAME = "amazon_aws";

/**
 * The user's AWS Account Federation apps, as okta-aws-cli finds them: `GET
 * /api/v1/users/me/appLinks` with the access token (the OIDC app needs the
 * `okta.users.read.self` grant), keeping the links whose `appName` is `amazon_aws`. The
 * endpoint is not paginated (okta-aws-cli's note); it lists what the user's dashboard shows.
 */
export async function listAwsApps(
  context: OktaContext,
  org: OktaOrg,
  accessToken: string,
): Promise<OktaAwsApp[]> {
  const url = org.url("/api/v1/users/me/appLinks");
  const response = await requestOkta(context, "app-list", url, {
    headers: { accept: "application/json", authorization: `Bearer ${accessToken}` },
  });
  context.log?.(`okta-oie: GET ${url.origin}${url.pathname} -> ${response.status}`);
  let links: unknown;
  try {
    links = JSON.parse(response.text);
  } catch {
    links = undefined;
  }
  if (response.status !== 200 || !Array.isArray(links)) {
    const json = typeof links === "object" && links !== null && !Array.isArray(links)
      ? links as Record<string, unknown>
      : undefined;
    throw oktaError("app-list", url, { status: response.status, json }, [accessToken]);
  }
  return links.flatMap((link) => {
    const id = text(link?.appInstanceId);
    if (link?.appName !== AWS_APP_NAME || id === undefined) return [];
    return [{ id, label: text(link.label) ?? id }];
  });
}

/**
 * The app to sign in to: the only one, or the one `chooser` picks among several (as
 * okta-aws-cli prompts); without a chooser, an error listing them (labels and ids are not
 * secret) so the caller can set `appId`.
 */
export async function chooseAwsApp(
  apps: OktaAwsApp[],
  chooser: OktaAwsAppChooser | undefined,
  clientId: string,
): Promise<OktaAwsApp> {
  if (apps.length === 0) {
    throw new OktaOieError(
      "app-list",
      `The user has no AWS Account Federation app that the OIDC app ${clientId} can sign in ` +
        "to; assign the user to the AWS app, or pass the AWS app's id as appId.",
    );
  }
  if (apps.length === 1) return apps[0];
  const offered = apps.map((app) => `${app.label} (${app.id})`).join(", ");
  if (chooser === undefined) {
    throw new OktaOieError(
      "app-list",
      `The user has several AWS Account Federation apps (${offered}); set appId to pick one.`,
    );
  }
  const chosen = await chooser([...apps]);
  const match = apps.find((app) => app.id === chosen?.id);
  if (match === undefined) {
    throw new OktaOieError(
      "app-list",
      `The app chooser returned an app the user does not have; the user has: ${offered}.`,
    );
  }
  return match;
}
