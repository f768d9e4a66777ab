//! Who is using the app: language, a pseudonym and the ages of their children. Nothing that
//! names the parent or a child.

use crate::error::{ErrorCode, ErrorDetails, ProfileField};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The age bands content can be tailored to. The programme speaks of 1-4, 4-12 and 12-18;
/// babies get a band of their own (crying, never shaking, routines) and 4-12 is split where a
/// 4-year-old and an 11-year-old need different words. The labels say which ages: `0-1` is
/// under 1, `1-4` is 1 to 3, `4-7` is 4 to 7, `8-12` is 8 to 11, `12-18` is 12 and older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum AgeBand {
    #[serde(rename = "0-1")]
    Baby,
    #[serde(rename = "1-4")]
    Toddler,
    #[serde(rename = "4-7")]
    YoungChild,
    #[serde(rename = "8-12")]
    OlderChild,
    #[serde(rename = "12-18")]
    Teen,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::Baby,
        AgeBand::Toddler,
        AgeBand::YoungChild,
        AgeBand::OlderChild,
        AgeBand::Teen,
    ];

    pub fn for_age(years: u8) -> AgeBand {
        match years {
            0 => AgeBand::Baby,
            1..=3 => AgeBand::Toddler,
            4..=7 => AgeBand::YoungChild,
            8..=11 => AgeBand::OlderChild,
            _ => AgeBand::Teen,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Baby => "0-1",
            AgeBand::Toddler => "1-4",
            AgeBand::YoungChild => "4-7",
            AgeBand::OlderChild => "8-12",
            AgeBand::Teen => "12-18",
        }
    }

    pub fn from_label(s: &str) -> Option<Self> {
        AgeBand::ALL.into_iter().find(|b| b.label() == s)
    }
}

/// Who is reading: the parent who lives with the illness or addiction, or their partner (the
/// programme is for both). Content blocks can be meant for one of them (`::: role partner`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The parent with the mental illness or addiction.
    #[default]
    Parent,
    /// The partner of that parent.
    Partner,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Parent, Role::Partner];

    pub fn label(self) -> &'static str {
        match self {
            Role::Parent => "parent",
            Role::Partner => "partner",
        }
    }

    pub fn from_label(s: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.label() == s)
    }
}

/// A child, known only by age. The age is kept with the day it was given, so the app can
/// grow it over the months without asking again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Child {
    pub age_years: u8,
    pub recorded_on: NaiveDate,
}

impl Child {
    pub fn age_on(&self, today: NaiveDate) -> u8 {
        let mut years = today.year() - self.recorded_on.year();
        if (today.month(), today.day()) < (self.recorded_on.month(), self.recorded_on.day()) {
            years -= 1;
        }
        let grown = i32::from(self.age_years) + years.max(0);
        u8::try_from(grown).unwrap_or(u8::MAX)
    }
}

/// The name a parent chooses to be known by in the app and, once paired, by their prevention
/// worker. Trimmed, 1 to 40 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Pseudonym(String);

impl Pseudonym {
    pub const MAX_CHARS: usize = 40;

