//! The rules of questions and tasks: both languages everywhere, and an answer key that points
//! somewhere for every kind.

use std::collections::HashSet;

use crate::parse::{SourceFile, line_of, toml_file};
use crate::raw::*;
use crate::validate::{Checker, text};
use crate::*;

impl Checker {
    fn choices(&mut self, path: &str, line: usize, what: &str, raw: Vec<RawChoice>) -> Vec<Choice> {
        let mut seen = HashSet::new();
        raw.into_iter()
            .map(|o| {
                if !seen.insert(o.id.clone()) {
                    self.at(
                        path,
                        line,
                        format!("{what}: option id \"{}\" is used twice", o.id),
                    );
                }
                let t = text(o.text);
                self.both(path, line, &format!("{what}: option \"{}\"", o.id), &t);
                Choice {
                    id: o.id,
                    text: t,
                    correct: o.correct,
                    position: o.position,
                    credit: o.credit,
                }
            })
            .collect()
    }

    /// The answer key rules of each kind (content/README.md).
    fn key(&mut self, path: &str, line: usize, what: &str, kind: &str, options: &[Choice]) {
        let n = options.len();
        let correct = options.iter().filter(|o| o.correct).count();
        match kind {
            "single" if !(3..=4).contains(&n) || correct != 1 => {
                self.at(path, line, format!("{what}: a single-choice question needs 3–4 options and exactly one correct (has {n} options, {correct} correct)"))
            }
            "multiple" if !(4..=5).contains(&n) || correct < 2 || correct == n => {
                self.at(path, line, format!("{what}: a multiple-choice question needs 4–5 options, two or more correct and at least one wrong (has {n}, {correct} correct)"))
            }
            "true_false" => {
                let mut ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                ids.sort();
                if ids != ["false", "true"] || correct != 1 {
                    self.at(path, line, format!("{what}: a true/false question needs options \"true\" and \"false\", exactly one correct"));
                }
            }
            "ordering" => {
                let mut pos: Vec<u32> = options.iter().filter_map(|o| o.position).collect();
                pos.sort();
                if !(3..=5).contains(&n) || pos != (1..=n as u32).collect::<Vec<_>>() {
                    self.at(path, line, format!("{what}: an ordering needs 3–5 options with positions 1..{n}, each once (the answer key points nowhere)"));
                }
            }
            "scenario" => {
                let credits: Vec<f64> = options.iter().map(|o| o.credit.unwrap_or(-1.0)).collect();
                let full = credits.iter().filter(|c| **c == 1.0).count();
                let partial = credits.iter().filter(|c| **c == 0.5).count();
                if !(3..=4).contains(&n) || credits.iter().any(|c| !(0.0..=1.0).contains(c)) || full != 1 || partial < 1 {
                    self.at(path, line, format!("{what}: a scenario needs 3–4 options with credit 0.0–1.0, exactly one 1.0 and at least one 0.5"));
                }
            }
            "single" | "multiple" | "matching" | "reflection" => {}
            other => self.at(path, line, format!("{what}: unknown kind \"{other}\"")),
        }
    }

