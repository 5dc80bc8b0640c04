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
    let path = handle.path().to_path_buf();
    Some(
        std::fs::write(&path, content.as_slice())
            .map(|()| path.clone())
            .map_err(|error| format!("{} could not be written: {error}", path.display())),
    )
}
