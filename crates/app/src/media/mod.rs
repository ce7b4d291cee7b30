//! Lesson videos and captions in the object store (a local directory by default, any
//! S3-compatible store in production), served with HTTP range requests so a phone can seek and
//! resume without fetching the whole file. `render.rs` makes narrated slide videos from lesson
//! scripts; uploads by content admins come through `authoring`.

pub mod background;
pub mod spool;

pub use spool::{Spooled, save_file};
mod save;
pub use save::{probe_duration_file, probe_duration_ms, save};
mod encode;
pub mod render;
pub mod slides;
mod soundtrack;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use futures_util::StreamExt;
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, ObjectStore};
use psk_store::media::MediaRow;

use uuid::Uuid;

use crate::auth::session::CurrentUser;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The object store behind lesson media.
pub type Store = Arc<dyn ObjectStore>;

/// Opens the configured store: `local` creates its directory, `s3` reads the standard AWS
/// credential variables.
pub fn open_store(cfg: &Config) -> anyhow::Result<Store> {
    match cfg.media.store.as_str() {
        "s3" => {
            let mut b = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(&cfg.media.s3_bucket)
                .with_region(&cfg.media.s3_region);
            if !cfg.media.s3_endpoint.is_empty() {
                b = b
                    .with_endpoint(&cfg.media.s3_endpoint)
                    .with_allow_http(cfg.media.s3_endpoint.starts_with("http://"));
            }
            Ok(Arc::new(b.build()?))
        }
        _ => {
            let dir = cfg
                .media
                .dir
                .clone()
                .unwrap_or_else(|| cfg.data_dir.join("media"));
            std::fs::create_dir_all(&dir)?;
            Ok(Arc::new(
                object_store::local::LocalFileSystem::new_with_prefix(&dir)?,
            ))
        }
    }
}

/// The kinds of file a lesson has, recognised from their first bytes (never from a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WebM,
    Mp4,
    WebVtt,
    /// A video's poster: the frame shown before play.
    Jpeg,
}

impl Format {
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
            Some(Format::WebM)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.len() > 8 && &bytes[4..8] == b"ftyp" {
            Some(Format::Mp4)
        } else if text.starts_with(b"WEBVTT")
            && text
                .get(6)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            Some(Format::WebVtt)
        } else {
            None
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::WebM => "video/webm",
            Format::Mp4 => "video/mp4",
            Format::WebVtt => "text/vtt; charset=utf-8",
            Format::Jpeg => "image/jpeg",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::WebM => "webm",
            Format::Mp4 => "mp4",
            Format::WebVtt => "vtt",
            Format::Jpeg => "jpg",
        }
    }
    pub fn kind(self) -> &'static str {
        match self {
            Format::WebVtt => "captions",
            Format::Jpeg => "poster",
            Format::WebM | Format::Mp4 => "video",
        }
    }
}

/// A new video or captions file for a lesson.
pub struct NewMedia<'a> {
    pub lesson_id: &'a str,
    pub lang: &'a str,
    pub format: Format,
    pub duration_ms: Option<i64>,
    /// `rendered` or `uploaded`
    pub source: &'a str,
    pub source_hash: Option<String>,
    pub created_by: Option<Uuid>,
}

/// What a lesson page plays: a video (in the page's language if there is one, else the
/// other) and the captions of both languages.
#[derive(Debug, Clone, Default)]
pub struct LessonMedia {
    pub video: Option<MediaRow>,
    pub captions: Vec<MediaRow>,
    /// The frame shown before play (rendered videos have one).
    pub poster: Option<MediaRow>,
}

pub async fn for_lesson(st: &AppState, lesson_id: &str, lang: &str) -> AppResult<LessonMedia> {
    let rows = psk_store::media::for_lesson(st.db.ex(), lesson_id).await?;
    let mut videos: Vec<&MediaRow> = rows.iter().filter(|m| m.kind == "video").collect();
    videos.sort_by_key(|m| m.lang != lang);
    let mut captions: Vec<MediaRow> = rows
        .iter()
        .filter(|m| m.kind == "captions")
        .cloned()
        .collect();
    captions.sort_by_key(|m| m.lang != lang);
    let video = videos.first().map(|m| (*m).clone());
    // The poster made with this video (the same rendering), if it has one.
    let poster = video.as_ref().and_then(|v| {
        rows.iter()
            .find(|m| {
                m.kind == "poster" && m.source_hash.is_some() && m.source_hash == v.source_hash
            })
            .cloned()
    });
    Ok(LessonMedia {
        video,
        captions,
        poster,
    })
}

/// A range header that cannot be satisfied (answered 416).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsatisfiable;

