//! Who the parent is: onboarding, the language, the children's ages.

use crate::{Result, Session};
use houvast_core::{Language, Profile, ProfileInput, Role};
use serde::Serialize;
use ts_rs::TS;

/// What the UI needs to choose its first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppStatus {
    /// `null` until the parent has finished onboarding.
    pub profile: Option<Profile>,
    /// Each child's age today, in the order of `profile.children`: a child grows a year older
    /// on the anniversary of the day the age was given.
    pub children_ages: Vec<u8>,
}

impl Session<'_> {
    pub fn status(&self) -> Result<AppStatus> {
        let profile = self.store.profile()?;
        let today = self.clock.today();
        let children_ages = profile
            .iter()
            .flat_map(|p| &p.children)
            .map(|c| c.age_on(today))
            .collect();
        Ok(AppStatus {
            profile,
            children_ages,
        })
    }

    /// Onboarding, and changing the profile later: checked, then stored whole.
    pub fn onboard(&self, input: ProfileInput) -> Result<Profile> {
        let profile = input.validate(self.clock.today())?;
        self.store.save_profile(&profile)?;
        Ok(profile)
    }

    /// Parent or partner, changeable in the settings: only the role changes. Progress stays;
    /// a module that was done stays done, whatever pages the other role shows.
    pub fn set_role(&self, role: Role) -> Result<Profile> {
        let mut profile = self.onboarded()?;
        profile.role = role;
        self.store.save_profile(&profile)?;
        Ok(profile)
    }

    /// The language switch: only the language changes, the rest of the profile stays.
    pub fn set_language(&self, language: Language) -> Result<Profile> {
        let mut profile = self.onboarded()?;
        profile.language = language;
        self.store.save_profile(&profile)?;
        Ok(profile)
    }
}
