//! Lesson videos: served with range requests, credited only as they play at normal speed,
//! complete at the configured share; rendered from the script with ffmpeg and espeak-ng.

use std::path::Path;

use reqwest::Method;
use serde_json::{Value, json};
use softskills::media::{Format, NewMedia};

use crate::harness::{TestApp, Trainee};
use crate::learning::with_course;
use crate::on_both;

/// The id of a video lesson of the course.
fn video_lesson(course: &psk_course::Course) -> String {
    course
        .modules
        .iter()
        .flat_map(|m| m.lessons.iter())
        .find(|l| l.kind == psk_course::LessonKind::Video)
        .expect("the course has video lessons")
        .id
        .clone()
}

/// Stores a video of `seconds` for a lesson (bytes that start like WebM; the tests never
/// decode it).
async fn fake_video(app: &TestApp, lesson: &str, lang: &str, seconds: i64) -> uuid::Uuid {
    let mut bytes = vec![0x1A, 0x45, 0xDF, 0xA3];
    bytes.extend((0..2000u32).map(|i| (i % 251) as u8));
    softskills::media::save(
        &app.state,
        NewMedia {
            lesson_id: lesson,
            lang,
            format: Format::WebM,
            duration_ms: Some(seconds * 1000),
            source: "uploaded",
            source_hash: None,
            created_by: None,
        },
        bytes.into(),
    )
    .await
    .unwrap()
    .id
}

async fn beat(app: &TestApp, t: &Trainee, lesson: &str, body: Value) -> reqwest::Response {
    app.request(
        Method::POST,
        &format!("/api/v1/learning/lessons/{lesson}/heartbeat"),
        Some(body),
        Some(&t.token),
        &[],
    )
    .await
}

