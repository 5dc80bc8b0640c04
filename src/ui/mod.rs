//! The iced GUI.
pub fn run(_d: crate::store::DataDir) -> iced::Result { Ok(()) }
