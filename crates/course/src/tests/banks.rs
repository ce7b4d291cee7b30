//! The quiz pool and the final-test pool: each big enough, and never sharing a question.

use super::*;

#[test]
fn too_few_questions_for_the_blueprint() {
    let p = problems_after(|f| {
        edit(
            f,
            "course.toml",
            "questions_per_module = 8",
            "questions_per_module = 9",
        )
    });
    assert_eq!(
        p,
        vec![
            "content/modules/01-m/questions.toml:1: the final test needs at least 18 questions marked use = \"final\" in this module (2 × 9 drawn); this one has 16"
        ]
    );
    let p = problems_after(|f| {
        edit(
            f,
            "module.toml",
            "quiz_questions = 10",
            "quiz_questions = 50",
        )
    });
    assert!(
        p.iter()
            .any(|m| m.contains("the quiz bank needs at least 50 questions; this one has 42")),
        "{p:?}"
    );
}

/// Quiz feedback names the best answer, so a final-test question must never be one a quiz can
/// show: not under its own id (the pools are apart), not as a copy under another id.
#[test]
fn a_final_test_question_cannot_appear_in_a_quiz() {
    let course = load(&valid()).unwrap();
    let m = &course.modules[0];
    let quiz: std::collections::HashSet<&str> = m.quiz_bank().map(|q| q.id.as_str()).collect();
    assert!(m.final_bank().iter().all(|q| !quiz.contains(q.id.as_str())));

    // A copy of a quiz question's prompt (in other case and spacing) marked final is refused.
    let p = problems_after(|f| {
        edit(
            f,
            "questions.toml",
            "prompt.en = \"What do you do in case m-f03?\"",
            "prompt.en = \"what do you do in case  M-Q07 ?\"",
        )
    });
    assert_eq!(
        p,
        vec![
            "content/modules/01-m/questions.toml:972: question m-f03: a final-test question may not appear in a quiz, and its prompt is the prompt of quiz question m-q07"
        ]
    );
    // The same in Urdu alone.
    let p = problems_after(|f| edit(f, "questions.toml", "صورت m-f05 میں", "صورت m-q11 میں"));
    assert!(
        p[0].contains("question m-f05: a final-test question may not appear in a quiz, and its prompt is the prompt of quiz question m-q11"),
        "{p:?}"
    );
    // An unknown pool is named.
    let p = problems_after(|f| edit(f, "questions.toml", "use = \"final\"", "use = \"exam\""));
    assert!(
        p[0].contains("use = \"exam\" is not known; write \"quiz\" (the default) or \"final\""),
        "{p:?}"
    );
}
