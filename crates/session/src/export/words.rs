//! The words of the printable export, in Dutch and English: plain language (B1), warm, no
//! blame. The texts from the programme itself (titles, questions) come from the content.

use super::document::{ExportRole, ExportWayOfContact};
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;
use houvast_core::Language;

pub(crate) struct Words {
    pub lang: &'static str,
    pub title: &'static str,
    pub made_on: &'static str,
    pub not_encrypted: &'static str,
    pub dialog_title: &'static str,
    pub html_filter: &'static str,
    pub json_filter: &'static str,
    pub about_title: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub role_parent: &'static str,
    pub role_partner: &'static str,
    pub children: &'static str,
    pub years: &'static str,
    pub and: &'static str,
    pub modules_title: &'static str,
    pub modules_intro: &'static str,
    pub module: &'static str,
    pub done_on: &'static str,
    pub no_answers: &'static str,
    pub plans_title: &'static str,
    pub plans_intro: &'static str,
    pub no_plans: &'static str,
    pub reflections_title: &'static str,
    pub no_reflections: &'static str,
    pub went_well: &'static str,
    pub noticed_in_myself: &'static str,
    pub noticed_in_child: &'static str,
    pub check_ins_title: &'static str,
    pub check_ins_intro: &'static str,
    pub no_check_ins: &'static str,
    pub contact_point: &'static str,
    pub sent_on: &'static str,
    pub not_sent: &'static str,
    pub parenting: &'static str,
    pub feeling: &'static str,
    pub confidence: &'static str,
    pub grade: &'static str,
    pub out_of_ten: &'static str,
    pub progress: &'static str,
    pub modules_done: &'static str,
    pub do_tasks_done: &'static str,
    pub home_assignments_done: &'static str,
    pub evenings: &'static str,
    pub talk_about: &'static str,
    pub ways: &'static str,
    pub times: &'static str,
    pub nothing_filled_in: &'static str,
    pub no_preference: &'static str,
    pub shared: &'static str,
    pub shared_none: &'static str,
    pub safety: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub reply_title: &'static str,
    pub reply_sent_on: &'static str,
    pub reply_time: &'static str,
    pub reply_no_time: &'static str,
    pub reply_way: &'static str,
    pub reply_message: &'static str,
    pub at: &'static str,
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    pub phone: &'static str,
    pub video: &'static str,
    pub home_visit: &'static str,
    pub at_the_office: &'static str,
    pub chat: &'static str,
}

const NL: Words = Words {
    lang: "nl",
    title: "Wat ik schreef in Houvast",
    made_on: "Gemaakt op",
    not_encrypted: "Let op: dit bestand is niet versleuteld. Iedereen die dit bestand kan openen, kan alles lezen wat erin staat. Bewaar het op een plek waar alleen jij bij kunt. Heb je het niet meer nodig? Gooi het dan weg.",
    dialog_title: "Waar wil je het bestand bewaren?",
    html_filter: "Om te lezen en te printen (HTML)",
    json_filter: "Voor een computer (JSON)",
    about_title: "Over mij",
    name: "Mijn naam in de app",
    role: "Ik volg het programma als",
    role_parent: "ouder",
    role_partner: "partner van een ouder",
    children: "Leeftijd van mijn kinderen",
    years: "jaar",
    and: "en",
    modules_title: "Mijn antwoorden bij de modules",
    modules_intro: "Hier staat wat je schreef bij de doe-opdrachten en de thuisopdrachten.",
    module: "Module",
    done_on: "Klaar op",
    no_answers: "Je hebt hier nog niets geschreven.",
    plans_title: "Mijn plannen",
    plans_intro: "Deze plannen maakte je zelf. Je kunt ze in de app altijd aanpassen.",
    no_plans: "Je hebt nog geen plan gemaakt.",
    reflections_title: "Wat ging er goed",
    no_reflections: "Je hebt nog geen reflecties geschreven.",
    went_well: "Wat ging er vandaag goed in het opvoeden?",
    noticed_in_myself: "Hoe merkte ik het aan mezelf?",
    noticed_in_child: "Hoe merkte ik het aan mijn kind?",
    check_ins_title: "Check-ins en antwoorden",
    check_ins_intro: "Dit stuurde je naar je preventiewerker, en dit stuurde je preventiewerker terug.",
    no_check_ins: "Je hebt nog geen check-in gestuurd.",
    contact_point: "Contactmoment",
    sent_on: "Verstuurd op",
    not_sent: "Je kopie van deze check-in is er niet meer.",
    parenting: "Hoe gaat het opvoeden?",
    feeling: "Hoe voel je je?",
    confidence: "Hoe zeker voel je je als ouder?",
    grade: "Welk cijfer geef je het programma?",
    out_of_ten: "van 10",
    progress: "Hoe ver je was",
    modules_done: "Modules klaar",
    do_tasks_done: "Doe-opdrachten klaar",
    home_assignments_done: "Thuisopdrachten klaar",
    evenings: "Avonden met een reflectie",
    talk_about: "Waar wil je het over hebben?",
    ways: "Hoe wil je contact?",
    times: "Wanneer kan het het best?",
    nothing_filled_in: "Niets ingevuld",
    no_preference: "Geen voorkeur",
    shared: "Wat je deelde",
    shared_none: "Je deelde verder niets.",
    safety: "Maak je je zorgen over je eigen veiligheid of die van je kinderen?",
    yes: "Ja",
    no: "Nee",
    reply_title: "Antwoord van je preventiewerker",
    reply_sent_on: "Gestuurd op",
    reply_time: "Voorstel voor jullie contact",
    reply_no_time: "Nog geen tijd voorgesteld",
    reply_way: "Hoe",
    reply_message: "Bericht",
    at: "om",
    weekdays: [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ],
    months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    ],
    phone: "Bellen",
    video: "Beeldbellen",
    home_visit: "Huisbezoek",
    at_the_office: "Op kantoor",
    chat: "Chatten",
};