    pub fn new(s: &str) -> Result<Self, ProfileError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ProfileError::PseudonymEmpty);
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(ProfileError::PseudonymTooLong {
                max: Self::MAX_CHARS,
            });
        }
        if s.chars().any(char::is_control) {
            return Err(ProfileError::PseudonymInvalid);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Pseudonym {
    type Error = ProfileError;
    fn try_from(s: String) -> Result<Self, ProfileError> {
        Self::new(&s)
    }
}

impl From<Pseudonym> for String {
    fn from(p: Pseudonym) -> String {
        p.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub language: Language,
    pub pseudonym: Pseudonym,
    pub children: Vec<Child>,
    /// Profiles stored before the role was asked are the parent's.
    #[serde(default)]
    pub role: Role,
}

impl Profile {
    /// The age bands of the parent's children today: content for these bands is shown.
    pub fn age_bands(&self, today: NaiveDate) -> Vec<AgeBand> {
        let mut bands: Vec<AgeBand> = self
            .children
            .iter()
            .map(|c| AgeBand::for_age(c.age_on(today)))
            .collect();
        bands.sort();
        bands.dedup();
        bands
    }
}

/// What the onboarding and settings screens send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileInput {
    pub language: Language,
    pub pseudonym: String,
    pub children_ages: Vec<u8>,
    /// The parent unless said otherwise (the onboarding screen always says).
    #[serde(default)]
    pub role: Role,
}

impl ProfileInput {
    pub const MAX_CHILDREN: usize = 12;
    pub const MAX_AGE: u8 = 18;

    pub fn validate(self, today: NaiveDate) -> Result<Profile, ProfileError> {
        let pseudonym = Pseudonym::new(&self.pseudonym)?;
        if self.children_ages.is_empty() {
            return Err(ProfileError::NoChildren);
        }
        if self.children_ages.len() > Self::MAX_CHILDREN {
            return Err(ProfileError::TooManyChildren {
                max: Self::MAX_CHILDREN,
            });
        }
        if let Some(&age) = self.children_ages.iter().find(|&&a| a > Self::MAX_AGE) {
            return Err(ProfileError::AgeOutOfRange {
                age,
                max: Self::MAX_AGE,
            });
        }
        Ok(Profile {
            language: self.language,
            role: self.role,
            pseudonym,
            children: self
                .children_ages
                .into_iter()
                .map(|age_years| Child {
                    age_years,
                    recorded_on: today,
                })
                .collect(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("choose a name to use in the app")]
    PseudonymEmpty,
    #[error("the name can be at most {max} characters")]
    PseudonymTooLong { max: usize },
    #[error("the name contains characters that cannot be used")]
    PseudonymInvalid,
    #[error("give the age of at least one child")]
    NoChildren,
    #[error("at most {max} children can be added")]
    TooManyChildren { max: usize },
    #[error("age {age} is outside 0 to {max}")]
    AgeOutOfRange { age: u8, max: u8 },
}

impl ProfileError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ProfileError::PseudonymEmpty
            | ProfileError::PseudonymTooLong { .. }
            | ProfileError::PseudonymInvalid
            | ProfileError::NoChildren
            | ProfileError::TooManyChildren { .. }
            | ProfileError::AgeOutOfRange { .. } => ErrorCode::InvalidProfile,
        }
    }

    /// The form field the parent has to change.
    pub fn field(&self) -> ProfileField {
        match self {
            ProfileError::PseudonymEmpty
            | ProfileError::PseudonymTooLong { .. }
            | ProfileError::PseudonymInvalid => ProfileField::Pseudonym,
            ProfileError::NoChildren | ProfileError::TooManyChildren { .. } => {
                ProfileField::Children
            }
            ProfileError::AgeOutOfRange { .. } => ProfileField::ChildAge,
        }
    }

    pub fn details(&self) -> ErrorDetails {
        ErrorDetails::InvalidProfile {
            field: self.field(),
        }
    }
}

/// The bounds of the onboarding form, for the UI to say before the parent sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ProfileLimits {
    pub max_children: u8,
    pub max_age: u8,
    pub max_pseudonym_chars: u8,
}

impl ProfileLimits {
    pub const VALUES: ProfileLimits = ProfileLimits {
        max_children: ProfileInput::MAX_CHILDREN as u8,
        max_age: ProfileInput::MAX_AGE,
        max_pseudonym_chars: Pseudonym::MAX_CHARS as u8,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn bands_follow_the_programme() {
        assert_eq!(AgeBand::for_age(0), AgeBand::Baby);
        assert_eq!(AgeBand::for_age(1), AgeBand::Toddler);
        assert_eq!(AgeBand::for_age(3), AgeBand::Toddler);
        assert_eq!(AgeBand::for_age(4), AgeBand::YoungChild);
        assert_eq!(AgeBand::for_age(7), AgeBand::YoungChild);
        assert_eq!(AgeBand::for_age(8), AgeBand::OlderChild);
        assert_eq!(AgeBand::for_age(11), AgeBand::OlderChild);
        assert_eq!(AgeBand::for_age(12), AgeBand::Teen);
        assert_eq!(
            serde_json::to_string(&AgeBand::OlderChild).unwrap(),
            "\"8-12\""
        );
        for band in AgeBand::ALL {
            assert_eq!(AgeBand::from_label(band.label()), Some(band));
        }
    }

    #[test]
    fn a_child_grows_older_on_the_anniversary_of_the_day_given() {
        let c = Child {
            age_years: 11,
            recorded_on: day(2026, 3, 10),
        };
        assert_eq!(c.age_on(day(2027, 3, 9)), 11);
        assert_eq!(c.age_on(day(2027, 3, 10)), 12);
    }

    #[test]
    fn input_is_validated_with_reasons() {
        let ok = ProfileInput {
            language: Language::Nl,
            pseudonym: "  Sam ".into(),
            children_ages: vec![6, 13],
            role: Default::default(),
        };
        let p = ok.clone().validate(day(2026, 1, 1)).unwrap();
        assert_eq!(p.pseudonym.as_str(), "Sam");
        assert_eq!(
            p.age_bands(day(2026, 1, 1)),
            vec![AgeBand::YoungChild, AgeBand::Teen]
        );

        let empty = ProfileInput {
            pseudonym: " ".into(),
            ..ok.clone()
        };
        assert_eq!(
            empty.validate(day(2026, 1, 1)),
            Err(ProfileError::PseudonymEmpty)
        );
        let none = ProfileInput {
            children_ages: vec![],
            role: Default::default(),
            ..ok.clone()
        };
        assert_eq!(
            none.validate(day(2026, 1, 1)),
            Err(ProfileError::NoChildren)
        );
        let old = ProfileInput {
            children_ages: vec![19],
            role: Default::default(),
            ..ok
        };
        assert!(matches!(
            old.validate(day(2026, 1, 1)),
            Err(ProfileError::AgeOutOfRange { .. })
        ));
    }
}
