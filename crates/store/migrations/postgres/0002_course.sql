-- The course: published versions, enrollments and progress. A version is the whole validated
-- course as one JSON document and never changes after import; trainees keep the version they
-- started. Completion is decided here, on the server.

CREATE TABLE course_versions (
    id UUID PRIMARY KEY,
    label TEXT NOT NULL,
    -- SHA-256 of the stored document: importing the same content twice makes no new version.
    checksum TEXT NOT NULL,
    content TEXT NOT NULL,
    imported_by UUID REFERENCES users (id),
    imported_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT course_versions_checksum_key UNIQUE (checksum)
);
CREATE INDEX course_versions_imported_idx ON course_versions (imported_at);

CREATE TABLE enrollments (
    user_id UUID PRIMARY KEY REFERENCES users (id),
    course_version_id UUID NOT NULL REFERENCES course_versions (id),
    started_at TIMESTAMPTZ NOT NULL,
    -- The learning clock: the last moment credited to any lesson of this trainee, so the same
    -- seconds are never credited to two lessons (parallel tabs or scripts).
    clock_at TIMESTAMPTZ,
    -- "Continue where I left off", on any device.
    last_lesson_id TEXT
);

CREATE TABLE lesson_progress (
    user_id UUID NOT NULL REFERENCES users (id),
    lesson_id TEXT NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    last_heartbeat_at TIMESTAMPTZ,
    credited_seconds INTEGER NOT NULL,
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, lesson_id)
);

-- A quiz attempt keeps the questions and option order it drew; the answer key stays in the
-- course version and is never sent to the client.
CREATE TABLE quiz_attempts (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    module_id TEXT NOT NULL,
    drawn TEXT NOT NULL,
    answers TEXT,
    score_percent INTEGER,
    passed BOOLEAN,
    started_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ
);
CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id, module_id);

CREATE TABLE task_submissions (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id),
    task_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    score_percent INTEGER,
    -- done (auto-scored or accepted), awaiting_grading (a sampled reflection), returned (redo)
    status TEXT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    graded_by UUID REFERENCES users (id),
    graded_at TIMESTAMPTZ,
    grade_note TEXT
);
CREATE INDEX task_submissions_user_idx ON task_submissions (user_id, task_id);
CREATE INDEX task_submissions_status_idx ON task_submissions (status, submitted_at);
