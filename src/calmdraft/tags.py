"""The IMAP keywords calmdraft sets, and ``calmdraft tags``: the set-up each mail client needs to show them.

Keywords travel with the original (and the draft) on the server, never inside a draft's headers.  Clients
differ: Thunderbird shows a keyword only once a tag of that name is defined (``user.js``), neomutt shows
them with ``%g`` in ``index_format``, aerc shows none (its search finds them), Apple Mail and Gmail's web
client show none.  ``\\Flagged`` (the threat flag by default) is the star or flag in every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from calmdraft.config import Config


@dataclass(frozen=True)
class Tag:
    name: str        # the keyword after the prefix
    label: str       # what a client shows
    color: str       # Thunderbird colour; "" for a tag that should not colour the message list
    meaning: str


TAGS: tuple[Tag, ...] = (
    Tag("threat", "threat", "#cc0000", "a chargeback, claim, lawyer, review or other escalation is named"),
    Tag("irate", "irate", "#e66100", "the customer is angry"),
    Tag("refund_request", "refund", "#9141ac", "a refund is asked for"),
    Tag("shipping_delay", "late", "#1a5fb4", "the order is late or missing"),
    Tag("review", "check draft", "#986a44", "the classifier was unsure: read the draft with care"),
    Tag("courtesy-warning", "courtesy", "#c64600", "the draft failed the courtesy check: edit it first"),
    Tag("failed", "failed", "#5e5c64", "no draft could be written (status says why)"),
    Tag("unreadable", "unreadable", "#5e5c64", "the mail could not be read (broken MIME or too large)"),
    Tag("after-sale", "after-sale", "", "no label, but an after-sale question was drafted for"),
    Tag("drafted", "drafted", "", "a draft is in Drafts (no colour, or the whole inbox turns one colour)"),
)


def keyword(prefix: str, tag: Tag) -> str:
    return f"{prefix}/{tag.name}"


def thunderbird(config: Config | None) -> str:
    """A ``user.js`` block defining a Thunderbird tag for each keyword (names and colours)."""
    prefix = config.tag_prefix if config else "calmdraft"
    lines = ["// calmdraft tags for Thunderbird: add to user.js in the profile folder, Thunderbird closed.",
             "// A keyword is shown only once a tag with its (lower-case) name exists."]
    for order, tag in enumerate(TAGS, start=1):
        key = keyword(prefix, tag).lower()
        lines.append(f'user_pref("mailnews.tags.{key}.tag", "{prefix}: {tag.label}");')
        if tag.color:
            lines.append(f'user_pref("mailnews.tags.{key}.color", "{tag.color}");')
        lines.append(f'user_pref("mailnews.tags.{key}.ordinal", "{order:02d}");')
    return "\n".join(lines) + "\n"


def neomutt(config: Config | None) -> str:
    """A neomuttrc block: short names for the keywords, ``%g`` in the index, a colour for threats."""
    prefix = config.tag_prefix if config else "calmdraft"
    pairs = " ".join(f'"{keyword(prefix, t)}" "{t.label}"' for t in TAGS if t.name != "drafted")
    return "\n".join([
        "# calmdraft tags for neomutt: add to ~/.neomuttrc.",
        f"tag-transforms {pairs}",
        "set hidden_tags = \"unread,draft,flagged,passed,replied,attachment,signed,encrypted,"
        f'{keyword(prefix, TAGS[-1])}"',
        'set index_format = "%4C %Z %{%b %d} %-15.15L %?g?[%g] ?%s"',
        "color index brightred default ~F   # flagged: threats, with tags.threat_flag = \"\\\\Flagged\"",
    ]) + "\n"


def table(config: Config | None) -> str:
    """Every keyword with its meaning, and the threat flag."""
    prefix = config.tag_prefix if config else "calmdraft"
    flag = config.threat_flag if config else "\\Flagged"
    width = max(len(keyword(prefix, t)) for t in TAGS)
    rows = [f"{keyword(prefix, t):<{width}}  {t.meaning}" for t in TAGS]
    rows.append(f"{prefix + '/lang-XX':<{width}}  the mail's language, where it has no template "
                f"(the draft is English)")
    if flag:
        rows.append(f"{flag:<{width}}  also set on threats (tags.threat_flag)")
    return "\n".join(rows) + "\n"
