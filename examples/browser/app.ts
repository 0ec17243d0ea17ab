/**
 * The page's script (bundled to `app.js`): gets AWS credentials in the browser, presigns a
 * PUT for the file the user picked, uploads it with a progress bar, then shows a presigned
 * GET link. The page is configured by its query string:
 *
 * - `bucket` (required), `region` (default `us-east-1`), `s3_endpoint` (default AWS's,
 *   e.g. `http://127.0.0.1:9000/s3` for an emulator: path-style `<endpoint>/<bucket>/<key>`);
 * - web identity: `role_arn` and `id_token` (the OIDC token your sign-in gave the page; a
 *   demo value here), `sts_endpoint` (optional);
 * - or a Cognito identity pool: `identity_pool_id`, `cognito_endpoint` (optional); the
 *   identity id is kept in `localStorage`, so the same browser stays the same identity.
 *
 * Outside this repository, import from `jsr:@iamfetch/iamfetch/<layer>` instead of `src/`.
 *
 * @module
 */
import { fromCognitoIdentityPool, localStorageIdentityIdStore } from "../../src/credentials/mod.ts";
import { type CredentialProvider, SigV4Signer } from "../../src/sigv4/mod.ts";
import { fromWebIdentity } from "../../src/sts/mod.ts";
import { byId, pageParams } from "./page_dom.ts";
import { uploadWithProgress } from "./upload_with_progress.ts";

const params = pageParams();
const status = byId("status");

/** The credentials the query string asks for, and a word on where they come from. */
function pageCredentials(): { credentials: CredentialProvider; source: string } {
  const identityPoolId = params.get("identity_pool_id");
  if (identityPoolId !== null) {
    const credentials = fromCognitoIdentityPool({
      identityPoolId,
      endpoint: params.get("cognito_endpoint") ?? undefined,
      identityIdStore: localStorageIdentityIdStore(),
    });
    return { credentials, source: `the Cognito identity pool ${identityPoolId}` };
  }
  const roleArn = params.get("role_arn");
  const idToken = params.get("id_token");
  if (roleArn === null || idToken === null) {
    throw new Error("Add ?role_arn=…&id_token=… or ?identity_pool_id=… to the page's URL.");
  }
  const credentials = fromWebIdentity({
    roleArn,
    webIdentityToken: idToken,
    roleSessionName: "browser-upload",
    region: params.get("region") ?? undefined,
    endpoint: params.get("sts_endpoint") ?? undefined,
  });
  return { credentials, source: `the role ${roleArn} (web identity)` };
}

function objectUrl(key: string): string {
  const bucket = params.get("bucket");
  if (bucket === null) throw new Error("Add ?bucket=… to the page's URL.");
  const region = params.get("region") ?? "us-east-1";
  const endpoint = params.get("s3_endpoint") ?? `https://s3.${region}.amazonaws.com`;
  const path = key.split("/").map(encodeURIComponent).join("/");
  return `${endpoint.replace(/\/+$/, "")}/${bucket}/${path}`;
}

function showProgress(loaded: number, total: number): void {
  const percent = total === 0 ? 100 : Math.floor((loaded / total) * 100);
  byId("progress").value = percent;
  byId("percent").textContent = `${percent} %`;
}

async function upload(signer: SigV4Signer, file: File): Promise<void> {
  const url = objectUrl(`uploads/${file.name}`);
  status.textContent = `Presigning a PUT for ${file.name}…`;
  // A presigned URL carries the signature in its query: the browser sends the file as is,
  // and XMLHttpRequest reports the upload's progress (fetch cannot).
  const putUrl = await signer.presign(new Request(url, { method: "PUT" }), { expiresIn: 600 });
  showProgress(0, file.size);
  const { etag } = await uploadWithProgress(putUrl, file, showProgress);
  const getUrl = await signer.presign(new Request(url), { expiresIn: 3600 });
  const link = byId("download");
  link.href = getUrl.href;
  link.textContent = `Download ${file.name} (link valid for up to an hour)`;
  link.hidden = false;
  status.textContent = `Uploaded ${file.size} bytes to ${url}\nETag ${etag ?? "(not exposed)"}`;
}

/** The message of `error` and its causes (credential providers wrap STS's and Cognito's errors). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} ← ${describe(error.cause)}`;
}

function main(): void {
  const form = byId("upload-form");
  const button = byId("upload");
  const { credentials, source } = pageCredentials();
  byId("source").textContent = source;
  const signer = new SigV4Signer({
    credentials,
    region: params.get("region") ?? "us-east-1",
    service: "s3",
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = byId("file").files?.[0];
    if (file === undefined) return;
    button.disabled = true;
    status.classList.remove("error");
    upload(signer, file).catch((error) => {
      status.classList.add("error");
      status.textContent = `Upload failed: ${describe(error)}`;
    }).finally(() => button.disabled = false);
  });
  button.disabled = false;
  status.textContent = "Pick a file and upload it.";
}

try {
  main();
} catch (error) {
  status.classList.add("error");
  status.textContent = (error as Error).message;
}
