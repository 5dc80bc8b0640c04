//! Which font draws each character: the bundled DejaVu Sans first, then fonts the school put
//! in the data folder's `fonts` folder, then the PC's own fonts (found with `fontdb`), so a
//! name or a summary in Chinese, Arabic or Polish prints in real glyphs wherever the PC can
//! draw it, and in the bundled font's empty box only where no font on the PC has the letter.
//!
//! The PC's fonts are looked at only when the bundled font lacks a character, so a report in
//! English never reads them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use unicode_bidi::BidiClass;

use crate::report::pdf::text::Face;

/// A font that draws glyphs: one of the three bundled faces, or a fallback found on the PC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontKey {
    /// A bundled DejaVu Sans face.
    Bundled(Face),
    /// The n-th fallback font loaded in this run of the program.
    Fallback(usize),
}

/// A font's file and its place in it (a collection holds several).
#[derive(Debug, Clone, Copy)]
pub struct FontData {
    /// The font file's bytes.
    pub bytes: &'static [u8],
    /// The face's index in the file.
    pub index: u32,
}

/// A fallback font, read once and kept for the rest of the run.
struct Loaded {
    data: FontData,
    face: rustybuzz::Face<'static>,
}

/// The fonts looked at after the bundled ones.
#[derive(Default)]
struct Fallbacks {
    /// Folders looked at before the PC's own fonts.
    first: Vec<PathBuf>,
    /// Every font found, read lazily the first time a character needs them.
    found: Option<Found>,
    /// The fallbacks read so far, in the order they were first needed.
    loaded: Vec<&'static Loaded>,
    /// The font chosen for each character and face (none: no font has it).
    chosen: HashMap<char, Option<usize>>,
}

/// The fonts found, in the order they are tried.
struct Found {
    database: fontdb::Database,
    order: Vec<fontdb::ID>,
    /// Which of `loaded` each font became, once read.
    read: HashMap<fontdb::ID, usize>,
}

