//! A policy's text: a line starting with `## ` is a heading; paragraphs are separated by a blank
//! line. Nothing else is markup, so a text shows the same on a page, in the app and in the API.

/// A heading or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub heading: bool,
    pub text: String,
}

pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = vec![];
    let mut para: Vec<&str> = vec![];
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block {
                heading: false,
                text: para.join(" "),
            });
            para.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("## ") {
            flush(&mut para, &mut out);
            out.push(Block {
                heading: true,
                text: h.trim().to_owned(),
            });
        } else if line.is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_paragraphs() {
        let b = blocks(
            "## What we keep\nYour name\nand CNIC.\n\nNothing else.\n## Why\n\nTo train you.",
        );
        let text: Vec<(bool, &str)> = b.iter().map(|b| (b.heading, b.text.as_str())).collect();
        assert_eq!(
            text,
            [
                (true, "What we keep"),
                (false, "Your name and CNIC."),
                (false, "Nothing else."),
                (true, "Why"),
                (false, "To train you."),
            ]
        );
    }
}
