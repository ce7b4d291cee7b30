"""Test fixture for the final-test browser test: marks every lesson, quiz and task of the newest
course version complete for one trainee, straight in the SQLite database (taking a whole module
in the browser is tested by learning.test.mjs; doing all five would take most of an hour).

Usage: complete_course.py DB_PATH USER_UUID
"""

import json
import sqlite3
import sys
import uuid
from datetime import datetime, timezone

db, user = sys.argv[1], uuid.UUID(sys.argv[2]).bytes
now = datetime.now(timezone.utc).isoformat()
con = sqlite3.connect(db, timeout=30)
version_id, content = con.execute(
    "SELECT id, content FROM course_versions ORDER BY imported_at DESC LIMIT 1"
).fetchone()
course = json.loads(content)
con.execute(
    "INSERT OR IGNORE INTO enrollments (user_id, course_version_id, started_at) VALUES (?, ?, ?)",
    (user, version_id, now),
)
for m in course["modules"]:
    for lesson in m["lessons"]:
        con.execute(
            "INSERT INTO lesson_progress (user_id, lesson_id, opened_at, credited_seconds, completed_at) "
            "VALUES (?, ?, ?, 600, ?) ON CONFLICT (user_id, lesson_id) DO UPDATE SET completed_at = excluded.completed_at",
            (user, lesson["id"], now, now),
        )
    con.execute(
        "INSERT INTO quiz_attempts (id, user_id, module_id, drawn, answers, score_percent, passed, started_at, submitted_at) "
        "VALUES (?, ?, ?, '{\"questions\":[]}', '{}', 100, 1, ?, ?)",
        (uuid.uuid4().bytes, user, m["id"], now, now),
    )
    for task in m["tasks"]:
        con.execute(
            "INSERT INTO task_submissions (id, user_id, task_id, answer, score_percent, status, submitted_at) "
            "VALUES (?, ?, ?, '{}', 100, 'done', ?)",
            (uuid.uuid4().bytes, user, task["id"], now),
        )
con.commit()
print(f"course complete for {sys.argv[2]}")
