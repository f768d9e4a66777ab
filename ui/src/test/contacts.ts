// Fixtures of pairing, the contact points and a check-in (issue 10).
import type {
  CheckIn,
  CheckInScreen,
  ContactPointView,
  ContactState,
  ContactsView,
  PairingView,
  ReplyView,
} from "../lib/bindings";

export const safetyNumber = [
  "12345", "67890", "13579", "24680", "11223", "34455",
  "66778", "89900", "10293", "84756", "56473", "82910",
];

export function pairing(overrides: Partial<PairingView> = {}): PairingView {
  return {
    worker_name: "Anouk de Vries",
    organisation: "GGZ Voorbeeld",
    server: "https://houvast.ggz.example",
    paired_at: "2026-03-02T09:00:00Z",
    safety_number: safetyNumber,
    safety_number_checked: false,
    synced_at: "2026-03-10T12:00:00Z",
    problem: null,
    ...overrides,
  };
}

export function point(number: number, state: ContactState, replies: ReplyView[] = []): ContactPointView {
  const after = [0, 3, 5][number - 1] ?? 5;
  return { number, title: `Contactmoment ${number}`, after_module: after, state, replies };
}

export function reply(message: string, proposed: string | null = "2026-03-12T12:30:00+01:00"): ReplyView {
  return {
    sent_at: "2026-03-11T09:15:00Z",
    reply: { format: 2, proposed_time: proposed, way_of_contact: "video", message },
  };
}

export function contactsView(overrides: Partial<ContactsView> = {}): ContactsView {
  return {
    pairing: pairing(),
    points: [point(1, { state: "due", since: "2026-03-02" }), point(2, { state: "not_yet" }), point(3, { state: "not_yet" })],
    due: 1,
    ...overrides,
  };
}

export const unpaired: ContactsView = { pairing: null, points: [], due: null };

export const sentCheckIn: CheckIn = {
  format: 2,
  written_at: "2026-03-10T12:00:00Z",
  ratings: { parenting: 6, feeling: 4, confidence: 7 },
  programme_grade: null,
  progress: { modules_done: 3, do_tasks_done: 2, home_assignments_done: 1, reflection_evenings: 9 },
  talk_about: "Het slapengaan\nis lastig",
  preferred_contact: { ways: ["phone", "home_visit"], times: "Dinsdagochtend" },
  shared: [{ question: "Wat ging er goed?", answer: "Samen gelachen" }],
  worried_about_safety: true,
};

export function checkInScreen(overrides: Partial<CheckInScreen> = {}): CheckInScreen {
  return {
    number: 2,
    title: "Halverwege",
    grade_asked: false,
    draft: {
      parenting: null,
      feeling: null,
      confidence: null,
      programme_grade: null,
      talk_about: "",
      ways: [],
      times: "",
      shared: [],
      worried_about_safety: null,
    },
    progress: { modules_done: 3, do_tasks_done: 2, home_assignments_done: 1, reflection_evenings: 9 },
    shareable: [
      {
        reference: { kind: "answer", module_id: "good-enough", task: "do_task", question_id: "good-enough.do.moments" },
        context: "Module 1 · Doe-opdracht",
        question: "Wanneer ging het goed?",
        answer: "Bij het ontbijt",
      },
      {
        reference: { kind: "reflection", date: "2026-03-08" },
        context: "Reflectie van zondag 8 maart",
        question: "Wat ging er goed?",
        answer: "Samen gelachen",
      },
    ],
    sent: null,
    state: { state: "due", since: "2026-03-09" },
    replies: [],
    ...overrides,
  };
}
