//! Reads a PDF back in pure Rust (lopdf), for the tests that check what the report and the
//! printed incident say: each page's text, the fonts embedded, and the tagged structure a
//! screen reader follows. No poppler: the README's `cargo test` passes with only Rust and a C
//! compiler.
//!
//! Text is decoded through each font's ToUnicode map (krilla writes one for every font), in
//! content order; a move to a new line, or a new text object lower down, starts a new line, as
//! pdftotext does for the report's one-column pages.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId, content::Content};

/// A PDF read back: its pages' text, fonts and structure.
pub struct Pdf {
    document: Document,
}

/// The text of one marked-content sequence, keyed by its page and MCID.
type MarkedText = HashMap<(ObjectId, i64), String>;

impl Pdf {
    /// Reads `bytes`, panicking (a test failure) if they are not a PDF.
    pub fn read(bytes: &[u8]) -> Pdf {
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
        let document = Document::load_mem(bytes).expect("a PDF lopdf can read");
        Pdf { document }
    }

    /// Reads the PDF file at `path`.
    pub fn open(path: &std::path::Path) -> Pdf {
        Pdf::read(&std::fs::read(path).expect("the PDF file exists"))
    }

    /// Each page's text, lines separated by newlines.
    pub fn pages(&self) -> Vec<String> {
        self.document
            .get_pages()
            .values()
            .map(|&page| self.page_reading(page).text)
            .collect()
    }

    /// The whole document's text, pages separated by form feeds (as pdftotext writes it).
    pub fn text(&self) -> String {
        self.pages().join("\u{c}")
    }

    /// The document information's Author, as a PDF reader's properties show it.
    pub fn author(&self) -> Option<String> {
        let info = self.document.trailer.get(b"Info").ok()?;
        let info = self.document.dereference(info).ok()?.1.as_dict().ok()?;
        lopdf::decode_text_string(info.get(b"Author").ok()?).ok()
    }

