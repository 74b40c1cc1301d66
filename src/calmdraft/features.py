"""Turn a message into the text and the cue features the classifier sees, identically in training and use.

Only the customer's new text and the subject are used: quoted history and signatures are dropped before any
feature is computed, so a word in a quote can never trigger a label by itself.  Order and tracking numbers, URLs
and addresses become placeholder tokens so the model learns "a tracking number was given", not the number.
The cue features are multilingual lexicon hits and shape signals (shouting, exclamation marks) that word and
character n-grams learn slowly from a corpus of a few thousand messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

_SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|r)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_AMAZON_SUBJECT = re.compile(r"(inquiry|question|message) from amazon customer\s+[^()]*", re.IGNORECASE)
_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"https?://\S+|www\.\S+"), " zurl "),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), " zemail "),
    (re.compile(r"\b\d{3}-\d{7}-\d{7}\b"), " zorderid "),
    (re.compile(r"\b\d{2}-\d{5}-\d{5}\b"), " zorderid "),
    (re.compile(r"\b(1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|9[0-9]{3}( ?[0-9]{4}){4,5}( ?[0-9]{2})?)\b"), " ztracking "),
    (re.compile(r"\b\d{6,}\b"), " zlongnum "),
    (re.compile(r"&nbsp;|&amp;|&gt;|&lt;|</?\w+[^>]*>"), " "),
)


def _rx(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")", re.IGNORECASE)


# Each cue is a pattern group; the model weighs them, they decide nothing alone.
CUES: dict[str, re.Pattern[str]] = {
    "threat_escalation": _rx([
        r"a[- ]?to[- ]?z", r"a-z (claim|guarantee)", r"chargebacks?", r"charge back", r"dispute", r"paypal (claim|case)",
        r"open(ing)? a (case|claim)", r"lawyers?", r"attorney", r"solicitor", r"legal action", r"small[- ]claims",
        r"sue\b", r"suing", r"court", r"trading standards", r"bbb", r"better business", r"consumer protection",
        r"report (you|this|your)", r"reporting (you|this)", r"police", r"fraud", r"scam",
        r"reclamaci[oó]n", r"garant[ií]a de la a", r"disputa", r"contracargo", r"retrocargo", r"abogad[oa]",
        r"denuncia", r"demanda", r"consumo", r"\bocu\b", r"hoja de reclamaciones", r"estafa",
        r"a-bis-z", r"a bis z", r"k[äa]uferschutz", r"konfliktfall", r"r[üu]ckbuchung", r"anwalt", r"anw[äa]ltin",
        r"verbraucherzentrale", r"anzeige", r"betrug", r"mahnung", r"klage", r"gericht",
        r"litige", r"r[ée]clamation", r"opposition", r"r[ée]trofacturation", r"avocat", r"mise en demeure",
        r"ufc", r"dgccrf", r"signalement", r"tribunal", r"plainte", r"arnaque", r"escroquerie",
    ]),
    "threat_review": _rx([
        r"(negative|bad|1[- ]star|one[- ]star|poor|terrible|honest) (feedback|review|rating)",
        r"leave (you )?(a )?(negative|bad|1|one|poor)", r"(feedback|review) (will|is going to) reflect",
        r"warn (other|everyone)", r"social media", r"twitter", r"facebook", r"trustpilot",
        r"valoraci[oó]n negativa", r"rese[ñn]a negativa", r"opini[oó]n negativa", r"una estrella",
        r"negative bewertung", r"schlechte bewertung", r"einen stern", r"1 stern",
        r"avis n[ée]gatif", r"[ée]valuation n[ée]gative", r"mauvais avis", r"une [ée]toile",
    ]),
    "threat_conditional": _rx([
        r"if (i|this|it|you)\b.{0,60}\b(will|i'll|going to)", r"otherwise", r"or else", r"last chance",
        r"final (warning|notice)", r"formal notice", r"within \d+ (days|hours)", r"by (monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|tomorrow)", r"si no\b", r"de lo contrario", r"sonst", r"andernfalls",
        r"ansonsten", r"falls (ich|sie)", r"sinon", r"faute de", r"à défaut", r"sous \d+ jours", r"binnen",
    ]),
    "refund": _rx([
        r"refund", r"money back", r"reimburse", r"my money", r"cancel", r"return (it|the book|this)",
        r"reembolso", r"devoluci[oó]n", r"devolver", r"mi dinero", r"cancelar", r"r[üu]ckerstattung",
        r"erstatten", r"geld zur[üu]ck", r"stornier", r"r[üu]cksendung", r"zur[üu]ckschicken",
        r"rembours", r"annul", r"retourner", r"mon argent", r"rimborso", r"reembolso", r"terugbetal",
    ]),
    "refund_refused": _rx([
        r"(don'?t|do not|dont) want (a|my|the|any) (refund|money)", r"not (asking|looking) for a refund",
        r"no (quiero|necesito) (un |el )?(reembolso|dinero)", r"no busco (un )?reembolso",
        r"(will|möchte|möchten|want) kein(e|en)? (geld|r[üu]ckerstattung|erstattung)",
        r"keine r[üu]ckerstattung", r"je ne veux pas (de |d'un |être )?(rembours|mon argent)",
        r"pas (de|un) remboursement", r"refund (is|isn'?t) not what i want", r"rather have the book",
    ]),
    "delay": _rx([
        r"where is", r"where's", r"not (yet )?(arrived|received|here|delivered)", r"hasn'?t (arrived|come|shown)",
        r"haven'?t (received|got|gotten)", r"still (waiting|no|not|nothing)", r"no sign", r"tracking",
        r"(weeks?|days?) (ago|now|since|late)", r"\blate\b", r"delay", r"lost", r"never (arrived|came|received)",
        r"d[oó]nde est[aá]", r"no (ha )?(llegado|lleg[oó]|recibido)", r"todav[ií]a", r"a[uú]n no", r"retraso",
        r"seguimiento", r"wo (ist|bleibt)", r"noch nicht", r"nicht (angekommen|erhalten|geliefert)", r"immer noch",
        r"versp[äa]t", r"sendungsverfolgung", r"o[uù] (est|en est)", r"pas (encore )?(re[çc]u|arriv)",
        r"toujours (pas|rien|en attente)", r"retard", r"suivi", r"jamais re[çc]u", r"nog niet", r"ancora",
    ]),
    "anger": _rx([
        r"unacceptable", r"ridiculous", r"disgust", r"pathetic", r"useless", r"incompetent", r"joke",
        r"worst", r"terrible", r"horrible", r"awful", r"appalling", r"outrageous", r"furious", r"angry", r"livid",
        r"fed up", r"sick of", r"sick and tired", r"wtf", r"what the hell", r"bloody", r"damn", r"crap",
        r"rip[- ]?off", r"thie(f|ves)", r"liars?", r"lying", r"shame on", r"never (again|buy|order)",
        r"inaceptable", r"vergüenza", r"verguenza", r"indignad", r"harto", r"harta", r"rid[ií]culo", r"p[ée]simo",
        r"una broma", r"una tomadura", r"unversch[äa]mt", r"frechheit", r"inakzeptabel", r"l[äa]cherlich",
        r"sauer", r"w[üu]tend", r"zumutung", r"katastrophe", r"inadmissible", r"inacceptable", r"scandal",
        r"honteu", r"lamentable", r"n'importe quoi", r"marre", r"furieu", r"nul\b", r"minable",
    ]),
    "calm_positive": _rx([
        r"thank(s| you)", r"great", r"lovely", r"wonderful", r"perfect", r"excellent", r"appreciate",
        r"gracias", r"estupendo", r"perfecto", r"danke", r"wunderbar", r"super\b", r"merci", r"parfait",
        r"5[- ]star", r"five[- ]star", r"positive (feedback|review)", r"great (feedback|review)",
        r"5 estrellas", r"5 sterne", r"5 [ée]toiles", r"avis positif", r"valoraci[oó]n positiva",
    ]),
    "apology": _rx([
        r"sorry (for|about) (my|the) (earlier|last|previous|rude|angry|harsh)", r"apologi[sz]e for (my|the)",
        r"i was (rude|harsh|angry|out of line)", r"perd[oó]n por (mi|el)", r"disculp[ae]", r"entschuldigung f[üu]r",
        r"entschuldige", r"d[ée]sol[ée] pour (mon|le)", r"excusez", r"je m'excuse",
    ]),
    "profession": _rx([
        r"i am an? (lawyer|attorney|solicitor|barrister|paralegal)", r"i'm an? (lawyer|attorney|solicitor)",
        r"attorney at law", r"law (firm|office|school|student|library|professor)", r"legal counsel", r"esq\.?",
        r"soy abogad", r"bufete", r"rechtsanwalt(in)? und", r"kanzlei", r"je suis avocat", r"cabinet d'avocat",
    ]),
}
CUE_NAMES: tuple[str, ...] = (*CUES, "shouting", "exclaims", "questions", "length", "short")


def clean_subject(subject: str) -> str:
    subject = _SUBJECT_PREFIX.sub("", subject or "")
    return _AMAZON_SUBJECT.sub(" zamazoninquiry ", subject).strip()


def normalise(text: str) -> str:
    for pattern, token in _REPLACEMENTS:
        text = pattern.sub(token, text)
    return text


def document(subject: str, new_text: str) -> str:
    """The single string the model reads: cleaned subject, a separator, the customer's new text."""
    return normalise(f"{clean_subject(subject)}\n\n{new_text}").strip()


def cue_vector(doc: str) -> list[float]:
    """Cue features of one document; lexicon hits are log-scaled counts."""
    values = [math.log1p(len(p.findall(doc))) for p in CUES.values()]
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", doc)
    caps = sum(1 for w in words if w.isupper() and not w.startswith("Z"))
    values.append(min(caps / max(len(words), 1) * 4, 2.0) + (0.5 if caps >= 3 else 0.0))
    values.append(math.log1p(doc.count("!")) + (1.0 if "!!" in doc else 0.0))
    values.append(math.log1p(doc.count("?")))
    values.append(math.log1p(len(words)) / 5)
    values.append(1.0 if len(words) < 12 else 0.0)
    return values


class CueFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """A scikit-learn transformer returning the cue vector of each document as a sparse matrix."""

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, docs: Sequence[str], y: Any = None) -> CueFeatures:
        return self

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        rows = np.asarray([cue_vector(d) for d in docs], dtype=np.float64) * self.weight
        return sparse.csr_matrix(rows)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"cue__{n}" for n in CUE_NAMES], dtype=object)
