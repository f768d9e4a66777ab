//! The single profile row.

use crate::{Result, Store, StoreError};
use houvast_core::Profile;
use rusqlite::OptionalExtension;

impl Store {
    /// The parent's profile, `None` before onboarding.
    pub fn profile(&self) -> Result<Option<Profile>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT data FROM profile WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()?;
        json.map(|json| {
            // Parsing through core's types re-checks the pseudonym and the rest.
            serde_json::from_str(&json).map_err(|e| StoreError::StoredDataInvalid {
                what: "profile",
                cause: e.to_string(),
            })
        })
        .transpose()
    }

    /// Stores the profile, replacing the previous one. Kept as JSON: it is small, always read
    /// whole, and core's serde types already validate it on the way back in.
    pub fn save_profile(&self, profile: &Profile) -> Result<()> {
        let json = serde_json::to_string(profile).map_err(|e| StoreError::StoredDataInvalid {
            what: "profile",
            cause: e.to_string(),
        })?;
        self.conn.execute(
            "INSERT INTO profile (id, data) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data",
            [json],
        )?;
        Ok(())
    }
}
