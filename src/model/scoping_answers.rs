//! The scoping answers as typed values, read once from the answers.
//!
//! Each value type names the stored value of its options (`key`), the one place they are
//! spelled; the scoping block takes its option values from here.

use super::answers::Answers;
use super::scoping;
use super::standard::Standard;

/// The options of a scoping question as a value type.
pub(crate) trait ScopingValue: Copy + 'static {
    /// Every value, in the questionnaire's order.
    const ALL: &'static [Self];

    /// The stored value.
    fn key(self) -> &'static str;

    /// The value stored as `key`, if it is one of the options.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.key() == key)
    }
}

/// The stored values of a value type, in the questionnaire's order.
pub(crate) fn keys<T: ScopingValue>() -> Vec<&'static str> {
    T::ALL.iter().map(|value| value.key()).collect()
}

/// Declares the value type of a scoping question: each variant with its stored value.
macro_rules! scoping_value {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $key:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl ScopingValue for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }
    };
}

scoping_value! {
    /// The organisation's sector.
    Sector {
        /// Healthcare.
        Healthcare = "healthcare",
        /// Finance.
        Finance = "finance",
        /// The public sector.
        Public = "public_sector",
        /// Technology.
        Technology = "technology",
        /// Education.
        Education = "education",
        /// Retail.
        Retail = "retail",
        /// Manufacturing.
        Manufacturing = "manufacturing",
        /// Professional services.
        ProfessionalServices = "professional_services",
        /// Any other sector.
        Other = "other",
    }
}

scoping_value! {
    /// The organisation's size.
    Size {
        /// A micro organisation.
        Micro = "micro",
        /// A small organisation.
        Small = "small",
        /// A medium-sized organisation.
        Medium = "medium",
        /// A large organisation.
        Large = "large",
    }
}

scoping_value! {
    /// A certificate the organisation holds.
    Certification {
        /// ISO 27001.
        Iso27001 = "iso27001",
        /// ISO 42001.
        Iso42001 = "iso42001",
        /// ISO 27701.
        Iso27701 = "iso27701",
        /// ISO 9001.
        Iso9001 = "iso9001",
        /// A SOC 2 report.
        Soc2 = "soc2",
        /// No certificate.
        None = "none",
    }
}

scoping_value! {
    /// A category of information the organisation holds.
    DataCategory {
        /// Personal data.
        Personal = "personal",
        /// Special-category data, such as health.
        Special = "special_category",
        /// Financial data.
        Financial = "financial",
        /// Confidential business information.
        ConfidentialBusiness = "confidential_business",
        /// Government information.
        Government = "government",
        /// None of these.
        None = "none",
    }
}

scoping_value! {
    /// How the organisation uses AI.
    AiUse {
        /// Staff use AI tools.
        InternalProductivity = "internal_productivity",
        /// AI in internal processes and decisions.
        InternalOperations = "internal_operations",
        /// AI in the products and services delivered.
        InProducts = "in_products",
        /// The organisation builds or trains AI.
        Develops = "develops",
        /// No AI.
        None = "none",
    }
}

scoping_value! {
    /// How far the AI acts on its own.
    Autonomy {
        /// It suggests; a person decides.
        Assistive = "assistive",
        /// A person approves each outcome.
        HumanInTheLoop = "human_in_the_loop",
        /// A person watches and can step in.
        HumanOnTheLoop = "human_on_the_loop",
        /// It acts alone.
        Autonomous = "autonomous",
    }
}

scoping_value! {
    /// What customers, regulators, tenders or the sector ask the organisation to meet.
    Request {
        /// ISO 27001.
        Iso27001 = "iso27001",
        /// ISO 42001.
        Iso42001 = "iso42001",
        /// The EU AI Act.
        EuAiAct = "eu_ai_act",
        /// A SOC 2 report.
        Soc2 = "soc2",
        /// NIS2.
        Nis2 = "nis2",
        /// DORA.
        Dora = "dora",
        /// PCI DSS.
        PciDss = "pci_dss",
        /// Another framework.
        Other = "other",
        /// Nothing.
        None = "none",
    }
}

impl Size {
    /// Micro or small.
    pub(crate) fn is_small(self) -> bool {
        matches!(self, Size::Micro | Size::Small)
    }
}

impl Certification {
    /// The certificate of a standard.
    pub(crate) fn of(standard: Standard) -> Certification {
        match standard {
            Standard::Iso27001 => Certification::Iso27001,
            Standard::Iso42001 => Certification::Iso42001,
        }
    }
}

impl DataCategory {
    /// Plain words for the category, as a sentence names it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            DataCategory::Personal => "personal data",
            DataCategory::Special => "special-category data such as health",
            DataCategory::Financial => "financial data",
            DataCategory::ConfidentialBusiness => "confidential business information",
            DataCategory::Government => "government information",
            DataCategory::None => self.key(),
        }
    }
}

impl AiUse {
    /// Plain words for the use, as a sentence names it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            AiUse::InternalProductivity => "staff using AI tools",
            AiUse::InternalOperations => "AI in your internal processes and decisions",
            AiUse::InProducts => "AI in the products and services you deliver",
            AiUse::Develops => "the AI systems you build or train",
            AiUse::None => self.key(),
        }
    }
}

