"""Who wrote, and how to address them: the name (from the signature when the display name is a relay such as
"Amazon Marketplace" or "eBay"), a title the customer gave, a gender only where a title or a common first name
makes it plain, and the register they wrote in (Sie/du, usted/tú, vous/tu)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from calmdraft.reply.names import FEMALE_NAMES, MALE_NAMES

_RELAY = re.compile(
    r"amazon|marketplace|ebay|abebooks|biblio|discogs|etsy|rakuten|zvab|booklooker|iberlibro|todocoleccion|"
    r"paypal|shopify|noreply|no-reply|do not reply|mailer|notification|contact form|website|web ?form|"
    r"online shop|gmbh|ltd|inc\b|llc|s\.?l\.?$|s\.?a\.?$|sarl", re.IGNORECASE)
# Words that make a display name a role rather than a person ("Customer Service", "Oak Park Library"), unless
# the name opens with a known given name ("Jane Customer" is a person).
_ROLE = re.compile(
    r"\b(?:customer|buyer|kunde|client|cliente|acheteur|comprador|k[äa]ufer|support|service|orders?|info|admin|"
    r"webmaster|team|office|library|biblioth\w*|school|department|university|universit\w*)\b", re.IGNORECASE)


def _is_relay(display: str, address: str = "") -> bool:
    if _RELAY.search(display):
        return True
    if not _ROLE.search(display):
        return False
    words = display.split()
    first = _fold(words[0]) if words else ""
    if len(first) > 1 and first in _fold(address.partition("@")[0]):
        return False  # "Jane Customer <jane@…>"
    return first not in FEMALE_NAMES and first not in MALE_NAMES
_SUFFIX = re.compile(r"\s*(?:[-–|(]|\bvia\b|\bthrough\b).*?(?:amazon|ebay|marketplace|etsy|abebooks|paypal|"
                     r"discogs|rakuten|biblio|customer|buyer).*$", re.IGNORECASE)
TITLES = {
    "mr": ("Mr", "m"), "mrs": ("Mrs", "f"), "ms": ("Ms", "f"), "miss": ("Miss", "f"), "mx": ("Mx", None),
    "dr": ("Dr", None), "prof": ("Prof.", None), "professor": ("Professor", None), "rev": ("Rev.", None),
    "reverend": ("Reverend", None), "fr": ("Fr", "m"), "father": ("Father", "m"), "sister": ("Sister", "f"),
    "sir": ("Sir", "m"), "dame": ("Dame", "f"), "col": ("Col.", None), "capt": ("Capt.", None),
    "herr": ("Herr", "m"), "frau": ("Frau", "f"), "sr": ("Sr.", "m"), "sra": ("Sra.", "f"),
    "srta": ("Srta.", "f"),
    "don": ("D.", "m"), "doña": ("D.ª", "f"), "dña": ("D.ª", "f"), "m": ("M.", "m"), "mme": ("Mme", "f"),
    "mlle": ("Mlle", "f"), "monsieur": ("M.", "m"), "madame": ("Mme", "f"), "señor": ("Sr.", "m"),
    "señora": ("Sra.", "f"), "dra": ("Dra.", "f"), "mag": ("Mag.", None), "ing": ("Ing.", None),
    "lic": ("Lic.", None), "lcda": ("Lcda.", "f"), "lcdo": ("Lcdo.", "m"), "arq": ("Arq.", None),
}
_NOT_NAMES = {"emerita", "emeritus", "(retd)", "retd", "(ret.)", "jr", "jr.", "sr.", "phd", "md", "esq",
              "esq."}
# Academic titles that stay in a German or Spanish salutation ("Sehr geehrte Frau Dr. Weber").
ACADEMIC = {"dr": "Dr.", "prof": "Prof.", "professor": "Prof.", "dra": "Dra.", "mag": "Mag.", "ing": "Ing."}
_TITLE_WORD = re.compile(
    r"^\(?(" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True)) + r")\.?\)?$", re.IGNORECASE)
_CLOSING = re.compile(
    r"^(?:(?:kind|best|warm|warmest|many|with|all the) )*(?:regards|wishes|thanks|thank you|cheers|sincerely|"
    r"yours(?: sincerely| faithfully| truly)?|respectfully|best|thx|ta|take care|all the best|"
    r"(?:un )?(?:cordial |afectuoso )?saludos?(?: cordiales)?|atentamente|gracias|un abrazo|besos|"
    r"mit freundlichen gr[üu][ßs]en|freundliche gr[üu][ßs]e|viele gr[üu][ßs]e|beste gr[üu][ßs]e|lg|vg|mfg|"
    r"gr[üu][ßs]e|danke|liebe gr[üu][ßs]e|herzliche gr[üu][ßs]e|cordialement|bien (?:à vous|cordialement)|"
    r"salutations|merci|bonne journ[ée]e|amicalement|bisous|veuillez agr[ée]er.*)[ ,.!]*$", re.IGNORECASE)
# "Harriet", "Jean-Luc", and the capital inside "MacLeod", "McDonald", "O'Brien", "DeLuca", "LeBlanc".
_NAME_WORD = re.compile(r"^(?:(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|Le|La|Fitz)(?=[A-ZÀ-ÖØ-Þ]))?"
                        r"[A-ZÀ-ÖØ-Þ][a-zßà-öø-ÿ'’-]+(?:-[A-ZÀ-ÖØ-Þ][a-zßà-öø-ÿ'’-]+)?\.?$|^[A-Z]\.$")
_PARTICLE = {"de", "del", "la", "van", "von", "der", "den", "da", "di", "du", "le", "y", "zu", "ter", "dos"}

@dataclass(frozen=True)
class Person:
    """How the letter addresses the customer."""

    first: str = ""
    last: str = ""
    title: str = ""          # as the customer gave it, normalised ("Mrs", "Dr", "Herr", "Sra.")
    title_key: str = ""      # the lower-case key of TITLES
    gender: str | None = None  # "f", "m", or None when not plain
    formal: bool = True
    casual: bool = False  # opened with "Hi", "Hallo", "Hola", "Salut": a warm greeting back, register kept

    @property
    def known(self) -> bool:
        return bool(self.first or self.last)

    @property
    def academic(self) -> str:
        return ACADEMIC.get(self.title_key, "")


def _fold(word: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return folded.replace("ß", "ss")  # "Heßler" signs what the address book spells "Hessler"


def _gender_of(first: str) -> str | None:
    parts = _fold(first.split()[0]).split("-")
    key = parts[0]
    if len(parts) > 1 and key in ("jean", "marie"):
        return "m" if key == "jean" else "f"  # Jean-Marc, Jean-Marie; Marie-Claire: the French compounds
    if key in FEMALE_NAMES and key not in MALE_NAMES:
        return "f"
    if key in MALE_NAMES and key not in FEMALE_NAMES:
        return "m"
    return None


# Title words that are also an initial ("M. Schmidt"), a given name ("Don Johnson") or a plain word: a title
# only written with its dot and followed by a full name.
_AMBIGUOUS_TITLES = {"m", "don", "col", "capt", "ing", "mag", "sr", "sra", "dr", "dra", "prof", "fr", "rev",
                     "lic", "arq"}


def _is_title(word: str, words_left: int) -> bool:
    key = word.strip("().").lower()
    if key not in _AMBIGUOUS_TITLES:
        return True
    if key in ("m", "don"):
        return words_left >= 3 and (key != "m" or word.endswith("."))
    return word.endswith(".") or key in ("dr", "sr", "sra", "dra", "prof", "fr", "rev")


def _words_of_name(text: str) -> tuple[str, str, str] | None:
    """(title key, first, last) from "Mrs. Harriet Lindqvist", "Dr Ruth Abernathy", "Harold J. Pennington
    (Mr)", "Lindqvist, Harriet"; None when the text does not look like a person's name."""
    text = re.sub(r"\s+", " ", text.strip().strip('"').strip("'").strip(",;:"))
    if not text or "@" in text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return None
    if "," in text:
        last, _, first = text.partition(",")
        if first.strip() and " " not in last.strip():
            text = f"{first.strip()} {last.strip()}"
    words = text.split(" ")
    title = ""
    while words and _TITLE_WORD.match(words[0]) and _is_title(words[0], len(words)):
        title = title or _TITLE_WORD.match(words[0]).group(1).lower()  # type: ignore[union-attr]
        words = words[1:]
    while words and _TITLE_WORD.match(words[-1]) and words[-1].startswith("("):
        title = title or _TITLE_WORD.match(words[-1]).group(1).lower()  # type: ignore[union-attr]
        words = words[:-1]
    words = [w for w in words if w.lower() not in _NOT_NAMES]
    while len(words) > 2 and re.fullmatch(r"(?:jr|sr|ii|iii|iv|esq)\.?,?", words[-1], re.IGNORECASE):
        words = words[:-1]  # "Charles Whitaker III", "John Smith Jr.": greeted as Mr Whitaker, Mr Smith
    if not words or len(words) > 5:
        return None
    normalised = [w if not (w.isupper() and len(w) > 2) else w.capitalize() for w in words]
    if normalised[0].islower():
        normalised = [w.capitalize() if w.lower() not in _PARTICLE else w for w in normalised]
    if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLE for w in normalised):
        return None
    first = normalised[0] if len(normalised) > 1 or not title else ""
    if first and re.fullmatch(r"[A-Z]\.", first):
        first = ""  # an initial, "H. Okafor": not a first name to greet by
    rest = normalised[1:] if len(normalised) > 1 else ([] if first else normalised)
    rest = [w for w in rest if not re.fullmatch(r"[A-Z]\.?", w)]  # middle initials
    if first and len(rest) >= 2 and _fold(rest[0]) in FEMALE_NAMES | MALE_NAMES:
        first, rest = f"{first} {rest[0]}", rest[1:]  # "Andrés Felipe Rincón", "María Dolores Ferrándiz"
    last = " ".join(rest)
    return title, first, last


