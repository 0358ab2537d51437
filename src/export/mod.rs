//! Pure renderers of reports and sessions.

pub mod markdown;
