//! An empty window: iced with the app's own features and font, one line of text and nothing
//! else. `first-frame.sh` times its start against the app's.

fn view(_: &()) -> iced::Element<'_, ()> {
    iced::widget::text("E-Safety Desk").into()
}

fn main() -> iced::Result {
    iced::application(|| (), |_: &mut (), _: ()| {}, view)
        .title(|_: &()| "Empty window".to_owned())
        .default_font(iced::Font::with_name("Fira Sans"))
        .run()
}
