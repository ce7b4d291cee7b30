-- The course (SQLite twin of migrations/postgres/0002): versions, enrollments and progress. A version is the whole validated
-- course as one JSON document and never changes after import; trainees keep the version they
-- started. Completion is decided here, on the server.

CREATE TABLE course_versions (
    id BLOB PRIMARY KEY,
    label TEXT NOT NULL,
    -- SHA-256 of the stored document: importing the same content twice makes no new version.
    checksum TEXT NOT NULL,
    content TEXT NOT NULL,
    imported_by BLOB REFERENCES users (id),
    imported_at TEXT NOT NULL,
    CONSTRAINT course_versions_checksum_key UNIQUE (checksum)
);
CREATE INDEX course_versions_imported_idx ON course_versions (imported_at);

CREATE TABLE enrollments (
    user_id BLOB PRIMARY KEY REFERENCES users (id),
    course_version_id BLOB NOT NULL REFERENCES course_versions (id),
    started_at TEXT NOT NULL,
    -- The learning clock: the last moment credited to any lesson of this trainee, so the same
    -- seconds are never credited to two lessons (parallel tabs or scripts).
    clock_at TEXT,
    -- "Continue where I left off", on any device.
    last_lesson_id TEXT
);

CREATE TABLE lesson_progress (
    user_id BLOB NOT NULL REFERENCES users (id),
    lesson_id TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    last_heartbeat_at TEXT,
    credited_seconds INTEGER NOT NULL,
    completed_at TEXT,
    PRIMARY KEY (user_id, lesson_id)
);

-- A quiz attempt keeps the questions and option order it drew; the answer key stays in the
-- course version and is never sent to the client.
CREATE TABLE quiz_attempts (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    module_id TEXT NOT NULL,
    drawn TEXT NOT NULL,
    answers TEXT,
    score_percent INTEGER,
    passed BOOLEAN,
    started_at TEXT NOT NULL,
    submitted_at TEXT
);
CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id, module_id);

CREATE TABLE task_submissions (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id),
    task_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    score_percent INTEGER,
    -- done (auto-scored or accepted), awaiting_grading (a sampled reflection), returned (redo)
    status TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    graded_by BLOB REFERENCES users (id),
    graded_at TEXT,
    grade_note TEXT
);
CREATE INDEX task_submissions_user_idx ON task_submissions (user_id, task_id);
CREATE INDEX task_submissions_status_idx ON task_submissions (status, submitted_at);
