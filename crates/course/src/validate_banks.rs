//! The rule that keeps the final test apart from the quizzes: a module's two pools, each big
//! enough, and no final-test question that a quiz can show under another id.

use std::collections::HashMap;

use crate::parse::line_of;
use crate::validate::{Checker, FINAL_POOL_FACTOR, MIN_QUESTIONS};
use crate::*;

impl Checker {
    /// A module's two pools: the quiz pool (at least [`MIN_QUESTIONS`], enough for a quiz) and the
    /// final-test-only pool (at least [`FINAL_POOL_FACTOR`] times the test's draw). A final-test
    /// question must not be a quiz question under another id: the same prompt, in either
    /// language, after case, spacing and punctuation are set aside, is refused.
    pub(crate) fn banks(
        &mut self,
        (path, text): (&str, &str),
        questions: &[Question],
        quiz_draw: usize,
        test_draw: usize,
    ) {
        let (quiz, fin): (Vec<&Question>, Vec<&Question>) = questions
            .iter()
            .partition(|q| q.used_in == QuestionUse::Quiz);
        if quiz.len() < MIN_QUESTIONS.max(quiz_draw) {
            self.at(
                path,
                1,
                format!(
                    "the quiz bank needs at least {} questions; this one has {}",
                    MIN_QUESTIONS.max(quiz_draw),
                    quiz.len()
                ),
            );
        }
        let needed = FINAL_POOL_FACTOR * test_draw;
        if fin.len() < needed {
            self.at(
                path,
                1,
                format!(
                    "the final test needs at least {needed} questions marked use = \"final\" in this module ({FINAL_POOL_FACTOR} × {test_draw} drawn); this one has {}",
                    fin.len()
                ),
            );
        }
        let mut seen: HashMap<String, &str> = HashMap::new();
        for q in &quiz {
            for p in [&q.prompt.en, &q.prompt.ur] {
                seen.insert(fingerprint(p), &q.id);
            }
        }
        for q in &fin {
            let twin = [&q.prompt.en, &q.prompt.ur]
                .into_iter()
                .find_map(|p| seen.get(&fingerprint(p)));
            if let Some(twin) = twin {
                let at = text.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                self.at(
                    path,
                    line_of(text, at),
                    format!(
                        "question {}: a final-test question may not appear in a quiz, and its prompt is the prompt of quiz question {twin}",
                        q.id
                    ),
                );
            }
        }
    }
}

/// A prompt with case, spacing and punctuation set aside, to find the same question under two ids.
fn fingerprint(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
