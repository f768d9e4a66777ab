// Argon2id off the main thread, so the page stays responsive and shows progress while the
// passphrase is stretched (t=3, 64 MiB: a few seconds). libsodium loads with a top-level
// await; a message that arrived before then would be lost, so the worker says when it listens.

import { deriveWorkerKeys } from "../../protocol/houvast.mjs";

export interface KdfRequest {
  passphrase: string;
  salt: Uint8Array;
  opslimit: number;
  memlimitBytes: number;
}

self.onmessage = (event: MessageEvent<KdfRequest>) => {
  const { passphrase, salt, opslimit, memlimitBytes } = event.data;
  try {
    const { loginKey, wrappingKey } = deriveWorkerKeys(passphrase, salt, opslimit, memlimitBytes);
    self.postMessage({ ok: true, loginKey, wrappingKey }, { transfer: [loginKey.buffer, wrappingKey.buffer] });
  } catch (e) {
    const code = (e as { code?: string }).code ?? "kdf_failed";
    self.postMessage({ ok: false, code, message: String((e as Error).message) });
  }
};
self.postMessage({ ready: true });
