"""Split a plain-text reply into the writer's new text, the quoted history and the signature.

The rules follow what email_reply_trimmer (Discourse) and talon (Mailgun) learned from real clients: quote
headers in many languages ("On … wrote:", "Am … schrieb", Outlook's "From:/Sent:" block), ``>`` quote blocks,
forwarded message separators, ``-- `` signature delimiters and mobile "Sent from" lines.  Marketplace relays
(Amazon's "Begin message" frame) are unwrapped first so their boilerplate never counts as the customer's
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WROTE = (
    r"wrote|writes|schrieb|a écrit|a ecrit|escribió|escribio|ha scritto|scrisse|escreveu|schreef|skrev|"
    r"kirjoitti|pisze|napisał|napisal|написал|написала|написав|написала\(а\)|написал\(а\)|yazdı|napsal|írta|"
    r"写道"
)
# "On <date>, <name> wrote:" and its translations; may wrap onto a second line in some clients.
_QUOTE_HEADER = re.compile(rf"^\s*(?:>\s*)?(?P<lead>.*?)(?:\b|\s)(?:{_WROTE})\b(?P<tail>.{{0,160}}?):\s*$",
                           re.IGNORECASE | re.DOTALL)
# Gmail's localized form: "2016-03-03 17:21 GMT+01:00 Some One <some.one@foo.bar>:"
_DATE_HEADER = re.compile(r"^\s*\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}.*(@|<).*:\s*$")
_QUOTE_HEADER_START = re.compile(r"^\s*(On|Am|Le|El|Il|Em|Op|Den|W dniu)\s.*\d", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^\s*[-_=*]{2,}\s*(Original Message|Original|Ursprüngliche Nachricht|Ursprungliche Nachricht|"
    r"Message d'origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|"
    r"Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|"
    r"Reply above this line|Begin forwarded message)\s*[-_=*]*\s*$",
    re.IGNORECASE,
)
_FORWARD_PLAIN = re.compile(r"^\s*(Begin forwarded message|Anfang der weitergeleiteten Nachricht|"
                            r"Début du message réexpédié|Inicio del mensaje reenviado)\s*:\s*$",
                            re.IGNORECASE)
_HEADER_FIELD = re.compile(
    r"^\s*\*?(From|Von|De|Da|Van|Från|Fra|Od|От|Sent|Gesendet|Envoyé|Enviado|Inviato|Verzonden|Date|Datum|"
    r"Fecha|To|An|À|Para|A|Aan|Subject|Betreff|Objet|Asunto|Oggetto|Assunto|Onderwerp|Cc)\s*:\*?\s*",
    re.IGNORECASE,
)
_FORWARDED = re.compile(r"forward|weitergeleitet|transf[ée]r|reenviado|inoltrat|doorgestuurd", re.IGNORECASE)
_RULE = re.compile(r"^\s*[-_=]{10,}\s*$")
_SIG_DELIM = re.compile(r"^(--|__|-- ?)\s*$")
_MOBILE = re.compile(
    r"^\s*[(<\[]*\s*("
    r"sent (from|with|via|using) .{0,80}|sent from my .*|"
    r"envoyé (depuis|de) .{0,60}|enviado (desde|de) .{0,60}|von meinem .{0,60}(gesendet)?|"
    r"diese nachricht wurde von .{0,80}gesendet\.?|inviato da .{0,60}|verzonden (met|vanaf) .{0,60}|"
    r"get outlook for .{0,80}|get \[outlook .{0,80}|from my iphone.*|sent by galaxy|"
    r"someone from mobile|skickat från .{0,60}|wysłane z .{0,60}|從我的 iphone 傳送|发自我的.{0,20}"
    r")\s*[)>\]]*\s*$",
    re.IGNORECASE,
)
# Amazon's Buyer-Seller Messaging frame, in the marketplace's language.
_AMAZON_BEGIN = re.compile(r"^-{3,}\s*(?:Begin message|Beginn der Nachricht|D[ée]but du message|"
                           r"Inicio del mensaje|"
                           r"Comienzo del mensaje|Inizio messaggio)\s*-{3,}\s*$",
                           re.IGNORECASE | re.MULTILINE)
_AMAZON_END = re.compile(r"^-{3,}\s*(?:End message|Ende der Nachricht|Fin du message|Fin del mensaje|"
                         r"Fine messaggio)\s*-{3,}\s*$", re.IGNORECASE | re.MULTILINE)


MAX_TEXT = 200_000
MAX_LINE = 1_000
HEADER_MAX = 300  # an "On … wrote:" line is never longer


@dataclass(frozen=True)
class Split:
    """The three parts of a reply body."""

    new_text: str
    quoted: str
    signature: str


def _is_outlook_block(lines: list[str], i: int) -> bool:
    """True when line i starts a "From: … Sent/Date: … To: … Subject:" header block."""
    window = [ln for ln in lines[i:i + 8] if ln.strip()]
    fields = [_HEADER_FIELD.match(ln) for ln in window[:5]]
    names = {m.group(1).lower() for m in fields if m}
    return bool(fields and fields[0]) and len(names) >= 3


def _looks_like_quote_header(line: str) -> bool:
    """A "… wrote:" line that names a sender or a date, not a sentence like "as I wrote:"."""
    if len(line) > HEADER_MAX:
        return False
    m = _QUOTE_HEADER.match(line)
    if not m:
        return False
    lead, tail = m.group("lead"), m.group("tail")
    if tail.strip() and not re.search(r"[@<]", tail):
        return False
    return bool(re.search(r"\d|@|<|\bvia\b", lead)) or bool(_QUOTE_HEADER_START.match(line))


def _quote_start(lines: list[str]) -> int | None:
    # Suffix counts of non-blank and quoted lines, so the ">" rule below is linear, not quadratic.
    nonblank = [0] * (len(lines) + 1)
    quoted_after = [0] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        stripped = lines[k].strip()
        nonblank[k] = nonblank[k + 1] + (1 if stripped else 0)
        quoted_after[k] = quoted_after[k + 1] + (1 if stripped.startswith(">") else 0)
    for i, line in enumerate(lines):
        # Patterns run on the stripped line, and overlong lines are never headers: runs of spaces would
        # otherwise make several patterns quadratic.
        s = line.strip()
        if not s or len(line) > MAX_LINE:
            continue
        if _ORIGINAL.match(s) or _FORWARD_PLAIN.match(s):
            return i
        if _looks_like_quote_header(s):
            return i
        if _QUOTE_HEADER_START.match(s) or _DATE_HEADER.match(s):
            # Clients wrap long "On <date>, <name> <addr> wrote:" lines over up to five lines.
            joined = s
            for j in range(i + 1, min(i + 6, len(lines))):
                if _DATE_HEADER.match(joined) or _looks_like_quote_header(joined):
                    return i
                joined += " " + lines[j].strip()
                if len(joined) > 2 * HEADER_MAX:
                    break
            if _looks_like_quote_header(joined):
                return i
        if _RULE.match(s) and i + 1 < len(lines) and _is_outlook_block(lines, i + 1):
            return i
        if _HEADER_FIELD.match(s) and _is_outlook_block(lines, i):
            return i
        if s.startswith(">"):
            # A block of ">" lines ends the new text unless the writer answers inline below it; at the very
            # top it is a quote whatever follows (a bottom-posted reply), unless it is one line that only
            # looks like one (">:(", ">>> URGENT <<<").
            at_top = nonblank[i] == nonblank[0] and (quoted_after[i] >= 2 or s.startswith("> "))
            if quoted_after[i] >= nonblank[i] * 0.6 or at_top:
                return i
    return None


def _is_mobile(line: str) -> bool:
    s = line.strip()
    return len(s) <= 200 and bool(_MOBILE.match(s))


def _strip_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut the signature off the end of the new text: a "-- " delimiter or trailing mobile lines."""
    for i, line in enumerate(lines):
        if _SIG_DELIM.match(line) and i > 0:
            return lines[:i], lines[i:]
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or _is_mobile(lines[end - 1])):
        end -= 1
    # Mobile lines sometimes sit above a blank line and a second such line: take every trailing one.
    cut = end
    for j in range(end - 1, -1, -1):
        if _is_mobile(lines[j]):
            cut = j
            break
    if cut < end and all((not ln.strip()) or _is_mobile(ln) for ln in lines[cut:]):
        end = cut
    return lines[:end], lines[end:]


