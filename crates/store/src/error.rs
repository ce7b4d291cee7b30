//! The storage layer's one error type.

/// What can go wrong in storage. A unique-constraint violation is reported with the column it
/// concerns, so the service can turn it into a field error ("this CNIC is already registered").
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unique constraint violated on {table}.{column}")]
    Conflict { table: String, column: String },
    #[error("row not found")]
    NotFound,
    /// The database cannot take the request now: unreachable, closed, or out of disk space.
    /// Nothing was stored; the same request may succeed in a moment.
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error("database error")]
    Database(#[source] sqlx::Error),
    #[error("migration error")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
            && let Some((table, column)) = unique_target(db.as_ref())
        {
            return StoreError::Conflict { table, column };
        }
        if let sqlx::Error::RowNotFound = e {
            return StoreError::NotFound;
        }
        if unavailable(&e) {
            return StoreError::Unavailable(e);
        }
        StoreError::Database(e)
    }
}

/// Failures of the database itself rather than of the request: a lost or refused connection, a
/// closed pool, a full disk (SQLite SQLITE_FULL, I/O errors; PostgreSQL disk_full, shutdowns,
/// too many connections).
fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite's primary result code is the low byte of the extended one.
            let sqlite_primary = code.parse::<i32>().ok().map(|c| c & 0xff);
            matches!(sqlite_primary, Some(10 | 13 | 14)) // IOERR, FULL, CANTOPEN
                || matches!(code.as_ref(), "53100" | "53300" | "57P01" | "57P02" | "57P03" | "08006" | "08001" | "08004")
        }
        _ => false,
    }
}

/// The table and first column of a violated unique constraint. PostgreSQL names the constraint
/// (`users_cnic_hash_key`, by our naming rule `<table>_<column>_key`); SQLite says
/// `UNIQUE constraint failed: users.cnic_hash`.
fn unique_target(db: &dyn sqlx::error::DatabaseError) -> Option<(String, String)> {
    if let Some(constraint) = db.constraint() {
        let table = db.table()?.to_owned();
        let column = constraint
            .strip_prefix(&format!("{table}_"))?
            .strip_suffix("_key")?
            .to_owned();
        return Some((table, column));
    }
    let msg = db.message();
    let first = msg
        .strip_prefix("UNIQUE constraint failed: ")?
        .split(',')
        .next()?
        .trim();
    let (table, column) = first.split_once('.')?;
    Some((table.to_owned(), column.to_owned()))
}

impl StoreError {
    /// Is the database unavailable (see [`StoreError::Unavailable`])?
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }

    /// Is this a conflict on `table.column`?
    pub fn is_conflict_on(&self, t: &str, c: &str) -> bool {
        matches!(self, StoreError::Conflict { table, column } if table == t && column == c)
    }
}
