//! What a notification says. Discreet by default: a shared phone or a lock screen must not
//! reveal that the parent follows a programme about mental illness or addiction, so every kind
//! says the same neutral sentence. Descriptive text is something the parent opts into.

use super::state::ReminderKind;
use crate::profile::Language;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct NotificationText {
    pub title: &'static str,
    pub body: &'static str,
}

pub fn notification_text(
    kind: ReminderKind,
    discreet: bool,
    language: Language,
) -> NotificationText {
    use Language::{En, Nl};
    use ReminderKind::*;
    let body = match (discreet, kind, language) {
        (true, _, Nl) => "Een moment voor jezelf",
        (true, _, En) => "A moment for yourself",
        (false, Module, Nl) => "Je volgende module staat klaar. Neem er rustig de tijd voor.",
        (false, Module, En) => "Your next module is ready. Take your time with it.",
        (false, Reflection, Nl) => "Wat ging er vandaag goed? Schrijf het op als je wilt.",
        (false, Reflection, En) => "What went well today? Write it down if you like.",
        (false, HomeAssignment, Nl) => {
            "Hoe gaat het met je thuisopdracht? Schrijf op hoe het ging als je zover bent."
        }
        (false, HomeAssignment, En) => {
            "How is your home assignment going? Write down how it went when you are ready."
        }
        (false, CheckIn, Nl) => {
            "Je kunt je check-in invullen. Je preventiewerker leest hem voor jullie gesprek."
        }
        (false, CheckIn, En) => {
            "You can fill in your check-in. Your prevention worker reads it before you talk."
        }
    };
    NotificationText {
        title: "Houvast",
        body,
    }
}

/// The module reminder when it only offers the return check, six weeks after the programme:
/// an offer ("if you like"), and no promise of a contact the programme no longer has.
pub fn return_check_text(discreet: bool, language: Language) -> NotificationText {
    if discreet {
        return notification_text(ReminderKind::Module, true, language);
    }
    NotificationText {
        title: "Houvast",
        body: match language {
            Language::Nl => {
                "Het programma is zes weken klaar. Als je wilt, kun je even terugkijken."
            }
            Language::En => "It is six weeks since the programme. If you like, you can look back.",
        },
    }
}

/// The test from "check my reminders". It names nothing about the programme either, so it is
/// safe on a shared screen, and asks the parent to go back to the app to say they saw it.
pub fn test_notification_text(language: Language) -> NotificationText {
    NotificationText {
        title: "Houvast",
        body: match language {
            Language::Nl => "Dit is een test. Zie je dit? Ga terug naar Houvast en klik op 'Ja'.",
            Language::En => "This is a test. Can you see it? Go back to Houvast and click 'Yes'.",
        },
    }
}

/// The notification when the prevention worker replied: discreet like every reminder when the
/// parent chose discreet texts (it names no worker and no topic then).
pub fn reply_notification_text(discreet: bool, language: Language) -> NotificationText {
    let body = match (discreet, language) {
        (true, Language::Nl) => "Een moment voor jezelf",
        (true, Language::En) => "A moment for yourself",
        (false, Language::Nl) => "Je preventiewerker heeft gereageerd op je check-in.",
        (false, Language::En) => "Your prevention worker replied to your check-in.",
    };
    NotificationText {
        title: "Houvast",
        body,
    }
}

/// The reminder the day before a contact the worker proposed; discreet like every reminder.
pub fn contact_reminder_text(discreet: bool, language: Language) -> NotificationText {
    let body = match (discreet, language) {
        (true, Language::Nl) => "Een moment voor jezelf",
        (true, Language::En) => "A moment for yourself",
        (false, Language::Nl) => {
            "Binnenkort heb je contact met je preventiewerker. In de app staat wanneer."
        }
        (false, Language::En) => {
            "Your contact with your prevention worker is coming up. The app shows when."
        }
    };
    NotificationText {
        title: "Houvast",
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discreet_text_is_the_same_for_every_kind_and_names_no_topic() {
        for kind in ReminderKind::ALL {
            let nl = notification_text(kind, true, Language::Nl);
            assert_eq!(
                nl,
                NotificationText {
                    title: "Houvast",
                    body: "Een moment voor jezelf"
                }
            );
            let en = notification_text(kind, true, Language::En);
            assert_eq!(
                en,
                NotificationText {
                    title: "Houvast",
                    body: "A moment for yourself"
                }
            );
        }
    }

    #[test]
    fn the_return_check_has_its_own_words_and_promises_no_contact() {
        for language in Language::ALL {
            let text = return_check_text(false, language);
            assert_ne!(
                text,
                notification_text(ReminderKind::Module, false, language)
            );
            assert!(!text.body.contains("preventiewerker") && !text.body.contains("worker"));
            assert_eq!(
                return_check_text(true, language),
                notification_text(ReminderKind::Module, true, language),
                "discreet stays discreet"
            );
        }
    }

    #[test]
    fn descriptive_text_differs_per_kind_and_language() {
        let mut bodies = std::collections::BTreeSet::new();
        for kind in ReminderKind::ALL {
            for language in Language::ALL {
                let text = notification_text(kind, false, language);
                assert_eq!(text.title, "Houvast");
                assert!(
                    bodies.insert(text.body),
                    "{kind:?} {language:?} repeats a text"
                );
            }
        }
        assert_eq!(bodies.len(), 8);
    }
}
