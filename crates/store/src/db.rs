//! Pools, transactions and executors for the two backends.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::Result;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool on one of the two backends, chosen by the database URL. SQLite has one
/// writer at a time: its transactions take [`WriteLock`] first, so they queue in order inside
/// the process instead of polling SQLite's busy handler (which sleeps 1 to 100 ms between tries
/// and made the tail of answer saves ten times the median; bench/REPORT.md).
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool, WriteLock),
    Postgres(PgPool),
}

/// The queue of SQLite write transactions in this process.
pub type WriteLock = std::sync::Arc<tokio::sync::Mutex<()>>;

/// An open transaction. Dropping it without [`Tx::commit`] rolls back.
pub enum Tx {
    /// Begun with `BEGIN IMMEDIATE` while holding the write lock, released when it ends.
    Sqlite(
        Transaction<'static, Sqlite>,
        tokio::sync::OwnedMutexGuard<()>,
    ),
    Postgres(Transaction<'static, Postgres>),
}

/// One write statement in autocommit, atomic on its own. On SQLite it waits its turn behind the
/// write lock like a transaction, so it never sleeps in SQLite's busy handler, and costs one trip
/// to the connection's thread instead of a transaction's four (bench/REPORT.md).
pub struct Write<'a> {
    db: &'a Db,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Write<'_> {
    pub fn ex(&self) -> Ex<'_> {
        self.db.ex()
    }
}

/// Something a query runs on: a pool, or the connection of an open transaction.
pub enum Ex<'a> {
    SqlitePool(&'a SqlitePool),
    Sqlite(&'a mut SqliteConnection),
    PgPool(&'a PgPool),
    Pg(&'a mut PgConnection),
}

/// Runs `body` with `$e` bound to the executor of either backend. The body is compiled once per
/// backend: write it in SQL both accept.
#[macro_export]
macro_rules! run {
    ($ex:expr, |$e:ident| $body:expr) => {
        match $ex {
            $crate::Ex::SqlitePool($e) => $body,
            $crate::Ex::Sqlite($e) => $body,
            $crate::Ex::PgPool($e) => $body,
            $crate::Ex::Pg($e) => $body,
        }
    };
}

impl Ex<'_> {
    /// A shorter-lived executor on the same pool or transaction, for functions that run more
    /// than one query.
    pub fn reborrow(&mut self) -> Ex<'_> {
        match self {
            Ex::SqlitePool(p) => Ex::SqlitePool(p),
            Ex::Sqlite(c) => Ex::Sqlite(c),
            Ex::PgPool(p) => Ex::PgPool(p),
            Ex::Pg(c) => Ex::Pg(c),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Ex::SqlitePool(_) | Ex::Sqlite(_) => Backend::Sqlite,
            Ex::PgPool(_) | Ex::Pg(_) => Backend::Postgres,
        }
    }
}

/// How SQLite commits (PostgreSQL always waits for its WAL flush, grouping concurrent commits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    /// Every commit is on disk before it is acknowledged, power loss included: one fsync per
    /// write transaction, one after another (SQLite has no group commit).
    Full,
    /// Commits survive a crash of the process but not of the machine: the last ones before a
    /// power loss can be lost. Several times the write throughput (bench/REPORT.md).
    Normal,
}

