// The protocol as a browser computes it with libsodium: what the worker's dashboard will do.
import _sodium from "libsodium-wrappers-sumo";

await _sodium.ready;
export const sodium = _sodium;

const V = sodium.base64_variants.URLSAFE_NO_PADDING;
export const fromB64 = (s) => sodium.from_base64(s, V);
export const toB64 = (b) => sodium.to_base64(b, V);

export const PAD_BLOCK = 256;
const WRAP_AD = sodium.from_string("houvast/v1/worker-secret-key");

/** Passphrase → { loginKey, wrappingKey }: Argon2id, 64 bytes, split in two halves. */
export function deriveWorkerKeys(passphrase, salt, opslimit, memlimitBytes) {
  const okm = sodium.crypto_pwhash(64, sodium.from_string(passphrase), salt, opslimit, memlimitBytes,
    sodium.crypto_pwhash_ALG_ARGON2ID13);
  return { loginKey: okm.slice(0, 32), wrappingKey: okm.slice(32) };
}

function wrapAd(publicKey) {
  const ad = new Uint8Array(WRAP_AD.length + publicKey.length);
  ad.set(WRAP_AD);
  ad.set(publicKey, WRAP_AD.length);
  return ad;
}

export function wrapSecretKey(wrappingKey, secretKey, publicKey, nonce) {
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secretKey, wrapAd(publicKey), null, nonce, wrappingKey);
  const out = new Uint8Array(24 + ct.length);
  out.set(nonce);
  out.set(ct, 24);
  return out;
}

export function unwrapSecretKey(wrappingKey, wrapped, publicKey) {
  return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.slice(24), wrapAd(publicKey),
    wrapped.slice(0, 24), wrappingKey);
}

export function seal(publicKey, message) {
  return sodium.crypto_box_seal(sodium.pad(message, PAD_BLOCK), publicKey);
}

export function open(publicKey, secretKey, sealed) {
  return sodium.unpad(sodium.crypto_box_seal_open(sealed, publicKey, secretKey), PAD_BLOCK);
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function fingerprint(publicKey) {
  const input = new Uint8Array([...sodium.from_string("houvast-fingerprint-v1"), ...publicKey]);
  const digest = sodium.crypto_hash_sha256(input);
  let bits = 0n;
  for (const byte of digest.slice(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += " ";
    out += CROCKFORD[Number((bits >> BigInt(75 - 5 * i)) & 31n)];
  }
  return out;
}
