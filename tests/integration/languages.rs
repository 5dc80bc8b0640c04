//! Text in any language on paper: an incident whose people and description are in Chinese,
//! Arabic, Urdu and Polish prints in real glyphs (the bundled font, then the fonts a school adds
//! to the data folder's `fonts` folder), right-to-left words drawn from the right, and every
//! word read back from the PDF.

use std::path::Path;

use chrono::NaiveDate;
use esafety_desk::domain::incident::Role;
use esafety_desk::domain::person::{NewPerson, PersonKind};

use crate::common::pdf::Pdf;
use crate::common::{PASSPHRASE, example_incident, new_vault, run_binary};

/// How a PDF keeps right-to-left text: in the order it is drawn, from the left of the page,
/// so its letters come out reversed; a reader's copy and paste turns them back.
fn as_drawn(text: &str) -> String {
    text.chars().rev().collect()
}

fn print_incident(data: &Path, reference: &str, out: &Path) {
    let output = run_binary(
        &[
            "--data-dir",
            data.to_str().unwrap(),
            "print-incident",
            reference,
            "--out",
            out.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_incident_in_four_languages_prints_in_real_glyphs_and_reads_back() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut add = |first: &str, last: &str| {
        vault
            .add_person(&NewPerson::named(PersonKind::Pupil, first, last))
            .unwrap()
    };
    let chinese = add("明", "李");
    let arabic = add("سارة", "أحمد");
    let polish = add("Zofia", "Wójcik-Żak");
    let when = NaiveDate::from_ymd_opt(2026, 11, 2)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let mut incident = example_incident("pupil.offensive-messages", when)
        .about(vec![
            (chinese, Role::Pupil),
            (arabic, Role::Pupil),
            (polish, Role::Pupil),
        ])
        .build();
    incident.description =
        "学生在网上受到欺凌. Parents said: جماعت 8 میں. Zgłoszenie przyjęła pani Łucja.".into();
    let recorded = vault
        .record_incident(&incident, when + chrono::Duration::days(1))
        .unwrap();
    drop(vault);

    let fonts = dir.root().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fonts/DroidSansFallback-subset.ttf"),
        fonts.join("DroidSansFallback-subset.ttf"),
    )
    .unwrap();
    let out = root.path().join("record.pdf");
    print_incident(dir.root(), &recorded.reference, &out);

    let pdf = Pdf::open(&out);
    let text = pdf.text();
    for written in [
        "Zofia Wójcik-Żak",
        "Zgłoszenie przyjęła pani Łucja",
        "学生在网上受到欺凌",
    ] {
        assert!(text.contains(written), "{written:?} is not in:\n{text}");
    }
    assert!(text.contains("李") && text.contains('明'), "{text}");
    assert!(text.contains(&as_drawn("سارة")), "{text}");
    assert!(text.contains(&as_drawn("میں")), "{text}");
    assert!(
        !text.contains("سارة"),
        "Arabic letters are drawn from the right, not in the order typed: {text}"
    );
    let fonts = pdf.fonts();
    assert!(
        fonts.iter().any(|name| name.contains("DroidSansFallback")),
        "the school's font draws the Chinese: {fonts:?}"
    );
    assert!(
        fonts.iter().any(|name| name.contains("DejaVuSans")),
        "the bundled font draws the rest: {fonts:?}"
    );
}