/// Copies the WAL back into the database every second without blocking anyone (PASSIVE), so a
/// write transaction seldom runs SQLite's automatic checkpoint itself: under a steady stream of
/// answer saves that checkpoint, in the committing writer, held every other writer behind it
/// (bench/REPORT.md). Ends when the pool closes.
async fn checkpoints(pool: SqlitePool) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        tick.tick().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
            && !pool.is_closed()
        {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

/// Whether a connection going back to the pool is out of every transaction. A transaction
/// dropped without commit queues its ROLLBACK; a ping waits for it. If the connection is still
/// inside a transaction after that, its COMMIT or ROLLBACK failed (SQLite rolls back by itself
/// on a full disk, so sqlx's own ROLLBACK fails too): it is closed, never reused, or every later
/// transaction on it would fail ("begin_with at non-zero transaction depth").
async fn still_clean<C: sqlx::Connection>(conn: &mut C) -> std::result::Result<bool, sqlx::Error> {
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    if conn.ping().await.is_err() {
        return Ok(false);
    }
    let clean = !conn.is_in_transaction();
    if !clean {
        tracing::warn!("a database connection whose COMMIT or ROLLBACK failed was closed");
    }
    Ok(clean)
}

/// Waits for this process's SQLite writer turn, as long as SQLite's own busy timeout: a write
/// begun inside another on the same task fails here instead of waiting for ever.
async fn turn(lock: &WriteLock) -> Result<tokio::sync::OwnedMutexGuard<()>> {
    Ok(
        tokio::time::timeout(Duration::from_secs(10), lock.clone().lock_owned())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?,
    )
}

impl Db {
    /// Connects to `url`: `sqlite://path` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str, max_connections: u32, sync: SqliteSync) -> Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // The portal's statements are short; a plan estimated dear (a generic plan of the
            // candidate pool's change read guesses a third of the table) would be compiled by
            // the JIT on every execution: 25 ms for a read that takes 0.04 ms.
            let opts = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .after_release(|conn, _| Box::pin(still_clean(conn)))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .foreign_keys(true)
                // WAL lets readers run beside the one writer.
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(match sync {
                    SqliteSync::Full => SqliteSynchronous::Full,
                    SqliteSync::Normal => SqliteSynchronous::Normal,
                })
                .busy_timeout(Duration::from_secs(10))
                // The writer copies the WAL back into the database (with an fsync under FULL)
                // only as a backstop; `checkpoints` does it beside the writers every second.
                .pragma("wal_autocheckpoint", "10000");
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .after_release(|conn, _| Box::pin(still_clean(conn)))
                .connect_with(opts)
                .await?;
            tokio::spawn(checkpoints(pool.clone()));
            Ok(Db::Sqlite(pool, WriteLock::default()))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(..) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations this database has not seen yet (forward only).
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p, _) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    pub fn ex(&self) -> Ex<'_> {
        match self {
            Db::Sqlite(p, _) => Ex::SqlitePool(p),
            Db::Postgres(p) => Ex::PgPool(p),
        }
    }

    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p, lock) => {
                let turn = turn(lock).await?;
                Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?, turn)
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// The turn for one write statement outside a transaction ([`Write`]); PostgreSQL needs
    /// none.
    pub async fn write(&self) -> Result<Write<'_>> {
        let turn = match self {
            Db::Sqlite(_, lock) => Some(turn(lock).await?),
            Db::Postgres(_) => None,
        };
        Ok(Write {
            db: self,
            _turn: turn,
        })
    }

    /// `SELECT 1`: is the database reachable?
    pub async fn ping(&self) -> Result<()> {
        run!(self.ex(), |e| sqlx::query("SELECT 1")
            .execute(e)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// One write transaction, as every request's writes are (on SQLite, in the write queue),
    /// that needs new pages as real writes do (16 KiB written, then emptied again before the
    /// commit): does the database take writes now (disk space, a writable file, the primary)?
    pub async fn probe_write(&self, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
        let mut tx = self.begin().await?;
        let sql = "INSERT INTO ops_probe (id, checked_at, room) VALUES (1, $1, $2) \
            ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at, room = excluded.room";
        for room in [vec![0x5au8; 16 * 1024], vec![]] {
            run!(tx.ex(), |e| sqlx::query(sql)
                .bind(now)
                .bind(&room)
                .execute(e)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p, _) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub fn ex(&mut self) -> Ex<'_> {
        match self {
            Tx::Sqlite(t, _) => Ex::Sqlite(t),
            Tx::Postgres(t) => Ex::Pg(t),
        }
    }

    pub async fn commit(self) -> Result<()> {
        match self {
            // The lock is released after the commit, when the guard drops with `self`.
            Tx::Sqlite(t, _turn) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
