// Runs the passphrase derivation in a Web Worker; the worker ends after one derivation.

import type { KdfRequest } from "./kdf.worker";

export class KdfError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function derive(request: KdfRequest): Promise<{ loginKey: Uint8Array; wrappingKey: Uint8Array }> {
  const worker = new Worker(new URL("./kdf.worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      const data = event.data as
        | { ready: true }
        | { ok: true; loginKey: Uint8Array; wrappingKey: Uint8Array }
        | { ok: false; code: string; message: string };
      if ("ready" in data) {
        worker.postMessage(request);
        return;
      }
      worker.terminate();
      if (data.ok) resolve({ loginKey: data.loginKey, wrappingKey: data.wrappingKey });
      else reject(new KdfError(data.code, data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new KdfError("kdf_failed", event.message));
    };
  });
}
