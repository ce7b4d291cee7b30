//! Each rule of the content check, on a generated course that passes, broken one way at a time.

use super::*;

mod banks;

fn words(n: usize, word: &str) -> String {
    let mut s = String::from("## A heading\n\n");
    for i in 0..n {
        s.push_str(word);
        s.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    s
}

fn lesson(id: &str, kind: &str, title: &str, body: &str) -> String {
    format!("+++\nid = \"{id}\"\nkind = \"{kind}\"\ntitle = \"{title}\"\n+++\n\n{body}\n")
}

fn question(id: &str, lesson: &str) -> String {
    format!(
        "[[question]]\nid = \"{id}\"\nlesson = \"{lesson}\"\nkind = \"single\"\nprompt.en = \"What do you do in case {id}?\"\nprompt.ur = \"صورت {id} میں آپ کیا کریں گے؟\"\n\
         explanation.en = \"Because.\"\nexplanation.ur = \"کیونکہ۔\"\n\
         [[question.option]]\nid = \"a\"\ntext.en = \"Ask\"\ntext.ur = \"پوچھیں\"\ncorrect = true\n\
         [[question.option]]\nid = \"b\"\ntext.en = \"Guess\"\ntext.ur = \"اندازہ\"\n\
         [[question.option]]\nid = \"c\"\ntext.en = \"Wait\"\ntext.ur = \"انتظار\"\n\n"
    )
}

/// A final-test-only question.
fn final_question(id: &str, lesson: &str) -> String {
    question(id, lesson).replacen(
        "kind = \"single\"\n",
        "kind = \"single\"\nuse = \"final\"\n",
        1,
    )
}

const TASKS: &str = "[[task]]\nid = \"m-t1\"\nlesson = \"m-1\"\nkind = \"ordering\"\ntitle.en = \"Order\"\ntitle.ur = \"ترتیب\"\nprompt.en = \"Put in order\"\nprompt.ur = \"ترتیب دیں\"\n\
[[task.option]]\nid = \"a\"\ntext.en = \"One\"\ntext.ur = \"ایک\"\nposition = 1\n\
[[task.option]]\nid = \"b\"\ntext.en = \"Two\"\ntext.ur = \"دو\"\nposition = 2\n\
[[task.option]]\nid = \"c\"\ntext.en = \"Three\"\ntext.ur = \"تین\"\nposition = 3\n\n\
[[task]]\nid = \"m-t2\"\nlesson = \"m-2\"\nkind = \"reflection\"\ntitle.en = \"Think\"\ntitle.ur = \"سوچیں\"\nprompt.en = \"Write\"\nprompt.ur = \"لکھیں\"\nmin_words = 40\nmax_words = 150\n\
[[task.rubric]]\ntext.en = \"Names the risk\"\ntext.ur = \"خطرہ بتاتا ہے\"\n\
[[task.rubric]]\ntext.en = \"Says whom to tell\"\ntext.ur = \"کسے بتانا ہے\"\n\
[[task.rubric]]\ntext.en = \"Is polite\"\ntext.ur = \"شائستہ ہے\"\n";

/// A small course that passes every rule.
pub(super) fn valid() -> Vec<SourceFile> {
    let f = |p: &str, t: String| SourceFile {
        path: format!("content/{p}"),
        text: t,
    };
    let mut files = vec![
        f("course.toml", "version = \"t1\"\ntitle.en = \"Course\"\ntitle.ur = \"کورس\"\nmodules = [\"m\"]\n[final_test]\nquestions_per_module = 8\nminutes = 45\npass_percent = 60\nattempts = 3\nhours_between_attempts = 24\n".into()),
        f("settings.toml", "[setting.opf_helpline]\nen = \"OPF helpline\"\nur = \"او پی ایف ہیلپ لائن\"\n".into()),
        f("modules/01-m/module.toml", "id = \"m\"\norder = 1\ntitle.en = \"M\"\ntitle.ur = \"م\"\nsummary.en = \"S\"\nsummary.ur = \"س\"\nquiz_questions = 10\npass_percent = 70\nlessons = [\"m-1\", \"m-2\", \"m-3\"]\n".into()),
        f("modules/01-m/tasks.toml", TASKS.into()),
    ];
    for (i, kind) in [(1, "reading"), (2, "video"), (3, "reading")] {
        let body_en = format!("{}\nCall {{{{setting:opf_helpline}}}}.", words(310, "work"));
        files.push(f(
            &format!("modules/01-m/lessons/0{i}-l.en.md"),
            lesson(&format!("m-{i}"), kind, "Title", &body_en),
        ));
        files.push(f(
            &format!("modules/01-m/lessons/0{i}-l.ur.md"),
            lesson(&format!("m-{i}"), kind, "عنوان", &words(310, "کام")),
        ));
    }
    let mut qs: String = (1..=42)
        .map(|n| question(&format!("m-q{n:02}"), &format!("m-{}", n % 3 + 1)))
        .collect();
    qs.extend((1..=16).map(|n| final_question(&format!("m-f{n:02}"), &format!("m-{}", n % 3 + 1))));
    files.push(f("modules/01-m/questions.toml", qs));
    files
}

pub(super) fn problems_after(change: impl FnOnce(&mut Vec<SourceFile>)) -> Vec<String> {
    let mut files = valid();
    change(&mut files);
    load(&files)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

pub(super) fn edit(files: &mut [SourceFile], suffix: &str, from: &str, to: &str) {
    let f = files.iter_mut().find(|f| f.path.ends_with(suffix)).unwrap();
    assert!(f.text.contains(from), "{from} not in {suffix}");
    f.text = f.text.replacen(from, to, 1);
}

#[test]
fn the_valid_course_loads() {
    let course = load(&valid()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(course.counts(), (1, 3, 58, 2));
    let m = &course.modules[0];
    assert_eq!(m.quiz_bank().count(), 42);
    assert_eq!(m.final_bank().len(), 16);
    assert!(m.quiz_bank().all(|q| q.id.starts_with("m-q")));
    assert!(m.final_bank().iter().all(|q| q.id.starts_with("m-f")));
    assert_eq!(course.modules[0].lessons[1].kind, LessonKind::Video);
    assert!(course.modules[0].lessons[0].words_en >= 300);
    // It survives storage as JSON unchanged.
    let json = serde_json::to_string(&course).unwrap();
    assert_eq!(serde_json::from_str::<Course>(&json).unwrap(), course);
}

#[test]
fn missing_translation() {
    let p = problems_after(|f| {
        edit(
            f,
            "questions.toml",
            "prompt.ur = \"صورت m-q01 میں آپ کیا کریں گے؟\"\n",
            "",
        )
    });
    assert_eq!(
        p,
        vec![
            "content/modules/01-m/questions.toml:2: question m-q01: prompt: the Urdu translation is missing"
        ]
    );
    let p = problems_after(|f| f.retain(|f| !f.path.ends_with("02-l.ur.md")));
    assert!(p[0].starts_with("content/modules/01-m/lessons/02-l.en.md:1: missing translation: lessons/02-l.ur.md does not exist"), "{p:?}");
}

#[test]
fn answer_key_pointing_nowhere() {
    let p = problems_after(|f| edit(f, "questions.toml", "correct = true\n", ""));
    assert_eq!(
        p,
        vec![
            "content/modules/01-m/questions.toml:2: question m-q01: a single-choice question needs 3–4 options and exactly one correct (has 3 options, 0 correct)"
        ]
    );
    let p = problems_after(|f| edit(f, "tasks.toml", "position = 3", "position = 4"));
    assert!(
        p[0].contains("task m-t1: an ordering needs 3–5 options with positions 1..3"),
        "{p:?}"
    );
}

#[test]
fn duplicate_ids() {
    let p = problems_after(|f| edit(f, "questions.toml", "id = \"m-q02\"", "id = \"m-q01\""));
    assert!(
        p.iter().any(|m| m.contains(
            "duplicate id \"m-q01\" (first used at content/modules/01-m/questions.toml:2)"
        )),
        "{p:?}"
    );
}

#[test]
fn size_rules() {
    let p = problems_after(|f| {
        let q = f
            .iter_mut()
            .find(|f| f.path.ends_with("questions.toml"))
            .unwrap();
        q.text = (1..=30)
            .map(|n| question(&format!("m-q{n:02}"), "m-1"))
            .collect();
    });
    assert!(
        p.iter()
            .any(|m| m.contains("needs at least 40 questions; this one has 30")),
        "{p:?}"
    );
    let p = problems_after(|f| edit(f, "01-l.en.md", &words(310, "work"), &words(100, "work")));
    assert!(
        p.iter().any(|m| m.starts_with(
            "content/modules/01-m/lessons/01-l.en.md:7: a lesson needs at least 300 words"
        )),
        "{p:?}"
    );
}

#[test]
fn settings_and_references() {
    let p = problems_after(|f| edit(f, "01-l.en.md", "setting:opf_helpline", "setting:opf_phone"));
    assert!(
        p.iter()
            .any(|m| m.contains("unknown setting \"opf_phone\"")),
        "{p:?}"
    );
    let p = problems_after(|f| edit(f, "module.toml", "\"m-3\"]", "\"m-3\", \"m-9\"]"));
    assert!(
        p.iter().any(|m| m
            .contains("module.toml:9: lesson \"m-9\" is listed but no lesson file has that id")),
        "{p:?}"
    );
    let p = problems_after(|f| edit(f, "questions.toml", "lesson = \"m-2\"", "lesson = \"x-1\""));
    assert!(
        p.iter()
            .any(|m| m.contains("lesson \"x-1\" is not a lesson of this module")),
        "{p:?}"
    );
}

#[test]
fn syntax_errors_have_their_line() {
    let p = problems_after(|f| {
        edit(
            f,
            "tasks.toml",
            "kind = \"reflection\"",
            "kind = reflection",
        )
    });
    assert!(
        p[0].starts_with("content/modules/01-m/tasks.toml:"),
        "{p:?}"
    );
    let line: usize = p[0].split(':').nth(1).unwrap().parse().unwrap();
    assert!(line > 10, "{p:?}");
    let p = problems_after(|f| edit(f, "course.toml", "attempts = 3", "attempts = \"three\""));
    assert!(p[0].starts_with("content/course.toml:9:"), "{p:?}");
}

#[test]
fn one_file_is_checked_on_its_own_with_its_line() {
    let f = |path: &str, text: &str| SourceFile {
        path: path.into(),
        text: text.into(),
    };
    assert!(crate::check_file(&f("course.toml", "version = \"1\"\n")).len() <= 1);
    let p = crate::check_file(&f(
        "modules/01-x/questions.toml",
        "[[question]]\nid = \"x\"\nprompt.en = \n",
    ));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 3);
    let p = crate::check_file(&f(
        "modules/01-x/lessons/01-a.ur.md",
        "+++\nid = \"a\"\nkind = 5\n+++\nbody",
    ));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].line, 3);
    let p = crate::check_file(&f("modules/01-x/lessons/01-a.md", "+++\n+++\n"));
    assert!(p[0].message.contains("no place"));
    let p = crate::check_file(&f("../etc/passwd", ""));
    assert!(p[0].message.contains("no place"));
    let p = crate::check_file(&f("modules/01-x/lessons/01-a.en.md", "no front matter"));
    assert!(p[0].message.contains("front matter"));
}

