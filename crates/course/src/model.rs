//! The parsed course: what is imported, stored as one published version, and served.

use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub ur: String,
}

impl Text {
    pub fn get(&self, urdu: bool) -> &str {
        if urdu { &self.ur } else { &self.en }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// The version label from `course.toml` (a published version never changes).
    pub version: String,
    pub title: Text,
    pub modules: Vec<Module>,
    pub final_test: Blueprint,
    /// The setting keys lessons may cite as `{{setting:KEY}}`, with their descriptions.
    pub settings: Vec<(String, Text)>,
    /// The settings that are public facts, with the official source of each value
    /// (`settings.toml`); configuration and administrators override them. Absent in versions
    /// published before values were kept with the content.
    #[serde(default)]
    pub setting_values: std::collections::BTreeMap<String, SourcedValue>,
}

/// A setting's value as the content gives it, and where it was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcedValue {
    pub value: String,
    /// The official source: address and title, checked on the date given.
    pub source: String,
}

/// The final test's rules (DESIGN.md section 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blueprint {
    pub questions_per_module: u32,
    pub minutes: u32,
    pub pass_percent: u32,
    pub attempts: u32,
    pub hours_between_attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub id: String,
    pub order: u32,
    pub title: Text,
    pub summary: Text,
    pub quiz_questions: u32,
    pub pass_percent: u32,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
    pub tasks: Vec<Task>,
}

impl Module {
    /// The questions a quiz may draw.
    pub fn quiz_bank(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.used_in == QuestionUse::Quiz)
    }

    /// The questions the final test may draw: the final-test-only ones. A version published
    /// before the banks were split has none, and its test draws from the whole bank as it did.
    pub fn final_bank(&self) -> Vec<&Question> {
        let only: Vec<&Question> = self
            .questions
            .iter()
            .filter(|q| q.used_in == QuestionUse::Final)
            .collect();
        if only.is_empty() {
            self.questions.iter().collect()
        } else {
            only
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LessonKind {
    Reading,
    Video,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    pub kind: LessonKind,
    pub title: Text,
    /// Markdown (`##` headings, paragraphs, `-` lists); for a video, the narration script.
    pub body: Text,
    pub words_en: u32,
    pub words_ur: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Ordering,
    Scenario,
}

/// The two pools of a module's bank. They never share a question: the quizzes reveal answers, so
/// the final test draws only from questions a trainee has never been shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionUse {
    #[default]
    Quiz,
    Final,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub lesson: String,
    pub kind: QuestionKind,
    /// Where the question may be shown: quizzes, whose feedback names the best answer, or the
    /// final test only. Versions published before the split have no field: all were quiz questions.
    #[serde(default, rename = "use")]
    pub used_in: QuestionUse,
    pub prompt: Text,
    pub explanation: Text,
    pub options: Vec<Choice>,
}

/// An option of a question or task, with its part of the answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    pub correct: bool,
    pub position: Option<u32>,
    pub credit: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    Scenario,
    Ordering,
    Matching,
    Reflection,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub lesson: String,
    pub kind: TaskKind,
    pub title: Text,
    pub prompt: Text,
    pub options: Vec<Choice>,
    pub pairs: Vec<(Text, Text)>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub rubric: Vec<Text>,
}

impl Course {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    pub fn lesson(&self, id: &str) -> Option<(&Module, &Lesson)> {
        self.modules
            .iter()
            .find_map(|m| m.lessons.iter().find(|l| l.id == id).map(|l| (m, l)))
    }

    /// Counts for reports: (modules, lessons, questions, tasks).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let lessons = self.modules.iter().map(|m| m.lessons.len()).sum();
        let questions = self.modules.iter().map(|m| m.questions.len()).sum();
        let tasks = self.modules.iter().map(|m| m.tasks.len()).sum();
        (self.modules.len(), lessons, questions, tasks)
    }
}

/// Words in a text (whitespace-separated, Markdown markers not counted).
pub fn word_count(s: &str) -> u32 {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count() as u32
}