/// A `Range: bytes=…` header against an object of `size` bytes: `Ok(None)` for the whole
/// object, `Ok(Some((first, last)))` inclusive, `Err(Unsatisfiable)` otherwise. Several ranges
/// in one header are answered with the first (players ask for one).
pub fn parse_range(header: &str, size: u64) -> Result<Option<(u64, u64)>, Unsatisfiable> {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Ok(None);
    };
    let first = spec.split(',').next().unwrap_or("").trim();
    let (a, b) = first.split_once('-').ok_or(Unsatisfiable)?;
    let (a, b) = (a.trim(), b.trim());
    if size == 0 {
        return Err(Unsatisfiable);
    }
    let (start, end) = if a.is_empty() {
        let n: u64 = b.parse().map_err(|_| Unsatisfiable)?;
        if n == 0 {
            return Err(Unsatisfiable);
        }
        (size.saturating_sub(n), size - 1)
    } else {
        let start: u64 = a.parse().map_err(|_| Unsatisfiable)?;
        let end = if b.is_empty() {
            size - 1
        } else {
            b.parse::<u64>().map_err(|_| Unsatisfiable)?.min(size - 1)
        };
        (start, end)
    };
    if start > end || start >= size {
        return Err(Unsatisfiable);
    }
    Ok(Some((start, end)))
}

/// `GET /media/{id}` (web) and `/api/v1/media/{id}` (app, bearer token): a lesson video or
/// captions file for signed-in people, with range
/// requests. A media id never changes, so it may be cached for good.
pub async fn serve(
    State(st): State<AppState>,
    _me: CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let row = psk_store::media::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let size = row.bytes as u64;
    let etag = format!("\"{}\"", row.sha256);
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let range = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        // A conditional range for another version of the file gets the whole file.
        Some(r)
            if headers
                .get(header::IF_RANGE)
                .is_none_or(|v| v.as_bytes() == etag.as_bytes()) =>
        {
            match parse_range(r, size) {
                Ok(r) => r,
                Err(Unsatisfiable) => {
                    return Ok((
                        StatusCode::RANGE_NOT_SATISFIABLE,
                        [(header::CONTENT_RANGE, format!("bytes */{size}"))],
                    )
                        .into_response());
                }
            }
        }
        _ => None,
    };
    let opts = GetOptions {
        range: range.map(|(a, b)| GetRange::Bounded(a..b + 1)),
        ..Default::default()
    };
    let got = st
        .media
        .get_opts(&ObjectPath::from(row.object_key.as_str()), opts)
        .await
        .map_err(anyhow::Error::from)?;
    let stream = got
        .into_stream()
        .map(|chunk| chunk.map_err(std::io::Error::other));
    let mut res = Response::new(Body::from_stream(stream));
    if range.is_some() {
        *res.status_mut() = StatusCode::PARTIAL_CONTENT;
    }
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&row.content_type).map_err(anyhow::Error::from)?,
    );
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(anyhow::Error::from)?,
    );
    match range {
        Some((a, b)) => {
            h.insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes {a}-{b}/{size}"))
                    .map_err(anyhow::Error::from)?,
            );
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(b - a + 1));
        }
        None => {
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
        }
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_players_send_them() {
        assert_eq!(parse_range("bytes=0-", 100), Ok(Some((0, 99))));
        assert_eq!(parse_range("bytes=10-19", 100), Ok(Some((10, 19))));
        assert_eq!(parse_range("bytes=90-200", 100), Ok(Some((90, 99))));
        assert_eq!(parse_range("bytes=-10", 100), Ok(Some((90, 99))));
        assert_eq!(parse_range("bytes=-500", 100), Ok(Some((0, 99))));
        assert_eq!(parse_range("bytes=0-9, 20-29", 100), Ok(Some((0, 9))));
        assert_eq!(parse_range("items=0-9", 100), Ok(None));
        assert_eq!(parse_range("bytes=100-", 100), Err(Unsatisfiable));
        assert_eq!(parse_range("bytes=20-10", 100), Err(Unsatisfiable));
        assert_eq!(parse_range("bytes=-0", 100), Err(Unsatisfiable));
        assert_eq!(parse_range("bytes=abc", 100), Err(Unsatisfiable));
    }

    #[test]
    fn files_are_recognised_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"WEBVTT\n\n00:00.000"), Some(Format::WebVtt));
        assert_eq!(Format::sniff(b"\xEF\xBB\xBFWEBVTT\n"), Some(Format::WebVtt));
        assert_eq!(Format::sniff(b"WEBVTTX"), None);
        assert_eq!(
            Format::sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0, 0]),
            Some(Format::WebM)
        );
        assert_eq!(Format::sniff(b"\0\0\0\x20ftypisom\0\0"), Some(Format::Mp4));
        assert_eq!(Format::sniff(b"<html>"), None);
    }
}
