// Dutch texts of "check my reminders" and the home screen's notice when reminders do not
// arrive (issue 14, part 7). Kept apart from nl.ts so other screens do not collide; nl.ts
// includes them.

import type { DeliveryFailure, NoticeKind } from "../bindings";

export const reminderCheckNl = {
  settingsTitle: "Komen je herinneringen niet?",
  settingsText: "Test of de herinneringen van Houvast op je scherm komen. Je ziet ook wat je kunt doen als dat niet zo is.",
  settingsLink: "Herinneringen controleren",
  title: "Komen mijn herinneringen aan?",
  intro:
    "Hier test je of de herinneringen van Houvast op je scherm komen. Houvast stuurt een testbericht, op dezelfde manier als een echte herinnering.",
  back: "Terug naar Instellingen",
  loadFailed: "Dit scherm kon niet worden geladen.",
  testTitle: "Een testbericht",
  send: "Stuur een testbericht",
  sending: "Bezig met sturen…",
  question:
    "Houvast heeft een testbericht gestuurd. Zag je het op je scherm? Meestal komt het rechtsboven of rechtsonder, bij de klok.",
  yes: "Ja, ik zag het",
  no: "Nee, ik zag niets",
  seen: "Fijn. Je herinneringen komen aan.",
  failed: "Het testbericht kon niet worden verstuurd.",
  causes: {
    unreachable:
      "Houvast kon je computer niet vragen om een melding te laten zien. Start je computer opnieuw op en probeer het nog een keer.",
    no_service:
      "Op je computer draait nu geen programma dat meldingen laat zien. Log uit en weer in, of start je computer opnieuw op. Helpt dat niet? Vraag dan iemand die je vertrouwt om te helpen.",
    refused:
      "Je computer wilde de melding niet laten zien. Misschien staan meldingen voor Houvast uit. Kijk in de instellingen van je computer bij 'Meldingen' en zet ze aan voor Houvast.",
  } satisfies Record<DeliveryFailure, string>,
  notSeenTitle: "Zo krijg je je herinneringen wel te zien",
  notSeenSteps: [
    "Staat 'Niet storen' of 'Focus' aan? Zet het uit. Dan komen meldingen weer op je scherm.",
    "Kijk in de instellingen van je computer bij 'Meldingen'. Zet meldingen voor Houvast aan.",
    "Staan alle meldingen uit op je computer? Zet ze aan, of zet alleen Houvast aan.",
    "Houvast moet aan staan om je te herinneren. Sluit de app niet helemaal af, en zet 'Starten bij inloggen' aan (hieronder).",
  ],
  tryAgain: "Probeer het nog een keer",
  statusTitle: "Zo staat het nu",
  lastShown: (when: string, what: string) => `Laatste melding van Houvast: ${when} (${what}).`,
  kinds: {
    reminder: "een herinnering",
    message: "een bericht over je preventiewerker",
    test: "een testbericht",
  } satisfies Record<NoticeKind, string>,
  neverShown: "Houvast heeft op deze computer nog geen melding laten zien.",
  lastReminder: (when: string) => `Laatste herinnering: ${when}.`,
  startOn: "Houvast start vanzelf als je inlogt op deze computer.",
  startOff:
    "Houvast start niet vanzelf als je inlogt. Na het opnieuw opstarten van je computer komen er dan geen herinneringen, tot je Houvast zelf opent.",
  startTurnOn: "Start Houvast als ik inlog",
  startFailed: "Dat lukte niet.",
  trayOn:
    "Sluit je het venster? Dan blijft Houvast aan, met een klein icoon bij de klok. Je herinneringen komen dan gewoon.",
  trayNoReminders:
    "Je hebt geen herinneringen aan staan. Als je het venster sluit, stopt Houvast. Zet herinneringen aan bij Instellingen.",
  trayNone: "Houvast stopt als je het venster sluit. Herinneringen komen alleen als Houvast open is.",
};

export const deliveryBannerNl = {
  notDeliveredTitle: "Je herinneringen komen misschien niet aan",
  notDeliveredText: (since: string) => `Sinds ${since} kon Houvast geen melding op je scherm zetten.`,
  notSeenTitle: "Je zag het testbericht niet",
  notSeenText: (at: string) => `Op ${at} zei je dat het testbericht niet op je scherm kwam.`,
  todo: "Kijk wat je kunt doen. Het duurt maar even.",
  link: "Herinneringen controleren",
};