# Where a marketplace's own text starts below the buyer's message (eBay, Etsy, Rakuten, Amazon without its
# frame): the order summary, the reply button, the guarantee's small print.
_PLATFORM_FOOTER = re.compile(
    r"^[ \t]*(?:Order details|Order status:|Only purchases on eBay|eBay sent this message|Reply to [\w.-]+$|"
    r"Reply$|Reply to this message|You can reply to this message|"
    r"Etsy Inc\.|Was this email helpful|For Your Information: To help arbitrate|"
    r"Pour r[ée]pondre [àa] cet acheteur|Ceci est un message automatique|"
    r"Detalles del pedido|Bestelldetails|D[ée]tails de la commande|Antworten$|Responder$|R[ée]pondre$|"
    r"Nur [üu]ber eBay|Solo las compras|Seuls les achats|This message was sent while)",
    re.IGNORECASE | re.MULTILINE)


def _platform_footer(text: str) -> tuple[str, str]:
    """``text`` split before a marketplace's footer, when one follows what the buyer wrote: the footer is not
    the buyer's voice, but its order number and item line still belong to the mail's history."""
    m = _PLATFORM_FOOTER.search(text)
    return (text[:m.start()].rstrip(), text[m.start():].strip()) if m and m.start() > 40 else (text, "")


