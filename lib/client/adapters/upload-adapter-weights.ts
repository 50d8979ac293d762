import type { Adapter } from "@/lib/domain/adapters/adapters-api";
import { ApiError, apiErrorFrom } from "@/lib/sdk/api-error";
import { newIdempotencyKey } from "@/lib/sdk/client";

// The adapter's weights go up as the raw body (application/octet-stream) of one PUT. fetch cannot
// report an upload's progress in browsers (a streamed request body needs HTTP/2 and gives no
// events), so this one call uses XMLHttpRequest, on the same session cookie as the SDK, and reads
// a failure through the SDK's own ApiError.

export function uploadAdapterWeights(slug: string, id: string, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Adapter> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/v1/orgs/${encodeURIComponent(slug)}/adapters/${encodeURIComponent(id)}/weights`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.setRequestHeader("idempotency-key", newIdempotencyKey());
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status, headers: { "content-type": xhr.getResponseHeader("content-type") ?? "application/json" } });
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        void response.json().then(resolve, reject);
      } else void apiErrorFrom(response).then(reject, reject);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "network error"));
    xhr.onabort = () => reject(new DOMException("upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}
