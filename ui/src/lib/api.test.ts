import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import { api, isApiError, toApiError } from "./api";

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
