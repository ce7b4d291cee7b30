//! The files as written, before checking. Ids carry their position for error messages.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ur: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCourse {
    pub version: String,
    pub title: RawText,
    pub modules: Vec<Spanned<String>>,
    pub final_test: RawBlueprint,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlueprint {
    pub questions_per_module: u32,
    pub minutes: u32,
    pub pass_percent: u32,
    pub attempts: u32,
    pub hours_between_attempts: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    #[serde(default)]
    pub setting: std::collections::BTreeMap<String, RawSetting>,
}

/// A setting: its description in both languages and, when it is a public fact, its value with the
/// official source it was taken from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSetting {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ur: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModule {
    pub id: Spanned<String>,
    pub order: u32,
    pub title: RawText,
    pub summary: RawText,
    pub quiz_questions: u32,
    pub pass_percent: u32,
    pub lessons: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub id: String,
    pub kind: String,
    pub title: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestions {
    #[serde(default)]
    pub question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub lesson: String,
    pub kind: String,
    /// "quiz" (the default) or "final": a final-test-only question.
    #[serde(default, rename = "use")]
    pub used_in: Option<String>,
    pub prompt: RawText,
    pub explanation: RawText,
    #[serde(default)]
    pub option: Vec<RawChoice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: String,
    pub text: RawText,
    #[serde(default)]
    pub correct: bool,
    pub position: Option<u32>,
    pub credit: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTasks {
    #[serde(default)]
    pub task: Vec<RawTask>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: Spanned<String>,
    pub lesson: String,
    pub kind: String,
    pub title: RawText,
    pub prompt: RawText,
    #[serde(default)]
    pub option: Vec<RawChoice>,
    #[serde(default)]
    pub pair: Vec<RawPair>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    #[serde(default)]
    pub rubric: Vec<RawRubric>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub left: RawText,
    pub right: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRubric {
    pub text: RawText,
}
