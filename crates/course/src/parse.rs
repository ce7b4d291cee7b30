//! Reading the content files into a [`Course`], collecting every problem with its place.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use crate::raw::*;
use crate::validate::Checker;
use crate::{Course, Problem};

/// One file of the content tree: its path (as shown in messages) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// The line of a byte offset (1-based).
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Parses a TOML file; a syntax or shape error becomes a problem at its line.
pub(crate) fn toml_file<T: DeserializeOwned>(
    file: &SourceFile,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e.span().map(|s| line_of(&file.text, s.start)).unwrap_or(1);
            problems.push(Problem {
                path: file.path.clone(),
                line,
                message: e.message().trim().to_owned(),
            });
            None
        }
    }
}

/// The files of one module folder.
#[derive(Default)]
pub(crate) struct ModuleFiles<'a> {
    pub dir: String,
    pub module: Option<&'a SourceFile>,
    pub questions: Option<&'a SourceFile>,
    pub tasks: Option<&'a SourceFile>,
    /// stem (`01-slug`) → (English file, Urdu file)
    pub lessons: BTreeMap<String, (Option<&'a SourceFile>, Option<&'a SourceFile>)>,
    pub stray: Vec<&'a SourceFile>,
}

/// Loads the whole course. `files` are the content tree's files with paths under one root that
/// holds `course.toml`.
pub fn load(files: &[SourceFile]) -> Result<Course, Vec<Problem>> {
    let mut problems = vec![];
    let Some(course_file) = files
        .iter()
        .find(|f| f.path.ends_with("course.toml") && !f.path.contains("modules/"))
    else {
        return Err(vec![Problem {
            path: "content/course.toml".into(),
            line: 1,
            message: "course.toml is missing".into(),
        }]);
    };
    let root = course_file.path.trim_end_matches("course.toml").to_owned();
    let settings_file = files
        .iter()
        .find(|f| f.path == format!("{root}settings.toml"));
    let mut modules: BTreeMap<String, ModuleFiles> = BTreeMap::new();
    for f in files {
        let Some(rest) = f.path.strip_prefix(&format!("{root}modules/")) else {
            continue;
        };
        let Some((dir, name)) = rest.split_once('/') else {
            continue;
        };
        let m = modules
            .entry(dir.to_owned())
            .or_insert_with(|| ModuleFiles {
                dir: format!("{root}modules/{dir}"),
                ..Default::default()
            });
        match name {
            "module.toml" => m.module = Some(f),
            "questions.toml" => m.questions = Some(f),
            "tasks.toml" => m.tasks = Some(f),
            _ => match name.strip_prefix("lessons/") {
                Some(file) if file.ends_with(".en.md") => {
                    m.lessons
                        .entry(file.trim_end_matches(".en.md").to_owned())
                        .or_default()
                        .0 = Some(f)
                }
                Some(file) if file.ends_with(".ur.md") => {
                    m.lessons
                        .entry(file.trim_end_matches(".ur.md").to_owned())
                        .or_default()
                        .1 = Some(f)
                }
                _ => m.stray.push(f),
            },
        }
    }
    let raw_course: Option<RawCourse> = toml_file(course_file, &mut problems);
    let settings: Option<RawSettings> = match settings_file {
        Some(f) => toml_file(f, &mut problems),
        None => {
            problems.push(Problem {
                path: format!("{root}settings.toml"),
                line: 1,
                message: "settings.toml is missing".into(),
            });
            None
        }
    };
    // The glossary is optional; when present, its variants are flagged everywhere.
    if let Some(f) = files
        .iter()
        .find(|f| f.path == format!("{root}glossary.toml"))
        && let Some(g) = toml_file::<crate::glossary::Glossary>(f, &mut problems)
    {
        problems.extend(g.problems(&f.path));
        problems.extend(g.check_files(files));
    }
    let (Some(raw_course), Some(settings)) = (raw_course, settings) else {
        return Err(problems);
    };
    let mut checker = Checker::new(problems);
    let course = checker.course(
        course_file,
        raw_course,
        settings,
        modules.into_values().collect(),
    );
    let problems = checker.finish();
    if problems.is_empty() {
        Ok(course)
    } else {
        Err(problems)
    }
}

/// Splits a lesson file into its front matter (with the line the body starts on) and body.
pub(crate) fn front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let fm = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.trim_start_matches(['\r', '\n']);
    let body_line = line_of(text, text.len() - body.len());
    Some((fm, body.trim_end(), body_line))
}

/// Checks one file on its own: that its name has a place in the content tree and that it parses
/// as what that place holds. The whole-course rules (ids, references, counts) need [`load`].
/// Paths are relative to the content root (`modules/01-communication/questions.toml`).
pub fn check_file(file: &SourceFile) -> Vec<Problem> {
    let mut problems = vec![];
    let slug = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let parts: Vec<&str> = file.path.split('/').collect();
    let at = |line: usize, message: String| Problem {
        path: file.path.clone(),
        line,
        message,
    };
    match parts.as_slice() {
        ["course.toml"] => {
            toml_file::<RawCourse>(file, &mut problems);
        }
        ["settings.toml"] => {
            toml_file::<RawSettings>(file, &mut problems);
        }
        ["glossary.toml"] => {
            if let Some(g) = toml_file::<crate::glossary::Glossary>(file, &mut problems) {
                problems.extend(g.problems(&file.path));
            }
        }
        ["modules", dir, "module.toml"] if slug(dir) => {
            toml_file::<RawModule>(file, &mut problems);
        }
        ["modules", dir, "questions.toml"] if slug(dir) => {
            toml_file::<RawQuestions>(file, &mut problems);
        }
        ["modules", dir, "tasks.toml"] if slug(dir) => {
            toml_file::<RawTasks>(file, &mut problems);
        }
        ["modules", dir, "lessons", name]
            if slug(dir)
                && [".en.md", ".ur.md"]
                    .iter()
                    .any(|ext| name.strip_suffix(ext).is_some_and(slug)) =>
        {
            match front_matter(&file.text) {
                None => problems.push(at(
                    1,
                    "the file must start with front matter between +++ lines".into(),
                )),
                Some((fm, _, _)) => {
                    let fm_file = SourceFile {
                        path: file.path.clone(),
                        text: fm.to_owned(),
                    };
                    // Front matter starts on line 2 of the file.
                    let mut inner = vec![];
                    toml_file::<RawFrontMatter>(&fm_file, &mut inner);
                    problems.extend(inner.into_iter().map(|mut p| {
                        p.line += 1;
                        p
                    }));
                }
            }
        }
        _ => problems.push(at(
            1,
            "this file has no place in the content tree: use course.toml, settings.toml, glossary.toml, \
             modules/<folder>/module.toml, questions.toml, tasks.toml or \
             modules/<folder>/lessons/<name>.en.md / .ur.md (lower-case letters, digits and -)"
                .into(),
        )),
    }
    problems
}
