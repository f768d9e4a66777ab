// The signed-in worker. The secret key lives in this object's memory only: never in
// localStorage, IndexedDB, a cookie or the URL. Sign-out, expiry or a 401 wipe it; closing
// the tab ends it.

import {
  checkKdfParams,
  fromB64,
  sodium,
  toB64,
  unwrapWorkerSecret,
  verifyRecovery,
  wrapWorkerSecret,
} from "../../protocol/houvast.mjs";
import { api, whenUnauthenticated } from "./api";
import { derive } from "./kdf";
import type { ActivationInfo, KdfParams, WorkerProfile } from "./types";

export interface WorkerKeys {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** The organisation's recovery key as pinned in the wrapped key at activation. */
  recovery: Uint8Array;
}

class Session {
  profile = $state<WorkerProfile | null>(null);
  /** The session ended by itself (expiry, signed out elsewhere): show the sign-in again. */
  expired = $state(false);
  #keys: WorkerKeys | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    whenUnauthenticated(() => this.lost());
  }

  get signedIn(): boolean {
    return this.profile !== null;
  }

  keys(): WorkerKeys {
    if (!this.#keys) throw new Error("not signed in");
    return this.#keys;
  }

  /** Sign-in: Argon2id in a worker, then the server checks the login key and hands back the
   * wrapped secret key, which is unwrapped here. */
  async signIn(email: string, passphrase: string): Promise<void> {
    const params = await api<KdfParams>("POST", "/api/v1/worker/sign-in/params", { email });
    checkKdfParams({ algorithm: params.algorithm, opslimit: params.opslimit, memlimit_bytes: params.memlimit_bytes });
    const { loginKey, wrappingKey } = await derive({
      passphrase,
      salt: fromB64(params.salt),
      opslimit: params.opslimit,
      memlimitBytes: params.memlimit_bytes,
    });
    try {
      const profile = await api<WorkerProfile>("POST", "/api/v1/worker/sign-in", { email, login_key: toB64(loginKey) });
      this.#start(profile, wrappingKey);
    } finally {
      sodium.memzero(loginKey);
      sodium.memzero(wrappingKey);
    }
  }

  /** Activation: a new key pair, wrapped with the passphrase-derived key together with the
   * organisation's recovery key, then signed in with the same login key. */
  async activate(token: string, info: ActivationInfo, passphrase: string): Promise<void> {
    const salt = sodium.randombytes_buf(16);
    const { loginKey, wrappingKey } = await derive({
      passphrase,
      salt,
      opslimit: info.opslimit,
      memlimitBytes: info.memlimit_bytes,
    });
    const pair = sodium.crypto_box_keypair();
    try {
      const wrapped = wrapWorkerSecret(wrappingKey, pair.privateKey, pair.publicKey, fromB64(info.recovery_public_key));
      await api<void>("POST", "/api/v1/worker/activation", {
        token,
        salt: toB64(salt),
        login_key: toB64(loginKey),
        public_key: toB64(pair.publicKey),
        wrapped_secret_key: toB64(wrapped),
      });
      const profile = await api<WorkerProfile>("POST", "/api/v1/worker/sign-in", {
        email: info.email,
        login_key: toB64(loginKey),
      });
      this.#start(profile, wrappingKey);
    } finally {
      sodium.memzero(loginKey);
      sodium.memzero(wrappingKey);
      sodium.memzero(pair.privateKey);
    }
  }

  #start(profile: WorkerProfile, wrappingKey: Uint8Array): void {
    const opened = unwrapWorkerSecret(wrappingKey, fromB64(profile.wrapped_secret_key), fromB64(profile.public_key));
    try {
      // The recovery key every check-in is also sealed to must be the one pinned at activation.
      verifyRecovery(opened.pinnedRecovery, fromB64(profile.recovery_public_key));
    } catch (e) {
      sodium.memzero(opened.secretKey);
      void api<void>("POST", "/api/v1/worker/sign-out").catch(() => {});
      throw e;
    }
    this.#keys = { secretKey: opened.secretKey, publicKey: opened.publicKey, recovery: opened.pinnedRecovery };
    this.profile = profile;
    this.expired = false;
    clearTimeout(this.#timer);
    if (profile.session_expires_at) {
      const ms = new Date(profile.session_expires_at).getTime() - Date.now();
      this.#timer = setTimeout(() => this.lost(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    }
  }

  #forget(): void {
    clearTimeout(this.#timer);
    if (this.#keys) sodium.memzero(this.#keys.secretKey);
    this.#keys = null;
    this.profile = null;
  }

  /** The session ended without the worker asking (expiry, 401). */
  lost(): void {
    if (!this.#keys && !this.profile) return;
    this.#forget();
    this.expired = true;
  }

  async signOut(): Promise<void> {
    try {
      await api<void>("POST", "/api/v1/worker/sign-out");
    } finally {
      this.#forget();
      this.expired = false;
    }
  }

  async signOutEverywhere(): Promise<void> {
    try {
      await api<void>("POST", "/api/v1/worker/sign-out-everywhere");
    } finally {
      this.#forget();
      this.expired = false;
    }
  }
}

export const session = new Session();
