// English texts of the daily reflection and the reminder settings, typed by the Dutch ones.

import type { reflectionNl, settingsNl } from "./reflection-nl";

export const reflectionEn: typeof reflectionNl = {
  title: "What went well today?",
  intro:
    "Take a moment for what went well. Every question is optional: write as much or as little as you like. It is saved as you type.",
  wentWell: "What went well in parenting today?",
  noticedInMyself: "How did you notice in yourself that what you said or did had a positive effect?",
  noticedInChild: "How did you notice it in your child?",
  optional: "(may stay empty)",
  writtenOn: (date: string) => `Written on ${date}.`,
  notWritten: (date: string) => `Nothing was written on ${date}. That is completely fine.`,
  readOnly: "You can read this again, but no longer change it.",
  historyLink: "See earlier evenings",
  todayLink: "Go to today",
  historyTitle: "Earlier evenings",
  historyIntro: "A dot means you wrote something that evening. Choose a day to read it.",
  week: (n: number) =>
    n === 0
      ? "You have not written anything this week yet. Tonight is always possible."
      : n === 1
        ? "1 evening this week"
        : `${n} evenings this week`,
  monthCount: (n: number) => (n === 1 ? "1 evening this month" : `${n} evenings this month`),
  previousMonth: "Previous month",
  nextMonth: "Next month",
  weekdays: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
  weekdaysLong: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  dayWritten: "written",
  dayToday: "today",
  loadFailed: "Your reflections cannot be loaded right now.",
  closed: "This day is over. What you wrote so far has been saved.",
};

export const settingsEn: typeof settingsNl = {
  title: "Reminders",
  intro: "Houvast can give you a nudge now and then. You choose when. You can also switch everything off.",
  moduleLegend: "Weekly module",
  moduleEnabled: "Remind me every week about the next module",
  moduleWeekday: "On which day?",
  moduleTime: "At what time?",
  moduleHelp: "Only when a module is waiting and you have not got round to it for a while.",
  reflectionLegend: "Daily reflection",
  reflectionEnabled: "Remind me every evening about 'what went well'",
  reflectionTime: "At what time?",
  reflectionHelp: "Not when you have already written something that day.",
  homeAssignmentEnabled: "Give me a nudge in the middle of the week about the home assignment",
  checkInEnabled: "Remind me when a check-in for my prevention worker is ready",
  quietLegend: "Quiet hours",
  quietEnabled: "No reminders during quiet hours",
  quietStart: "From",
  quietEnd: "Until",
  quietHelp: "A reminder that falls in the quiet hours comes after them. Once.",
  quietSame: "Choose a start and an end that differ.",
  discreetLegend: "What the notification says",
  discreet: "Only 'Houvast: A moment for yourself' (recommended)",
  descriptive: "Say what the reminder is about",
  discreetHelp:
    "Others may see notifications on your screen. With the short text, nobody can tell what the app is about.",
  pauseLegend: "Take a break",
  pausedUntil: (time: string) => `Reminders are paused until ${time}.`,
  pause: (hours: number) => (hours === 24 ? "Pause for a day" : `Pause for ${hours} hours`),
  pauseWeek: "Pause for a week",
  endPause: "End the pause",
  startLegend: "Start when I log in",
  startAtLogin: "Start Houvast when I log in on this computer",
  startHelp:
    "Then reminders also come when you have not opened the app yourself. Houvast then sits small near the clock. The window only opens when you click it.",
  trayHelp:
    "If you close the window while reminders are on, Houvast stays small near the clock. From that icon you can open the app again or quit it completely.",
  saved: "Saved",
  save: "Save",
  loadFailed: "The settings cannot be loaded right now.",
  weekdays: {
    monday: "Monday",
    tuesday: "Tuesday",
    wednesday: "Wednesday",
    thursday: "Thursday",
    friday: "Friday",
    saturday: "Saturday",
    sunday: "Sunday",
  },
};
