//! The warm-run record of `tether gen`: after a run that left every generated file and every
//! migrations folder up to date, the digest of everything the run read (the tether binary, the
//! configuration, the schema files, the migrations folders) and the digest of every file it
//! generated. A later run whose inputs have the same digest, and whose generated files on disk
//! still have the recorded digests, knows without lowering, replaying or rendering anything
//! that nothing is stale.
//!
//! Rules: the record is only ever a shortcut to "up to date", never to any other answer. What it
//! states (these inputs generate files with these digests and no new migration) stays true, so
//! an interrupted run needs no clean-up: only the disk check can fail. Any
//! mismatch, a missing or unreadable record, or an I/O error means the full run. The schema is
//! still read and validated by Prisma's validator before the record is consulted, so a broken
//! schema gets its diagnostics on a warm run too. The record lives outside the tracked files: a
//! `.tether_cache/` folder beside the configuration that carries its own `.gitignore` (`*`), or
//! `TETHER_CACHE_DIR`; writing it is best effort and a failure to write is silent. Only a run
//! that found everything up to date records (a run that wrote has not shown a fixed point).

use crate::config::Config;
use crate::output::{self, FileSet};
use crate::schema::load::SchemaFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Overrides where the record is kept (an absolute path, or relative to the working folder).
pub const DIR_VAR: &str = "TETHER_CACHE_DIR";
const DIR_NAME: &str = ".tether_cache";
const RECORD: &str = "gen.json";
/// Bumped when the record's meaning changes, so that an older record is never read as a newer.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    format: u32,
    inputs: String,
    /// Generated file -> SHA-256 of its contents.
    files: BTreeMap<PathBuf, String>,
    /// Folders whose headed files the generated set owns: a headed file there that the set
    /// does not name is stale output, as the full run would report.
    owned_dirs: Vec<PathBuf>,
}

/// Where a workspace keeps its record.
pub struct GenCache {
    path: PathBuf,
}

impl GenCache {
    pub fn for_config(config: &Config) -> GenCache {
        let dir = std::env::var_os(DIR_VAR)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| config.resolve(Path::new(DIR_NAME)));
        GenCache {
            path: dir.join(RECORD),
        }
    }

    /// The number of generated files, when the record says every output is up to date for
    /// these inputs and the disk agrees; `None` otherwise.
    pub fn fresh_files(&self, inputs: &InputDigest) -> Option<usize> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let record = serde_json::from_str::<Record>(&text).ok()?;
        if record.format != FORMAT || record.inputs != inputs.0 {
            return None;
        }
        let files_match = record
            .files
            .iter()
            .all(|(path, digest)| std::fs::read(path).is_ok_and(|bytes| hex(&bytes) == *digest));
        let extra =
            output::headed_files_outside(&record.owned_dirs, |p| record.files.contains_key(p));
        (files_match && extra.is_ok_and(|extra| extra.is_empty())).then_some(record.files.len())
    }

    /// Records that `files` are what these inputs generate and that they are on disk.
    pub fn record(&self, inputs: &InputDigest, files: &FileSet) {
        let record = Record {
            format: FORMAT,
            inputs: inputs.0.clone(),
            files: files
                .files
                .iter()
                .map(|(path, contents)| (path.clone(), hex(contents.as_bytes())))
                .collect(),
            owned_dirs: files.owned_dirs.clone(),
        };
        let Some(dir) = self.path.parent() else {
            return;
        };
        // A folder tether makes keeps itself out of git; one the user named is left as it is
        // (a `*` there could hide their own files from git).
        if !dir.exists() {
            if std::fs::create_dir_all(dir).is_err() {
                return;
            }
            let _ = std::fs::write(
                dir.join(".gitignore"),
                "# Written by tether: its cache, never committed.\n*\n",
            );
        }
        if let Ok(text) = serde_json::to_string(&record) {
            let _ = crate::output::write_atomic(&self.path, &text);
        }
    }
}

/// The digest of everything a `gen` run reads.
pub struct InputDigest(String);

impl InputDigest {
    /// `None` when an input cannot be read (the full run then says why).
    pub fn of(
        config: &Config,
        header: &str,
        schema_files: &[SchemaFile],
        migrations: &Path,
    ) -> Option<Self> {
        let mut hasher = Sha256::new();
        let mut field = |bytes: &[u8]| {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        field(env!("CARGO_PKG_VERSION").as_bytes());
        // A rebuilt binary of the same version may generate differently: its identity is part
        // of the key (size and modification time; reading the binary would cost more than the
        // cache saves).
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        field(exe.as_os_str().as_encoded_bytes());
        field(&meta.len().to_le_bytes());
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        field(&modified.as_nanos().to_le_bytes());
        field(format!("{:?}{:?}{:?}", config.file, config.root, config.raw).as_bytes());
        // Every generated file's header names the schema path as given (`--schema`).
        field(header.as_bytes());
        for file in schema_files {
            field(file.path.as_os_str().as_encoded_bytes());
            field(file.text.as_bytes());
        }
        let mut tree = Vec::new();
        list_tree(migrations, &mut tree).ok()?;
        tree.sort();
        for path in tree {
            field(path.as_os_str().as_encoded_bytes());
            field(&std::fs::read(&path).ok()?);
        }
        Some(InputDigest(to_hex(&hasher.finalize())))
    }
}

/// Every file under `dir` (none when it does not exist).
fn list_tree(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            list_tree(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The SHA-256 of `bytes`, in hex.
fn hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

fn to_hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