const EN: Words = Words {
    lang: "en",
    title: "What I wrote in Houvast",
    made_on: "Made on",
    not_encrypted: "Please note: this file is not encrypted. Anyone who can open this file can read everything in it. Keep it in a place only you can reach. Don't need it any more? Then delete it.",
    dialog_title: "Where do you want to keep the file?",
    html_filter: "To read and print (HTML)",
    json_filter: "For a computer (JSON)",
    about_title: "About me",
    name: "My name in the app",
    role: "I follow the programme as",
    role_parent: "a parent",
    role_partner: "the partner of a parent",
    children: "My children's ages",
    years: "years",
    and: "and",
    modules_title: "My answers in the modules",
    modules_intro: "Here is what you wrote in the exercises and the home assignments.",
    module: "Module",
    done_on: "Done on",
    no_answers: "You have not written anything here yet.",
    plans_title: "My plans",
    plans_intro: "You made these plans yourself. You can change them in the app at any time.",
    no_plans: "You have not made a plan yet.",
    reflections_title: "What went well",
    no_reflections: "You have not written any reflections yet.",
    went_well: "What went well in parenting today?",
    noticed_in_myself: "How did I notice it in myself?",
    noticed_in_child: "How did I notice it in my child?",
    check_ins_title: "Check-ins and replies",
    check_ins_intro: "This is what you sent to your prevention worker, and what your prevention worker sent back.",
    no_check_ins: "You have not sent a check-in yet.",
    contact_point: "Contact",
    sent_on: "Sent on",
    not_sent: "Your copy of this check-in is no longer here.",
    parenting: "How is parenting going?",
    feeling: "How are you feeling?",
    confidence: "How confident are you as a parent?",
    grade: "What grade do you give the programme?",
    out_of_ten: "out of 10",
    progress: "How far you were",
    modules_done: "Modules done",
    do_tasks_done: "Exercises done",
    home_assignments_done: "Home assignments done",
    evenings: "Evenings with a reflection",
    talk_about: "What would you like to talk about?",
    ways: "How would you like to be in touch?",
    times: "When suits you best?",
    nothing_filled_in: "Nothing filled in",
    no_preference: "No preference",
    shared: "What you shared",
    shared_none: "You did not share anything else.",
    safety: "Are you worried about your own safety or that of your children?",
    yes: "Yes",
    no: "No",
    reply_title: "Answer from your prevention worker",
    reply_sent_on: "Sent on",
    reply_time: "Proposed time for your contact",
    reply_no_time: "No time proposed yet",
    reply_way: "How",
    reply_message: "Message",
    at: "at",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    phone: "Phone call",
    video: "Video call",
    home_visit: "Home visit",
    at_the_office: "At the office",
    chat: "Chat",
};

pub(crate) fn words(language: Language) -> &'static Words {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

impl Words {
    pub fn role_name(&self, role: ExportRole) -> &'static str {
        match role {
            ExportRole::Parent => self.role_parent,
            ExportRole::Partner => self.role_partner,
        }
    }

    pub fn way(&self, way: ExportWayOfContact) -> &'static str {
        match way {
            ExportWayOfContact::Phone => self.phone,
            ExportWayOfContact::Video => self.video,
            ExportWayOfContact::HomeVisit => self.home_visit,
            ExportWayOfContact::AtTheOffice => self.at_the_office,
            ExportWayOfContact::Chat => self.chat,
        }
    }

    /// "10 maart 2026" / "10 March 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            date.day(),
            self.months[date.month0() as usize],
            date.year()
        )
    }

    /// "dinsdag 10 maart 2026" / "Tuesday 10 March 2026".
    pub fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{} {}",
            self.weekdays[date.weekday().num_days_from_monday() as usize],
            self.date(date)
        )
    }

    /// "dinsdag 10 maart 2026 om 14:30" in the parent's zone.
    pub fn moment(&self, at: DateTime<Tz>) -> String {
        format!(
            "{} {} {:02}:{:02}",
            self.long_date(at.date_naive()),
            self.at,
            at.hour(),
            at.minute()
        )
    }

    /// "6 en 11 jaar" / "6, 9 and 11 years".
    pub fn ages(&self, ages: &[u8]) -> String {
        let numbers: Vec<String> = ages.iter().map(u8::to_string).collect();
        let list = match numbers.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), self.and),
        };
        format!("{list} {}", self.years)
    }
}