#[test]
fn a_setting_value_needs_its_source() {
    let sourced = "ur = \"او پی ایف ہیلپ لائن\"\nvalue = \"0800-00-000 (example)\"\nsource = \"https://opf.org.pk/ — Contact us (checked 2026-12-06)\"\n";
    let mut files = valid();
    edit(
        &mut files,
        "settings.toml",
        "ur = \"او پی ایف ہیلپ لائن\"\n",
        sourced,
    );
    let course = load(&files).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(
        course.setting_values["opf_helpline"].value,
        "0800-00-000 (example)"
    );
    assert!(
        course.setting_values["opf_helpline"]
            .source
            .starts_with("https://opf.org.pk/")
    );
    let p = problems_after(|f| {
        edit(
            f,
            "settings.toml",
            "ur = \"او پی ایف ہیلپ لائن\"\n",
            "ur = \"او پی ایف ہیلپ لائن\"\nvalue = \"0800-00-000 (example)\"\n",
        )
    });
    assert_eq!(
        p,
        vec![
            "content/settings.toml:1: setting \"opf_helpline\" has a value but no source: cite the official page it comes from"
        ]
    );
    let p = problems_after(|f| {
        edit(
            f,
            "settings.toml",
            "ur = \"او پی ایف ہیلپ لائن\"\n",
            "ur = \"او پی ایف ہیلپ لائن\"\nsource = \"https://opf.org.pk/\"\n",
        )
    });
    assert_eq!(
        p,
        vec!["content/settings.toml:1: setting \"opf_helpline\" has a source but no value"]
    );
    // A course stored before values were kept with the content still reads.
    let mut json: serde_json::Value = serde_json::to_value(load(&valid()).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("setting_values");
    assert!(
        serde_json::from_value::<Course>(json)
            .unwrap()
            .setting_values
            .is_empty()
    );
}

#[test]
fn glossary_variants_are_flagged_with_file_and_line() {
    let glossary = "[[term]]\nen = \"Protector of Emigrants\"\nur = \"پروٹیکٹر آف ایمیگرنٹس\"\navoid = [\"پروٹیکٹر آف امیگرنٹس\"]\n";
    let mut files = valid();
    files.push(SourceFile {
        path: "content/glossary.toml".into(),
        text: glossary.into(),
    });
    assert!(load(&files).is_ok(), "the right form passes");
    let ur = files
        .iter_mut()
        .find(|f| f.path.ends_with("01-l.ur.md"))
        .unwrap();
    ur.text.push_str("\nپروٹیکٹر آف امیگرنٹس سے ملیں۔\n");
    let lines = ur.text.lines().count();
    let p: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        p,
        vec![format!(
            "content/modules/01-m/lessons/01-l.ur.md:{lines}: \"پروٹیکٹر آف امیگرنٹس\" is not the glossary's Urdu for Protector of Emigrants: write \"پروٹیکٹر آف ایمیگرنٹس\" (glossary.toml)"
        )]
    );
    // A variant inside the right form would flag right text: the glossary itself is refused.
    let bad = "[[term]]\nen = \"OEC\"\nur = \"OEC\"\navoid = [\"OE\"]\n";
    let p = check_file(&SourceFile {
        path: "glossary.toml".into(),
        text: bad.into(),
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("occurs inside a right form"));
}
