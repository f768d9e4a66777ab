// Small rules the contact and check-in screens share: which shared item is which, what the
// field names in a refusal point at, and which reply the home screen mentions.

import type { ApiErrorCode } from "./api";
import type { CheckInDraft, ContactsView, ReplyView, ShareRef, WayOfContact } from "./bindings";

/** The ways of contact in the order the form lists them. */
export const WAYS: readonly WayOfContact[] = ["phone", "video", "home_visit", "at_the_office", "chat"];

/**
 * The modules (and so the do-tasks and home assignments) a check-in counts against: the
 * protocol fixes five (houvast-protocol refuses progress above it).
 */
export const PROGRAMME_MODULES = 5;

/** The most a check-in holds (the Rust side checks the same and answers check_in_invalid). */
export const MAX_TALK_ABOUT = 1000;
export const MAX_TIMES = 200;
export const MAX_SHARED = 10;

/** One key per shared item, so a reference from the draft finds its item in `shareable`. */
export function shareKey(ref: ShareRef): string {
  return ref.kind === "answer"
    ? `answer:${ref.module_id}:${ref.task}:${ref.question_id}`
    : `reflection:${ref.date}`;
}

/** The form element a field name from check_in_incomplete or check_in_invalid points at. */
export function fieldDomId(field: string): string {
  switch (field) {
    case "ratings.parenting":
      return "checkin-parenting";
    case "ratings.feeling":
      return "checkin-feeling";
    case "ratings.confidence":
      return "checkin-confidence";
    case "programme_grade":
      return "checkin-grade";
    case "worried_about_safety":
      return "checkin-safety";
    case "talk_about":
      return "checkin-talk-about";
    case "preferred_contact.ways":
    case "ways":
      return "checkin-ways";
    case "preferred_contact.times":
    case "times":
      return "checkin-times";
    case "shared":
    case "shared.question":
    case "shared.answer":
      return "checkin-share";
    default:
      return "checkin-form";
  }
}

/** What is still empty in a draft, named as check_in_incomplete names it. */
export function emptyFields(draft: CheckInDraft, gradeAsked: boolean): string[] {
  const fields: string[] = [];
  if (draft.parenting === null) fields.push("ratings.parenting");
  if (draft.feeling === null) fields.push("ratings.feeling");
  if (draft.confidence === null) fields.push("ratings.confidence");
  if (gradeAsked && draft.programme_grade === null) fields.push("programme_grade");
  if (draft.worried_about_safety === null) fields.push("worried_about_safety");
  return fields;
}

/**
 * An unpair that failed with one of these could not reach the server: only then does the
 * screen offer to forget the pairing on this device alone.
 */
export const SERVER_UNREACHABLE: readonly ApiErrorCode[] = [
  "offline",
  "server_failed",
  "certificate_invalid",
  "not_houvast_server",
];

/** The pairing invitation itself is wrong: the field is marked, not just the message shown. */
export const INVITATION_PROBLEMS: readonly ApiErrorCode[] = [
  "invitation_invalid",
  "plain_http",
  "not_houvast_server",
  "code_unknown",
  "code_expired",
  "code_used",
];

/** The newest reply of a contact point the worker answered, when it proposes a time. */
export function latestProposal(view: ContactsView): ReplyView | null {
  let latest: ReplyView | null = null;
  for (const point of view.points) {
    if (point.state.state !== "replied") continue;
    for (const reply of point.replies) {
      if (!latest || Date.parse(reply.sent_at) >= Date.parse(latest.sent_at)) latest = reply;
    }
  }
  return latest?.reply.proposed_time ? latest : null;
}
