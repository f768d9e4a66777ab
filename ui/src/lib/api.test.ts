import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import {
  api,
  BOOT_ELEMENT_ID,
  callEarly,
  commandsInFlight,
  forgetEarlyAnswers,
  isApiError,
  takeBootAnswers,
  toApiError,
} from "./api";

const mocked = vi.mocked(invoke);

describe("toApiError", () => {
  it("keeps an IpcError from Rust as it is", () => {
    expect(toApiError({ code: "keychain_locked", message: "locked" })).toEqual({
      code: "keychain_locked",
      message: "locked",
    });
  });

  it("turns anything else into an internal error that keeps the message", () => {
    expect(toApiError({ code: "brand_new_code", message: "what" })).toEqual({ code: "internal", message: "what" });
    expect(toApiError("command app_status not found")).toEqual({
      code: "internal",
      message: "command app_status not found",
    });
    expect(toApiError(new TypeError("window.__TAURI_INTERNALS__ is undefined"))).toEqual({
      code: "internal",
      message: "window.__TAURI_INTERNALS__ is undefined",
    });
    expect(toApiError({ unexpected: true })).toEqual({ code: "internal", message: '{"unexpected":true}' });
    expect(toApiError(undefined)).toEqual({ code: "internal", message: "undefined" });
  });

  it("recognises its own output", () => {
    expect(isApiError(toApiError(42))).toBe(true);
    expect(isApiError({ code: "nope", message: "" })).toBe(false);
  });
});

describe("api", () => {
  beforeEach(() => mocked.mockReset());

  it("calls the commands with camelCase argument names", async () => {
    mocked.mockResolvedValue({ saved_at: "2026-03-10T10:00:00Z" });
    await api.saveAnswer("good-enough", "do_task", "good-enough.do.care", { kind: "choice", selected: ["walk"] });
    expect(mocked).toHaveBeenLastCalledWith("save_answer", {
      moduleId: "good-enough",
      task: "do_task",
      questionId: "good-enough.do.care",
      value: { kind: "choice", selected: ["walk"] },
    });
    await api.markPageRead("good-enough", 3);
    expect(mocked).toHaveBeenLastCalledWith("mark_page_read", { moduleId: "good-enough", page: 3 });
    await api.completeTask("good-enough", "home_assignment");
    expect(mocked).toHaveBeenLastCalledWith("complete_task", { moduleId: "good-enough", task: "home_assignment" });
    await api.saveProfile({ language: "en", pseudonym: "Sam", children_ages: [3], role: "partner" as const });
    expect(mocked).toHaveBeenLastCalledWith("save_profile", {
      input: { language: "en", pseudonym: "Sam", children_ages: [3], role: "partner" as const },
    });
    await api.appStatus();
    expect(mocked).toHaveBeenLastCalledWith("app_status", {});
    await api.setLanguage("en");
    expect(mocked).toHaveBeenLastCalledWith("set_language", { language: "en" });
  });

  it("calls the check-in commands with the argument names the shell expects", async () => {
    mocked.mockResolvedValue(null);
    const draft = {
      parenting: 6,
      feeling: null,
      confidence: null,
      programme_grade: null,
      talk_about: "",
      ways: [],
      times: "",
      shared: [],
      worried_about_safety: null,
    };
    await api.saveCheckinDraft(2, draft);
    expect(mocked).toHaveBeenLastCalledWith("save_checkin_draft", { number: 2, draft });
    await api.checkin(1);
    expect(mocked).toHaveBeenLastCalledWith("checkin", { number: 1 });
    await api.previewCheckin(3);
    expect(mocked).toHaveBeenLastCalledWith("preview_checkin", { number: 3 });
    const previewed = {
      format: 2,
      written_at: "2026-03-10T12:00:00Z",
      ratings: { parenting: 6, feeling: 4, confidence: 7 },
      programme_grade: null,
      progress: { modules_done: 3, do_tasks_done: 2, home_assignments_done: 1, reflection_evenings: 9 },
      talk_about: "",
      preferred_contact: { ways: [], times: "" },
      shared: [],
      worried_about_safety: false,
    };
    await api.sendCheckin(3, previewed);
    expect(mocked).toHaveBeenLastCalledWith("send_checkin", { number: 3, previewed });
    await api.pairWithWorker("houvast.ggz.example/7KQ2-M9XD-1FHT");
    expect(mocked).toHaveBeenLastCalledWith("pair_with_worker", { invitation: "houvast.ggz.example/7KQ2-M9XD-1FHT" });
    for (const [call, command] of [
      [api.contacts, "contacts"],
      [api.markSafetyNumberChecked, "mark_safety_number_checked"],
      [api.dismissSyncProblem, "dismiss_sync_problem"],
      [api.forgetPairing, "forget_pairing"],
      [api.unpairWorker, "unpair_worker"],
      [api.checkForReplies, "check_for_replies"],
    ] as const) {
      await call();
      expect(mocked).toHaveBeenLastCalledWith(command, {});
    }
  });

  it("knows the pairing and check-in error codes, with their details", async () => {
    mocked.mockRejectedValueOnce({ code: "offline", message: "dns" });
    await expect(api.checkForReplies()).rejects.toEqual({ code: "offline", message: "dns" });
    mocked.mockRejectedValueOnce({
      code: "check_in_incomplete",
      message: "missing",
      details: { kind: "check_in_incomplete", fields: ["ratings.parenting"] },
    });
    await expect(api.previewCheckin(1)).rejects.toEqual({
      code: "check_in_incomplete",
      message: "missing",
      details: { kind: "check_in_incomplete", fields: ["ratings.parenting"] },
    });
  });

  it("keeps the details that say where the problem is", async () => {
    mocked.mockRejectedValueOnce({
      code: "required_missing",
      message: "answer these questions first: a.b",
      details: { kind: "required_missing", question_ids: ["a.b"] },
    });
    await expect(api.completeTask("a", "do_task")).rejects.toEqual({
      code: "required_missing",
      message: "answer these questions first: a.b",
      details: { kind: "required_missing", question_ids: ["a.b"] },
    });
  });

  it("rejects with a typed error", async () => {
    mocked.mockRejectedValueOnce({ code: "module_locked", message: "module talking opens later" });
    await expect(api.openModule("talking")).rejects.toEqual({
      code: "module_locked",
      message: "module talking opens later",
    });
    mocked.mockRejectedValueOnce("boom");
    await expect(api.programmeOverview()).rejects.toEqual({ code: "internal", message: "boom" });
  });
});

