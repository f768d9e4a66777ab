//! What is inside the boxes: a parent's check-in and a worker's reply, structured so the
//! dashboard can chart it and the app can preview it exactly as the worker will see it. The
//! server never sees these types filled in.
//!
//! Every text has a limit in characters, and control characters other than line breaks and
//! tabs are refused, so a JSON string is at most 4 bytes per character and the largest valid
//! check-in (about 53 KB) always fits in a box.

use crate::{ContactPoint, ProtocolError};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Deserializer, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

/// Version of the check-in format inside protocol version 2.
pub const CHECKIN_FORMAT: u32 = 1;
/// Version of the reply format inside protocol version 2.
pub const REPLY_FORMAT: u32 = 1;

pub const MAX_TALK_ABOUT_CHARS: usize = 1000;
pub const MAX_CONTACT_TIMES_CHARS: usize = 200;
pub const MAX_SHARED_ITEMS: usize = 10;
pub const MAX_QUESTION_CHARS: usize = 200;
pub const MAX_ANSWER_CHARS: usize = 1000;
pub const MAX_REPLY_MESSAGE_CHARS: usize = 1000;
/// The programme has five modules, each with one do-task and one home assignment.
pub const MODULES: u8 = 5;
/// Reflection evenings since the last contact: more than a year's worth is not a count.
pub const MAX_REFLECTION_EVENINGS: u16 = 366;

/// A self-rating or a grade: a whole number from 1 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Score(u8);

impl Score {
    pub fn new(value: u8) -> Result<Self, ProtocolError> {
        if (1..=10).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ProtocolError::InvalidField {
                field: "score",
                rule: "a rating is a whole number from 1 to 10",
            })
        }
    }
    pub fn value(self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(u8::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The three single self-rating items (1-10), no licensed instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct SelfRatings {
    /// "How is parenting going?"
    pub parenting: Score,
    /// "How are you feeling?"
    pub feeling: Score,
    /// "How confident are you as a parent?"
    pub confidence: Score,
}

/// Where the parent is in the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Progress {
    pub modules_done: u8,
    pub do_tasks_done: u8,
    pub home_assignments_done: u8,
    /// Evenings with a daily reflection since the last contact.
    pub reflection_evenings: u16,
}

/// A way of contact, preferred by the parent or proposed by the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(TS))]
pub enum WayOfContact {
    Phone,
    Video,
    HomeVisit,
    AtTheOffice,
    Chat,
}

/// How and when the parent would like the contact. No ways listed means no preference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct PreferredContact {
    pub ways: Vec<WayOfContact>,
    /// In the parent's words, e.g. "weekday mornings after 9".
    pub times: String,
}

/// Something the parent chose to share, one by one: the question as shown and their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct SharedItem {
    pub question: String,
    pub answer: String,
}

/// A check-in as the parent previewed it and the worker will read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct CheckIn {
    /// [`CHECKIN_FORMAT`].
    pub format: u32,
    pub written_at: DateTime<Utc>,
    pub ratings: SelfRatings,
    /// The programme grade (rapportcijfer); asked at contact point 3, where it is required.
    pub programme_grade: Option<Score>,
    pub progress: Progress,
    /// What the parent wants to talk about.
    pub talk_about: String,
    pub preferred_contact: PreferredContact,
    pub shared: Vec<SharedItem>,
    /// "Do you worry about your own or your children's safety?" Yes makes the check-in urgent:
    /// the dashboard puts it first after opening it (the server cannot see it).
    pub worried_about_safety: bool,
}

/// A worker's reply to a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Reply {
    /// [`REPLY_FORMAT`].
    pub format: u32,
    /// The proposed moment with the worker's offset (RFC 3339), if any.
    pub proposed_time: Option<DateTime<FixedOffset>>,
    pub way_of_contact: WayOfContact,
    pub message: String,
}

fn text(value: &str, field: &'static str, max_chars: usize) -> Result<(), ProtocolError> {
    if value.chars().count() > max_chars {
        return Err(ProtocolError::InvalidField {
            field,
            rule: "the text is too long",
        });
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ProtocolError::InvalidField {
            field,
            rule: "control characters other than line breaks and tabs are not allowed",
        });
    }
    Ok(())
}

fn non_empty(value: &str, field: &'static str) -> Result<(), ProtocolError> {
    if value.trim().is_empty() {
        return Err(ProtocolError::InvalidField {
            field,
            rule: "must not be empty",
        });
    }
    Ok(())
}

impl CheckIn {
    pub fn is_urgent(&self) -> bool {
        self.worried_about_safety
    }