_ROLE_LINE = re.compile(r"^(?:(?P<prof>professor|prof\.)|(?P<dr>dr\.?\s|doctor|ph\.?\s?d\b|m\.?d\.?\b))",
                        re.IGNORECASE)


def _with_role(found: tuple[str, str, str], next_line: str) -> tuple[str, str, str]:
    """A title from the line under the name: "Miriam Solberg / Professor Emerita of Biology"."""
    m = _ROLE_LINE.match(next_line.strip())
    if found[0] or not m or not found[2]:
        return found
    return ("professor" if m.group("prof") else "dr", found[1], found[2])


def _introduced(first: str, lines: list[str]) -> bool:
    """The writer gave this name of themselves: "It's Marnie (marniemakes on here)", "ich bin Jule"."""
    said = re.escape(first)
    return any(re.search(rf"\b(?:it'?s|this is|my name is|i'?m|i am|ich bin|hier ist|soy|me llamo|c'est|"
                         rf"je suis)"
                         rf" {said}\b|^{said} here\b", ln, re.IGNORECASE) for ln in lines[:6])


def signature_name(lines: list[str]) -> tuple[str, str, str] | None:
    """The name at the end of the customer's text: the line after a closing formula, or a short last line."""
    kept = [ln.strip() for ln in lines if ln.strip()]
    while kept and not any(ch.isalnum() for ch in kept[-1]):
        kept.pop()  # "---" left over from a platform's footer under "Marnie"
    for i in range(len(kept) - 1, max(-1, len(kept) - 7), -1):
        if _CLOSING.match(kept[i]) and i + 1 < len(kept):
            found = _words_of_name(kept[i + 1])
            if found:
                return _with_role(found, kept[i + 2] if i + 2 < len(kept) else "")
        closing_inline = re.match(r"^(?:thanks|cheers|regards|best|saludos|gracias|gr[üu][ßs]e|lg|merci|"
                                  r"cordialement)[, ]+(.+)$", kept[i], re.IGNORECASE)
        if closing_inline and closing_inline.group(1)[:1].isupper():  # "Thanks so much," names nobody
            found = _words_of_name(closing_inline.group(1))
            if found:
                return found
    if kept:
        trailing = re.search(r"(?:merci|thanks|thank you|gracias|danke|cheers|saludos)[ ,!.]+"
                             r"([A-ZÀ-ÖØ-Þ][\w'’-]+)[.!]?\s*$", kept[-1], re.IGNORECASE)
        if trailing:
            found = _words_of_name(trailing.group(1))
            if found:
                return found
    for line in reversed(kept[-3:]):
        if len(line.split()) <= 5:
            found = _words_of_name(line.lstrip("-– "))
            if found and (found[0] or len(line.split()) >= 2
                          or (kept[-1] == line and (_fold(line.strip(" .!-–")) in FEMALE_NAMES | MALE_NAMES
                                                    or _introduced(found[1], kept[:-1])))):
                return found
    return None


