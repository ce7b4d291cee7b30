//! Scoring an answer against a question's key, per question type. Pure, so every rule is
//! unit-tested; the server never sends the key to the client.

use crate::{Choice, QuestionKind};

/// What a trainee chose: option ids (one for single, true/false and scenario; a set for multiple;
/// the full order for ordering).
pub type Answer = [String];

/// The credit earned, from 0.0 to 1.0.
pub fn score(kind: QuestionKind, options: &[Choice], answer: &Answer) -> f64 {
    let known = |id: &String| options.iter().any(|o| &o.id == id);
    if answer.is_empty() || !answer.iter().all(known) {
        return 0.0;
    }
    let find = |id: &str| options.iter().find(|o| o.id == id);
    match kind {
        QuestionKind::Single | QuestionKind::TrueFalse => {
            if answer.len() == 1 && find(&answer[0]).is_some_and(|o| o.correct) {
                1.0
            } else {
                0.0
            }
        }
        // All or nothing: exactly the correct set.
        QuestionKind::Multiple => {
            let mut chosen: Vec<&str> = answer.iter().map(String::as_str).collect();
            chosen.sort();
            chosen.dedup();
            let mut right: Vec<&str> = options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.as_str())
                .collect();
            right.sort();
            if chosen == right { 1.0 } else { 0.0 }
        }
        // The whole order, every option once.
        QuestionKind::Ordering => {
            let mut right: Vec<&Choice> = options.iter().collect();
            right.sort_by_key(|o| o.position);
            let right: Vec<&str> = right.iter().map(|o| o.id.as_str()).collect();
            if answer.len() == right.len() && answer.iter().map(String::as_str).eq(right) {
                1.0
            } else {
                0.0
            }
        }
        // The best response earns full credit, a good-but-not-best one partial credit.
        QuestionKind::Scenario => {
            if answer.len() == 1 {
                find(&answer[0])
                    .and_then(|o| o.credit)
                    .unwrap_or(0.0)
                    .clamp(0.0, 1.0)
            } else {
                0.0
            }
        }
    }
}

/// The answer that earns full credit: the correct option(s), the best scenario response, or the
/// whole order (for fixtures, load scenarios and graders' keys; never sent to a trainee).
pub fn best_answer(kind: QuestionKind, options: &[Choice]) -> Vec<&Choice> {
    let mut best: Vec<&Choice> = match kind {
        QuestionKind::Ordering => options.iter().collect(),
        QuestionKind::Scenario => options.iter().filter(|o| o.credit == Some(1.0)).collect(),
        _ => options.iter().filter(|o| o.correct).collect(),
    };
    best.sort_by_key(|o| o.position);
    best
}

/// The percentage of `earned` out of `total` questions, rounded down.
pub fn percent(earned: f64, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        ((earned / total as f64) * 100.0 + 1e-9).floor() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Text;

    fn opt(id: &str, correct: bool, position: Option<u32>, credit: Option<f64>) -> Choice {
        Choice {
            id: id.into(),
            text: Text::default(),
            correct,
            position,
            credit,
        }
    }

    fn a(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_and_true_false() {
        let o = [
            opt("a", false, None, None),
            opt("b", true, None, None),
            opt("c", false, None, None),
        ];
        assert_eq!(score(QuestionKind::Single, &o, &a(&["b"])), 1.0);
        assert_eq!(score(QuestionKind::Single, &o, &a(&["a"])), 0.0);
        assert_eq!(
            score(QuestionKind::Single, &o, &a(&["a", "b"])),
            0.0,
            "two choices are not one"
        );
        assert_eq!(score(QuestionKind::Single, &o, &a(&[])), 0.0);
        assert_eq!(
            score(QuestionKind::Single, &o, &a(&["z"])),
            0.0,
            "unknown ids earn nothing"
        );
        let tf = [
            opt("true", false, None, None),
            opt("false", true, None, None),
        ];
        assert_eq!(score(QuestionKind::TrueFalse, &tf, &a(&["false"])), 1.0);
    }

    #[test]
    fn multiple_is_all_or_nothing() {
        let o = [
            opt("a", true, None, None),
            opt("b", true, None, None),
            opt("c", false, None, None),
            opt("d", false, None, None),
        ];
        assert_eq!(score(QuestionKind::Multiple, &o, &a(&["b", "a"])), 1.0);
        assert_eq!(score(QuestionKind::Multiple, &o, &a(&["a"])), 0.0);
        assert_eq!(score(QuestionKind::Multiple, &o, &a(&["a", "b", "c"])), 0.0);
        assert_eq!(
            score(QuestionKind::Multiple, &o, &a(&["a", "a", "b"])),
            1.0,
            "repeats count once"
        );
    }

    #[test]
    fn ordering_needs_the_whole_order() {
        let o = [
            opt("x", false, Some(2), None),
            opt("y", false, Some(1), None),
            opt("z", false, Some(3), None),
        ];
        assert_eq!(score(QuestionKind::Ordering, &o, &a(&["y", "x", "z"])), 1.0);
        assert_eq!(score(QuestionKind::Ordering, &o, &a(&["x", "y", "z"])), 0.0);
        assert_eq!(score(QuestionKind::Ordering, &o, &a(&["y", "x"])), 0.0);
    }

    #[test]
    fn scenario_gives_partial_credit() {
        let o = [
            opt("a", false, None, Some(1.0)),
            opt("b", false, None, Some(0.5)),
            opt("c", false, None, Some(0.0)),
        ];
        assert_eq!(score(QuestionKind::Scenario, &o, &a(&["a"])), 1.0);
        assert_eq!(score(QuestionKind::Scenario, &o, &a(&["b"])), 0.5);
        assert_eq!(score(QuestionKind::Scenario, &o, &a(&["c"])), 0.0);
    }

    #[test]
    fn the_best_answer_earns_full_credit() {
        let cases = [
            (
                QuestionKind::Single,
                vec![opt("a", false, None, None), opt("b", true, None, None)],
            ),
            (
                QuestionKind::Multiple,
                vec![
                    opt("a", true, None, None),
                    opt("b", false, None, None),
                    opt("c", true, None, None),
                ],
            ),
            (
                QuestionKind::Ordering,
                vec![
                    opt("x", false, Some(2), None),
                    opt("y", false, Some(1), None),
                    opt("z", false, Some(3), None),
                ],
            ),
            (
                QuestionKind::Scenario,
                vec![
                    opt("a", false, None, Some(0.5)),
                    opt("b", false, None, Some(1.0)),
                ],
            ),
        ];
        for (kind, o) in cases {
            let best: Vec<String> = best_answer(kind, &o).iter().map(|c| c.id.clone()).collect();
            assert_eq!(score(kind, &o, &best), 1.0, "{kind:?}: {best:?}");
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(7.0, 10), 70);
        assert_eq!(percent(6.5, 10), 65);
        assert_eq!(percent(2.0, 3), 66);
        assert_eq!(percent(0.0, 0), 0);
    }
}