    pub(crate) fn questions(&mut self, f: &SourceFile, lessons: &HashSet<String>) -> Vec<Question> {
        let Some(raw) = toml_file::<RawQuestions>(f, &mut self.problems) else {
            return vec![];
        };
        let mut out = vec![];
        for q in raw.question {
            let line = line_of(&f.text, q.id.span().start);
            let id = q.id.into_inner();
            let what = format!("question {id}");
            self.id(&id, &f.path, line);
            if !lessons.contains(&q.lesson) {
                self.at(
                    &f.path,
                    line,
                    format!(
                        "{what}: lesson \"{}\" is not a lesson of this module",
                        q.lesson
                    ),
                );
            }
            let (prompt, explanation) = (text(q.prompt), text(q.explanation));
            self.both(&f.path, line, &format!("{what}: prompt"), &prompt);
            self.both(&f.path, line, &format!("{what}: explanation"), &explanation);
            let options = self.choices(&f.path, line, &what, q.option);
            self.key(&f.path, line, &what, &q.kind, &options);
            let kind = match q.kind.as_str() {
                "single" => QuestionKind::Single,
                "multiple" => QuestionKind::Multiple,
                "true_false" => QuestionKind::TrueFalse,
                "ordering" => QuestionKind::Ordering,
                "scenario" => QuestionKind::Scenario,
                _ => {
                    if q.kind == "matching" || q.kind == "reflection" {
                        self.at(
                            &f.path,
                            line,
                            format!("{what}: \"{}\" is a task kind, not a question kind", q.kind),
                        );
                    }
                    continue;
                }
            };
            let used_in = match q.used_in.as_deref() {
                None | Some("quiz") => QuestionUse::Quiz,
                Some("final") => QuestionUse::Final,
                Some(other) => {
                    self.at(
                        &f.path,
                        line,
                        format!("{what}: use = \"{other}\" is not known; write \"quiz\" (the default) or \"final\""),
                    );
                    continue;
                }
            };
            out.push(Question {
                id,
                lesson: q.lesson,
                kind,
                used_in,
                prompt,
                explanation,
                options,
            });
        }
        out
    }

    pub(crate) fn tasks(&mut self, f: &SourceFile, lessons: &HashSet<String>) -> Vec<Task> {
        let Some(raw) = toml_file::<RawTasks>(f, &mut self.problems) else {
            return vec![];
        };
        let mut out = vec![];
        for t in raw.task {
            let line = line_of(&f.text, t.id.span().start);
            let id = t.id.into_inner();
            let what = format!("task {id}");
            self.id(&id, &f.path, line);
            if !lessons.contains(&t.lesson) {
                self.at(
                    &f.path,
                    line,
                    format!(
                        "{what}: lesson \"{}\" is not a lesson of this module",
                        t.lesson
                    ),
                );
            }
            let (title, prompt) = (text(t.title), text(t.prompt));
            self.both(&f.path, line, &format!("{what}: title"), &title);
            self.both(&f.path, line, &format!("{what}: prompt"), &prompt);
            let options = self.choices(&f.path, line, &what, t.option);
            let pairs: Vec<(Text, Text)> = t
                .pair
                .into_iter()
                .map(|p| (text(p.left), text(p.right)))
                .collect();
            for (l, r) in &pairs {
                self.both(&f.path, line, &format!("{what}: pair"), l);
                self.both(&f.path, line, &format!("{what}: pair"), r);
            }
            let rubric: Vec<Text> = t.rubric.into_iter().map(|r| text(r.text)).collect();
            for r in &rubric {
                self.both(&f.path, line, &format!("{what}: rubric criterion"), r);
            }
            let kind = match t.kind.as_str() {
                "scenario" => TaskKind::Scenario,
                "ordering" => TaskKind::Ordering,
                "matching" => TaskKind::Matching,
                "reflection" => TaskKind::Reflection,
                other => {
                    self.at(&f.path, line, format!("{what}: unknown kind \"{other}\" (scenario, ordering, matching or reflection)"));
                    continue;
                }
            };
            match kind {
                TaskKind::Scenario | TaskKind::Ordering => {
                    self.key(&f.path, line, &what, &t.kind, &options)
                }
                TaskKind::Matching if pairs.len() < 3 => self.at(
                    &f.path,
                    line,
                    format!("{what}: a matching task needs at least 3 pairs"),
                ),
                TaskKind::Reflection => {
                    let ok =
                        matches!((t.min_words, t.max_words), (Some(a), Some(b)) if a >= 1 && a < b);
                    if !ok || !(3..=4).contains(&rubric.len()) {
                        self.at(&f.path, line, format!("{what}: a reflection needs min_words < max_words and 3–4 rubric criteria"));
                    }
                }
                TaskKind::Matching => {}
            }
            out.push(Task {
                id,
                lesson: t.lesson,
                kind,
                title,
                prompt,
                options,
                pairs,
                min_words: t.min_words,
                max_words: t.max_words,
                rubric,
            });
        }
        out
    }
}
