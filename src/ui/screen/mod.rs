//! The top-level screens: set-up, unlock, new passphrase after recovery, and the workspace.

pub mod new_passphrase;
pub mod setup;
pub mod unlock;
pub mod workspace;
