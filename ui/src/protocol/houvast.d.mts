// Types for houvast.mjs (protocol v2 in the browser), as the dashboard uses it.

export type Key = Uint8Array;
export interface KeySet {
  parent: Key;
  worker: Key;
  recovery: Key;
}
export interface Place {
  client_id: string;
  checkin_id: string;
  contact_point: 1 | 2 | 3;
}
export type WayOfContact = "phone" | "video" | "home_visit" | "at_the_office" | "chat";
export interface CheckIn {
  format: 1;
  written_at: string;
  ratings: { parenting: number; feeling: number; confidence: number };
  programme_grade?: number | null;
  progress: {
    modules_done: number;
    do_tasks_done: number;
    home_assignments_done: number;
    reflection_evenings: number;
  };
  talk_about: string;
  preferred_contact: { ways: WayOfContact[]; times: string };
  shared: { question: string; answer: string }[];
  worried_about_safety: boolean;
}
export interface Reply {
  format: 1;
  proposed_time?: string | null;
  way_of_contact: WayOfContact;
  message: string;
}
export interface OpenedReply {
  reply_id: string;
  sent_at: string;
  place: Place;
  reply: Reply;
}
export interface Pin {
  parent: Key;
  checked_at: string | null;
  seen: string[];
}
export interface SafetyNumber {
  groups: string[];
  digits: string;
  qrPayload: string;
}

export class ProtocolError extends Error {
  code: string;
  parent?: boolean;
  worker?: boolean;
  recovery?: boolean;
}

export const sodium: {
  memzero(bytes: Uint8Array): void;
  randombytes_buf(n: number): Uint8Array;
  crypto_scalarmult_base(secret: Uint8Array): Uint8Array;
  crypto_box_keypair(): { publicKey: Uint8Array; privateKey: Uint8Array };
};
export const LIMITS: {
  readonly talkAboutChars: number;
  readonly replyMessageChars: number;
  readonly labelChars: number;
};
export const WAYS_OF_CONTACT: readonly WayOfContact[];
export const KDF: { readonly opslimit: number; readonly memlimitBytes: number };

export function fromB64(s: string): Uint8Array;
export function toB64(b: Uint8Array): string;
export function checkKdfParams(p: { algorithm?: string; opslimit: number; memlimit_bytes: number }): void;
export function deriveWorkerKeys(
  passphrase: string,
  salt: Uint8Array,
  opslimit: number,
  memlimitBytes: number,
): { loginKey: Uint8Array; wrappingKey: Uint8Array };
export function wrapWorkerSecret(
  wrappingKey: Uint8Array,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
  recoveryPublicKey: Uint8Array,
): Uint8Array;
export function unwrapWorkerSecret(
  wrappingKey: Uint8Array,
  wrapped: Uint8Array,
  publicKey: Uint8Array,
): { secretKey: Uint8Array; publicKey: Uint8Array; pinnedRecovery: Uint8Array };
export function verifyRecovery(pinnedRecovery: Key, presented: Key): void;
export function checkUsable(publicKey: Key): void;
export function compareKeys(pinned: KeySet, presented: KeySet): void;
export function safetyNumber(keys: KeySet): SafetyNumber;
export function validateCheckIn(c: unknown, contactPoint: number): void;
export function isUrgent(c: CheckIn): boolean;
export function validateReply(r: unknown): void;
export function sealCheckIn(
  parentSecretKey: Key,
  keys: KeySet,
  place: Place,
  checkin: CheckIn,
): { for_worker: Uint8Array; for_recovery: Uint8Array };
export function openCheckIn(mySecretKey: Key, keys: KeySet, place: Place, sealed: Uint8Array): CheckIn;
export function sealReply(
  workerSecretKey: Key,
  keys: KeySet,
  header: { place: Place; reply_id: string; sent_at: string },
  reply: Reply,
): { for_client: Uint8Array; for_worker: Uint8Array };
export function openReply(
  parentSecretKey: Key,
  keys: KeySet,
  place: Place,
  sealed: Uint8Array,
  accepted: Set<string>,
): OpenedReply;
export function openOwnReply(workerSecretKey: Key, keys: KeySet, place: Place, sealed: Uint8Array): OpenedReply;
export function sealLabel(workerSecretKey: Key, label: string): Uint8Array;
export function openLabel(workerSecretKey: Key, sealed: Uint8Array): string;
export function sealPin(workerSecretKey: Key, clientId: string, pin: Pin): Uint8Array;
export function openPin(workerSecretKey: Key, clientId: string, sealed: Uint8Array): Pin;
