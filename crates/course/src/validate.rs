//! Every rule a published course must satisfy. Each problem names its file and line.

use std::collections::{HashMap, HashSet};

use crate::parse::{ModuleFiles, SourceFile, front_matter, line_of, toml_file};
use crate::raw::*;
use crate::*;

/// The course's required size (issue 3): per module at least this many lessons, each with at
/// least this many words in each language, questions in the bank and short tasks.
pub const MIN_LESSONS: usize = 3;
pub const MIN_WORDS: u32 = 300;
pub const MIN_QUESTIONS: usize = 40;
/// The final-test-only pool holds at least this many times the test's draw per module, so that a
/// second attempt can be drawn without repeats.
pub const FINAL_POOL_FACTOR: usize = 2;
pub const MIN_TASKS: usize = 2;

pub(crate) struct Checker {
    pub(crate) problems: Vec<Problem>,
    ids: HashMap<String, (String, usize)>,
    pub(crate) settings: HashSet<String>,
}

pub(crate) fn text(t: RawText) -> Text {
    Text {
        en: t.en.trim().to_owned(),
        ur: t.ur.trim().to_owned(),
    }
}

impl Checker {
    pub fn new(problems: Vec<Problem>) -> Self {
        Self {
            problems,
            ids: HashMap::new(),
            settings: HashSet::new(),
        }
    }

    pub fn finish(self) -> Vec<Problem> {
        self.problems
    }

