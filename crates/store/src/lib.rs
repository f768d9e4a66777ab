//! Encrypted local storage.
