//! Authoring in the browser: only content admins; a file is saved only if it parses; the draft
//! is published only when it passes every check; edits are audited and exported back to the
//! content/ format.

use std::io::Read;

use crate::harness::{TestApp, extract_between};
use crate::learning::with_course;
use crate::on_both;

async fn sign_in(app: &TestApp, identifier: &str, password: &str) -> String {
    app.clear_cookies();
    let csrf = app.csrf("/sign-in").await;
    let (status, _, _) = app
        .post_form(
            "/sign-in",
            &[
                ("_csrf", &csrf),
                ("identifier", identifier),
                ("password", password),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, _, html) = app.get_page("/author").await;
    extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap_or_default()
}

/// The editor's hidden fields for a file: (base fingerprint, text).
async fn open_file(app: &TestApp, query: &str) -> Vec<(String, String, String)> {
    let (status, _, html) = app.get_page(&format!("/author/edit?{query}")).await;
    assert_eq!(status, 200, "{html}");
    let mut out = vec![];
    for i in 0..2 {
        let Some(path) = extract_between(&html, &format!("name=\"path_{i}\" value=\""), "\"")
        else {
            break;
        };
        let base = extract_between(&html, &format!("name=\"base_{i}\" value=\""), "\"").unwrap();
        let text = extract_between(
            &html,
            &format!("name=\"text_{i}\" rows=\"24\""),
            "</textarea>",
        )
        .map(|t| t.split_once('>').unwrap().1.to_owned())
        .unwrap();
        out.push((path, base, unescape(&text)));
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

on_both! {
    // Only content admins author; everyone else is refused, and changes nothing.
    async fn only_content_admins_author(app) {
        with_course(&app).await;
        let t = app.trainee(401).await;
        sign_in(&app, &t.cnic, &t.password).await;
        assert_eq!(app.get_page("/author").await.0, 403);
        let csrf = app.csrf("/learn").await;
        assert_eq!(app.post_form("/author/publish", &[("_csrf", &csrf)]).await.0, 403);
        assert_eq!(app.post_form("/author/edit", &[("_csrf", &csrf), ("path_0", "course.toml"), ("base_0", ""), ("text_0", "x")]).await.0, 403);
        for (role, n) in [("grader", 1), ("administrator", 2), ("protector_officer", 3)] {
            let s = app.staff(role, n).await;
            sign_in(&app, &s.mobile, &s.password).await;
            assert_eq!(app.get_page("/author").await.0, 403, "{role}");
            assert_eq!(app.get_page("/author/export").await.0, 403, "{role}");
        }
        assert_eq!(app.count("content_draft_files").await, 0);
        let admin = app.staff("content_admin", 4).await;
        sign_in(&app, &admin.mobile, &admin.password).await;
        let (status, _, html) = app.get_page("/author").await;
        assert_eq!(status, 200);
        assert!(html.contains("modules/01-communication/questions.toml"));
    }

    // Edit both languages of a lesson, see the preview, publish a new version; a bad file is
    // refused with its line and changes nothing; a stale editor cannot overwrite a newer save.
    async fn edit_preview_publish_and_export(app) {
        with_course(&app).await;
        let before = app.count("course_versions").await;
        let admin = app.staff("content_admin", 5).await;
        let csrf = sign_in(&app, &admin.mobile, &admin.password).await;

        // A question bank opens in the editor with a link to its preview, which shows both
        // languages and the key (without the editor: the bank is not sent twice).
        let (status, _, html) = app.get_page("/author/edit?path=modules/01-communication/questions.toml").await;
        assert_eq!(status, 200);
        assert!(html.contains("<textarea") && !html.contains("class=\"mark\""), "{html}");
        assert!(html.contains("href=\"/author/edit?path=modules/01-communication/questions.toml&#38;preview=1\""), "{html}");
        let (status, _, html) = app.get_page("/author/edit?path=modules/01-communication/questions.toml&preview=1").await;
        assert_eq!(status, 200);
        assert!(html.contains("com-q01") && html.contains("class=\"mark\">✓</span>"), "{html}");
        assert!(!html.contains("<textarea"), "{html}");

        // A syntax error: refused with file and line; the draft is unchanged.
        let course = open_file(&app, "path=course.toml").await;
        let (path, base, text) = &course[0];
        let broken = format!("{text}\nthis is = = not toml\n");
        let (status, _, html) = app.post_form("/author/edit", &[("_csrf", &csrf), ("path_0", path), ("base_0", base), ("text_0", &broken)]).await;
        assert_eq!(status, 422);
        assert!(html.contains(&format!("course.toml:{}", text.lines().count() + 2)), "{html}");
        assert_eq!(open_file(&app, "path=course.toml").await[0].2, *text);

        // A new version label.
        let label = extract_between(text, "version = \"", "\"").unwrap();
        let relabelled = text.replace(&format!("version = \"{label}\""), "version = \"test-2\"");
        let (status, _, _) = app.post_form("/author/edit", &[("_csrf", &csrf), ("path_0", path), ("base_0", base), ("text_0", &relabelled)]).await;
        assert_eq!(status, 303);
        // The old editor (stale fingerprint) cannot overwrite it.
        let (status, _, html) = app.post_form("/author/edit", &[("_csrf", &csrf), ("path_0", path), ("base_0", base), ("text_0", text)]).await;
        assert_eq!(status, 422);
        assert!(html.contains("someone saved this file"), "{html}");

        // A lesson in both languages, with the preview.
        let (_, _, overview) = app.get_page("/author").await;
        let lesson = extract_between(&overview, "/author/edit?lesson=", "\"").unwrap();
        let files = open_file(&app, &format!("lesson={lesson}")).await;
        assert_eq!(files.len(), 2);
        assert!(files[0].0.ends_with(".en.md") && files[1].0.ends_with(".ur.md"));
        let en = files[0].2.replacen("\n## ", "\n## Edited heading for review\n\nA new sentence for the workers on the site.\n\n## ", 1);
        let fields = [("_csrf", csrf.as_str()), ("path_0", &files[0].0), ("base_0", &files[0].1), ("text_0", &en), ("path_1", &files[1].0), ("base_1", &files[1].1), ("text_1", &files[1].2)];
        let (status, headers, _) = app.post_form("/author/edit", &fields).await;
        assert_eq!(status, 303);
        let (_, _, page) = app.get_page(headers["location"].to_str().unwrap()).await;
        assert!(page.contains("<h2>Edited heading for review</h2>"), "the preview shows the lesson as trainees see it");

        // Publish: a new version, audited; trainees who start now get it.
        let (status, headers, _) = app.post_form("/author/publish", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 303, "publish");
        assert!(headers["location"].to_str().unwrap().contains("version=test-2"));
        assert_eq!(app.count("course_versions").await, before + 1);
        let latest = psk_store::course::latest(app.state.db.ex()).await.unwrap().unwrap();
        assert_eq!(latest.label, "test-2");
        assert!(latest.content.contains("Edited heading for review"));
        let actions = app.audit_actions().await;
        for a in ["content.draft_started", "content.draft_saved", "content.published"] {
            assert!(actions.contains(&a.to_owned()), "{a} audited");
        }
        // Publishing again changes nothing.
        let (_, headers, _) = app.post_form("/author/publish", &[("_csrf", &csrf)]).await;
        assert!(headers["location"].to_str().unwrap().contains("notice=unchanged"));

        // Other content under a label already used is refused.
        let files = open_file(&app, &format!("lesson={lesson}")).await;
        let en2 = files[0].2.replace("A new sentence for the workers on the site.", "Another sentence.");
        app.post_form("/author/edit", &[("_csrf", &csrf), ("path_0", &files[0].0), ("base_0", &files[0].1), ("text_0", &en2)]).await;
        let (status, _, html) = app.post_form("/author/publish", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 422);
        assert!(html.contains("already published with other content"), "{html}");
        assert_eq!(app.count("course_versions").await, before + 1);

        // A new file: a path the tree has no place for is refused and nothing is added; a good one
        // joins the draft.
        let files_before = app.count("content_draft_files").await;
        let (status, _, html) = app.post_form("/author/new", &[("_csrf", &csrf), ("path", "../etc/notes.md"), ("text", "x")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("no place in the content tree"), "{html}");
        assert_eq!(app.count("content_draft_files").await, files_before);
        let lesson_text = "+++\nid = \"com-9\"\nkind = \"reading\"\ntitle = \"A draft lesson\"\n+++\n\n## Heading\n\nText.\n";
        let (status, _, _) = app.post_form("/author/new", &[("_csrf", &csrf), ("path", "modules/01-communication/lessons/09-draft.en.md"), ("text", lesson_text)]).await;
        assert_eq!(status, 303);
        assert_eq!(app.count("content_draft_files").await, files_before + 1);
        let (status, _, _) = app.post_form("/author/new", &[("_csrf", &csrf), ("path", "modules/01-communication/lessons/09-draft.en.md"), ("text", lesson_text)]).await;
        assert_eq!(status, 422, "a path already in the draft is opened, not added twice");
        app.post_form("/author/delete", &[("_csrf", &csrf), ("path", "modules/01-communication/lessons/09-draft.en.md")]).await;

        // A draft that breaks a course rule (a lesson file removed) cannot be published.
        app.post_form("/author/delete", &[("_csrf", &csrf), ("path", &files[1].0)]).await;
        let (status, _, html) = app.post_form("/author/publish", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 422);
        assert!(html.contains("problems"), "{html}");
        assert_eq!(app.count("course_versions").await, before + 1);

        // Export: the published version's files, as content/, pass `content check` again.
        let res = app.get_page("/author/export").await;
        assert_eq!(res.0, 200);
        let (_, _, _) = res;
        let bytes = reqwest::Client::new().get(format!("{}/author/export", app.base)).header("cookie", format!("pss_session={}", app.cookie("pss_session").unwrap())).send().await.unwrap().bytes().await.unwrap();
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
        let mut names = vec![];
        for entry in tar.entries().unwrap() {
            let mut e = entry.unwrap();
            let name = e.path().unwrap().display().to_string();
            if name == "content/course.toml" {
                let mut s = String::new();
                e.read_to_string(&mut s).unwrap();
                assert!(s.contains("version = \"test-2\""));
            }
            names.push(name);
        }
        assert!(names.iter().any(|n| n.ends_with("questions.toml")));
        // Start again from the published version, then export it with the command's code.
        app.post_form("/author/restart", &[("_csrf", &csrf)]).await;
        let files = softskills::authoring::service::export_files(&app.state, true).await.unwrap();
        let out = app.dir.join("exported");
        softskills::authoring::service::write_tree(&out, &files).unwrap();
        let course = softskills::content::check(&out).expect("the export is valid content");
        assert_eq!(course.version, "test-2");
    }

    // Captions and videos are uploaded for video lessons only, recognised by their bytes.
    async fn uploads_are_checked(app) {
        let course = with_course(&app).await;
        let video_lesson = course.modules.iter().flat_map(|m| m.lessons.iter()).find(|l| l.kind == psk_course::LessonKind::Video).unwrap().id.clone();
        let reading = course.modules.iter().flat_map(|m| m.lessons.iter()).find(|l| l.kind == psk_course::LessonKind::Reading).unwrap().id.clone();
        let admin = app.staff("content_admin", 6).await;
        let csrf = sign_in(&app, &admin.mobile, &admin.password).await;
        let upload = |lesson: String, bytes: &'static [u8], name: &'static str| {
            let form = reqwest::multipart::Form::new()
                .text("_csrf", csrf.clone())
                .text("lesson", lesson)
                .text("lang", "ur")
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
                .post(format!("{}/author/media", app.base))
                .header("cookie", format!("pss_session={}; pss_csrf={}", app.cookie("pss_session").unwrap(), app.cookie("pss_csrf").unwrap()))
                .multipart(form)
                .send()
        };
        let vtt: &'static [u8] = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nسلام\n".as_bytes();
        let res = upload(video_lesson.clone(), vtt, "ur.vtt").await.unwrap();
        assert_eq!(res.status(), 303);
        let res = upload(video_lesson.clone(), b"<html>not a video</html>", "x.webm").await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("WebVTT"));
        let res = upload(reading, vtt, "ur.vtt").await.unwrap();
        assert_eq!(res.status(), 422);
        assert_eq!(app.count("media").await, 1);
        assert!(app.audit_actions().await.contains(&"media.uploaded".to_owned()));
    }
}
