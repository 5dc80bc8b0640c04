//! Files the app writes outside the database: written whole or not at all.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::store::StoreError;

/// Writes `bytes` to a temporary file of its own in `path`'s folder, flushes it to disk, then
/// renames it over `path`: a crash leaves the old file or the new one, never half, and no other
/// file of that folder is touched. A failure names `path`, the file asked for, not the
/// temporary one.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let folder = check_writable(path)?;
    let mut temporary = partial_in(folder).map_err(StoreError::io("write", path))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(StoreError::io("write", path))?;
    temporary
        .persist(path)
        .map_err(|error| StoreError::io("replace", path)(error.error))?;
    sync_parent(path);
    Ok(())
}

/// A new file in `folder`, named as the app's partial writes are (so a stopped one is cleared
/// up later), removed unless it is persisted.
pub(crate) fn partial_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".esafety-desk-")
        .suffix(".partial")
        .tempfile_in(folder)
}

/// Writes a file the user asked for (a report, an export, a backup) as [`write_atomically`]
/// does, but never over a file of a vault nor into a data folder: a path named like one of a
/// data folder's files (`vault.db`, `vault.keys`…), in any folder and by any link, or in a
/// folder holding a key envelope, is refused and nothing written.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    refuse_vault_file(path)?;
    write_atomically(path, bytes)
}

/// Refuses, in words, a path that is (or links to) a file of a vault, or lies in a data folder.
pub(crate) fn refuse_vault_file(path: &Path) -> Result<(), StoreError> {
    let named_like_vault = |path: &Path| {
        path.file_name()
            .and_then(|name| name.to_str())
            // Windows ignores the case and trailing dots and spaces of a name.
            .map(|name| name.trim_end_matches(['.', ' ']).to_lowercase())
            .is_some_and(|name| crate::store::paths::VAULT_FILE_NAMES.contains(&name.as_str()))
    };
    let resolved = fs::canonicalize(path).ok();
    // A folder holding a key envelope is a data folder: nothing the user saves belongs in it.
    let folder = resolved
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| path.parent().and_then(|p| fs::canonicalize(p).ok()));
    let in_data_folder = folder.is_some_and(|f| f.join("vault.keys").exists());
    if in_data_folder {
        return Err(StoreError::io("write", path)(std::io::Error::other(
            "that is the vault's data folder, and nothing else should be kept there: choose \
             another folder",
        )));
    }
    if named_like_vault(path) || resolved.as_deref().is_some_and(named_like_vault) {
        return Err(StoreError::io("write", path)(std::io::Error::other(
            "that name belongs to the vault's own files, and writing there would destroy the \
             vault: choose another name or folder",
        )));
    }
    Ok(())
}

/// Refuses, in words, a path that is a folder or lies in a folder that does not exist; gives
/// the folder the file goes in.
pub(crate) fn check_writable(path: &Path) -> Result<&Path, StoreError> {
    let refuse = |reason: &str| Err(StoreError::io("write", path)(std::io::Error::other(reason)));
    if path.is_dir() {
        return refuse("that is a folder: add a file name to it");
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return refuse("that folder does not exist");
    }
    Ok(folder)
}

/// Removes what a killed write left in `folder`: this program's own temporary files
/// (`.esafety-desk-….partial` and `….export`, a vault's size for a backup) over an hour old, so
/// they do not pile up beside nightly backups. A write still going on is younger than that.
pub(crate) fn clear_leftovers(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".esafety-desk-")
            && (name.ends_with(".partial") || name.ends_with(".export"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > hour);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flushes the folder entry after a rename (a no-op where the OS does not support it).
pub(crate) fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent().and_then(|p| fs::File::open(p).ok()) {
        let _ = parent.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_leftover_of_a_killed_write_is_cleared_and_a_fresh_one_and_others_kept() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join(".esafety-desk-abc.export");
        let fresh = root.path().join(".esafety-desk-def.partial");
        let theirs = root.path().join("nightly.esdbak");
        for file in [&old, &fresh, &theirs] {
            fs::write(file, b"x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        clear_leftovers(root.path());
        assert!(!old.exists() && fresh.exists() && theirs.exists());
    }

    #[test]
    fn nothing_is_saved_into_a_data_folder() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("vault.keys"), b"{}").unwrap();
        let error = write_output(&root.path().join("report.pdf"), b"x").unwrap_err();
        assert!(
            error.to_string().contains("the vault's data folder"),
            "{error}"
        );
        assert!(!root.path().join("report.pdf").exists());
    }

    #[test]
    fn no_output_is_written_over_a_vault_file_by_any_name_or_link() {
        let root = tempfile::tempdir().unwrap();
        for name in [
            "vault.db",
            "VAULT.KEYS",
            "vault.db-wal",
            "vault.keys. ",
            "preferences.json",
        ] {
            let path = root.path().join(name);
            let error = write_output(&path, b"report").unwrap_err().to_string();
            assert!(
                error.contains("belongs to the vault's own files"),
                "{name}: {error}"
            );
            assert!(!path.exists(), "{name} was written");
        }
        #[cfg(unix)]
        {
            let keys = root.path().join("vault.keys");
            fs::write(&keys, b"keys").unwrap();
            let link = root.path().join("report.pdf");
            std::os::unix::fs::symlink(&keys, &link).unwrap();
            assert!(write_output(&link, b"report").is_err());
            assert_eq!(fs::read(&keys).unwrap(), b"keys");
        }
        let elsewhere = tempfile::tempdir().unwrap();
        let fine = elsewhere.path().join("vault report.pdf");
        write_output(&fine, b"report").unwrap();
        assert_eq!(fs::read(&fine).unwrap(), b"report");
    }

    #[test]
    fn a_file_is_written_whole_and_a_bad_place_is_refused_in_words() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("report.pdf");
        write_atomically(&file, b"first").unwrap();
        write_atomically(&file, b"second").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"second");
        let left: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");

        let folder = write_atomically(root.path(), b"x").unwrap_err().to_string();
        assert!(
            folder.ends_with("that is a folder: add a file name to it"),
            "{folder}"
        );
        let missing = root.path().join("no such folder").join("report.pdf");
        let error = write_atomically(&missing, b"x").unwrap_err().to_string();
        assert_eq!(
            error,
            format!(
                "Could not write {}: that folder does not exist",
                missing.display()
            )
        );
        assert_eq!(fs::read(&file).unwrap(), b"second", "nothing else changed");
    }

    #[test]
    fn a_file_beside_the_one_written_is_left_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let own = root.path().join("governors.partial");
        fs::write(&own, b"the user's own file").unwrap();
        let file = root.path().join("governors.pdf");
        write_atomically(&file, b"report").unwrap();
        assert_eq!(fs::read(&own).unwrap(), b"the user's own file");
        assert_eq!(fs::read(&file).unwrap(), b"report");
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 2);
    }
}
