//! The migrations folder, in Prisma's layout: `<dir>/<YYYYMMDDHHMMSS>_<name>/migration.sql`
//! (plus tether's `down.sql`) and `migration_lock.toml`; with several dialects, one such folder
//! per dialect under `<dir>/<dialect>/`.
//!
//! Rules: migrations are history, never regenerated: tether only ever adds a new folder. The
//! folder's current state is what its SQL replays to (hand edits count). Checksums are SHA-256
//! of `migration.sql` with its line endings normalized (`\r\n` read as `\n`), so that a checkout
//! with other line endings is not an edit; a recorded checksum of the file's bytes as they are, or
//! of its CRLF form, matches too (Prisma records the bytes it applied). The next migration,
//! planned from the folder and the schema, is `plan`.

pub mod plan;

use crate::output::FileSet;
use crate::provider::Provider;
use crate::relational::dialect::Dialect;
use crate::relational::diff::MigrationPair;
use crate::relational::lower::Renames;
use crate::relational::model::DbSchema;
use crate::relational::replay;
use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "migration_lock.toml";

/// One dialect's migrations folder.
#[derive(Debug, Clone)]
pub struct MigrationsDir {
    pub path: PathBuf,
    pub provider: Provider,
}

/// One migration folder on disk.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The folder name, `<timestamp>_<name>`.
    pub name: String,
    pub dir: PathBuf,
    pub sql: String,
    /// The checksum tether records: of the text with `\r\n` read as `\n`.
    pub checksum: String,
}

/// The first line that makes a migration run outside a transaction (`CREATE INDEX
/// CONCURRENTLY`, which PostgreSQL refuses inside one).
pub const NO_TRANSACTION_MARKER: &str = "-- tether: no-transaction";

impl Migration {
    /// Whether the migration asks to run outside a transaction (`NO_TRANSACTION_MARKER` as its
    /// first line).
    pub fn outside_transaction(&self) -> bool {
        self.sql.lines().next().map(str::trim_end) == Some(NO_TRANSACTION_MARKER)
    }

    /// Is `recorded` this migration's checksum, whatever line endings it was applied with?
    /// The normalized text, the file's bytes as they are, or its CRLF form (Prisma records
    /// the checksum of the bytes it applied).
    /// The history row of this migration applied now: tether's checksum and Prisma's (of the
    /// file's bytes as they are), whichever table records it.
    pub fn recorded_now(&self) -> crate::relational::driver::Recorded {
        crate::relational::driver::Recorded {
            name: self.name.clone(),
            checksum: self.checksum.clone(),
            file_checksum: sha256_hex(&self.sql),
            applied_at: utc_now_iso(),
        }
    }

    pub fn checksum_matches(&self, recorded: &str) -> bool {
        recorded == self.checksum
            || recorded == sha256_hex(&self.sql)
            || recorded == sha256_hex(&normalize_line_endings(&self.sql).replace('\n', "\r\n"))
    }
}

impl MigrationsDir {
    /// The folder for `provider`: `root` itself when it is the only dialect, else `root/<dialect>`.
    pub fn for_dialect(root: &Path, provider: Provider, dialect_count: usize) -> MigrationsDir {
        let path = if dialect_count > 1 {
            root.join(provider.name())
        } else {
            root.to_path_buf()
        };
        MigrationsDir { path, provider }
    }

    /// A migration's file and its way back in this folder's dialect: SQL, or for MongoDB its
    /// commands (`document::commands`).
    pub fn script_files(&self) -> (&'static str, &'static str) {
        if self.provider.is_relational() {
            ("migration.sql", "down.sql")
        } else {
            ("migration.json", "down.json")
        }
    }

    /// The migrations in order (folder names sort by timestamp).
    pub fn list(&self) -> Result<Vec<Migration>> {
        let (script, _) = self.script_files();
        if !self.path.exists() {
            return Ok(Vec::new());
        }
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&self.path)
            .with_context(|| format!("migrations: cannot list {}", self.path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() && p.join(script).is_file())
            .collect();
        dirs.sort();
        dirs.into_iter()
            .map(|dir| {
                let file = dir.join(script);
                let sql = std::fs::read_to_string(&file)
                    .with_context(|| format!("migrations: cannot read {}", file.display()))?;
                Ok(Migration {
                    name: dir
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    checksum: checksum(&sql),
                    dir,
                    sql,
                })
            })
            .collect()
    }

    /// The schema the folder's migrations build, replayed without a database.
    pub fn replay(&self, dialect: &dyn Dialect) -> Result<DbSchema> {
        self.check_lock()?;
        let mut schema = DbSchema::default();
        for m in self.list()? {
            replay::apply_sql(&mut schema, &m.sql, &m.dir.join("migration.sql"), dialect)?;
        }
        Ok(schema)
    }

    /// `replay`, calling `each` after every migration with the schema before and after it and
    /// the renames its SQL made: for work that follows the history step by step (Alembic
    /// revisions) without replaying the folder a second time.
    pub fn replay_each(
        &self,
        dialect: &dyn Dialect,
        each: impl FnMut(&Migration, MigrationPair<&DbSchema>, &Renames) -> Result<()>,
    ) -> Result<DbSchema> {
        self.check_lock()?;
        replay_from(DbSchema::default(), &self.list()?, dialect, each)
    }

