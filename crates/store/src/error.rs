//! The storage layer's one error type.

/// What can go wrong in storage. A unique-constraint violation is reported with the column it
/// concerns, so the service can turn it into a field error ("this CNIC is already registered").
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unique constraint violated on {table}.{column}")]
    Conflict { table: String, column: String },
    #[error("row not found")]
    NotFound,
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
        StoreError::Database(e)
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
    /// Is this a conflict on `table.column`?
    pub fn is_conflict_on(&self, t: &str, c: &str) -> bool {
        matches!(self, StoreError::Conflict { table, column } if table == t && column == c)
    }
}