_INFORMAL = {
    "de": re.compile(r"(?<!\w)(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|"
                     r"eurem|"
                     r"hast du|kannst du|bist du)(?!\w)"),
    "es": re.compile(r"(?<!\w)(?:t[uú]|te|ti|contigo|tienes|puedes|quieres|sabes|podr[ií]as|vos|ten[eé]s|"
                     r"pod[eé]s|"
                     r"quer[eé]s|sab[eé]s|pod[ée]s|vosotros|os|vuestro|vuestra|pod[eé]is|ten[eé]is|hab[eé]is|"
                     r"mandaste|enviaste|me mandaste)(?!\w)"),
    "fr": re.compile(r"(?<!\w)(?:tu|toi|ton|ta|tes|t'as|peux-tu|pourrais-tu)(?!\w)"),
}
_FORMAL = {
    "de": re.compile(r"(?<!^)(?<![.!?]\s)(?<!\n)\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b"),
    "es": re.compile(r"(?<!\w)(?:usted|ustedes|le ruego|les ruego|su tienda|disculpe|perdone|env[ií]en|"
                     r"pueden|podr[ií]an|le escribo|les escribo|le agradec\w*|les agradec\w*|quedo atent[oa]|"
                     r"su respuesta)(?!\w)", re.IGNORECASE),
    "fr": re.compile(r"(?<!\w)(?:vous|votre|vos)(?!\w)", re.IGNORECASE),
}
# "Hi Marcus", and "Ingrid, hi!"
_GREETING_WORDS = (r"hi|hey|hiya|hallo|moin|servus|gr[üu]ezi|hola|buenas(?! (?:tardes|noches|d[ií]as))|salut|"
                   r"coucou|ciao")
