//! The state database: a SQLite file reached through sqlx, created and migrated on first use
//! (`migrations/`), readable by the service user only (0600 in a 0700 directory).
//!
//! One submodule per table family; every function takes a `&mut SqliteConnection` so callers
//! decide what goes in one transaction. This module must never store a mail body: messages are
//! kept as metadata, and the only message text here is the replies we draft ourselves.

pub mod audit;
pub mod cases;
pub mod deadlines;
pub mod drafts;
pub mod messages;
pub mod outbox;
pub mod sync_state;

use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub use sqlx::SqliteConnection;

/// The embedded migrations.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A storage failure, naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database {path}: {message}")]
    Open { path: String, message: String },
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
    #[error("database: {0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// The open database.
#[derive(Clone)]
pub struct Db {
    pool: SqlitePool,
}

impl Db {
    /// Open (creating and migrating if needed) the database at `path`.
    pub async fn open(path: &Path) -> Result<Db> {
        let fail = |message: String| StorageError::Open {
            path: path.display().to_string(),
            message,
        };
        prepare_file(path).map_err(|e| {
            fail(format!(
                "{e}; check storage.database and the service user's rights"
            ))
        })?;
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .map_err(|e| fail(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| fail(e.to_string()))?;
        // SQLite migrations take no lock of their own: the daemon and a CLI command starting at
        // the same moment must not both create the tables.
        let lock =
            migration_lock(path).map_err(|e| fail(format!("cannot lock for migration: {e}")))?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| fail(format!("migration failed: {e}")))?;
        drop(lock);
        restrict_sidecars(path);
        Ok(Db { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A connection for a few statements outside a transaction.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Sqlite>> {
        Ok(self.pool.acquire().await?)
    }

    /// Start a transaction.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin().await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Create the directory (0700) and the file (0600) before SQLite does, so they are never
/// world-readable, not even for a moment.
fn prepare_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() && !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    let mut perms = std::fs::metadata(path)?.permissions();
    if perms.mode() & 0o077 != 0 {
        perms.set_mode(0o600);
        std::fs::set_permissions(path, perms)?;
    }
    Ok(())
}

/// An exclusive lock on `<database>.lock`, held while migrating.
fn migration_lock(path: &Path) -> std::io::Result<std::fs::File> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(name)?;
    file.lock()?;
    Ok(file)
}

/// SQLite creates `-wal` and `-shm` with the process umask; tighten them.
fn restrict_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut sidecar = path.as_os_str().to_owned();
        sidecar.push(suffix);
        let _ = std::fs::set_permissions(&sidecar, std::fs::Permissions::from_mode(0o600));
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A fresh database in a temporary directory (kept alive by the returned guard).
    pub async fn temp_db() -> (Db, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("state/state.db")).await.unwrap();
        (db, dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn database_is_private_and_migrated() {
        let (db, dir) = test_support::temp_db().await;
        let file = dir.path().join("state/state.db");
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(dir.path().join("state"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        let mut conn = db.conn().await.unwrap();
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        for table in [
            "audit_log",
            "cases",
            "drafts",
            "mailbox_sync",
            "messages",
            "outbox",
        ] {
            assert!(
                tables.iter().any(|t| t == table),
                "{table} missing in {tables:?}"
            );
        }
        drop(conn);
        db.close().await;
        // Opening again runs no migration twice.
        let again = Db::open(&file).await.unwrap();
        again.close().await;
    }
}
