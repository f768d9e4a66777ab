// Dutch texts of the daily reflection and the reminder settings (issue 4). Kept apart from
// nl.ts so the screens of other features do not collide; nl.ts includes them.

export const reflectionNl = {
  title: "Wat ging er vandaag goed?",
  intro:
    "Sta even stil bij wat goed ging. Alle vragen zijn vrij: schrijf zoveel of zo weinig als je wilt. Het wordt vanzelf bewaard.",
  wentWell: "Wat ging er vandaag goed in het opvoeden?",
  noticedInMyself: "Hoe merkte je aan jezelf dat wat je zei of deed een goed effect had?",
  noticedInChild: "Hoe merkte je het aan je kind?",
  optional: "(mag leeg blijven)",
  writtenOn: (date: string) => `Geschreven op ${date}.`,
  notWritten: (date: string) => `Op ${date} is niets opgeschreven. Dat is helemaal goed.`,
  readOnly: "Dit kun je teruglezen, maar niet meer veranderen.",
  historyLink: "Eerdere avonden bekijken",
  todayLink: "Naar vandaag",
  historyTitle: "Eerdere avonden",
  historyIntro: "Een stip betekent dat je die avond iets hebt opgeschreven. Kies een dag om te lezen.",
  week: (n: number) =>
    n === 0
      ? "Deze week heb je nog niets opgeschreven. Vanavond kan altijd."
      : n === 1
        ? "1 avond deze week"
        : `${n} avonden deze week`,
  monthCount: (n: number) => (n === 1 ? "1 avond in deze maand" : `${n} avonden in deze maand`),
  previousMonth: "Vorige maand",
  nextMonth: "Volgende maand",
  weekdays: ["ma", "di", "wo", "do", "vr", "za", "zo"],
  weekdaysLong: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
  dayWritten: "opgeschreven",
  dayToday: "vandaag",
  loadFailed: "Je reflecties kunnen nu niet worden geladen.",
  closed: "Deze dag is voorbij. Wat je schreef tot nu toe is bewaard.",
};

export const settingsNl = {
  title: "Herinneringen",
  intro:
    "Houvast kan je af en toe een seintje geven. Jij kiest wanneer. Je kunt alles ook uitzetten.",
  moduleLegend: "Wekelijkse module",
  moduleEnabled: "Herinner me elke week aan de volgende module",
  moduleWeekday: "Op welke dag?",
  moduleTime: "Hoe laat?",
  moduleHelp: "Alleen als er een module klaarstaat en je er even niet aan toe bent gekomen.",
  reflectionLegend: "Dagelijkse reflectie",
  reflectionEnabled: "Herinner me elke avond aan 'wat ging er goed'",
  reflectionTime: "Hoe laat?",
  reflectionHelp: "Niet als je die dag al iets hebt opgeschreven.",
  homeAssignmentEnabled: "Geef halverwege de week een seintje over de thuisopdracht",
  checkInEnabled: "Herinner me als een check-in voor mijn preventiewerker klaarstaat",
  quietLegend: "Rustige uren",
  quietEnabled: "Geen herinneringen in de rustige uren",
  quietStart: "Vanaf",
  quietEnd: "Tot",
  quietHelp: "Een herinnering die in de rustige uren valt, komt erna. Eén keer.",
  quietSame: "Kies een begin en een eind die verschillen.",
  discreetLegend: "Wat er in de melding staat",
  discreet: "Alleen 'Houvast: Een moment voor jezelf' (aangeraden)",
  descriptive: "Zeg waar de herinnering over gaat",
  discreetHelp:
    "Anderen kunnen meldingen op je scherm zien. Met de korte tekst ziet niemand waar de app over gaat.",
  pauseLegend: "Even pauzeren",
  pausedUntil: (time: string) => `Herinneringen staan op pauze tot ${time}.`,
  pause: (hours: number) => (hours === 24 ? "Pauze van een dag" : `Pauze van ${hours} uur`),
  pauseWeek: "Pauze van een week",
  endPause: "Pauze stoppen",
  startLegend: "Starten bij inloggen",
  startAtLogin: "Start Houvast als ik inlog op deze computer",
  startHelp:
    "Dan komen herinneringen ook als je de app niet zelf hebt geopend. Houvast staat dan klein rechtsboven of rechtsonder bij de klok. Het venster gaat pas open als je erop klikt.",
  trayHelp:
    "Als je het venster sluit terwijl er herinneringen aan staan, blijft Houvast klein bij de klok staan. Via dat icoon kun je de app weer openen of helemaal afsluiten.",
  saved: "Opgeslagen",
  save: "Opslaan",
  loadFailed: "De instellingen kunnen nu niet worden geladen.",
  weekdays: {
    monday: "maandag",
    tuesday: "dinsdag",
    wednesday: "woensdag",
    thursday: "donderdag",
    friday: "vrijdag",
    saturday: "zaterdag",
    sunday: "zondag",
  },
};