    /// The base names of every font embedded (subset prefixes kept, as pdffonts shows them).
    pub fn fonts(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .document
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .filter(|dict| dict.has_type(b"Font"))
            .filter_map(|dict| dict.get(b"BaseFont").and_then(Object::as_name).ok())
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The logical structure, one element a line, indented by depth: its type, then the text
    /// marked as its own content in quotes (`H1 "1 Incidents"`), as `pdfinfo -struct-text`
    /// prints it. Artifacts (running headers and footers) belong to no element, so never appear.
    pub fn structure(&self) -> String {
        let mut marked = MarkedText::new();
        for &page in self.document.get_pages().values() {
            marked.extend(self.page_reading(page).marked);
        }
        let catalog = self.document.catalog().expect("a catalog");
        let root = catalog
            .get_deref(b"StructTreeRoot", &self.document)
            .and_then(Object::as_dict)
            .expect("a tagged PDF has a structure tree");
        let mut out = String::new();
        if let Ok(kids) = root.get(b"K") {
            self.write_elements(kids, None, 0, &marked, &mut out);
        }
        out
    }

    fn write_elements(
        &self,
        kids: &Object,
        page: Option<ObjectId>,
        depth: usize,
        marked: &MarkedText,
        out: &mut String,
    ) {
        let kids: Vec<&Object> = match kids {
            Object::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for kid in kids {
            let Ok((_, object)) = self.document.dereference(kid) else {
                continue;
            };
            if let Ok(element) = object.as_dict()
                && let Ok(kind) = element.get(b"S").and_then(Object::as_name)
            {
                let page = page_of(element).or(page);
                let own = own_text(element, page, marked, &self.document);
                out.push_str(&"  ".repeat(depth));
                out.push_str(&String::from_utf8_lossy(kind));
                if !own.is_empty() {
                    out.push_str(&format!(" \"{own}\""));
                }
                out.push('\n');
                if let Ok(children) = element.get(b"K") {
                    self.write_elements(children, page, depth + 1, marked, out);
                }
            }
        }
    }

    /// Walks one page's content (and the forms it draws), decoding its text.
    fn page_reading(&self, page: ObjectId) -> Reading {
        let mut reading = Reading::new(page);
        let content = self.document.get_page_content(page);
        let resources = self.page_resources(page);
        self.read_content(&content, &resources, &mut reading);
        reading
    }

    /// The page's resources, merged from the page and what it inherits.
    fn page_resources(&self, page: ObjectId) -> Dictionary {
        let (direct, ids) = self
            .document
            .get_page_resources(page)
            .unwrap_or((None, vec![]));
        let mut merged = Dictionary::new();
        for dict in direct.into_iter().chain(
            ids.iter()
                .filter_map(|id| self.document.get_dictionary(*id).ok()),
        ) {
            for (key, value) in dict.iter() {
                if !merged.has(key) {
                    merged.set(key.clone(), value.clone());
                }
            }
        }
        merged
    }

    fn read_content(&self, content: &[u8], resources: &Dictionary, reading: &mut Reading) {
        let fonts = self.fonts_of(resources);
        let operations = Content::decode(content)
            .expect("a content stream")
            .operations;
        for operation in operations {
            let operands = &operation.operands;
            let numbers: Vec<f32> = operands.iter().filter_map(|o| o.as_float().ok()).collect();
            match operation.operator.as_str() {
                "q" => reading.save(),
                "Q" => reading.restore(),
                "cm" if numbers.len() == 6 => reading.transform(matrix(&numbers)),
                "BT" => reading.begin_text(),
                "Tf" => reading.set_font(
                    operands.first().and_then(|o| o.as_name().ok()),
                    numbers.first(),
                ),
                "Td" | "TD" if numbers.len() == 2 => reading.move_by(numbers[0], numbers[1]),
                "TL" if numbers.len() == 1 => reading.leading = numbers[0],
                "T*" => reading.next_line(),
                "Tm" if numbers.len() == 6 => reading.set_text_matrix(matrix(&numbers)),
                "'" | "\"" => {
                    reading.next_line();
                    reading.show(operands, &fonts);
                }
                "Tj" | "TJ" => reading.show(operands, &fonts),
                "BDC" => reading.begin_marked(self.mcid(operands, resources)),
                "BMC" => reading.begin_marked(None),
                "EMC" => reading.end_marked(),
                "Do" => self.draw_form(operands, resources, reading),
                _ => {}
            }
        }
    }

    /// The MCID of a `BDC`, whose properties are inline or named in the resources.
    fn mcid(&self, operands: &[Object], resources: &Dictionary) -> Option<i64> {
        let properties = match operands.get(1)? {
            Object::Dictionary(dict) => dict.clone(),
            Object::Name(name) => resources
                .get_deref(b"Properties", &self.document)
                .ok()?
                .as_dict()
                .ok()?
                .get_deref(name, &self.document)
                .ok()?
                .as_dict()
                .ok()?
                .clone(),
            _ => return None,
        };
        properties.get(b"MCID").and_then(Object::as_i64).ok()
    }

    /// Reads the text of a form XObject drawn with `Do` (an image draws nothing to read).
    fn draw_form(&self, operands: &[Object], resources: &Dictionary, reading: &mut Reading) {
        let form = operands
            .first()
            .and_then(|name| name.as_name().ok())
            .and_then(|name| {
                let xobjects = resources.get_deref(b"XObject", &self.document).ok()?;
                xobjects
                    .as_dict()
                    .ok()?
                    .get_deref(name, &self.document)
                    .ok()
            })
            .and_then(|object| object.as_stream().ok());
        let Some(form) = form.filter(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form".as_slice())
        }) else {
            return;
        };
        let inner = form
            .dict
            .get_deref(b"Resources", &self.document)
            .and_then(Object::as_dict)
            .cloned()
            .unwrap_or_else(|_| resources.clone());
        let content = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        self.read_content(&content, &inner, reading);
    }

    fn fonts_of<'a>(&'a self, resources: &'a Dictionary) -> BTreeMap<Vec<u8>, Font<'a>> {
        let Ok(fonts) = resources
            .get_deref(b"Font", &self.document)
            .and_then(Object::as_dict)
        else {
            return BTreeMap::new();
        };
        fonts
            .iter()
            .filter_map(|(name, font)| {
                let font = self.document.dereference(font).ok()?.1.as_dict().ok()?;
                let encoding = font.get_font_encoding(&self.document).ok()?;
                let widths = Widths::of(font, &self.document);
                Some((name.clone(), Font { encoding, widths }))
            })
            .collect()
    }
}

/// A font as text extraction needs it: how its codes map to characters, and how wide each is.
struct Font<'a> {
    encoding: Encoding<'a>,
    widths: Widths,
}

