//! Contact point 1, 2 or 3: the three contacts a parent has with the prevention worker.

use crate::ProtocolError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Contact point 1, 2 or 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContactPoint(u8);

impl ContactPoint {
    pub fn new(n: i64) -> Result<Self, ProtocolError> {
        match n {
            1..=3 => Ok(Self(n as u8)),
            _ => Err(ProtocolError::ContactPoint),
        }
    }
    pub fn number(self) -> u8 {
        self.0
    }
    pub fn all() -> [ContactPoint; 3] {
        [Self(1), Self(2), Self(3)]
    }
}

impl Serialize for ContactPoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}
impl<'de> Deserialize<'de> for ContactPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(i64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ContactPoint {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(1))
            .maximum(Some(3))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl ToSchema for ContactPoint {}
