// Dutch is the primary language and the source of the keys: en.ts must have every key here.
// Plain language (B1): short sentences, "je", no blame.

import type { ApiErrorCode } from "../api";
import type { ModuleStatus } from "../bindings";
import type { CrisisLineId } from "../crisisLines";
import { reflectionNl, settingsNl } from "./reflection-nl";

export type StartupErrorCode =
  | "keychain_locked"
  | "keychain_unavailable"
  | "key_missing"
  | "wrong_key"
  | "database_corrupt"
  | "wrong_key_or_corrupt"
  | "database_too_new"
  | "storage_failed"
  | "content_invalid"
  | "not_onboarded"
  | "internal";

type Explanation = { title: string; text: string; action: string };

export const nl = {
  app: {
    name: "Houvast",
    skipToContent: "Naar de inhoud",
    loading: "Even geduld…",
  },
  nav: {
    label: "Menu",
    home: "Start",
    programme: "Programma",
    reflection: "Reflectie",
    settings: "Herinneringen",
    plans: "Mijn plannen",
  },
  crisis: {
    button: "Hulp bij crisis",
    title: "Hulp bij crisis",
    nobodyWatches:
      "Let op: niemand houdt in deze app in de gaten hoe het met je gaat. Als het misgaat, merkt niemand dat hier. Heb je nu hulp nodig? Bel dan zelf een van de nummers hieronder. Je hoeft het niet alleen te doen.",
    call: (number: string) => `Bel ${number}`,
    lines: {
      emergency: { title: "Alarmnummer 112", text: "Is er nu acuut gevaar? Bel meteen 112." },
      suicide: {
        title: "113 Zelfmoordpreventie",
        text: "Denk je aan zelfdoding? Of maak je je zorgen om iemand? Praat erover. Dag en nacht, gratis en anoniem.",
        note: "Liever chatten? Dat kan op de website 113.nl.",
      },
      gp: {
        title: "Psychische crisis",
        text: "Gaat het psychisch heel slecht, maar gaat het niet om zelfdoding? Bel overdag je huisarts. 's Avonds, 's nachts en in het weekend bel je de huisartsenpost. Zij schakelen zo nodig de crisisdienst in.",
        note: "Ben je in behandeling? Bel dan het crisisnummer van je eigen behandelaar. Het nummer van de huisartsenpost hoor je als je je huisarts belt. Zet het in je plan voor je kind.",
      },
      safety: {
        title: "Veilig Thuis",
        text: "Maak je je zorgen over de veiligheid thuis of over kinderen? Bel gratis, dag en nacht.",
      },
      child: {
        title: "Voor je kind: de Kindertelefoon",
        text: "Wil je kind zelf met iemand praten? Kinderen van 8 tot 18 kunnen gratis en anoniem de Kindertelefoon bellen.",
        note: "Chatten kan ook, op de website kindertelefoon.nl.",
      },
    } satisfies Record<CrisisLineId, { title: string; text: string; note?: string }>,
    close: "Sluiten",
    carePlanTitle: "Je plan voor je kind",
    carePlanText: "Wie zorgt er voor je kind als het met jou even niet gaat? Kijk wat je hebt afgesproken.",
    carePlanWho: "Voor je kind zorgt:",
    carePlanButton: "Open mijn plan voor mijn kind",
    stepPlanTitle: "Je eigen stappenplan",
    stepPlanText: "Wordt het thuis te veel? Kijk wat je met jezelf hebt afgesproken.",
    stepPlanButton: "Open mijn stappenplan",
  },
  onboarding: {
    title: "Welkom bij Houvast",
    intro:
      "Houvast helpt je als ouder, ook als je het zelf zwaar hebt. Je werkt in je eigen tempo, in vijf korte stappen.",
    languageLegend: "Kies je taal",
    privacyTitle: "Jouw gegevens blijven bij jou",
    privacyDevice: "Alles wat je schrijft, blijft op dit apparaat. Het is versleuteld: anderen kunnen het niet lezen.",
    privacyCheckins:
      "Alleen de korte check-ins die jij zelf kiest om te sturen, gaan ooit naar je preventiewerker. Dat kan pas later, als je de app hebt gekoppeld.",
    privacyNobody:
      "Let op: niemand houdt in de app in de gaten hoe het met je gaat. Heb je hulp nodig? Bovenaan elk scherm staat 'Hulp bij crisis', met de nummers die je kunt bellen.",
    pseudonymLabel: "Hoe wil je heten in de app?",
    pseudonymHelp: "Een naam voor in de app. Het hoeft niet je echte naam te zijn.",
    childrenLegend: "Hoe oud zijn je kinderen?",
    childrenHelp:
      "Vul voor elk kind de leeftijd in jaren in. Een baby is 0. Zo past de app de tekst aan bij de leeftijd.",
    childAgeLabel: (n: number) => `Leeftijd van kind ${n}`,
    years: "jaar",
    addChild: "Nog een kind toevoegen",
    removeChild: (n: number) => `Kind ${n} weghalen`,
    submit: "Beginnen",
    submitting: "Even bewaren…",
    errorSummary: "Kijk nog even naar deze punten:",
    pseudonymEmpty: "Vul een naam in. Een bijnaam mag ook.",
    pseudonymTooLong: (max: number) => `De naam is te lang. Gebruik hoogstens ${max} tekens.`,
    pseudonymInvalid: "Deze naam bevat tekens die niet kunnen. Kies alleen letters, cijfers of leestekens.",
    ageEmpty: (n: number) => `Vul de leeftijd van kind ${n} in.`,
    ageOutOfRange: (n: number) => `De leeftijd van kind ${n} moet een heel getal zijn van 0 tot 18.`,
    noChildren: "Vul de leeftijd van minstens één kind in.",
    tooManyChildren: (max: number) => `Je kunt hoogstens ${max} kinderen toevoegen.`,
  },
  home: {
    greeting: (name: string) => `Hallo ${name}`,
    welcome: "Fijn dat je er bent. Neem de tijd. Kleine stappen zijn ook stappen.",
    nextTitle: "Je volgende stap",
    startModule: (n: number, title: string) => `Begin met module ${n}: ${title}`,
    continueModule: (n: number, title: string) => `Ga verder met module ${n}: ${title}`,
    writeHomeAssignment: (n: number) => `Schrijf je thuisopdracht van module ${n}`,
    homeAssignmentDue: (date: string) => `Het liefst vóór ${date}. Later mag ook.`,
    finishedTitle: "Je hebt alle vijf de modules gedaan.",
    finishedText: "Goed gedaan. Je kunt alles altijd terug lezen.",
    finishedButton: "Bekijk het programma",
    lookBackText: "Het is zes weken later. Als je wilt, kun je nog een keer terugkijken.",
    lookBack: (title: string) => `Als je wilt: ${title}`,
    overviewLink: "Bekijk het hele programma",
    loadFailed: "Het programma laden lukt nu niet.",
  },
  role: {
    title: "Voor wie",
    legend: "Wie ben jij?",
    help: "Het programma is voor allebei de ouders. Je leest dan de teksten die bij jou passen. Je kunt dit later veranderen.",
    parent: "Ik ben de ouder met psychische problemen of een verslaving",
    partner: "Ik ben de partner van die ouder",
    saving: "Wordt bewaard…",
    failed: "Bewaren lukt nu niet. Probeer het nog eens.",
  },
  language: {
    title: "Taal",
    legend: "Taal van de app",
    nl: "Nederlands",
    en: "English",
    saving: "Taal wordt bewaard…",
    failed: "De taal bewaren lukt nu niet. Probeer het nog eens.",
  },
  programme: {
    title: "Het programma",
    intro:
      "Vijf modules, het liefst één per week. Bij elke module staat hoe lang die duurt: lezen en de doe-opdracht in één keer. Na elke module volgt een thuisopdracht voor de week erna.",
    moduleNumber: (n: number) => `Module ${n}`,
    minutes: (m: number) => `ongeveer ${m} minuten`,
    homeMinutes: (m: number) => `daarna ongeveer ${m} minuten voor de thuisopdracht, in de week erna`,
    status: {
      locked: "Nog dicht",
      open: "Klaar om te beginnen",
      in_progress: "Bezig",
      done: "Klaar",
    } satisfies Record<ModuleStatus, string>,
    statusLabel: "Stand",
    lockedHint: "Deze module gaat open als de vorige module klaar is.",
    pagesRead: (read: number, total: number) => `${read} van ${total} pagina's gelezen`,
    homeNotYet: "Thuisopdracht: komt na de doe-opdracht",
    homeOpen: (date: string) => `Thuisopdracht: het liefst vóór ${date}`,
    homeDone: (date: string) => `Thuisopdracht: klaar op ${date}`,
    open: {
      locked: "Bekijken",
      open: "Beginnen",
      in_progress: "Verder",
      done: "Terug lezen",
    } satisfies Record<ModuleStatus, string>,
    openLabel: (n: number, title: string) => `Module ${n}: ${title}`,
    optionalTitle: (title: string) => `Extra: ${title} — als je wilt`,
    optionalLabel: (title: string) => `Extra: ${title}`,
    optionalLockedHint: "Gaat open zes weken na module 5. Je hoeft niets te doen.",
  },
  reader: {
    moduleKicker: (n: number, title: string) => `Module ${n} · ${title}`,
    optionalKicker: (title: string) => `Extra · ${title}`,
    optionalLockedText: "Deze terugblik gaat open zes weken na de laatste module.",
    lookBackDone: "Dank je wel voor je terugblik. Je plannen staan altijd onder Mijn plannen.",
    pageOf: (n: number, total: number) => `Pagina ${n} van ${total}`,
    progressLabel: "Hoe ver je bent in deze module",
    previous: "Vorige",
    next: "Volgende",
    toDoTask: "Naar de doe-opdracht",
    backToPages: "Terug naar de tekst",
    toHomeAssignment: "Naar de thuisopdracht",
    backToDoTask: "Terug naar de doe-opdracht",
    doTask: "Doe-opdracht",
    homeAssignment: "Thuisopdracht",
    taskMinutes: (m: number) => `ongeveer ${m} minuten`,
    lockedTitle: "Deze module is nog dicht",
    lockedText: "Maak eerst de module ervoor af. Daarna gaat deze module open.",
    unknownTitle: "Deze module bestaat niet",
    loadFailedTitle: "De module openen lukt nu niet",
    backToProgramme: "Terug naar het programma",
    doTaskDone: "Je doe-opdracht is klaar. Goed gedaan.",
    homeIntro: (date: string) =>
      `Oefen dit de komende week thuis. Schrijf daarna hier op hoe het ging. Het liefst vóór ${date}. Later mag ook.`,
    homeNotOpen: "De thuisopdracht gaat open als de doe-opdracht klaar is.",
    homeDone: "Je thuisopdracht is klaar. Goed gedaan.",
    editStillPossible: "Je kunt je antwoorden altijd nog aanpassen.",
    moduleDone: "Deze module is klaar.",
    noPages: "Deze module heeft voor jouw situatie geen tekst. Je kunt meteen naar de doe-opdracht.",
  },
  task: {
    optional: "(mag je overslaan)",
    missing: "Vul dit nog in.",
    missingSummary: "Een paar vragen zijn nog leeg. Vul die eerst in, dan ben je klaar.",
    charsLeft: (n: number) => `Nog ${n} tekens over`,
    scaleHint: (min: number, max: number) => `Kies een getal van ${min} tot ${max}.`,
    done: "Ik ben klaar",
    completing: "Even bewaren…",
    doneOn: (date: string) => `Klaar op ${date}.`,
    saveState: {
      idle: "Wat je invult, wordt vanzelf bewaard.",
      saving: "Bezig met bewaren…",
      saved: "Opgeslagen",
      error: "Opslaan lukt nu niet. Wat je schreef, staat er nog. We proberen het zo opnieuw.",
    },
    retryNow: "Nu opnieuw proberen",
    completeFailed: "Klaar melden lukt nu niet.",
  },
  plans: {
    title: "Mijn plannen",
    intro: "Hier staan de plannen die je in het programma maakt. Je kunt ze altijd bekijken en aanpassen.",
    open: "Bekijken",
    backToPlans: "Terug naar mijn plannen",
    notReached: (n: number) => `Komt in module ${n}`,
    toMake: "Nog niet gemaakt",
    made: "Gemaakt",
    toDoTask: "Naar de doe-opdracht",
    edit: "Aanpassen",
    editDone: "Klaar met aanpassen",
    editIntro: "Wat je verandert, wordt vanzelf bewaard. Het verandert ook in de doe-opdracht.",
    empty: "Nog niet ingevuld",
    situation: "Als het moeilijk wordt:",
    unknownPlan: "Dit plan bestaat niet.",
    me: "Ik",
    mapLabel: (title: string) => `${title}: een plaatje met jou in het midden en de mensen om je heen.`,
    inWords: "De kaart in woorden",
    nobody: "Nog niemand",
    trusted: "vertrouwenspersoon",
    careNobodyYet: "Nog niemand afgesproken. Je kunt dit bespreken met je preventiewerker.",
    print: "Printen",
  },
  errorScreen: {
    title: "Houvast kan je gegevens nu niet openen",
    retry: "Opnieuw proberen",
    retrying: "Bezig…",
    stillFailing: "Het lukt nog niet. Je kunt het zo nog eens proberen.",
    details: "Technische melding",
    noReset: "Houvast wist je gegevens nooit uit zichzelf.",
    codes: {
      keychain_locked: {
        title: "Je sleutelbos is op slot",
        text: "Houvast bewaart de sleutel van je gegevens in de sleutelbos van je computer. Die is nu op slot.",
        action: "Ontgrendel je sleutelbos, of log opnieuw in op je computer. Kies daarna Opnieuw proberen.",
      },
      keychain_unavailable: {
        title: "De sleutelbos is niet bereikbaar",
        text: "Houvast kan de sleutelbos van je computer nu niet bereiken. Je gegevens zijn niet veranderd.",
        action: "Start je computer opnieuw op, of log opnieuw in. Kies daarna Opnieuw proberen.",
      },
      key_missing: {
        title: "De sleutel van je gegevens ontbreekt",
        text: "De sleutel die je gegevens opent, staat niet meer in de sleutelbos. Je gegevens zijn niet aangeraakt en niet gewist.",
        action: "Heb je een andere gebruiker of een andere sleutelbos gebruikt? Log dan in zoals eerst. Kies daarna Opnieuw proberen.",
      },
      wrong_key: {
        title: "De sleutel past niet op je gegevens",
        text: "De sleutel in de sleutelbos hoort bij andere gegevens. Je gegevens zijn niet aangeraakt en niet gewist.",
        action: "Gebruik je een andere gebruiker op deze computer? Log dan in zoals eerst. Kies daarna Opnieuw proberen.",
      },
      database_corrupt: {
        title: "Het bestand met je gegevens is beschadigd",
        text: "De sleutel klopt, maar het bestand is beschadigd. Houvast heeft het niet veranderd en niet gewist.",
        action: "Heb je een reservekopie van je computer? Vraag dan iemand die je vertrouwt om het bestand terug te zetten.",
      },
      wrong_key_or_corrupt: {
        title: "Je gegevens gaan niet open",
        text: "De sleutel past niet op je gegevens, of het bestand is beschadigd. Je gegevens zijn niet gewist.",
        action: "Kies Opnieuw proberen. Lukt het niet? Vraag dan hulp aan je preventiewerker of aan iemand die je vertrouwt.",
      },
      database_too_new: {
        title: "Deze versie van Houvast is te oud",
        text: "Je gegevens zijn bewaard door een nieuwere versie van Houvast. Deze versie kan ze niet lezen. Je gegevens zijn niet veranderd.",
        action: "Installeer de nieuwste versie van Houvast. Open de app daarna opnieuw.",
      },
      storage_failed: {
        title: "Bewaren of lezen lukt niet",
        text: "Houvast kan nu niet bij het bestand met je gegevens. Misschien is de schijf vol, of mag de app er niet bij.",
        action: "Maak wat ruimte vrij op je computer. Kies daarna Opnieuw proberen.",
      },
      content_invalid: {
        title: "De teksten van het programma kloppen niet",
        text: "De teksten die bij de app horen, zijn niet goed te lezen. Dit ligt niet aan jou. Je gegevens zijn niet veranderd.",
        action: "Installeer Houvast opnieuw, of vraag je organisatie om een nieuwe versie.",
      },
      not_onboarded: {
        title: "Je profiel ontbreekt",
        text: "Houvast vindt nog geen profiel op dit apparaat.",
        action: "Kies Opnieuw proberen.",
      },
      internal: {
        title: "Er ging iets mis",
        text: "Er ging iets mis in de app. Dit ligt niet aan jou. Je gegevens zijn niet veranderd.",
        action: "Kies Opnieuw proberen. Lukt het niet? Sluit de app en open hem opnieuw.",
      },
    } satisfies Record<StartupErrorCode, Explanation>,
  },
  // One calm sentence per error code, for errors that happen while using the app.
  errors: {
    keychain_locked: "Je sleutelbos is op slot. Ontgrendel hem en probeer het nog eens.",
    keychain_unavailable: "De sleutelbos is nu niet bereikbaar. Probeer het straks nog eens.",
    key_missing: "De sleutel van je gegevens ontbreekt. Je gegevens zijn niet gewist.",
    wrong_key: "De sleutel past niet op je gegevens. Ze zijn niet gewist.",
    database_corrupt: "Het bestand met je gegevens is beschadigd. Het is niet gewist.",
    wrong_key_or_corrupt: "Je gegevens gaan nu niet open. Ze zijn niet gewist.",
    database_too_new: "Deze versie van Houvast is te oud. Installeer de nieuwste versie.",
    storage_failed: "Bewaren lukt nu niet. Misschien is de schijf vol. Probeer het nog eens.",
    content_invalid: "De teksten van het programma kloppen niet. Dit ligt niet aan jou.",
    not_onboarded: "Maak eerst je profiel aan.",
    invalid_profile: "Kijk nog even naar je naam en de leeftijden.",
    unknown_module: "Deze module bestaat niet.",
    unknown_page: "Deze bladzijde bestaat niet. Ververs het scherm.",
    module_locked: "Deze module is nog dicht. Maak eerst de module ervoor af.",
    unknown_question: "Deze vraag bestaat niet meer. Ververs het scherm.",
    invalid_answer: "Dit antwoord past niet bij de vraag. Is de tekst misschien te lang?",
    task_not_open: "Deze opdracht is nog niet open.",
    required_missing: "Een paar vragen zijn nog leeg.",
    reflection_closed: "Deze dag is voorbij. Wat je schreef is bewaard.",
    invalid_settings: "Deze instelling klopt niet. Kijk de tijden nog eens na.",
    start_at_login_failed: "Starten bij inloggen lukt nu niet op deze computer.",
    internal: "Er ging iets mis in de app. Probeer het nog eens.",
  } satisfies Record<ApiErrorCode, string>,
  reflection: reflectionNl,
  settings: settingsNl,
  erase: {
    title: "Alles wissen",
    intro:
      "Wil je stoppen met Houvast? Dan kun je alles wissen wat je in de app hebt geschreven. Er blijft niets van over op deze computer.",
    start: "Alles wissen…",
    confirmTitle: "Weet je het zeker?",
    willBeLost: "Dit wordt gewist:",
    lost: [
      "je naam in de app en de leeftijden van je kinderen",
      "al je antwoorden bij de modules en de thuisopdrachten",
      "je plannen: je stappenplan en je netwerk",
      "al je reflecties van 'wat ging er goed'",
      "je instellingen voor herinneringen",
    ],
    noUndo: "Dit kan niet ongedaan worden gemaakt. Er is geen kopie.",
    confirm: "Ja, wis alles",
    erasing: "Bezig met wissen…",
    cancel: "Nee, niet wissen",
    failed: "Wissen lukte niet.",
  },
  dates: {
    locale: "nl-NL",
  },
};

export type Messages = typeof nl;
