import { newUploadRequest } from "./page_dom.ts";

/** What S3 answered to a successful upload. */
export interface UploadResult {
  /** The object's ETag, when the bucket's CORS rules expose it. */
  etag: string | null;
}

/** An upload S3 refused: its status and the `<Code>` of its XML error. */
export class UploadError extends Error {
  override name = "UploadError";
  /** The HTTP status. */
  readonly status: number;
  /** S3's error code, e.g. `AccessDenied`, or `undefined` for a network error. */
  readonly code: string | undefined;

  constructor(status: number, code: string | undefined) {
    super(
      status === 0
        ? "The upload did not reach S3 (network error, or the bucket's CORS rules refuse this page)."
        : `S3 refused the upload: HTTP ${status} ${code ?? ""}`.trim(),
    );
    this.status = status;
    this.code = code;
  }
}

/**
 * PUTs `body` to the presigned `url` with `XMLHttpRequest`, the one browser API that reports
 * upload progress (`upload.onprogress`); `onProgress` gets the bytes sent and the total,
 * the last time both equal, before the promise resolves with S3's answer.
 */
export function uploadWithProgress(
  url: URL,
  body: Blob,
  onProgress: (loaded: number, total: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = newUploadRequest();
    request.open("PUT", url.href);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        resolve({ etag: request.getResponseHeader("etag") });
      } else {
        const code = /<Code>([^<]{1,100})<\/Code>/.exec(request.responseText)?.[1];
        reject(new UploadError(request.status, code));
      }
    };
    request.onerror = () => reject(new UploadError(0, undefined));
    request.send(body);
  });
}
