//! Multipart uploads (files with their form), through the API and as a browser sends them.

use reqwest::header::{COOKIE, HeaderMap};
use reqwest::{Response, StatusCode};

use super::TestApp;

impl TestApp {
    /// A multipart POST through the API: text `fields` and at most one `file` (field, bytes).
    pub async fn upload_api(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
        token: Option<&str>,
    ) -> Response {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .multipart(multipart(fields, file));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// A browser-like multipart form POST (sends and keeps cookies).
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> (StatusCode, HeaderMap, String) {
        self.post_files(path, fields, file.into_iter().collect())
            .await
    }
}

/// A multipart form: text `fields` and at most one file (field name, bytes).
fn multipart(fields: &[(&str, &str)], file: Option<(&str, Vec<u8>)>) -> reqwest::multipart::Form {
    multipart_files(fields, file.into_iter().collect())
}

/// A multipart form with any number of files.
fn multipart_files(
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            name.to_owned(),
            reqwest::multipart::Part::bytes(bytes).file_name("upload"),
        );
    }
    form
}

impl TestApp {
    /// A multipart API request with several files.
    pub async fn upload_files(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: Vec<(&str, Vec<u8>)>,
    ) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .multipart(multipart_files(fields, files))
            .send()
            .await
            .expect("request sent")
    }

    /// A browser-like multipart POST with several files.
    pub async fn post_files(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: Vec<(&str, Vec<u8>)>,
    ) -> (StatusCode, HeaderMap, String) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .multipart(multipart_files(fields, files))
            .send()
            .await
            .unwrap();
        self.keep_cookies(res.headers());
        let (s, h) = (res.status(), res.headers().clone());
        (s, h, res.text().await.unwrap())
    }
}
