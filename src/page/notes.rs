//! Release notes: Markdown (CommonMark with strikethrough) rendered by `pulldown-cmark` and
//! sanitised by `ammonia` to an allow-list of elements that are also valid AMP, so the plain
//! page and the AMP page show the same HTML.
//!
//! Raw HTML in the notes is shown as text, not passed through: notes are written for people
//! reading a changelog, and `<b>` typed into a CI script should read as typed. Images become
//! links (an `<img>` is not valid AMP, and a remote image would be a request to another host).
//! A single line break is kept (`<br>`), as changelogs written one change per line expect.
//! Headings move down two levels (`#` is an `h3`) to sit under the page's own "Release notes".

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The elements the notes may contain. Every one is allowed by the AMP validator with the
/// attributes below.
const TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEAN: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect::<HashSet<_>>())
            .add_tag_attributes("a", ["href"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(URL_SCHEMES.iter().copied().collect::<HashSet<_>>())
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        b
    })
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The notes as sanitised HTML (empty for empty notes).
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        // Raw HTML is text.
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        // A line break in the notes is a line break on the page (as in GitHub comments):
        // changelogs are often one change per line, without list markers.
        Event::SoftBreak => Event::HardBreak,
        Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes: vec![],
            attrs: vec![],
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) => Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url,
            title,
            id: CowStr::Borrowed(""),
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string()
}

/// The first line of the notes as plain text, at most `max` characters (chat messages).
pub fn summary(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for e in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > max {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let h = to_html("# Fixes\n\n- **login** crash\n- `sync` is *faster*\n\n~~old~~ [docs](https://example.com/x)");
        assert!(h.contains("<h3>Fixes</h3>"), "{h}");
        assert!(h.contains("<li><strong>login</strong> crash</li>"), "{h}");
        assert!(h.contains("<code>sync</code>"), "{h}");
        assert!(h.contains("<em>faster</em>"), "{h}");
        assert!(h.contains("<del>old</del>"), "{h}");
        assert!(
            h.contains(
                r#"<a href="https://example.com/x" rel="noopener noreferrer nofollow">docs</a>"#
            ),
            "{h}"
        );
    }

    #[test]
    fn raw_html_is_text_and_scripts_never_survive() {
        let h = to_html("<script>alert(1)</script>\n\n<b>bold</b> <img src=x onerror=alert(1)>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<b>"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;b&gt;bold&lt;/b&gt;"), "{h}");
    }

    #[test]
    fn dangerous_links_lose_their_href_and_images_become_links() {
        let h = to_html(
            "[x](javascript:alert(1)) [y](data:text/html,hi) ![shot](https://example.com/a.png)",
        );
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("data:"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains(r#"href="https://example.com/a.png""#), "{h}");
    }

    #[test]
    fn only_allowed_elements_and_attributes_remain() {
        let h = to_html(
            "```rust\nfn main() {}\n```\n\n3. three\n4. four\n\n> quoted\n\n---\n\n###### deep",
        );
        assert!(h.contains("<pre><code>fn main() {}"), "{h}");
        assert!(h.contains(r#"<ol start="3">"#), "{h}");
        assert!(h.contains("<blockquote>"), "{h}");
        assert!(h.contains("<hr>"), "{h}");
        assert!(h.contains("<h6>deep</h6>"), "{h}");
        assert!(!h.contains("class="), "{h}");
    }

    #[test]
    fn single_line_breaks_are_kept() {
        assert_eq!(
            to_html("Fixes the crash.\nNew icon."),
            "<p>Fixes the crash.<br>\nNew icon.</p>\n"
        );
    }

    #[test]
    fn summaries_are_one_plain_line() {
        assert_eq!(summary("## Fixes\n\n- **login** crash", 80), "Fixes");
        assert_eq!(summary("**Big** release", 80), "Big release");
        assert_eq!(summary("abcdef", 4), "abc…");
        assert_eq!(summary("", 10), "");
    }
}
