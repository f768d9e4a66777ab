// English texts of "check my reminders" and the home screen's notice when reminders do not
// arrive (issue 14, part 7). Kept apart from en.ts so other screens do not collide; en.ts
// includes them.

import type { DeliveryFailure, NoticeKind } from "../bindings";
import type { deliveryBannerNl, reminderCheckNl } from "./reminders-check-nl";

export const reminderCheckEn: typeof reminderCheckNl = {
  settingsTitle: "Are your reminders not coming?",
  settingsText: "Test whether Houvast's reminders reach your screen. You also see what you can do if they do not.",
  settingsLink: "Check my reminders",
  title: "Do my reminders arrive?",
  intro:
    "Here you test whether Houvast's reminders reach your screen. Houvast sends a test message, in the same way as a real reminder.",
  back: "Back to Settings",
  loadFailed: "This screen could not be loaded.",
  testTitle: "A test message",
  send: "Send a test message",
  sending: "Sending…",
  question:
    "Houvast has sent a test message. Did you see it on your screen? It usually shows at the top or bottom right, near the clock.",
  yes: "Yes, I saw it",
  no: "No, I saw nothing",
  seen: "Good. Your reminders arrive.",
  failed: "The test message could not be sent.",
  causes: {
    unreachable:
      "Houvast could not ask your computer to show a notification. Restart your computer and try again.",
    no_service:
      "Your computer has no program running right now that shows notifications. Log out and in again, or restart your computer. Does that not help? Then ask someone you trust to help.",
    refused:
      "Your computer did not want to show the notification. Maybe notifications for Houvast are switched off. Look in your computer's settings under 'Notifications' and switch them on for Houvast.",
  } satisfies Record<DeliveryFailure, string>,
  notSeenTitle: "How to see your reminders",
  notSeenSteps: [
    "Is 'Do not disturb' or 'Focus' on? Switch it off. Then notifications show on your screen again.",
    "Look in your computer's settings under 'Notifications'. Switch notifications for Houvast on.",
    "Are all notifications switched off on your computer? Switch them on, or switch on only Houvast.",
    "Houvast must be running to remind you. Do not quit the app completely, and switch on 'Start when I log in' (below).",
  ],
  tryAgain: "Try again",
  statusTitle: "How things are now",
  lastShown: (when: string, what: string) => `Last notification from Houvast: ${when} (${what}).`,
  kinds: {
    reminder: "a reminder",
    message: "a message about your prevention worker",
    test: "a test message",
  } satisfies Record<NoticeKind, string>,
  neverShown: "Houvast has not shown a notification on this computer yet.",
  lastReminder: (when: string) => `Last reminder: ${when}.`,
  startOn: "Houvast starts by itself when you log in on this computer.",
  startOff:
    "Houvast does not start by itself when you log in. After your computer restarts, no reminders come until you open Houvast yourself.",
  startTurnOn: "Start Houvast when I log in",
  startFailed: "That did not work.",
  trayOn:
    "Do you close the window? Then Houvast keeps running, with a small icon near the clock. Your reminders still come.",
  trayNoReminders:
    "You have no reminders switched on. When you close the window, Houvast stops. Switch reminders on in Settings.",
  trayNone: "Houvast stops when you close the window. Reminders only come while Houvast is open.",
};

export const deliveryBannerEn: typeof deliveryBannerNl = {
  notDeliveredTitle: "Your reminders may not arrive",
  notDeliveredText: (since: string) => `Since ${since} Houvast could not put a notification on your screen.`,
  notSeenTitle: "You did not see the test message",
  notSeenText: (at: string) => `On ${at} you said the test message did not show on your screen.`,
  todo: "See what you can do. It only takes a moment.",
  link: "Check my reminders",
};