_INFORMAL_GREETING = re.compile(r"^\s*(?:[A-ZÀ-Þ][\w'-]+, )?(?:yo|" + _GREETING_WORDS + r")\b", re.IGNORECASE)
# The same greeting as a short line of its own near the top, below a platform header ("New message from:").
_GREETING_LINE = re.compile(r"^\s*(?:[A-ZÀ-Þ][\w'-]+, )?(?:" + _GREETING_WORDS + r")\b"
                            r"(?:,|!| [A-ZÀ-Þa-zà-ÿ][\w'-]*[,!]|[^\n]{0,40}$)",
                            re.IGNORECASE | re.MULTILINE)
# How a Spanish or French writer speaks of herself or himself: "Quedo atenta", "je suis déçue".  The ending
# tells: Spanish -a/-o (group "es"), French -e or none (group "fr").
_SELF = re.compile(r"\b(?:quedo|estoy|me siento|he quedado|me ver[eé]|me veo|me he visto) (?:muy |bastante )?"
                   r"(?:atent|molest|preocupad|decepcionad|interesad|segur|agradecid|sorprendid|obligad|"
                   r"forzad|cansad|hart|indignad|disgustad)(?P<es>[ao])\b|"
                   r"\bje suis (?:tr[èe]s |vraiment )?(?:d[ée]çu|ravi|content|s[ûu]r|surpris|inqui[èe]t|"
                   r"navr[ée])(?P<fr>e?)\b", re.IGNORECASE)


def _self_gender(text: str, lang: str) -> str | None:
    if lang not in ("es", "fr"):
        return None
    said = {("f" if (m.group("es") or m.group("fr") or "").lower() in ("a", "e") else "m")
            for m in _SELF.finditer(text)}
    return said.pop() if len(said) == 1 else None