    /// A folder locked to another provider is not ours to extend.
    fn check_lock(&self) -> Result<()> {
        let lock = self.path.join(LOCK_FILE);
        let Ok(text) = std::fs::read_to_string(&lock) else {
            return Ok(());
        };
        let locked = text.lines().find_map(|l| {
            l.trim().strip_prefix("provider").map(|r| {
                r.trim_start_matches([' ', '='])
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            })
        });
        match locked {
            Some(p) if Provider::parse(&p) != Some(self.provider) => bail!(
                "migrations: {} is locked to provider \"{p}\" but holds {} migrations here; configure [migrations] dialects or dir",
                lock.display(),
                self.provider.name()
            ),
            _ => Ok(()),
        }
    }

    /// A new migration folder (`up`, `down`), and the lock file when the folder has none, as
    /// files to add (nothing is written here): the migration, and its files.
    pub fn new_migration(&self, name: &str, up: &str, down: &str) -> Result<(Migration, FileSet)> {
        let existing = self.list()?;
        let mut stamp = timestamp_now()?;
        // Keep folders ordered even when two migrations are written within one second.
        if let Some(last) = existing
            .last()
            .and_then(|m| m.name.get(..14))
            .and_then(|s| s.parse::<u64>().ok())
            && stamp <= last
        {
            stamp = last + 1;
        }
        let folder_name = format!("{stamp}_{}", sanitize_name(name));
        let dir = self.path.join(&folder_name);
        let mut files = FileSet::default();
        let (script, back) = self.script_files();
        files.insert_new(dir.join(script), up.to_owned());
        files.insert_new(dir.join(back), down.to_owned());
        let lock = self.path.join(LOCK_FILE);
        if !lock.exists() {
            files.insert_new(
                lock,
                format!(
                    "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"{}\"\n",
                    self.provider.name()
                ),
            );
        }
        let migration = Migration {
            name: folder_name,
            dir,
            sql: up.to_owned(),
            checksum: checksum(up),
        };
        Ok((migration, files))
    }
}

/// Replays `migrations` on top of `state`, calling `each` with every migration's before and
/// after; returns the state after the last.
pub fn replay_from(
    mut state: DbSchema,
    migrations: &[Migration],
    dialect: &dyn Dialect,
    mut each: impl FnMut(&Migration, MigrationPair<&DbSchema>, &Renames) -> Result<()>,
) -> Result<DbSchema> {
    for m in migrations {
        let previous = state.clone();
        let renames = replay::apply_sql(&mut state, &m.sql, &m.dir.join("migration.sql"), dialect)?;
        each(
            m,
            MigrationPair {
                previous: &previous,
                next: &state,
            },
            &renames,
        )?;
    }
    Ok(state)
}

/// A migration's checksum: SHA-256 of its text with line endings normalized to `\n`.
pub fn checksum(sql: &str) -> String {
    sha256_hex(&normalize_line_endings(sql))
}

fn normalize_line_endings(sql: &str) -> String {
    sql.replace("\r\n", "\n")
}

fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Prisma's rule: lower case, letters digits and underscores.
pub fn sanitize_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('_').to_owned();
    if cleaned.is_empty() {
        "migration".to_owned()
    } else {
        cleaned
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, for the history table.
pub fn utc_now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since 1970 that replace the clock when naming migration folders, so that a scripted
/// `gen` (tests, examples) names them the same on every run. Not `SOURCE_DATE_EPOCH`: Nix shells
/// set that to 1980 for builds, and a migration's name must carry the real time it was made.
pub const MIGRATION_TIME_VAR: &str = "TETHER_MIGRATION_TIME";

/// 9999-12-31T23:59:59Z: the last second whose timestamp has 14 digits.
const LAST_FOURTEEN_DIGIT_SECOND: u64 = 253_402_300_799;

/// `YYYYMMDDHHMMSS` in UTC, as a number: now, or `TETHER_MIGRATION_TIME` when it is set.
fn timestamp_now() -> Result<u64> {
    let secs = match std::env::var_os(MIGRATION_TIME_VAR) {
        Some(value) if !value.is_empty() => migration_time(&value.to_string_lossy())?,
        _ => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    Ok(timestamp_of(secs))
}

/// The seconds `TETHER_MIGRATION_TIME` names, or why it names none.
fn migration_time(value: &str) -> Result<u64> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|secs| *secs <= LAST_FOURTEEN_DIGIT_SECOND)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{MIGRATION_TIME_VAR}={value:?} is not a number of seconds since 1970 (0 to {LAST_FOURTEEN_DIGIT_SECOND})"
            )
        })
}

/// `YYYYMMDDHHMMSS` in UTC of seconds since the epoch.
fn timestamp_of(secs: u64) -> u64 {
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    format!("{y:04}{m:02}{d:02}{hh:02}{mm:02}{ss:02}")
        .parse()
        .unwrap_or(0)
}

/// Days since 1970-01-01 -> (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_778), (2026, 11, 21));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn timestamps_of_epoch_seconds() {
        assert_eq!(timestamp_of(0), 19_700_101_000_000);
        // `date -u -d @1700000000`: Tue Nov 14 22:13:20 UTC 2023.
        assert_eq!(timestamp_of(1_700_000_000), 20_231_114_221_320);
    }

    #[test]
    fn the_migration_time_is_whole_seconds_with_fourteen_digit_stamps() {
        assert_eq!(migration_time(" 1700000000 ").unwrap(), 1_700_000_000);
        assert_eq!(
            timestamp_of(migration_time("253402300799").unwrap()),
            99_991_231_235_959
        );
        for bad in ["-1", "1e9", "soon", "253402300800"] {
            let message = migration_time(bad).unwrap_err().to_string();
            assert!(message.contains("TETHER_MIGRATION_TIME"), "{message}");
        }
    }

    #[test]
    fn names_are_sanitized() {
        assert_eq!(sanitize_name("Add tags!"), "add_tags");
        assert_eq!(sanitize_name("  "), "migration");
    }
}
