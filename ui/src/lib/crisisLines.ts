// The phone numbers crisis help offers, in the order a parent in trouble needs them. The words
// around each number are in the translations (i18n crisis.*); the numbers live here once.
// Each line names where the fact comes from; check them again when a source changes.

export type CrisisLineId = "emergency" | "suicide" | "gp" | "safety" | "child";

export type CrisisLine = {
  id: CrisisLineId;
  /** Numbers to call, as dialled (`tel:`) and as shown. Empty: no national number. */
  calls: { tel: string; shown: string }[];
};

export const crisisLines: CrisisLine[] = [
  // 112: the national emergency number for police, fire and ambulance (rijksoverheid.nl,
  // "Alarmnummer 112"), free, day and night.
  { id: "emergency", calls: [{ tel: "112", shown: "112" }] },
  // 113 Zelfmoordpreventie: call 113 or 0800-0113, chat at 113.nl, day and night, anonymous.
  // Both numbers are free: 0800-0113 always was; the short number 113 became free in October
  // 2025 (ANP, 3 October 2025, "Nummer 113 nu gratis"; 113.nl now says "Bel gratis 113").
  {
    id: "suicide",
    calls: [
      { tel: "113", shown: "113" },
      { tel: "08000113", shown: "0800-0113" },
    ],
  },
  // A psychiatric crisis that is not about suicide goes through the GP by day and the
  // huisartsenpost in the evening, at night and at weekends; they call in the crisis service
  // (regelhulp.nl "Crisisdienst en crisisopvang"; MIND "De rol van de huisarts in
  // crisissituaties"). Huisartsenposten are regional: there is no national number, the GP's
  // phone line and web site give the local one. A parent in treatment has their care team's
  // crisis number. So no number is shown here; the care plan for the child keeps their own.
  { id: "gp", calls: [] },
  // Veilig Thuis: worries about safety at home, violence, abuse of children; 0800-2000, free,
  // day and night (veiligthuis.nl).
  { id: "safety", calls: [{ tel: "08002000", shown: "0800-2000" }] },
  // De Kindertelefoon: for children and young people (8 to 18) themselves, 0800-0432, free
  // and anonymous, also by chat at kindertelefoon.nl (kindertelefoon.nl).
  { id: "child", calls: [{ tel: "08000432", shown: "0800-0432" }] },
];
