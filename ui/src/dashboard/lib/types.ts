// The worker API's JSON shapes (crates/protocol/src/wire.rs); binary fields are base64url.

export type ContactPointState = "open" | "checkin_received" | "replied" | "done";

export interface ContactPointStatus {
  number: 1 | 2 | 3;
  state: ContactPointState;
  checkin_received_at: string | null;
  replied_at: string | null;
  done_at: string | null;
}

export interface CaseloadEntry {
  client_id: string;
  pseudonym: string;
  sealed_label: string | null;
  paired_at: string;
  unpaired_at: string | null;
  client_public_key: string | null;
  contact_points: ContactPointStatus[];
  sealed_pin: string | null;
}

export interface CheckInForWorker {
  checkin_id: string;
  contact_point: 1 | 2 | 3;
  sealed: string;
  received_at: string;
}

export interface ReplyForWorker {
  reply_id: string;
  contact_point: 1 | 2 | 3;
  sealed_for_worker: string;
  created_at: string;
}

export interface ClientRecord {
  client: CaseloadEntry;
  checkins: CheckInForWorker[];
  replies: ReplyForWorker[];
}

export interface WorkerProfile {
  worker_id: string;
  email: string;
  display_name: string;
  organisation: string;
  public_key: string;
  wrapped_secret_key: string;
  recovery_public_key: string;
  session_expires_at: string | null;
}

export interface KdfParams {
  algorithm: string;
  opslimit: number;
  memlimit_bytes: number;
  salt: string;
}

export interface ActivationInfo {
  email: string;
  display_name: string;
  organisation: string;
  opslimit: number;
  memlimit_bytes: number;
  recovery_public_key: string;
  expires_at: string;
}

export interface PairingCodeCreated {
  code: string;
  expires_at: string;
}

export interface AccessLogEntry {
  at: string;
  actor_kind: string;
  action: string;
  pseudonym: string | null;
  detail: string | null;
}