    pub(crate) fn at(&mut self, path: &str, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            line,
            message: message.into(),
        });
    }

    /// Registers an id; a second use anywhere in the course is a problem.
    pub(crate) fn id(&mut self, id: &str, path: &str, line: usize) {
        if let Some((p, l)) = self.ids.get(id).cloned() {
            self.at(
                path,
                line,
                format!("duplicate id \"{id}\" (first used at {p}:{l})"),
            );
        } else {
            self.ids.insert(id.to_owned(), (path.to_owned(), line));
        }
    }

    pub(crate) fn both(&mut self, path: &str, line: usize, what: &str, t: &Text) {
        if t.en.is_empty() {
            self.at(path, line, format!("{what}: the English text is missing"));
        }
        if t.ur.is_empty() {
            self.at(
                path,
                line,
                format!("{what}: the Urdu translation is missing"),
            );
        }
    }

    pub fn course(
        &mut self,
        file: &SourceFile,
        raw: RawCourse,
        settings: RawSettings,
        dirs: Vec<ModuleFiles>,
    ) -> Course {
        let path = &file.path;
        let title = text(raw.title);
        self.both(path, 1, "course title", &title);
        self.settings = settings.setting.keys().cloned().collect();
        let bp = raw.final_test;
        let blueprint = Blueprint {
            questions_per_module: bp.questions_per_module,
            minutes: bp.minutes,
            pass_percent: bp.pass_percent,
            attempts: bp.attempts,
            hours_between_attempts: bp.hours_between_attempts,
        };
        if !(1..=100).contains(&blueprint.pass_percent)
            || blueprint.questions_per_module == 0
            || blueprint.minutes == 0
            || blueprint.attempts == 0
        {
            self.at(path, 1, "final_test: questions_per_module, minutes and attempts must be positive and pass_percent 1–100");
        }
        let mut modules: Vec<Module> = dirs
            .into_iter()
            .filter_map(|d| self.module(d, &blueprint))
            .collect();
        let mut ordered = vec![];
        for id in &raw.modules {
            let line = line_of(&file.text, id.span().start);
            match modules.iter().position(|m| &m.id == id.get_ref()) {
                Some(i) => ordered.push(modules.remove(i)),
                None => self.at(
                    path,
                    line,
                    format!(
                        "module \"{}\" is listed but no module folder has that id",
                        id.get_ref()
                    ),
                ),
            }
        }
        for m in &modules {
            self.at(
                path,
                1,
                format!(
                    "module \"{}\" has a folder but is not listed in `modules`",
                    m.id
                ),
            );
        }
        Course {
            version: raw.version,
            title,
            modules: ordered,
            final_test: blueprint,
            setting_values: self
                .setting_values(&path.replace("course.toml", "settings.toml"), &settings),
            settings: settings
                .setting
                .into_iter()
                .map(|(k, v)| {
                    let t = text(RawText { en: v.en, ur: v.ur });
                    (k, t)
                })
                .collect(),
        }
    }

    fn module(&mut self, d: ModuleFiles, bp: &Blueprint) -> Option<Module> {
        for f in &d.stray {
            self.at(&f.path, 1, "unexpected file (expected module.toml, questions.toml, tasks.toml or lessons/NN-slug.{en,ur}.md)");
        }
        let Some(mf) = d.module else {
            self.at(
                &format!("{}/module.toml", d.dir),
                1,
                "module.toml is missing",
            );
            return None;
        };
        let raw: RawModule = toml_file(mf, &mut self.problems)?;
        let path = mf.path.clone();
        let id = raw.id.get_ref().clone();
        self.id(&id, &path, line_of(&mf.text, raw.id.span().start));
        let (title, summary) = (text(raw.title), text(raw.summary));
        self.both(&path, 1, "title", &title);
        self.both(&path, 1, "summary", &summary);
        if !(1..=100).contains(&raw.pass_percent) {
            self.at(&path, 1, "pass_percent must be between 1 and 100");
        }

        let mut lessons_by_id: HashMap<String, Lesson> = HashMap::new();
        for (stem, (en, ur)) in &d.lessons {
            if let Some(l) = self.lesson(&d.dir, stem, *en, *ur) {
                lessons_by_id.insert(l.id.clone(), l);
            }
        }
        let mut lessons = vec![];
        for l in &raw.lessons {
            let line = line_of(&mf.text, l.span().start);
            match lessons_by_id.remove(l.get_ref()) {
                Some(lesson) => lessons.push(lesson),
                None => self.at(
                    &path,
                    line,
                    format!(
                        "lesson \"{}\" is listed but no lesson file has that id",
                        l.get_ref()
                    ),
                ),
            }
        }
        for id in lessons_by_id.keys() {
            self.at(
                &path,
                1,
                format!("lesson \"{id}\" has files but is not listed in `lessons`"),
            );
        }
        if lessons.len() < MIN_LESSONS {
            self.at(
                &path,
                1,
                format!(
                    "a module needs at least {MIN_LESSONS} lessons; this one has {}",
                    lessons.len()
                ),
            );
        }
        let lesson_ids: HashSet<String> = lessons.iter().map(|l| l.id.clone()).collect();

        let questions = match d.questions {
            Some(f) => self.questions(f, &lesson_ids),
            None => {
                self.at(
                    &format!("{}/questions.toml", d.dir),
                    1,
                    "questions.toml is missing",
                );
                vec![]
            }
        };
        let tasks = match d.tasks {
            Some(f) => self.tasks(f, &lesson_ids),
            None => {
                self.at(&format!("{}/tasks.toml", d.dir), 1, "tasks.toml is missing");
                vec![]
            }
        };
        let qpath = d
            .questions
            .map(|f| f.path.clone())
            .unwrap_or_else(|| path.clone());
        let qtext = d.questions.map(|f| f.text.as_str()).unwrap_or("");
        self.banks(
            (&qpath, qtext),
            &questions,
            raw.quiz_questions as usize,
            bp.questions_per_module as usize,
        );
        if tasks.len() < MIN_TASKS {
            let tpath = d.tasks.map(|f| f.path.clone()).unwrap_or(path.clone());
            self.at(
                &tpath,
                1,
                format!(
                    "a module needs at least {MIN_TASKS} tasks; this one has {}",
                    tasks.len()
                ),
            );
        }
        Some(Module {
            id,
            order: raw.order,
            title,
            summary,
            quiz_questions: raw.quiz_questions,
            pass_percent: raw.pass_percent,
            lessons,
            questions,
            tasks,
        })
    }

    fn lesson(
        &mut self,
        dir: &str,
        stem: &str,
        en: Option<&SourceFile>,
        ur: Option<&SourceFile>,
    ) -> Option<Lesson> {
        let (Some(en), Some(ur)) = (en, ur) else {
            let (have, missing) = if en.is_some() {
                ("en", "ur")
            } else {
                ("ur", "en")
            };
            self.at(
                &format!("{dir}/lessons/{stem}.{have}.md"),
                1,
                format!("missing translation: lessons/{stem}.{missing}.md does not exist"),
            );
            return None;
        };
        let mut parts = vec![];
        for f in [en, ur] {
            let Some((fm, body, body_line)) = front_matter(&f.text) else {
                self.at(
                    &f.path,
                    1,
                    "the file must start with front matter between +++ lines",
                );
                return None;
            };
            let meta: RawFrontMatter = match toml::from_str(fm) {
                Ok(m) => m,
                Err(e) => {
                    let line = e.span().map(|s| line_of(fm, s.start) + 1).unwrap_or(1);
                    self.at(&f.path, line, e.message().trim().to_owned());
                    return None;
                }
            };
            self.cited_settings(&f.path, body_line, body);
            if word_count(body) < MIN_WORDS {
                self.at(
                    &f.path,
                    body_line,
                    format!(
                        "a lesson needs at least {MIN_WORDS} words; this one has {}",
                        word_count(body)
                    ),
                );
            }
            parts.push((meta, body.to_owned()));
        }
        let (ur_meta, ur_body) = parts.pop().expect("two parts");
        let (en_meta, en_body) = parts.pop().expect("two parts");
        if en_meta.id != ur_meta.id || en_meta.kind != ur_meta.kind {
            self.at(
                &ur.path,
                2,
                format!(
                    "id and kind must match the English file (\"{}\", \"{}\")",
                    en_meta.id, en_meta.kind
                ),
            );
        }
        self.id(&en_meta.id, &en.path, 2);
        let kind = match en_meta.kind.as_str() {
            "reading" => LessonKind::Reading,
            "video" => LessonKind::Video,
            other => {
                self.at(
                    &en.path,
                    3,
                    format!("unknown lesson kind \"{other}\" (reading or video)"),
                );
                return None;
            }
        };
        let title = Text {
            en: en_meta.title.trim().into(),
            ur: ur_meta.title.trim().into(),
        };
        self.both(&en.path, 4, "title", &title);
        Some(Lesson {
            id: en_meta.id,
            kind,
            title,
            words_en: word_count(&en_body),
            words_ur: word_count(&ur_body),
            body: Text {
                en: en_body,
                ur: ur_body,
            },
        })
    }
}
