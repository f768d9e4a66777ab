// What the dashboard shows: the page, the opened caseload, and reply drafts. Drafts outlive a
// session that expires mid-reply, so a worker who signs in again finds their text back; they
// are plain text in memory, never stored.

import type { Reply } from "../../protocol/houvast.mjs";
import type { ClientView } from "./caseload";

export type Page = { name: "caseload" } | { name: "client"; clientId: string } | { name: "invite" } | { name: "log" };

export interface ReplyDraft {
  contactPoint: 1 | 2 | 3;
  time: string;
  way: Reply["way_of_contact"];
  message: string;
}

class DashboardState {
  page = $state<Page>({ name: "caseload" });
  views = $state.raw<ClientView[] | null>(null);
  drafts = $state<Record<string, ReplyDraft>>({});

  go(page: Page): void {
    this.page = page;
  }

  view(clientId: string): ClientView | undefined {
    return this.views?.find((v) => v.entry.client_id === clientId);
  }

  replace(view: ClientView): void {
    this.views = (this.views ?? []).map((v) => (v.entry.client_id === view.entry.client_id ? view : v));
  }

  /** On sign-out everything opened goes; drafts only go when the worker signs out themself. */
  clear(keepDrafts: boolean): void {
    this.views = null;
    if (!keepDrafts) this.drafts = {};
  }
}

export const dashboard = new DashboardState();
