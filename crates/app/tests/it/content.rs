//! The course content: the repository's own content passes the check with the required counts,
//! an import is one transaction (a bad file changes nothing), and serve imports on a fresh database.

use std::path::{Path, PathBuf};

use crate::on_both;

fn repo_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn the_course_passes_the_check_with_the_required_counts() {
    let course = softskills::content::check(&repo_content()).unwrap_or_else(|e| match e {
        softskills::content::ContentError::Invalid(p) => panic!(
            "{}",
            p.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => panic!("{other}"),
    });
    let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["com", "team", "lead", "prof", "safe"]);
    let (_, lessons, questions, tasks) = course.counts();
    assert!(
        lessons >= 15 && questions >= 200 && tasks >= 10,
        "{lessons} lessons, {questions} questions, {tasks} tasks"
    );
    for m in &course.modules {
        assert!(
            m.lessons.len() >= 3 && m.questions.len() >= 40 && m.tasks.len() >= 2,
            "{}",
            m.id
        );
        assert!(
            m.lessons
                .iter()
                .all(|l| l.words_en >= 300 && l.words_ur >= 300),
            "{}",
            m.id
        );
    }
}

on_both! {
    async fn import_is_atomic_and_idempotent(app) {
        let dir = app.dir.join("content");
        copy_tree(&repo_content(), &dir);
        // A broken file: nothing is published.
        let q = dir.join("modules/01-communication/questions.toml");
        let good = std::fs::read_to_string(&q).unwrap();
        std::fs::write(&q, good.replacen("correct = true", "correct = false", 1)).unwrap();
        let err = softskills::content::import(&app.state, &dir, None).await.unwrap_err();
        match err {
            softskills::content::ContentError::Invalid(p) => assert!(p[0].path.ends_with("questions.toml") && p[0].line > 1, "{p:?}"),
            other => panic!("{other}"),
        }
        assert_eq!(app.count("course_versions").await, 0);
        // Fixed: published once; the same content again makes no new version.
        std::fs::write(&q, good).unwrap();
        let first = softskills::content::import(&app.state, &dir, None).await.unwrap();
        assert!(first.new);
        let again = softskills::content::import(&app.state, &dir, None).await.unwrap();
        assert!(!again.new);
        assert_eq!(again.version_id, first.version_id);
        assert_eq!(app.count("course_versions").await, 1);
        assert!(app.audit_actions().await.contains(&"content.published".to_owned()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_imports_the_course_on_a_fresh_database() {
    let dir = std::env::temp_dir().join(format!("psk-content-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.content_dir = repo_content();
    let app = crate::harness::TestApp::start(cfg, dir, None).await;
    assert_eq!(app.count("course_versions").await, 1);
}