fn fallbacks() -> MutexGuard<'static, Fallbacks> {
    static FALLBACKS: OnceLock<Mutex<Fallbacks>> = OnceLock::new();
    FALLBACKS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Also looks for fonts in `folder` (the data folder's `fonts`), before the PC's own. Call it
/// before the first document is made: characters already placed keep their font.
pub fn look_first_in(folder: PathBuf) {
    let mut fallbacks = fallbacks();
    if fallbacks.first.contains(&folder) {
        return;
    }
    fallbacks.first.push(folder);
    fallbacks.found = None;
    fallbacks.chosen.retain(|_, chosen| chosen.is_some());
}

/// The bundled faces, parsed once.
fn bundled_faces() -> &'static [rustybuzz::Face<'static>; 3] {
    static FACES: OnceLock<[rustybuzz::Face<'static>; 3]> = OnceLock::new();
    FACES.get_or_init(|| {
        Face::ALL.map(|face| {
            rustybuzz::Face::from_slice(face.data(), 0).expect("the bundled fonts parse")
        })
    })
}

/// The shaper's view of the font `key`.
pub fn shaper(key: FontKey) -> &'static rustybuzz::Face<'static> {
    match key {
        FontKey::Bundled(face) => &bundled_faces()[face.index()],
        FontKey::Fallback(n) => {
            let loaded: &'static Loaded = fallbacks().loaded[n];
            &loaded.face
        }
    }
}

/// The file that holds the font `key`, for embedding.
pub fn data(key: FontKey) -> FontData {
    match key {
        FontKey::Bundled(face) => FontData {
            bytes: face.data(),
            index: 0,
        },
        FontKey::Fallback(n) => fallbacks().loaded[n].data,
    }
}

/// Whether `ch` takes the font of the letters around it rather than choosing one: spaces,
/// joiners, direction marks and combining accents, which belong with what they sit beside.
pub fn follows_neighbours(ch: char) -> bool {
    use BidiClass::*;
    matches!(
        unicode_bidi::bidi_class(ch),
        BN | NSM | B | S | WS | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
    ) || ('\u{fe00}'..='\u{fe0f}').contains(&ch)
}

/// The font that draws `ch` in `face`: the bundled face when it has the letter, else the
/// bundled regular face (the oblique has no Arabic), else the first fallback that has it, else
/// the bundled face (which draws its empty box).
pub fn font_for(ch: char, face: Face) -> FontKey {
    let has = |face: Face| bundled_faces()[face.index()].glyph_index(ch).is_some();
    if follows_neighbours(ch) || has(face) {
        return FontKey::Bundled(face);
    }
    if has(Face::Regular) {
        return FontKey::Bundled(Face::Regular);
    }
    let mut fallbacks = fallbacks();
    let chosen = match fallbacks.chosen.get(&ch) {
        Some(chosen) => *chosen,
        None => {
            let chosen = fallbacks.choose(ch);
            fallbacks.chosen.insert(ch, chosen);
            chosen
        }
    };
    chosen.map_or(FontKey::Bundled(face), FontKey::Fallback)
}

impl Fallbacks {
    /// The fallback for `ch`: one already in use if it has the letter (a page of Chinese uses
    /// one font, not a font a character), else the first of the fonts found.
    fn choose(&mut self, ch: char) -> Option<usize> {
        if let Some(n) = self
            .loaded
            .iter()
            .position(|loaded| loaded.face.glyph_index(ch).is_some())
        {
            return Some(n);
        }
        let first = self.first.clone();
        let found = self.found.get_or_insert_with(|| Found::search(&first));
        let id = found.order.iter().copied().find(|id| {
            !found.read.contains_key(id)
                && found
                    .database
                    .with_face_data(*id, |bytes, index| has_glyph(bytes, index, ch))
                    .unwrap_or(false)
        })?;
        let bytes: &'static [u8] = found
            .database
            .with_face_data(id, |bytes, _| Vec::leak(bytes.to_vec()))?;
        let index = found.database.face(id)?.index;
        let loaded = rustybuzz::Face::from_slice(bytes, index).map(|face| Loaded {
            data: FontData { bytes, index },
            face,
        })?;
        self.loaded.push(Box::leak(Box::new(loaded)));
        let n = self.loaded.len() - 1;
        found.read.insert(id, n);
        Some(n)
    }
}

fn has_glyph(bytes: &[u8], index: u32, ch: char) -> bool {
    rustybuzz::ttf_parser::Face::parse(bytes, index)
        .is_ok_and(|face| face.glyph_index(ch).is_some())
}

impl Found {
    /// The school's fonts, then the PC's: sans-serif families before others, regular weights
    /// before bold and italic, so a fallback looks like the text around it.
    fn search(first: &[PathBuf]) -> Found {
        let mut database = fontdb::Database::new();
        for folder in first {
            database.load_fonts_dir(folder);
        }
        let schools = database.len();
        database.load_system_fonts();
        let mut faces: Vec<(usize, &fontdb::FaceInfo)> = database.faces().enumerate().collect();
        faces.sort_by_key(|(n, info)| {
            let family = info
                .families
                .first()
                .map(|(name, _)| name.as_str())
                .unwrap_or("");
            (
                *n >= schools,
                !family.contains("Sans") && !family.contains("Gothic"),
                info.style != fontdb::Style::Normal,
                info.weight.0.abs_diff(400),
                family.to_owned(),
            )
        });
        let order = faces.iter().map(|(_, info)| info.id).collect();
        Found {
            database,
            order,
            read: HashMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_draw_what_they_can_and_the_regular_face_lends_its_arabic() {
        assert_eq!(font_for('ł', Face::Bold), FontKey::Bundled(Face::Bold));
        assert_eq!(font_for('س', Face::Bold), FontKey::Bundled(Face::Bold));
        // The oblique face has no Arabic: the upright one draws it, not a font of the PC's.
        assert_eq!(font_for('س', Face::Italic), FontKey::Bundled(Face::Regular));
        assert_eq!(
            font_for('\u{200d}', Face::Italic),
            FontKey::Bundled(Face::Italic)
        );
    }

    #[test]
    fn a_letter_no_bundled_face_has_comes_from_the_schools_folder_first() {
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
        look_first_in(fixtures);
        let key = font_for('李', Face::Regular);
        let FontKey::Fallback(_) = key else {
            panic!("李 is not in DejaVu Sans: {key:?}");
        };
        let data = data(key);
        let face = rustybuzz::ttf_parser::Face::parse(data.bytes, data.index).unwrap();
        let family = face
            .names()
            .into_iter()
            .find(|name| name.name_id == rustybuzz::ttf_parser::name_id::FAMILY)
            .and_then(|name| name.to_string());
        assert_eq!(family.as_deref(), Some("Droid Sans Fallback"));
        assert!(shaper(key).glyph_index('李').is_some());
        assert_eq!(
            font_for('明', Face::Bold),
            key,
            "one font for the whole of the Chinese"
        );
    }
}