/// A composite font's glyph widths (its descendant's `W` array), in thousandths of the size.
struct Widths {
    two_byte: bool,
    default: f32,
    of_code: HashMap<u32, f32>,
}

impl Widths {
    fn of(font: &Dictionary, document: &Document) -> Widths {
        let descendant = font
            .get_deref(b"DescendantFonts", document)
            .and_then(Object::as_array)
            .ok()
            .and_then(|fonts| fonts.first())
            .and_then(|f| document.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok());
        let Some(descendant) = descendant else {
            return Widths {
                two_byte: false,
                default: 500.0,
                of_code: HashMap::new(),
            };
        };
        let default = descendant
            .get(b"DW")
            .and_then(Object::as_float)
            .unwrap_or(1000.0);
        let mut of_code = HashMap::new();
        let w = descendant
            .get_deref(b"W", document)
            .and_then(Object::as_array)
            .map(Vec::as_slice);
        let mut items = w.unwrap_or(&[]).iter();
        while let Some(first) = items.next().and_then(|o| o.as_i64().ok()) {
            match items.next() {
                Some(Object::Array(widths)) => {
                    for (i, width) in widths.iter().enumerate() {
                        of_code
                            .insert(first as u32 + i as u32, width.as_float().unwrap_or(default));
                    }
                }
                Some(last) => {
                    let width = items
                        .next()
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(default);
                    for code in first..=last.as_i64().unwrap_or(first) {
                        of_code.insert(code as u32, width);
                    }
                }
                None => break,
            }
        }
        Widths {
            two_byte: true,
            default,
            of_code,
        }
    }

    /// The width of a string's glyphs, in thousandths of the font size.
    fn of_string(&self, bytes: &[u8]) -> f32 {
        if !self.two_byte {
            return bytes.len() as f32 * self.default;
        }
        bytes
            .chunks(2)
            .map(|pair| {
                let code = pair.iter().fold(0u32, |code, b| code << 8 | u32::from(*b));
                self.of_code.get(&code).copied().unwrap_or(self.default)
            })
            .sum()
    }
}

/// A PDF matrix `[a b c d e f]`.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn matrix(numbers: &[f32]) -> Matrix {
    [
        numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5],
    ]
}

