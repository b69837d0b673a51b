//! The XML side: parsing with file and line in every error, reading child elements by local
//! name (the Metadata API namespace is implied), and noticing elements the importer does not know.

use roxmltree::{Document, Node, ParsingOptions};

use super::files::Kind;
use super::report::{Report, Unknown};
use super::ImportError;

/// One parsed metadata file.
pub struct Doc<'a> {
    pub file: String,
    pub kind: Kind,
    pub name: String,
    pub object: Option<String>,
    pub doc: Document<'a>,
}

impl<'a> Doc<'a> {
    pub fn root(&self) -> Node<'a, '_> {
        self.doc.root_element()
    }

    /// The 1-based line a node starts on.
    pub fn line(&self, n: Node) -> u32 {
        self.doc.text_pos_at(n.range().start).row
    }

    /// The root element, if it is the one this kind of file holds; else why not.
    pub fn expect_root(&self, want: &str) -> Result<Node<'a, '_>, String> {
        let root = self.root();
        let got = root.tag_name().name();
        if got == want {
            Ok(root)
        } else {
            Err(format!(
                "{}: the root element is <{got}>, not <{want}>",
                self.file
            ))
        }
    }

    /// Report every child element of `node` that is neither read (`read`) nor known to be
    /// irrelevant to record access (`ignored`, counted by name). `at` names `node` in the
    /// report (`SharingRules/sharingOwnerRules`).
    pub fn check(
        &self,
        node: Node,
        at: &str,
        (read, ignored): (&[&str], &[&str]),
        report: &mut Report,
        ty: &str,
    ) {
        for k in kids(node) {
            let name = k.tag_name().name();
            if read.contains(&name) {
                continue;
            }
            let t = report.of(ty);
            if ignored.contains(&name) {
                *t.ignored_elements.entry(name.to_string()).or_default() += 1;
            } else {
                t.unknown_elements.push(Unknown {
                    file: self.file.clone(),
                    line: self.line(k),
                    element: format!("{at}/{name}"),
                });
            }
        }
    }
}

/// Parse one file. DTDs are refused (metadata never has one, and they allow entity bombs).
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Document<'a>, ImportError> {
    let opt = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opt).map_err(|e| {
        let pos = e.pos();
        ImportError {
            file: file.to_string(),
            line: Some((pos.row, pos.col)),
            message: format!("malformed XML: {e}"),
        }
    })
}

/// The element children of a node.
pub fn kids<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

/// The element children named `name`.
pub fn all<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    kids(n).filter(move |c| c.tag_name().name() == name)
}

/// The first child element named `name`.
pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    kids(n).find(|c| c.tag_name().name() == name)
}

/// The trimmed text of the first child named `name`, if it has any.
pub fn text<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name)
        .and_then(|c| c.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The texts of every child named `name`.
pub fn texts<'a>(n: Node<'a, '_>, name: &str) -> Vec<&'a str> {
    kids(n)
        .filter(|c| c.tag_name().name() == name)
        .filter_map(|c| c.text().map(str::trim))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A boolean child (`true` / `false`), if present.
pub fn flag(n: Node, name: &str) -> Option<bool> {
    text(n, name).map(|t| t.eq_ignore_ascii_case("true"))
}
