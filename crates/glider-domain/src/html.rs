//! Rich text: HTML is stored sanitised, with a plain-text copy for search.

use std::sync::LazyLock;

/// The sanitiser: ammonia's safe defaults (no scripts, no event handlers, no `javascript:`
/// URLs) plus what the editor produces (mentions, task lists, code blocks, tables).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "mention-component",
            "label",
            "input",
            "mark",
            "s",
            "u",
            "sub",
            "sup",
            "hr",
            "figure",
            "figcaption",
            "span",
            "div",
        ])
        .add_generic_attributes([
            "class",
            "data-type",
            "data-id",
            "data-label",
            "data-checked",
            "style",
        ])
        .add_tag_attributes(
            "mention-component",
            ["entity_identifier", "entity_name", "id", "target", "label"],
        )
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("a", ["target"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    builder
});

/// Removes scripts, event handlers and anything not on the allow-list.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// The text of an HTML fragment, whitespace collapsed (Plane's `description_stripped`).
pub fn strip(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let clean = sanitize(
            r#"<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x">a</a></p>"#,
        );
        assert!(
            !clean.contains("script")
                && !clean.contains("onclick")
                && !clean.contains("javascript"),
            "{clean}"
        );
        assert!(clean.contains("<p>Hi"), "{clean}");
    }

    #[test]
    fn strips_to_text() {
        assert_eq!(
            strip("<p>Hello <b>big</b>&nbsp;world</p><p>again</p>"),
            "Hello big world again"
        );
    }
}