on_both! {
    // A heartbeat claiming ten minutes after ten seconds proves ten seconds; the lesson
    // completes once 90 % of the video has been watched at normal speed, and not before.
    async fn video_completion_is_decided_on_the_server(app) {
        let course = with_course(&app).await;
        let lesson = video_lesson(&course);
        let other = course.modules[1].lessons[0].id.clone();
        let video = fake_video(&app, &lesson, "en", 60).await;
        let t = app.trainee(301).await;
        let opened: Value = app.get_api(&format!("/api/v1/learning/lessons/{lesson}"), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(opened["video"]["id"], video.to_string());
        assert_eq!(opened["video"]["duration_seconds"], 60.0);

        // Ten seconds pass; the player claims to be at the end.
        app.advance(10);
        let s: Value = beat(&app, &t, &lesson, json!({ "media": video, "position": 600.0 })).await.json().await.unwrap();
        // (The test clock runs on real time too, so a second may pass between requests.)
        let first = s["watched_seconds"].as_i64().unwrap();
        assert!((10..=12).contains(&first), "{first}");
        assert_eq!(s["completed"], false);
        // A script beating every second from the end proves nothing more.
        for _ in 0..20 {
            app.advance(1);
            let s: Value = beat(&app, &t, &lesson, json!({ "media": video, "position": 60.0 })).await.json().await.unwrap();
            assert_eq!(s["completed"], false);
        }
        // Watching from the start at normal speed: 15 s per 15 s.
        let mut pos = 0.0;
        let s: Value = beat(&app, &t, &lesson, json!({ "media": video, "position": pos })).await.json().await.unwrap();
        assert_eq!(s["completed"], false);
        let mut last = Value::Null;
        for _ in 0..3 {
            app.advance(15);
            pos += 15.0;
            last = beat(&app, &t, &lesson, json!({ "media": video, "position": pos })).await.json().await.unwrap();
        }
        // 0–45 s plus the last 10 s = 55 s of 60: over 90 %.
        let watched = last["watched_seconds"].as_i64().unwrap();
        assert!((55..=58).contains(&watched), "{watched}");
        assert_eq!(last["completed"], true);
        assert!(app.audit_actions().await.contains(&"lesson.completed".to_owned()));

        // A video of another lesson, or a position without a video, is refused.
        app.get_api(&format!("/api/v1/learning/lessons/{other}"), Some(&t.token)).await;
        let wrong = beat(&app, &t, &other, json!({ "media": video, "position": 5.0 })).await;
        assert_eq!(wrong.status(), 400);
        assert_eq!(wrong.json::<Value>().await.unwrap()["code"], "media_not_of_lesson");
        let wrong = beat(&app, &t, &other, json!({ "position": 5.0 })).await;
        assert_eq!(wrong.json::<Value>().await.unwrap()["code"], "media_position");
        let wrong = beat(&app, &t, &other, json!({ "media": video, "position": -1.0 })).await;
        assert_eq!(wrong.status(), 400);
    }

    // Videos are served to signed-in people with byte ranges (seek and resume on a phone).
    async fn media_is_served_with_ranges(app) {
        let course = with_course(&app).await;
        let lesson = video_lesson(&course);
        let video = fake_video(&app, &lesson, "ur", 30).await;
        let t = app.trainee(302).await;
        let path = format!("/api/v1/media/{video}");
        assert_eq!(app.get_api(&path, None).await.status(), 401);
        let full = app.get_api(&path, Some(&t.token)).await;
        assert_eq!(full.status(), 200);
        assert_eq!(full.headers()["accept-ranges"], "bytes");
        assert_eq!(full.headers()["content-type"], "video/webm");
        let etag = full.headers()["etag"].to_str().unwrap().to_owned();
        let all = full.bytes().await.unwrap();
        assert_eq!(all.len(), 2004);

        let part = app.request(Method::GET, &path, None, Some(&t.token), &[("range", "bytes=100-199")]).await;
        assert_eq!(part.status(), 206);
        assert_eq!(part.headers()["content-range"], "bytes 100-199/2004");
        assert_eq!(part.bytes().await.unwrap(), all.slice(100..200));
        let tail = app.request(Method::GET, &path, None, Some(&t.token), &[("range", "bytes=-4")]).await;
        assert_eq!(tail.bytes().await.unwrap(), all.slice(2000..));
        let bad = app.request(Method::GET, &path, None, Some(&t.token), &[("range", "bytes=5000-")]).await;
        assert_eq!(bad.status(), 416);
        assert_eq!(bad.headers()["content-range"], "bytes */2004");
        let cached = app.request(Method::GET, &path, None, Some(&t.token), &[("if-none-match", &etag)]).await;
        assert_eq!(cached.status(), 304);
        let missing = app.get_api(&format!("/api/v1/media/{}", uuid::Uuid::new_v4()), Some(&t.token)).await;
        assert_eq!(missing.status(), 404);

        // The lesson page plays it, with the transcript below and the reading route kept.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let (status, _, html) = app.get_page(&format!("/learn/lessons/{lesson}")).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("data-media=\"{video}\"")), "{html}");
        assert!(html.contains(&format!("action=\"/learn/lessons/{lesson}/done\"")));
        let (status, _, _) = app.get_page(&format!("/media/{video}")).await;
        assert_eq!(status, 200);
        let res = app.request(Method::GET, &path, None, Some(&t.token), &[("accept-encoding", "gzip")]).await;
        assert!(res.headers().get("content-encoding").is_none(), "videos are never re-compressed");
    }
}

/// `content render-videos`: a narrated slide video and its captions from a lesson's script, in
/// Urdu; rendering the same script again is skipped. Needs ffmpeg and espeak-ng (the README's
/// test command and `.ci/run` install them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn videos_are_rendered_from_the_script() {
    assert!(
        softskills::media::render::tools_available(),
        "ffmpeg and espeak-ng are needed: apt-get install ffmpeg espeak-ng"
    );
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let lesson = video_lesson(&course);
    let opts = softskills::media::render::Options {
        lesson: Some(lesson.clone()),
        lang: Some("ur".into()),
        first_slide_only: true,
        force: false,
        fonts_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts"),
    };
    let values = softskills::admin::settings::effective(&app.state, &course)
        .await
        .unwrap();
    let done = softskills::media::render::render_all(&app.state, &course, &values, &opts)
        .await
        .unwrap();
    assert_eq!(done.len(), 1);
    let ms = done[0].duration_ms.expect("rendered");
    assert!(ms > 2_000, "{ms} ms");
    let rows = psk_store::media::for_lesson(app.state.db.ex(), &lesson)
        .await
        .unwrap();
    let video = rows.iter().find(|m| m.kind == "video").unwrap();
    let captions = rows.iter().find(|m| m.kind == "captions").unwrap();
    // The poster: the first slide as a JPEG, made with this video (shown before play).
    let poster = rows.iter().find(|m| m.kind == "poster").unwrap();
    assert_eq!(poster.content_type, "image/jpeg");
    assert_eq!(poster.source_hash, video.source_hash);
    assert_eq!(video.lang, "ur");
    assert_eq!(video.content_type, "video/webm");
    assert!(video.bytes > 1000);
    // The stored file really is a video of the stated length.
    let t = app.trainee(303).await;
    let bytes = app
        .get_api(&format!("/api/v1/media/{}", video.id), Some(&t.token))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(Format::sniff(&bytes), Some(Format::WebM));
    let probed = softskills::media::probe_duration_ms(&bytes).await.unwrap();
    assert!(
        (probed - ms).abs() < 1_000,
        "probed {probed} ms, rendered {ms} ms"
    );
    let vtt = app
        .get_api(&format!("/api/v1/media/{}", captions.id), Some(&t.token))
        .await
        .text()
        .await
        .unwrap();
    assert!(vtt.starts_with("WEBVTT\n\n1\n00:00:00.000 --> "), "{vtt}");
    let first_sentence = vtt.lines().nth(4).unwrap();
    assert!(
        first_sentence
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "Urdu captions: {first_sentence}"
    );
    // Again: nothing changed, nothing rendered.
    let again = softskills::media::render::render_all(&app.state, &course, &values, &opts)
        .await
        .unwrap();
    assert!(again[0].duration_ms.is_none());
    assert_eq!(
        app.count("media").await,
        3,
        "the video, its captions and its poster"
    );
}
