//! One Urdu form for each institution and title (`glossary.toml`, docs/CONTENT-GUIDE.md): the
//! content check flags every variant the glossary lists under `avoid`, with file and line.

use serde::Deserialize;

use crate::Problem;
use crate::parse::SourceFile;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub term: Vec<Term>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub en: String,
    /// The one form to write.
    pub ur: String,
    /// Forms seen in drafts that must not be used.
    #[serde(default)]
    pub avoid: Vec<String>,
}

impl Glossary {
    /// The glossary's own mistakes: a variant that occurs inside the right form would flag right
    /// text, and an empty variant would flag everything.
    pub fn problems(&self, path: &str) -> Vec<Problem> {
        let mut out = vec![];
        for t in &self.term {
            for a in &t.avoid {
                let clash =
                    a.trim().is_empty() || self.term.iter().any(|u| u.ur.contains(a.as_str()));
                if clash {
                    out.push(Problem {
                        path: path.to_owned(),
                        line: 1,
                        message: format!("glossary term \"{}\": the variant \"{a}\" is empty or occurs inside a right form", t.en),
                    });
                }
            }
        }
        out
    }

    /// Each line of `text` (a file of the course, or a catalogue) that holds a variant.
    pub fn check(&self, path: &str, text: &str) -> Vec<Problem> {
        let mut out = vec![];
        for (n, line) in text.lines().enumerate() {
            for t in &self.term {
                for a in t.avoid.iter().filter(|a| line.contains(a.as_str())) {
                    out.push(Problem {
                        path: path.to_owned(),
                        line: n + 1,
                        message: format!(
                            "\"{a}\" is not the glossary's Urdu for {}: write \"{}\" (glossary.toml)",
                            t.en, t.ur
                        ),
                    });
                }
            }
        }
        out
    }

    /// The checks of every file of the content tree but the glossary itself.
    pub fn check_files(&self, files: &[SourceFile]) -> Vec<Problem> {
        files
            .iter()
            .filter(|f| !f.path.ends_with("glossary.toml"))
            .flat_map(|f| self.check(&f.path, &f.text))
            .collect()
    }
}
