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

/// What a job run with [`run_with_progress`] says: how far it has come, then what it gave.
#[derive(Debug, Clone)]
pub enum Report<P, T> {
    /// A step of the way.
    Progress(P),
    /// The job is over.
    Done(T),
}

/// Runs `work` on its own thread, handing it a callback for its progress; the stream yields
/// each step as it is told, then the result, then ends.
pub fn run_with_progress<P: Send + 'static, T: Send + 'static>(
    work: impl FnOnce(&mut dyn FnMut(P)) -> T + Send + 'static,
) -> impl iced::futures::Stream<Item = Report<P, T>> + Send + 'static {
    let (sender, receiver) = iced::futures::channel::mpsc::unbounded();
    std::thread::spawn(move || {
        let steps = sender.clone();
        let result = work(&mut |step| {
            let _ = steps.unbounded_send(Report::Progress(step));
        });
        let _ = sender.unbounded_send(Report::Done(result));
    });
    receiver
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt;

    #[test]
    fn the_steps_come_in_order_then_the_result_then_the_end() {
        let reports = run_with_progress(|progress| {
            for step in 1..=3 {
                progress(step);
            }
            "done"
        });
        let reports: Vec<_> = iced::futures::executor::block_on(reports.collect());
        let said: Vec<String> = reports
            .iter()
            .map(|report| match report {
                Report::Progress(step) => step.to_string(),
                Report::Done(result) => (*result).to_owned(),
            })
            .collect();
        assert_eq!(said, ["1", "2", "3", "done"]);
    }
}