def unwrap_relay(text: str) -> str | None:
    """Return the customer's words inside an Amazon Buyer-Seller Messaging frame, or None when there is
    none."""
    begin = _AMAZON_BEGIN.search(text)
    if not begin:
        return None
    end = _AMAZON_END.search(text, begin.end())
    return text[begin.end(): end.start() if end else len(text)].strip("\n")


def _bottom_posted(quoted: list[str]) -> tuple[list[str], list[str]] | None:
    """Split a bottom-posted reply ("On … wrote:" / "> …" / answer) into the quote and the lines below it, or
    None when the mail is not one (a forward, a quote-only mail)."""
    first = next((k for k, ln in enumerate(quoted) if ln.lstrip().startswith(">")), None)
    if first is None or first > 6:
        return None
    rest = quoted[first:]
    below = [ln for ln in rest if not ln.lstrip().startswith(">")]
    if not "\n".join(below).strip():
        return None
    return quoted[:first] + [ln for ln in rest if ln.lstrip().startswith(">")], below


# Only a salutation above the first quote: "Dana," or "Hi Ingrid," then "> what you wrote", answered below.
_SALUTATION_ONLY = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|sehr geehrte[rs]?|"
    r"guten tag|moin|servus|hola|estimad[oa]s?|buen(?:os|as) (?:d[ií]as|tardes)|bonjour|bonsoir|cher|"
    r"ch[èe]re|madame|monsieur)\b[^\n]{0,40}|[A-ZÄÖÜÉ][\w'’-]+(?: [A-ZÄÖÜÉ][\w'’-]+)?)[,:!]?$",
    re.IGNORECASE)


def _answer_below(quoted: list[str]) -> Split | None:
    """The reply written below a quote (bottom-posted or inline), with the quote as its history."""
    bottom = _bottom_posted(quoted)
    if bottom is None:
        return None
    above, below = bottom
    inner = split("\n".join(below))
    if not inner.new_text:
        return None
    return Split(inner.new_text, "\n".join([*above, inner.quoted]).strip(), inner.signature)


def split(text: str) -> Split:
    """Split ``text`` into new text, quoted history and signature; never raises."""
    # Customer replies are short; a 25 MB body must not cost minutes of regular-expression work.
    text = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n")
    relay = unwrap_relay(text)
    if relay is not None:
        inner = split(relay)
        return Split(inner.new_text, inner.quoted, inner.signature)
    text, footer = _platform_footer(text)
    if footer:
        inner = split(text)
        return Split(inner.new_text, "\n".join(p for p in (inner.quoted, footer) if p), inner.signature)
    lines = text.split("\n")
    start = _quote_start(lines)
    head, quoted = (lines, []) if start is None else (lines[:start], lines[start:])
    body, signature = _strip_signature(head)
    new_text = "\n".join(body).strip()
    if new_text and quoted and _SALUTATION_ONLY.match(new_text) and quoted[0].lstrip().startswith(">"):
        # Answering the shop's last mail line by line under a salutation: the answer is below it.
        answer = _answer_below(quoted)
        if answer is not None:
            return Split(f"{new_text}\n\n{answer.new_text}", answer.quoted, answer.signature)
    if not new_text and quoted:
        answer = _answer_below(quoted)
        if answer is not None:
            return answer
        first = quoted[0].strip()
        if not first.startswith(">") and not _FORWARDED.search(first):
            # An empty reply ("Sent from my iPhone" under "On … wrote:"): the quote is someone else's words.
            return Split("", "\n".join(quoted).strip(), "\n".join(signature).strip())
        # Nothing above the quote (a bare forward, a quote-only mail): the whole text is what was sent.
        body, signature = _strip_signature(lines)
        return Split("\n".join(body).strip(), "", "\n".join(signature).strip())
    return Split(new_text, "\n".join(quoted).strip(), "\n".join(signature).strip())
