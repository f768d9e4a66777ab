import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { fireEvent, render, screen } from "@testing-library/svelte";
import MyPlans from "./MyPlans.svelte";
import CrisisHelp from "./CrisisHelp.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { navigation } from "../lib/navigation.svelte";
import { nl } from "../lib/i18n/nl";
import { callsOf, mockCommands } from "../test/fixtures";
import { carePlan, networkMap, stepPlan } from "../test/plans";

describe("MyPlans", () => {
  beforeEach(() => {
    i18n.set("nl");
    navigation.go({ screen: "home" });
  });

  it("explains where each plan comes from before its module, never a placeholder", async () => {
    const notYet = { ...networkMap(), state: "not_reached" as const, editable: false, parts: [] };
    mockCommands({ my_plans: () => [stepPlan("not_reached"), notYet] });
    render(MyPlans);
    const card = await screen.findByTestId("plan-card-step-plan");
    expect(card.dataset.state).toBe("not_reached");
    expect(card.textContent).toContain(nl.plans.notReached(4));
    expect(card.textContent).toContain("Dit plan maak je in module 4");
    expect(screen.getByTestId("plan-card-network-map").textContent).toContain("Deze kaart maak je in module 5.");

    await fireEvent.click(screen.getByTestId("open-plan-step-plan"));
    expect(navigation.route).toEqual({ screen: "plans", plan: "step-plan" });
  });

  it("shows the step plan as numbered steps with the parent's answers", async () => {
    mockCommands({ my_plans: () => [stepPlan()] });
    render(MyPlans, { props: { plan: "step-plan" } });
    const plan = await screen.findByTestId("step-plan");
    expect(screen.getByTestId("plan-situation").textContent).toBe("Bij het naar bed gaan");
    const steps = plan.querySelectorAll("ol.steps > li");
    expect(steps).toHaveLength(3);
    expect(steps[0]!.textContent).toContain("Ik ga harder praten");
    expect(steps[2]!.textContent).toContain("Mijn zus");
    expect(steps[2]!.textContent).toContain("De buurvrouw");
  });

  it("changes a plan through save_answer on its module's do-task", async () => {
    const saved = mockCommands({
      my_plans: () => [stepPlan()],
      save_answer: () => ({ saved_at: "2026-03-10T10:00:00Z" }),
    });
    render(MyPlans, { props: { plan: "step-plan" } });
    await fireEvent.click(await screen.findByTestId("plan-edit"));
    const field = screen.getByLabelText(/Stap 3. Bellen/) as HTMLTextAreaElement;
    expect(field.value).toBe("Mijn zus\nDe buurvrouw");
    await fireEvent.input(field, { target: { value: "Mijn broer" } });
    await fireEvent.click(screen.getByTestId("plan-edit-done"));
    await vi.waitFor(() =>
      expect(callsOf("save_answer")).toContainEqual({
        moduleId: "limits",
        task: "do_task",
        questionId: "limits.do.call",
        value: { kind: "text", text: "Mijn broer" },
      }),
    );
    await vi.waitFor(() => expect(saved.mock.calls.filter(([c]) => c === "my_plans").length).toBe(2));
  });

  it("says the plans cannot be loaded, with the error and try again", async () => {
    let fail = true;
    mockCommands({
      my_plans: () => {
        if (fail) throw { code: "unknown_question", message: "gone" };
        return [stepPlan()];
      },
    });
    render(MyPlans);
    const error = await screen.findByTestId("error-screen");
    expect(error.textContent).toContain(nl.plans.title);
    expect(error.textContent).toContain(nl.errors.unknown_question);
    fail = false;
    await fireEvent.click(screen.getByTestId("error-retry"));
    expect(await screen.findByTestId("plan-card-step-plan")).toBeTruthy();
  });

  it("sends a plan still to make to the do-task of its module", async () => {
    mockCommands({ my_plans: () => [stepPlan("to_make")] });
    render(MyPlans, { props: { plan: "step-plan" } });
    await fireEvent.click(await screen.findByText(nl.plans.toDoTask));
    expect(navigation.route).toEqual({ screen: "module", moduleId: "limits", start: { step: "do_task" } });
  });
});

describe("CarePlan", () => {
  it("shows who takes over first, then what is arranged, and prints", async () => {
    i18n.set("nl");
    mockCommands({ my_plans: () => [carePlan()] });
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    render(MyPlans, { props: { plan: "care-plan" } });
    const plan = await screen.findByTestId("care-plan");
    const headings = [...plan.querySelectorAll("h3")].map((h) => h.textContent);
    expect(headings).toEqual([
      "Wie zorgt er dan voor mijn kind",
      "Als die persoon niet kan",
      "Als ik heb gedronken of gebruikt",
    ]);
    expect(screen.getByTestId("care-takes-over").textContent).toContain("Oma Ria, 06-12345678");
    expect(plan.textContent).toContain("Ik bel mijn zus");
    expect(plan.classList.contains("printable")).toBe(true);
    await fireEvent.click(screen.getByTestId("care-plan-print"));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe("CrisisHelp", () => {
  it("offers the care plan for the child first, with who takes over", async () => {
    i18n.set("nl");
    mockCommands({ my_plans: () => [stepPlan(), carePlan()] });
    render(CrisisHelp, { props: { showPlans: true } });
    await fireEvent.click(screen.getByTestId("crisis-button"));
    const dialog = screen.getByTestId("crisis-dialog");
    expect(dialog.querySelector("section")?.dataset.testid).toBe("crisis-care-plan-section");
    expect((await screen.findByTestId("crisis-care-who")).textContent).toContain("Oma Ria, 06-12345678");
    await fireEvent.click(screen.getByTestId("crisis-care-plan"));
    expect(navigation.route).toEqual({ screen: "plans", plan: "care-plan" });
  });

  it("still shows every number when the plans cannot be loaded", async () => {
    i18n.set("nl");
    mockCommands({});
    render(CrisisHelp, { props: { showPlans: true } });
    await fireEvent.click(screen.getByTestId("crisis-button"));
    expect(screen.getByTestId("crisis-dialog").textContent).toContain(nl.crisis.carePlanText);
    expect(screen.getAllByRole("link")).toHaveLength(5);
  });

  it("opens the step plan once there is a profile", async () => {
    i18n.set("nl");
    mockCommands({ my_plans: () => [stepPlan()] });
    render(CrisisHelp, { props: { showPlans: true } });
    await fireEvent.click(screen.getByTestId("crisis-button"));
    await fireEvent.click(screen.getByTestId("crisis-step-plan"));
    expect(navigation.route).toEqual({ screen: "plans", plan: "step-plan" });
  });

  it("offers no plan before onboarding", async () => {
    render(CrisisHelp);
    await fireEvent.click(screen.getByTestId("crisis-button"));
    expect(screen.getAllByRole("link")).toHaveLength(5);
    expect(screen.queryByTestId("crisis-step-plan")).toBeNull();
    expect(screen.queryByTestId("crisis-care-plan")).toBeNull();
  });
});
