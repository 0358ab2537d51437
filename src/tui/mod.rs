//! The interactive assessment: update → effects → view, driven by a thin loop.

pub mod app;
mod draft_writer;
pub mod driver;
pub mod exclusions;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod plain;
mod report_text;
pub mod run;
pub mod text_field;
pub mod theme;
pub mod update;
mod view;
