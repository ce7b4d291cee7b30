-- Lesson videos and captions, watched spans, and authoring in the browser.

-- Where the player stood at the last credited heartbeat, and the stretches of the lesson's video
-- proved watched at normal speed (JSON [[start_ms, end_ms], ...], disjoint and sorted).
ALTER TABLE lesson_progress ADD COLUMN video_position_ms BIGINT;
ALTER TABLE lesson_progress ADD COLUMN watched TEXT;

-- Videos and captions of lessons, kept in the object store under object_key. The newest row of a
-- (lesson, language, kind) is the one shown; rows are never changed, so a media id is immutable.
CREATE TABLE media (
    id UUID PRIMARY KEY,
    lesson_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    object_key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    duration_ms BIGINT,
    sha256 TEXT NOT NULL,
    -- rendered (from the script: what it was made from, so a re-render skips unchanged ones) or
    -- uploaded (by a content admin)
    source TEXT NOT NULL,
    source_hash TEXT,
    created_by UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_lesson_idx ON media (lesson_id, lang, kind, created_at);

-- The content files each published version was made from, so any version can be exported back
-- to the content/ format and becomes the starting point of the next draft.
CREATE TABLE course_version_files (
    version_id UUID NOT NULL REFERENCES course_versions (id),
    path TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (version_id, path)
);

-- The draft content admins edit in the browser: the content tree as files, published as a new
-- version when it passes every check.
CREATE TABLE content_draft_files (
    path TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_by UUID REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL
);
