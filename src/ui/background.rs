//! Blocking work (key derivation, database queries) off the UI thread, so typing never stutters.

use iced::futures::channel::oneshot;

/// Runs `work` on its own thread; the future resolves with its result.
pub fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = T> + Send + 'static {
    let (sender, receiver) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    async move {
        receiver
            .await
            .expect("background work finished without answering (it panicked)")
    }
}
