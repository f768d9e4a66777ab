//! Identifiers that content and stored answers share. They are stable: answers are stored by
//! id, so renaming one in `content/` needs a migration.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Lower-case letters, digits and dashes (or dots for questions), 1 to 64 characters.
fn valid_id(s: &str, allow_dot: bool) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (allow_dot && c == '.')
        })
        && !s.starts_with(['-', '.'])
}

macro_rules! id_type {
    ($name:ident, $allow_dot:expr, $what:literal) => {
        #[doc = concat!("The stable id of a ", $what, ".")]
        #[derive(
            Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
        )]
        #[serde(try_from = "String", into = "String")]
        #[ts(type = "string")]
        pub struct $name(String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Result<Self, InvalidId> {
                let s = s.into();
                if valid_id(&s, $allow_dot) {
                    Ok(Self(s))
                } else {
                    Err(InvalidId {
                        kind: $what,
                        value: s,
                    })
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(s: String) -> Result<Self, InvalidId> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(ModuleId, false, "module");
id_type!(QuestionId, true, "question");
id_type!(OptionId, false, "option");
id_type!(PlanId, false, "plan");

/// Tests write option ids as literals.
#[cfg(test)]
impl From<&str> for OptionId {
    fn from(s: &str) -> Self {
        match Self::new(s) {
            Ok(id) => id,
            Err(e) => panic!("{e}"),
        }
    }
}

macro_rules! page_number {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
        )]
        #[serde(transparent)]
        pub struct $name(pub u16);

        impl $name {
            pub fn get(self) -> u16 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

page_number!(
    PageIndex,
    "A page's place in the module's content file, before age-band filtering: what is stored \
     as read, and what `mark_page_read` takes."
);
page_number!(
    PagePosition,
    "A place among the pages this parent sees (after age-band filtering): where \
     \"continue\" opens the reader."
);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {kind} id (use a-z, 0-9 and '-', at most 64 characters)")]
pub struct InvalidId {
    pub kind: &'static str,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_slugs_and_refuse_the_rest() {
        assert!(ModuleId::new("good-enough").is_ok());
        assert!(QuestionId::new("m1.do.strengths").is_ok());
        assert!(ModuleId::new("m1.do").is_err());
        assert!(ModuleId::new("").is_err());
        assert!(ModuleId::new("Good").is_err());
        assert!(QuestionId::new(".x").is_err());
        let json = serde_json::to_string(&ModuleId::new("a-1").unwrap()).unwrap();
        assert_eq!(json, "\"a-1\"");
        assert!(serde_json::from_str::<ModuleId>("\"A B\"").is_err());
    }
}
