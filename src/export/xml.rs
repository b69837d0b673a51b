//! Writing metadata XML as the Metadata API lays it out (UTF-8, the metadata namespace, four
//! spaces per level), with every text escaped, and the names Salesforce allows in file names
//! and developer names.

/// The Metadata API namespace every file's root element carries.
const NS: &str = "http://soap.sforce.com/2006/04/metadata";

/// Text as XML character data: `& < > " '` escaped; characters XML 1.0 can't hold at all
/// (control characters other than tab, newline and carriage return) replaced by U+FFFD, which
/// the exporter reports before writing.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can hold `c` as a character.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// One metadata file being written.
pub struct Xml {
    out: String,
    depth: usize,
    stack: Vec<&'static str>,
}

impl Xml {
    pub fn new(root: &'static str) -> Xml {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!("<{root} xmlns=\"{NS}\">\n"));
        Xml {
            out,
            depth: 1,
            stack: vec![root],
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.indent();
        self.out.push_str(&format!("<{tag}>\n"));
        self.depth += 1;
        self.stack.push(tag);
        self
    }

    pub fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.stack.pop() {
            self.depth = self.depth.saturating_sub(1);
            self.indent();
            self.out.push_str(&format!("</{tag}>\n"));
        }
        self
    }

    /// `<tag>text</tag>`, the text escaped.
    pub fn leaf(&mut self, tag: &str, text: &str) -> &mut Self {
        self.indent();
        self.out
            .push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
        self
    }

    pub fn flag(&mut self, tag: &str, on: bool) -> &mut Self {
        self.leaf(tag, if on { "true" } else { "false" })
    }

    /// The whole file, every open element closed.
    pub fn finish(mut self) -> Vec<u8> {
        while self.stack.len() > 1 {
            self.close();
        }
        if let Some(root) = self.stack.pop() {
            self.out.push_str(&format!("</{root}>\n"));
        }
        self.out.into_bytes()
    }
}

/// A developer name (API name) Salesforce accepts for `id`: letters, digits and underscores,
/// starting with a letter, no double underscore, not ending in one, at most 80 characters.
pub fn developer_name(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'X');
    }
    out.truncate(80);
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// A component name as a file name: characters a file name can't hold (and `%`) percent-encoded,
/// as the Metadata API writes `Custom%3A Sales Profile.profile`.
pub fn file_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '_' | '-' | '.' | '(' | ')' | '\'' | ',' | '&' | '+'
            )
        {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_names() {
        assert_eq!(
            escape("a<b & 'c'>\"d\""),
            "a&lt;b &amp; &apos;c&apos;&gt;&quot;d&quot;"
        );
        assert_eq!(escape("bell\u{7}"), "bell\u{fffd}");
        assert_eq!(developer_name("r_ceo"), "r_ceo");
        assert_eq!(developer_name("1st line--team_"), "X1st_line_team");
        assert_eq!(developer_name("__x__y"), "x_y");
        assert_eq!(
            file_name("Custom: Sales/EU 100%"),
            "Custom%3A Sales%2FEU 100%25"
        );
    }
}
