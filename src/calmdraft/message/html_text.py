"""HTML bodies to plain text: block elements become line breaks, blockquotes become "> " quotes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Deeper quotes are shown at this depth: 8,000 nested blockquotes must not give 8,000-character prefixes.
MAX_QUOTE_DEPTH = 8


class _TextFromHTML(HTMLParser):
    """HTML to readable text: block elements become line breaks, blockquotes become "> " quotes."""

    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "pre", "ul",
             "ol"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "blockquote":
            self.quote_depth += 1
            self.parts.append("\n")
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
            self.parts.append("\n")
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n\xa0]+", " ", data)
        if self.quote_depth:
            data = data.replace("\n", "\n" + "> " * min(self.quote_depth, MAX_QUOTE_DEPTH))
            if not self.parts or self.parts[-1].endswith("\n"):
                data = "> " * min(self.quote_depth, MAX_QUOTE_DEPTH) + data.lstrip()
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Convert an HTML body to plain text with quotes marked by "> "."""
    parser = _TextFromHTML()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # noqa: BLE001 - HTMLParser can fail on pathological input; fall back to stripping
        text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    lines = [ln.rstrip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(ln if ln.strip() else "" for ln in lines)).strip()
