//! Learning: the course overview with progress per module, lessons (completion decided on the
//! server from time actually spent), quizzes scored on the server with feedback, and short tasks,
//! as web pages (`pages.rs`) and JSON API (`api.rs`). Rules in `service.rs` and `tasks.rs`.

pub mod api;
pub mod markdown;
pub mod pages;
pub mod quiz;
pub mod service;
pub mod task_pages;
pub mod tasks;
pub mod tokens;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/learn", get(pages::overview))
        .route("/learn/lessons/{id}", get(pages::lesson))
        .route("/learn/lessons/{id}/heartbeat", post(pages::heartbeat))
        .route("/learn/lessons/{id}/done", post(pages::done))
        .route("/media/{id}", get(crate::media::serve))
        .route("/api/v1/media/{id}", get(crate::media::serve))
        .route("/learn/modules/{id}/quiz", post(pages::start_quiz))
        .route(
            "/learn/quiz/{id}",
            get(pages::quiz).post(pages::submit_quiz),
        )
        .route(
            "/learn/tasks/{id}",
            get(task_pages::task).post(task_pages::submit_task),
        )
}