/// `first` then `then`, as PDF multiplies them (`first × then`).
fn multiply(first: Matrix, then: Matrix) -> Matrix {
    let [a, b, c, d, e, f] = first;
    let [a2, b2, c2, d2, e2, f2] = then;
    [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
}

/// The page an element's marked content is on, where it says.
fn page_of(element: &Dictionary) -> Option<ObjectId> {
    element.get(b"Pg").and_then(Object::as_reference).ok()
}

/// The text of the marked-content sequences that are an element's own kids (MCIDs, or
/// marked-content references), joined with spaces.
fn own_text(
    element: &Dictionary,
    page: Option<ObjectId>,
    marked: &MarkedText,
    document: &Document,
) -> String {
    let Ok(kids) = element.get(b"K") else {
        return String::new();
    };
    let kids: Vec<&Object> = match kids {
        Object::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut parts = Vec::new();
    for kid in kids {
        let reference = match kid {
            Object::Integer(mcid) => page.map(|p| (p, *mcid)),
            other => document.dereference(other).ok().and_then(|(_, o)| {
                let dict = o.as_dict().ok()?;
                let mcid = dict.get(b"MCID").and_then(Object::as_i64).ok()?;
                Some((page_of(dict).or(page)?, mcid))
            }),
        };
        if let Some(text) = reference.and_then(|key| marked.get(&key)) {
            parts.push(text.trim().to_owned());
        }
    }
    parts.join(" ")
}

/// What reading a page's content collects as it goes.
struct Reading {
    page: ObjectId,
    text: String,
    /// The graphics state's transformation, and those saved by `q`.
    ctm: Matrix,
    saved: Vec<Matrix>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    leading: f32,
    font: Option<Vec<u8>>,
    size: f32,
    /// Where the last text shown ended on the page, its baseline and its size there.
    last: Option<(f32, f32, f32)>,
    /// The open marked-content sequences, innermost last, each with its MCID if it has one.
    marks: Vec<Option<i64>>,
    marked: MarkedText,
}

impl Reading {
    fn new(page: ObjectId) -> Reading {
        Reading {
            page,
            text: String::new(),
            ctm: IDENTITY,
            saved: Vec::new(),
            text_matrix: IDENTITY,
            line_matrix: IDENTITY,
            leading: 0.0,
            font: None,
            size: 0.0,
            last: None,
            marks: Vec::new(),
            marked: MarkedText::new(),
        }
    }

    fn save(&mut self) {
        self.saved.push(self.ctm);
    }

    fn restore(&mut self) {
        self.ctm = self.saved.pop().unwrap_or(IDENTITY);
    }

    fn transform(&mut self, by: Matrix) {
        self.ctm = multiply(by, self.ctm);
    }

    fn begin_text(&mut self) {
        self.text_matrix = IDENTITY;
        self.line_matrix = IDENTITY;
    }

    fn set_font(&mut self, name: Option<&[u8]>, size: Option<&f32>) {
        self.font = name.map(<[u8]>::to_vec);
        self.size = size.copied().unwrap_or(0.0);
    }

    fn move_by(&mut self, x: f32, y: f32) {
        self.line_matrix = multiply([1.0, 0.0, 0.0, 1.0, x, y], self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn next_line(&mut self) {
        self.move_by(0.0, -self.leading);
    }

    fn set_text_matrix(&mut self, to: Matrix) {
        self.text_matrix = to;
        self.line_matrix = to;
    }

    fn begin_marked(&mut self, mcid: Option<i64>) {
        self.marks.push(mcid);
    }

    fn end_marked(&mut self) {
        self.marks.pop();
    }

    /// Decodes a `Tj` or `TJ` and places it: on the line of the text before it (after a space
    /// if there is a visible gap), or on a new line.
    fn show(&mut self, operands: &[Object], fonts: &BTreeMap<Vec<u8>, Font<'_>>) {
        let Some(font) = self.font.as_ref().and_then(|f| fonts.get(f)) else {
            return;
        };
        let mut shown = String::new();
        let advance = decode(operands, font, &mut shown) / 1000.0 * self.size;
        let placed = multiply(self.text_matrix, self.ctm);
        let (x, y) = (placed[4], placed[5]);
        let scale = (placed[2] * placed[2] + placed[3] * placed[3])
            .sqrt()
            .max(0.01);
        let size = self.size * scale;
        let end_x = x + advance * (placed[0] * placed[0] + placed[1] * placed[1]).sqrt();
        self.text_matrix = multiply([1.0, 0.0, 0.0, 1.0, advance, 0.0], self.text_matrix);
        if shown.is_empty() {
            return;
        }
        let on_line = self
            .last
            .filter(|(last_x, last_y, last_size)| {
                (y - last_y).abs() < 0.5 * last_size.max(size) && x > last_x - 0.5 * size
            })
            .map(|(last_x, ..)| x - last_x > 0.2 * size);
        match on_line {
            None if !self.text.is_empty() => self.text.push('\n'),
            Some(true) if !self.text.ends_with(' ') && !shown.starts_with(' ') => {
                self.text.push(' ')
            }
            _ => {}
        }
        self.last = Some((end_x, y, size));
        self.text.push_str(&shown);
        if let Some(mcid) = self.marks.iter().rev().find_map(|m| *m) {
            let entry = self.marked.entry((self.page, mcid)).or_default();
            if on_line != Some(false) && !entry.is_empty() && !entry.ends_with(' ') {
                entry.push(' ');
            }
            entry.push_str(&shown);
        }
    }
}

/// Decodes the strings of a `Tj` or `TJ` into `out`, returning how far they advance, in
/// thousandths of the font size; a large gap in a `TJ` reads as a space.
fn decode(operands: &[Object], font: &Font<'_>, out: &mut String) -> f32 {
    let mut advance = 0.0;
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                let _ = font.encoding.write_to_string(bytes, out);
                advance += font.widths.of_string(bytes);
            }
            Object::Array(items) => advance += decode(items, font, out),
            Object::Integer(_) | Object::Real(_) => {
                let gap = operand.as_float().unwrap_or(0.0);
                if gap < -200.0 && !out.ends_with(' ') {
                    out.push(' ');
                }
                advance -= gap;
            }
            _ => {}
        }
    }
    advance
}
