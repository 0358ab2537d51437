//! Pure data types and validation: catalogs, crosswalk, questionnaire, answers, sessions.
//! No I/O and no clock here.

pub mod answer_value;
pub mod answers;
pub mod answers_file;
pub mod catalog;
pub mod condition;
pub mod crosswalk;
pub mod encoding;
pub mod exclusions;
pub mod migrate_answers;
pub mod packages;
pub mod problem;
pub mod questionnaire;
pub(crate) mod scoping;
mod scoping_answers;
pub mod session;
pub mod standard;
mod validate;
mod validate_links;

pub use answers::{AnswerValue, Answers, AnswersDoc, Maturity, Notes};
pub use answers_file::{AnswersFile, SessionFields};
pub use catalog::{Catalog, Catalogs, Effort, Item, ItemKind, Tag};
pub use condition::Condition;
pub use crosswalk::{Crosswalk, Relation};
pub use exclusions::Exclusions;
pub use packages::{Stage, WorkPackage, WorkPackages};
pub use problem::{Problem, Problems};
pub use questionnaire::{Depth, Question, QuestionKind, Questionnaire, Section};
pub(crate) use scoping::SCOPING_IDS;
pub(crate) use scoping_answers::{
    AiUse, Autonomy, Certification, DataCategory, Request, ScopingAnswers, Size,
};
pub use session::{NoteDraft, Session};
pub use standard::{ControlRef, Standard};
