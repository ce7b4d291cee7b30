//! Grading: a sample of written reflections (`learning.reflection_sample_percent`) waits for a
//! grader, who scores it against the task's rubric and accepts it (the task is done) or returns
//! it with a note (the trainee writes it again). Grading is blind: graders never see who wrote it.

pub mod pages;
pub mod service;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/grading", get(pages::queue))
        .route("/grading/{id}", get(pages::form).post(pages::submit))
}