impl Autonomy {
    /// The AI acts without a person approving each outcome.
    pub(crate) fn acts_alone(self) -> bool {
        matches!(self, Autonomy::HumanOnTheLoop | Autonomy::Autonomous)
    }
}

/// The scoping answers the rules read, each `None` when unanswered. Lists keep the answer's
/// order; a value that is not one of the options is skipped, and an answer of the wrong shape
/// counts as unanswered (validation rejects both).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ScopingAnswers {
    /// The organisation's size.
    pub(crate) size: Option<Size>,
    /// The certificates held.
    pub(crate) certifications: Option<Vec<Certification>>,
    /// The categories of information held.
    pub(crate) data: Option<Vec<DataCategory>>,
    /// How AI is used.
    pub(crate) ai_use: Option<Vec<AiUse>>,
    /// How far the AI acts on its own.
    pub(crate) autonomy: Option<Autonomy>,
    /// Whether the AI's outputs affect individuals.
    pub(crate) affects_individuals: Option<bool>,
    /// Whether the AI processes sensitive information.
    pub(crate) ai_sensitive_data: Option<bool>,
    /// What the organisation is asked to meet.
    pub(crate) requests: Option<Vec<Request>>,
}

impl ScopingAnswers {
    /// Reads the scoping answers among `answers`.
    pub(crate) fn parse(answers: &Answers) -> ScopingAnswers {
        ScopingAnswers {
            size: single(answers, scoping::SIZE),
            certifications: multi(answers, scoping::CERTIFICATIONS),
            data: multi(answers, scoping::DATA_CATEGORIES),
            ai_use: multi(answers, scoping::AI_USE),
            autonomy: single(answers, scoping::AI_AUTONOMY),
            affects_individuals: yes_no(answers, scoping::AFFECTS_INDIVIDUALS),
            ai_sensitive_data: yes_no(answers, scoping::AI_SENSITIVE_DATA),
            requests: multi(answers, scoping::REQUESTS),
        }
    }
}

fn single<T: ScopingValue>(answers: &Answers, id: &str) -> Option<T> {
    answers.get(id)?.as_text().and_then(T::from_key)
}

fn multi<T: ScopingValue>(answers: &Answers, id: &str) -> Option<Vec<T>> {
    let values = answers.get(id)?.as_list()?;
    Some(
        values
            .iter()
            .filter_map(|value| T::from_key(value))
            .collect(),
    )
}

fn yes_no(answers: &Answers, id: &str) -> Option<bool> {
    answers.get(id)?.as_bool()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue;

    fn answers(value: serde_json::Value) -> Answers {
        serde_json::from_value(value).expect("answers")
    }

    #[test]
    fn every_answer_is_read_in_order() {
        let parsed = ScopingAnswers::parse(&answers(serde_json::json!({
            "org.sector": "finance", "org.size": "small",
            "org.certifications": ["soc2", "iso27001"],
            "data.categories": ["financial", "personal"],
            "ai.use": ["develops", "internal_productivity"], "ai.autonomy": "autonomous",
            "ai.affects_individuals": true, "ai.sensitive_data": false,
            "drivers.requests": ["pci_dss", "nis2"],
        })));
        assert_eq!(
            parsed,
            ScopingAnswers {
                size: Some(Size::Small),
                certifications: Some(vec![Certification::Soc2, Certification::Iso27001]),
                data: Some(vec![DataCategory::Financial, DataCategory::Personal]),
                ai_use: Some(vec![AiUse::Develops, AiUse::InternalProductivity]),
                autonomy: Some(Autonomy::Autonomous),
                affects_individuals: Some(true),
                ai_sensitive_data: Some(false),
                requests: Some(vec![Request::PciDss, Request::Nis2]),
            }
        );
    }

    #[test]
    fn unknown_values_are_skipped_and_wrong_shapes_are_unanswered() {
        let mut given = answers(serde_json::json!({
            "org.size": "huge", "data.categories": ["personal", "secret"],
            "ai.use": "develops", "ai.autonomy": ["autonomous"], "ai.affects_individuals": "yes",
            "drivers.requests": [],
        }));
        given.insert("ai.sensitive_data".to_owned(), AnswerValue::Number(1.0));
        assert_eq!(
            ScopingAnswers::parse(&given),
            ScopingAnswers {
                data: Some(vec![DataCategory::Personal]),
                requests: Some(Vec::new()),
                ..ScopingAnswers::default()
            }
        );
        assert_eq!(
            ScopingAnswers::parse(&Answers::new()),
            ScopingAnswers::default()
        );
    }

    #[test]
    fn every_value_reads_back_from_its_key() {
        fn round_trip<T: ScopingValue + PartialEq + std::fmt::Debug>() {
            for value in T::ALL {
                assert_eq!(T::from_key(value.key()), Some(*value));
            }
        }
        round_trip::<Sector>();
        round_trip::<Size>();
        round_trip::<Certification>();
        round_trip::<DataCategory>();
        round_trip::<AiUse>();
        round_trip::<Autonomy>();
        round_trip::<Request>();
    }
}
