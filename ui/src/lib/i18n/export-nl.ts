// Dutch texts of "take your data with you" (the export, issue 12). Kept apart from nl.ts so the
// screens of other features do not collide; nl.ts includes them.

export const exportDataNl = {
  title: "Je gegevens meenemen",
  intro:
    "Je kunt alles wat je in Houvast schreef bewaren in één bestand: je antwoorden, je plannen, je reflecties en je check-ins met de antwoorden van je preventiewerker. Je kiest zelf waar het bestand komt.",
  legend: "Wat voor bestand wil je?",
  html: "Om te lezen en te printen",
  htmlHelp: "Een pagina die je opent in je browser. Je kunt hem ook printen.",
  json: "Voor een computer",
  jsonHelp: "Voor een ander programma of een andere app. Voor mensen is dit lastig te lezen.",
  notEncrypted:
    "Let op: het bestand is niet versleuteld. Iedereen die het bestand kan openen, kan alles lezen wat erin staat.",
  save: "Bestand bewaren…",
  saving: "Kies een plek in het venster dat nu opent…",
  savedTitle: "Klaar. Je bestand staat hier:",
  savedWarning:
    "Dit bestand is niet versleuteld. Iedereen die deze map kan openen, kan het lezen. Zet het op een plek waar alleen jij bij kunt. Heb je het niet meer nodig? Gooi het dan weg.",
  cancelled: "Je hebt niets bewaard.",
  failed: "Bewaren lukte niet.",
};
