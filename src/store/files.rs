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
    let mut temporary = tempfile::Builder::new()
        .prefix(".esafety-desk-")
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(StoreError::io("write", path))?;
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
