//! The operating system's file dialogs (rfd), kept behind two functions so screens receive a
//! plain message with the file, and tests send that message themselves.

use std::path::PathBuf;
use std::sync::Arc;

/// A file the user picked, read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedFile {
    /// Its name, without the folder.
    pub name: String,
    /// Its bytes.
    pub content: Arc<Vec<u8>>,
}

/// Asks for a file to open; `None` when the user cancels. Files over `max_bytes` are refused
/// before they are read.
pub async fn pick(title: &str, max_bytes: usize) -> Option<Result<PickedFile, String>> {
    let handle = rfd::AsyncFileDialog::new()
        .set_title(title)
        .pick_file()
        .await?;
    let name = handle.file_name();
    let size = std::fs::metadata(handle.path()).map_or(0, |metadata| metadata.len());
    if size > max_bytes as u64 {
        return Some(Err(format!(
            "{name} is too large to keep: at most {} MB",
            max_bytes / (1024 * 1024)
        )));
    }
    let content = handle.read().await;
    Some(Ok(PickedFile {
        name,
        content: Arc::new(content),
    }))
}

/// Asks where to save `content`, suggesting `name`, and writes it; `None` when the user cancels.
pub async fn save(
    title: &str,
    name: &str,
    content: Arc<Vec<u8>>,
) -> Option<Result<PathBuf, String>> {
    let handle = rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(name)
        .save_file()
        .await?;
    Some(write(handle.path().to_path_buf(), &content))
}

/// Writes `content` to `path` whole or not at all, saying why not.
fn write(path: PathBuf, content: &[u8]) -> Result<PathBuf, String> {
    crate::store::files::write_output(&path, content)
        .map(|()| path)
        .map_err(|error| error.to_string())
}

/// Reads the file at a typed `path`: the way in where no file dialog can open (a desktop
/// without an XDG portal, a remote session). Files over `max_bytes` are refused unread.
pub async fn read(path: String, max_bytes: usize) -> Option<Result<PickedFile, String>> {
    let path = PathBuf::from(unquoted(&path));
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let size = match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() => metadata.len(),
        Ok(_) => return Some(Err(format!("{} is not a file", path.display()))),
        Err(error) => return Some(Err(format!("{} cannot be read: {error}", path.display()))),
    };
    if size > max_bytes as u64 {
        return Some(Err(format!(
            "{name} is too large: at most {} MB",
            max_bytes / (1024 * 1024)
        )));
    }
    Some(
        std::fs::read(&path)
            .map(|content| PickedFile {
                name,
                content: Arc::new(content),
            })
            .map_err(|error| format!("{} cannot be read: {error}", path.display())),
    )
}

/// Picks a file with the dialog, or reads `typed` when a path was typed.
pub async fn pick_or_read(
    title: &'static str,
    typed: String,
    max_bytes: usize,
) -> Option<Result<PickedFile, String>> {
    if unquoted(&typed).is_empty() {
        pick(title, max_bytes).await
    } else {
        read(typed, max_bytes).await
    }
}

/// Which file to read when the vault reads it itself (a backup to restore): the typed path, or
/// the one chosen in the open dialog when none was typed; `None` when the user cancels.
pub async fn typed_or_picked(title: &'static str, typed: String) -> Option<PathBuf> {
    if !unquoted(&typed).is_empty() {
        return Some(PathBuf::from(unquoted(&typed)));
    }
    let handle = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("E-Safety Desk backup", &["esdbak"])
        .pick_file()
        .await?;
    Some(handle.path().to_path_buf())
}

/// Where to write a file the app makes itself (a backup): the typed path, or where the save
/// dialog says when none was typed; `None` when the user cancels the dialog.
pub async fn typed_or_chosen(title: &'static str, name: String, typed: String) -> Option<PathBuf> {
    if !unquoted(&typed).is_empty() {
        return Some(PathBuf::from(unquoted(&typed)));
    }
    let handle = rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(name)
        .save_file()
        .await?;
    Some(handle.path().to_path_buf())
}

/// Writes `content` to a typed `path`, or asks where with the dialog when none was typed;
/// `None` when the user cancels the dialog.
pub async fn save_or_write(
    title: &'static str,
    name: String,
    typed: String,
    content: Arc<Vec<u8>>,
) -> Option<Result<PathBuf, String>> {
    if unquoted(&typed).is_empty() {
        return save(title, &name, content).await;
    }
    Some(write(PathBuf::from(unquoted(&typed)), &content))
}

/// A typed path without the spaces and quotes around it (Explorer's "Copy as path" adds quotes).
fn unquoted(typed: &str) -> &str {
    typed.trim().trim_matches('"')
}
