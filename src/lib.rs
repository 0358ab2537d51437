//! isoready: a readiness assessment for ISO/IEC 27001:2022 and ISO/IEC 42001:2023.
//!
//! Dependencies point one way: the binary's `main` uses `cli`, `commands` and `tui`; those use
//! `storage`, `export` and `assess`; everything uses `model` (serde types and validation) and
//! `text` (terminal-safe text). `model` and `assess` are pure: no I/O, no clock, no terminal.

pub mod assess;
pub mod cli;
pub mod commands;
pub mod export;
pub mod model;
pub mod storage;
pub mod text;
pub mod tui;
