//! isoready: a readiness assessment for ISO/IEC 27001:2022 and ISO/IEC 42001:2023.
//!
//! Dependencies point one way: `cli`/`commands` → `storage`/`assess` → `model`.

pub mod assess;
pub mod cli;
pub mod commands;
pub mod export;
pub mod model;
pub mod storage;
pub mod text;
pub mod tui;