    /// Checks every limit; done before sealing and again after opening.
    pub fn validate(&self, contact_point: ContactPoint) -> Result<(), ProtocolError> {
        if self.format != CHECKIN_FORMAT {
            return Err(ProtocolError::UnsupportedFormat {
                what: "check-in",
                found: self.format,
                expected: CHECKIN_FORMAT,
            });
        }
        if contact_point.number() == 3 && self.programme_grade.is_none() {
            return Err(ProtocolError::InvalidField {
                field: "programme_grade",
                rule: "the programme grade is asked at contact point 3",
            });
        }
        let p = &self.progress;
        for (value, field) in [
            (p.modules_done, "progress.modules_done"),
            (p.do_tasks_done, "progress.do_tasks_done"),
            (p.home_assignments_done, "progress.home_assignments_done"),
        ] {
            if value > MODULES {
                return Err(ProtocolError::InvalidField {
                    field,
                    rule: "the programme has five modules",
                });
            }
        }
        if p.reflection_evenings > MAX_REFLECTION_EVENINGS {
            return Err(ProtocolError::InvalidField {
                field: "progress.reflection_evenings",
                rule: "at most 366 evenings",
            });
        }
        text(&self.talk_about, "talk_about", MAX_TALK_ABOUT_CHARS)?;
        let pc = &self.preferred_contact;
        text(
            &pc.times,
            "preferred_contact.times",
            MAX_CONTACT_TIMES_CHARS,
        )?;
        for (i, way) in pc.ways.iter().enumerate() {
            if pc.ways[..i].contains(way) {
                return Err(ProtocolError::InvalidField {
                    field: "preferred_contact.ways",
                    rule: "each way of contact at most once",
                });
            }
        }
        if self.shared.len() > MAX_SHARED_ITEMS {
            return Err(ProtocolError::InvalidField {
                field: "shared",
                rule: "at most 10 shared items",
            });
        }
        for item in &self.shared {
            non_empty(&item.question, "shared.question")?;
            non_empty(&item.answer, "shared.answer")?;
            text(&item.question, "shared.question", MAX_QUESTION_CHARS)?;
            text(&item.answer, "shared.answer", MAX_ANSWER_CHARS)?;
        }
        Ok(())
    }

    /// A filled-in check-in, for tests, the demo and the benchmark.
    pub fn example(contact_point: ContactPoint) -> Self {
        let at_end = contact_point.number() == 3;
        Self {
            format: CHECKIN_FORMAT,
            written_at: DateTime::from_timestamp(1_760_000_000, 0).unwrap_or_default(),
            ratings: SelfRatings {
                parenting: Score(7),
                feeling: Score(5),
                confidence: Score(6),
            },
            programme_grade: at_end.then_some(Score(8)),
            progress: Progress {
                modules_done: [0, 3, 5][usize::from(contact_point.number() - 1)],
                do_tasks_done: [0, 3, 4][usize::from(contact_point.number() - 1)],
                home_assignments_done: [0, 2, 4][usize::from(contact_point.number() - 1)],
                reflection_evenings: 9,
            },
            talk_about: "Hoe ik mijn zoon uitleg waarom ik soms moe ben.".into(),
            preferred_contact: PreferredContact {
                ways: vec![WayOfContact::Phone, WayOfContact::Video],
                times: "doordeweeks 's ochtends na negen uur".into(),
            },
            shared: vec![SharedItem {
                question: "Wat ging er vandaag goed in het opvoeden?".into(),
                answer: "We hebben samen gekookt en hij lachte.".into(),
            }],
            worried_about_safety: false,
        }
    }
}

impl Reply {
    pub fn validate(&self) -> Result<(), ProtocolError> {
        if self.format != REPLY_FORMAT {
            return Err(ProtocolError::UnsupportedFormat {
                what: "reply",
                found: self.format,
                expected: REPLY_FORMAT,
            });
        }
        text(&self.message, "message", MAX_REPLY_MESSAGE_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp(n: i64) -> ContactPoint {
        ContactPoint::new(n).unwrap()
    }

    #[test]
    fn the_largest_valid_checkin_fits_in_a_box() {
        let mut c = CheckIn::example(cp(3));
        let wide = "😀";
        c.talk_about = wide.repeat(MAX_TALK_ABOUT_CHARS);
        c.preferred_contact.times = wide.repeat(MAX_CONTACT_TIMES_CHARS);
        c.shared = (0..MAX_SHARED_ITEMS)
            .map(|_| SharedItem {
                question: "\"".repeat(MAX_QUESTION_CHARS),
                answer: wide.repeat(MAX_ANSWER_CHARS),
            })
            .collect();
        assert_eq!(c.validate(cp(3)), Ok(()));
        let json = serde_json::to_vec(&c).unwrap();
        assert!(
            json.len() + 1024 < crate::Sealed::MAX_PLAINTEXT,
            "{}",
            json.len()
        );
    }

    #[test]
    fn limits_and_the_grade_at_the_last_contact_are_enforced() {
        let mut c = CheckIn::example(cp(2));
        assert_eq!(c.validate(cp(2)), Ok(()));
        assert!(matches!(
            c.validate(cp(3)),
            Err(ProtocolError::InvalidField {
                field: "programme_grade",
                ..
            })
        ));
        c.talk_about = "x".repeat(MAX_TALK_ABOUT_CHARS + 1);
        assert!(matches!(
            c.validate(cp(2)),
            Err(ProtocolError::InvalidField {
                field: "talk_about",
                ..
            })
        ));
        let mut c = CheckIn::example(cp(1));
        c.progress.modules_done = 6;
        assert!(c.validate(cp(1)).is_err());
        let mut c = CheckIn::example(cp(1));
        c.shared = vec![c.shared[0].clone(); MAX_SHARED_ITEMS + 1];
        assert!(c.validate(cp(1)).is_err());
        let mut c = CheckIn::example(cp(1));
        c.talk_about = "a\u{1b}[2Jb".into();
        assert!(c.validate(cp(1)).is_err());
        let mut c = CheckIn::example(cp(1));
        c.preferred_contact.ways = vec![WayOfContact::Chat, WayOfContact::Chat];
        assert!(c.validate(cp(1)).is_err());
        assert_eq!(
            Score::new(0).map(Score::value),
            Err(Score::new(11).unwrap_err())
        );
        let bad = serde_json::to_string(&CheckIn::example(cp(1)))
            .unwrap()
            .replace("\"parenting\":7", "\"parenting\":11");
        assert!(serde_json::from_str::<CheckIn>(&bad).is_err());
    }
}
