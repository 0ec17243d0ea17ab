/**
 * Raw STS calls for the emulator's own tests: form-encoded Query requests signed with
 * iamfetch's {@linkcode SigV4Signer} (service `sts`, region `us-east-1`), and readers for
 * the XML that comes back.
 *
 * @module
 */
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import type { RunningEmulator } from "./emulator.ts";

/** A key pair (with a session token for temporary credentials). */
export type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** How {@linkcode stsRequest} signs; `keys: null` sends the call unsigned. */
export interface StsRequestOptions {
  /** The credentials to sign with; the emulator's own by default, `null` for none. */
  keys?: Keys | null;
  /** The signing time; now by default. */
  date?: Date;
  /** The SigV4 service in the scope; `sts` by default. */
  service?: string;
}

/** A `POST /` with `params` form-encoded (plus `Version=2011-06-15` unless given). */
export async function stsRequest(
  emulator: RunningEmulator,
  params: Record<string, string>,
  options: StsRequestOptions = {},
): Promise<Request> {
  const body = new URLSearchParams({ Version: "2011-06-15", ...params });
  const request = new Request(`${emulator.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: body.toString(),
  });
  const keys = options.keys === undefined ? emulator.credentials : options.keys;
  if (keys === null) return request;
  const { accessKeyId, secretAccessKey, sessionToken } = keys; // no string `expiration`
  const signer = new SigV4Signer({
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    region: "us-east-1",
    service: options.service ?? "sts",
  });
  return await signer.sign(request, { date: options.date });
}

/** Sends {@linkcode stsRequest} and returns the status and the body text. */
export async function callSts(
  emulator: RunningEmulator,
  params: Record<string, string>,
  options: StsRequestOptions = {},
): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(await stsRequest(emulator, params, options));
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get("content-type"),
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of the first `<name>` element, unescaped, or `undefined`. */
export function xmlValue(xml: string, name: string): string | undefined {
  return xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1]
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ENTITIES[entity]);
}

/** The temporary credentials in an STS response's `<Credentials>`. */
export function credentialsFrom(xml: string): Keys & { expiration: string } {
  const field = (name: string) => {
    const value = xmlValue(xml, name);
    if (value === undefined) throw new Error(`No <${name}> in ${xml}`);
    return value;
  };
  return {
    accessKeyId: field("AccessKeyId"),
    secretAccessKey: field("SecretAccessKey"),
    sessionToken: field("SessionToken"),
    expiration: field("Expiration"),
  };
}

/** `[status, code]` of an STS error response (`""` when the body has no `<Code>`). */
export function errorOf(result: { status: number; body: string }): [number, string] {
  return [result.status, xmlValue(result.body, "Code") ?? ""];
}

/** The `Arn` the emulator's `GetCallerIdentity` answers for `keys` signing at `date`, or `error <status> <code>`. */
export async function callerArn(
  emulator: RunningEmulator,
  keys: Keys,
  date?: Date,
): Promise<string> {
  const result = await callSts(emulator, { Action: "GetCallerIdentity" }, { keys, date });
  return xmlValue(result.body, "Arn") ?? `error ${errorOf(result).join(" ")}`;
}
