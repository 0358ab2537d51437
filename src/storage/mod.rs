//! Session storage.
