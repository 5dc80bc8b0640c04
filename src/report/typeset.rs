//! Typst as a library: a small in-memory world holding one template, its data and its charts,
//! with the bundled fonts only, so the PDF does not depend on the machine it is made on.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::report::ReportError;
use crate::report::charts::{FONT, FONT_BOLD};

/// One document to typeset: the template, the files it reads, and what makes it repeatable.
pub struct Document<'a> {
    /// The Typst source.
    pub template: &'a str,
    /// Files the template reads, by path from the root: `/data.json`, `/charts/trend.svg`.
    pub files: Vec<(String, Vec<u8>)>,
    /// A stable identifier: the same document made again gets the same PDF identifier.
    pub ident: String,
}

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = [FONT, FONT_BOLD]
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn file_id(path: &str) -> Option<FileId> {
    let path = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, path).intern())
}

struct Memory {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl World for Memory {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    /// The templates print the day the report was made from their data; nothing asks the
    /// clock, so the same data always gives the same document.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn problem(diagnostics: impl IntoIterator<Item = typst::diag::SourceDiagnostic>) -> ReportError {
    let messages: Vec<String> = diagnostics
        .into_iter()
        .map(|d| d.message.to_string())
        .collect();
    ReportError::Typeset(messages.join("; "))
}

/// Lays the document out and writes it as PDF bytes.
pub fn pdf(document: Document<'_>) -> Result<Vec<u8>, ReportError> {
    let main_id =
        file_id("/main.typ").ok_or_else(|| ReportError::Typeset("bad template path".into()))?;
    let mut files = HashMap::new();
    for (path, bytes) in document.files {
        let id =
            file_id(&path).ok_or_else(|| ReportError::Typeset(format!("bad file path {path}")))?;
        files.insert(id, Bytes::new(bytes));
    }
    let world = Memory {
        main: Source::new(main_id, document.template.to_owned()),
        files,
    };
    let laid_out = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(problem)?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(document.ident),
        creator: Smart::Custom(Some("E-Safety Desk".into())),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&laid_out, &options).map_err(problem);
    // Typst memoises layout for incremental recompiles; a report is made once, so its cache
    // is let go rather than kept for the life of the app.
    typst::comemo::evict(0);
    pdf
}