describe("callEarly", () => {
  beforeEach(() => mocked.mockReset());

  it("asks once at start-up; the first call takes that answer, later calls ask again", async () => {
    let answer: (value: unknown) => void = () => {};
    mocked.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    callEarly("app_status");
    expect(mocked).toHaveBeenCalledTimes(1);
    expect(commandsInFlight()).toBe(1);

    const first = api.appStatus();
    expect(mocked).toHaveBeenCalledTimes(1);
    answer({ profile: null });
    await expect(first).resolves.toEqual({ profile: null });
    expect(commandsInFlight()).toBe(0);

    mocked.mockResolvedValueOnce({ profile: { pseudonym: "Sam" } });
    await expect(api.appStatus()).resolves.toEqual({ profile: { pseudonym: "Sam" } });
    expect(mocked).toHaveBeenCalledTimes(2);
  });

  it("hands a failure to the first call, as an ApiError", async () => {
    mocked.mockRejectedValueOnce({ code: "keychain_locked", message: "locked" });
    callEarly("app_status");
    await Promise.resolve();
    await expect(api.appStatus()).rejects.toEqual({ code: "keychain_locked", message: "locked" });
  });
});

describe("the answers the shell wrote into the page", () => {
  beforeEach(() => {
    mocked.mockReset();
    forgetEarlyAnswers();
  });

  function page(json: string): Document {
    const doc = document.implementation.createHTMLDocument("houvast");
    const block = doc.createElement("script");
    block.type = "application/json";
    block.id = BOOT_ELEMENT_ID;
    block.textContent = json;
    doc.head.append(block);
    return doc;
  }

  it("answer the first call of each command without IPC, errors included", async () => {
    const doc = page(
      JSON.stringify({
        app_status: { ok: { profile: { pseudonym: "Sam" } } },
        contacts: { err: { code: "app_locked", message: "locked", details: { kind: "app_locked", lock: "pin" } } },
      }),
    );
    takeBootAnswers(doc);
    expect(doc.getElementById(BOOT_ELEMENT_ID)).toBeNull();
    callEarly("app_status");
    await expect(api.appStatus()).resolves.toEqual({ profile: { pseudonym: "Sam" } });
    await expect(api.contacts()).rejects.toMatchObject({ code: "app_locked", details: { lock: "pin" } });
    expect(mocked).not.toHaveBeenCalled();

    mocked.mockResolvedValueOnce({ profile: null });
    await expect(api.appStatus()).resolves.toEqual({ profile: null });
    expect(mocked).toHaveBeenCalledTimes(1);
  });

  it("are dropped once start-up is over, so a later screen asks afresh", async () => {
    takeBootAnswers(page(JSON.stringify({ programme_overview: { ok: { modules: [] } } })));
    forgetEarlyAnswers();
    mocked.mockResolvedValueOnce({ modules: ["fresh"] });
    await expect(api.programmeOverview()).resolves.toEqual({ modules: ["fresh"] });
  });

  it("are ignored when the block is damaged, and then everything goes over IPC", async () => {
    takeBootAnswers(page("{not json"));
    takeBootAnswers(page(JSON.stringify({ app_status: 42 })));
    mocked.mockResolvedValueOnce({ profile: null });
    await expect(api.appStatus()).resolves.toEqual({ profile: null });
    expect(mocked).toHaveBeenCalledTimes(1);
  });
});