_FORMAL_CLOSING = re.compile(r"(?:yours (?:sincerely|faithfully|truly)|sincerely(?: yours)?|respectfully|"
                             r"with (?:kind |best )?"
                             r"regards|kind regards|best regards|regards)\s*,?\s*\n", re.IGNORECASE)
_FORMAL_GREETING = re.compile(r"^\s*(?:dear (?:sir|madam|sirs|mr|mrs|ms|dr)|sehr geehrte|estimad[oa]s?|"
                              r"muy (?:se[ñn]or|señores)|madame|monsieur|messieurs|to whom|"
                              r"(?:mr|mrs|ms|miss|dr)\.? [a-z][\w'-]+\s*,)", re.IGNORECASE)


def register(text: str, lang: str) -> bool:
    """True when the customer writes formally (and expects to be addressed so)."""
    if lang in _INFORMAL:
        informal = len(_INFORMAL[lang].findall(text.lower()))
        formal = len(_FORMAL[lang].findall(text))
        if lang == "fr":
            return informal == 0 or formal >= informal
        return informal == 0 or formal > informal
    if _INFORMAL_GREETING.search(text):
        return False
    # English has no pronoun to tell: a formal greeting or closing, or a signature by initial and surname
    # ("G. Voss"), asks for title and surname; a plain "Hello ... Sarah Miller" for the first name.
    return bool(_FORMAL_GREETING.search(text) or _FORMAL_CLOSING.search(text)
                or re.search(r"(?m)^\s*(?:[A-Z]\.\s?)+[A-Z][a-z]+\s*$", text[-200:]))


def _is_shop(found: tuple[str, str, str] | None, own_names: tuple[str, ...]) -> bool:
    """True when the "name" found is the shop's own ("Dear Hollow Oak Books" at the top of the mail)."""
    if not found:
        return False
    words = {_fold(w) for w in f"{found[1]} {found[2]}".split()}
    return any(words and words <= {_fold(w) for w in name.split()} for name in own_names if name)


def person(display_name: str, new_text: str, signature: str, lang: str, address: str = "",
           own_names: tuple[str, ...] = ()) -> Person:
    """The salutation's person: a titled name from the signature first, then the display name, then any
    signature name; a relay's display name ("Amazon Marketplace", "eBay") is never a name."""
    lines = (new_text.rstrip() + "\n" + signature).splitlines()
    signed = signature_name(lines)
    if _is_shop(signed, own_names):
        signed = None
    display = _SUFFIX.sub("", display_name or "").strip()
    shown = None if not display or _is_relay(display, address) else _words_of_name(display)
    if _is_shop(shown, own_names) or (shown and display.islower() and " " not in display):
        shown = None  # the shop's own name, or a user name such as "tcarrow"
    found: tuple[str, str, str] | None
    if shown and signed and signed[0] and (not shown[2] or _fold(shown[2]) == _fold(signed[2]) or (
            # "Ramiro Castañeda V." above "Ing. Ramiro Castañeda Villalobos": the same person, titled
            signed[2] and _fold(shown[1]) == _fold(signed[1])
            and _fold(signed[2]).split()[0] == _fold(shown[2]).split()[0])):
        found = signed  # "Mrs. Harriet Lindqvist" below a display name without the title
    elif shown and (shown[1] or shown[0]):
        found = shown
    else:
        found = signed
    formal = register(new_text, lang)
    # "Hola, ... le escribo porque ... Quedo a la espera de sus noticias": usted wins over a friendly "Hola".
    usted = lang == "es" and _FORMAL["es"].search(new_text)
    # The greeting opens a line near the top: below a platform's header ("New message from: ...") too.
    casual = bool(_INFORMAL_GREETING.search(new_text) or _GREETING_LINE.search(new_text[:800])) and not usted
    if not found:
        return Person(formal=formal, casual=casual)
    title_key, first, last = found
    title, gender = TITLES.get(title_key, ("", None)) if title_key else ("", None)
    return Person(first=first, last=last, title=title, title_key=title_key,
                  gender=gender or (_gender_of(first) if first else None) or _self_gender(new_text, lang),
                  formal=formal, casual=casual)
