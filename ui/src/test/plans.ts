// "My plans" fixtures: the step plan and the network map in each state.
import type { PlanPartView, PlanView, Question } from "../lib/bindings";

function text(id: string, label: string): Question {
  return {
    id,
    label,
    help: null,
    required: true,
    required_when: null,
    hidden_when: null,
    input: { type: "text", multiline: true, max_chars: 10000 },
  };
}

function part(role: PlanPartView["role"], question: Question, heading: string, lines: string[]): PlanPartView {
  return {
    role,
    heading,
    question,
    answer: lines.length > 0 ? { kind: "text", text: lines.join("\n") } : null,
    lines,
  };
}

export function stepPlan(state: PlanView["state"] = "made"): PlanView {
  const made = state === "made";
  return {
    id: "step-plan",
    kind: "step_plan",
    title: "Mijn stappenplan voor moeilijke momenten",
    origin: "Dit plan maak je in module 4, Grenzen stellen.",
    module_id: "limits",
    module_number: 4,
    module_title: "Grenzen stellen",
    state,
    editable: state !== "not_reached",
    parts:
      state === "not_reached"
        ? []
        : [
            part("situation", text("limits.do.moment", "Welk moment?"), "Het moeilijke moment", made ? ["Bij het naar bed gaan"] : []),
            part("step", text("limits.do.signs", "Stap 1. Signalen?"), "Ik let op de signalen", made ? ["Ik ga harder praten"] : []),
            part("step", text("limits.do.calm-first", "Stap 2. Rustig?"), "Ik word eerst zelf rustig", made ? ["Drie keer ademen"] : []),
            part("step_more", text("limits.do.calm-own", "Wat nog?"), "Wat mij verder helpt", []),
            part("step", text("limits.do.call", "Stap 3. Bellen?"), "Ik bel of app", made ? ["Mijn zus", "De buurvrouw"] : []),
          ],
  };
}

export function networkMap(lines: Partial<Record<PlanPartView["role"], string[]>> = {}): PlanView {
  const get = (role: PlanPartView["role"]) => lines[role] ?? [];
  return {
    id: "network-map",
    kind: "network_map",
    title: "Mijn netwerkkaart",
    origin: "Deze kaart maak je in module 5.",
    module_id: "network",
    module_number: 5,
    module_title: "Je netwerk gebruiken",
    state: "made",
    editable: true,
    parts: [
      part("close", text("network.do.close", "Dichtbij?"), "Dichtbij", get("close")),
      part("further", text("network.do.further", "Verder?"), "Iets verder weg", get("further")),
      part("professionals", text("network.do.professionals", "Hulp?"), "Hulpverleners", get("professionals")),
      part("child_trusted", text("network.do.child-trusted", "Wie?"), "Vertrouwenspersoon van mijn kind", get("child_trusted")),
      part("child_trusted_knows", text("network.do.child-trusted-knows", "Weet?"), "Weet deze persoon ervan?", get("child_trusted_knows")),
    ],
  };
}

/** The care plan for the child ("When I can't for a while"), made or not. */
export function carePlan(who: string[] = ["Oma Ria, 06-12345678"]): PlanView {
  return {
    id: "care-plan",
    kind: "care_plan",
    title: "Als het even niet gaat: mijn plan voor mijn kind",
    origin: "Dit plan maak je in module 5.",
    module_id: "network",
    module_number: 5,
    module_title: "Je netwerk gebruiken",
    state: who.length > 0 ? "made" : "to_make",
    editable: true,
    parts: [
      part("takes_over", text("network.do.care-who", "Wie?"), "Wie zorgt er dan voor mijn kind", who),
      part("arrangement", text("network.do.care-backup", "En als die niet kan?"), "Als die persoon niet kan", ["Buurvrouw Els"]),
      part("arrangement", text("network.do.care-school", "School?"), "Wie het aan school of opvang vertelt", []),
      part("arrangement", text("network.do.care-using", "Gebruikt?"), "Als ik heb gedronken of gebruikt", [
        "Ik rijd niet met mijn kind",
        "Ik bel mijn zus",
      ]),
    ],
  };
}
