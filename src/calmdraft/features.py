"""Turn a message into the text and the cue features the classifier sees, identically in training and use.

Only the customer's new text and the subject are used: quoted history and signatures that ``quotes.split``
recognises (top- or bottom-posted) are dropped before any feature is computed, so a word in a quote cannot
trigger a label by itself.  Order and tracking numbers,
URLs and addresses become placeholder tokens so the model learns "a tracking number was given", not the
number.  The cue features are multilingual lexicon hits and shape signals (shouting, exclamation marks) that
word and character n-grams learn slowly from a corpus of a few thousand messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|r)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
REPLY_SUBJECT_MIN_WORDS = 8
_AMAZON_SUBJECT = re.compile(r"(inquiry|question|message) from amazon customer\s+[^()]*", re.IGNORECASE)
_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"https?://\S+|www\.\S+"), " zurl "),
    # Bounded, and anchored at the start of a run: an unbounded "[\w.+-]+@" is quadratic on a long word.
    (re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"), " zemail "),
    (re.compile(r"\b\d{3}-\d{7}-\d{7}\b"), " zorderid "),
    (re.compile(r"\b\d{2}-\d{5}-\d{5}\b"), " zorderid "),
    (re.compile(r"\b(1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|9[0-9]{3}( ?[0-9]{4}){4,5}( ?[0-9]{2})?)\b"),
     " ztracking "),
    (re.compile(r"\b\d{6,}\b"), " zlongnum "),
    (re.compile(r"&nbsp;|&amp;|&gt;|&lt;|</?\w{1,20}[^<>]{0,300}>"), " "),
)


def _rx(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")", re.IGNORECASE)


# Each cue is a pattern group; the model weighs them, they decide nothing alone.
CUES: dict[str, re.Pattern[str]] = {
    "threat_escalation": _rx([
        r"a[- ]?to[- ]?z", r"a-z (claim|guarantee)", r"chargebacks?", r"charge back", r"dispute",
        r"paypal (claim|case)",
        r"open(ing)? a (case|claim)", r"lawyers?", r"attorney", r"solicitor", r"legal action",
        r"small[- ]claims", r"sue\b", r"suing", r"court", r"trading standards", r"bbb", r"better business",
        r"consumer protection",
        r"report (you|this|your)", r"reporting (you|this)", r"police", r"fraud", r"scam",
        r"reclamaci[oó]n", r"garant[ií]a de la a", r"disputa", r"contracargo", r"retrocargo", r"abogad[oa]",
        r"denuncia", r"demanda", r"consumo", r"\bocu\b", r"hoja de reclamaciones", r"estafa",
        r"a-bis-z", r"a bis z", r"k[äa]uferschutz", r"konfliktfall", r"r[üu]ckbuchung", r"anwalt",
        r"anw[äa]ltin", r"verbraucherzentrale", r"anzeige", r"betrug", r"mahnung", r"klage", r"gericht",
        r"litige", r"r[ée]clamation", r"opposition", r"r[ée]trofacturation", r"avocat", r"mise en demeure",
        r"ufc", r"dgccrf", r"signalement", r"tribunal", r"plainte", r"arnaque", r"escroquerie",
        r"retrocesi[oó]n", r"abr(?:o|ir[ée]) (?:un )?caso", r"reclamar[ée] a", r"\bfacua\b",
        r"avvocato", r"controversia", r"reclamo", r"denuncia", r"truffa", r"contestazione",
        r"advogado", r"disputa", r"reclama[çc][ãa]o", r"reportei", r"denunciar", r"procon",
        r"advocaat", r"geschil", r"klacht", r"consumentenbond", r"oplichting", r"terugboeking",
        r"prawnik", r"spór", r"reklamacj",
        r"refer (?:the|this) (?:matter|case|issue) to", r"escalat(?:e|ing) (?:this|the matter|it) to",
        r"take (?:this|it|the matter) further", r"take (?:further|legal) (?:action|steps)", r"ombuds",
        r"arbitration", r"schlichtungsstelle", r"schlichtung", r"m[ée]diateur de la consommation",
        r"m[ée]diation", r"junta arbitral", r"arbitraje de consumo", r"hoja de reclamaci[oó]n",
    ]),
    "threat_review": _rx([
        r"(negative|bad|1[- ]star|one[- ]star|poor|terrible|honest) (feedback|review|rating)",
        r"leave (you )?(a )?(negative|bad|1|one|poor)", r"(feedback|review) (will|is going to) reflect",
        r"warn (other|everyone)", r"social media", r"twitter", r"facebook", r"trustpilot",
        r"valoraci[oó]n negativa", r"rese[ñn]a negativa", r"opini[oó]n negativa", r"una estrella",
        r"negative bewertung", r"schlechte bewertung", r"einen stern", r"1 stern",
        r"avis n[ée]gatif", r"[ée]valuation n[ée]gative", r"mauvais avis", r"une [ée]toile",
        r"dans mon (?:avis|commentaire)", r"recensione negativa", r"avalia[çc][ãa]o negativa",
        r"negatieve (?:beoordeling|review)", r"negatywn", r"google review", r"yelp", r"reddit", r"instagram",
        r"tiktok",
    ]),
    "threat_conditional": _rx([
        r"if (i|this|it|you)\b.{0,60}\b(will|i'll|going to)", r"otherwise", r"or else", r"last chance",
        r"final (warning|notice)", r"formal notice", r"within \d+ (days|hours)",
        r"by (monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|tomorrow)", r"si no\b", r"de lo contrario", r"sonst",
        r"andernfalls",
        r"ansonsten", r"falls (ich|sie)", r"sinon", r"faute de", r"à défaut", r"sous \d+ jours", r"binnen",
    ]),
    "refund": _rx([
        r"refund", r"money back", r"reimburse", r"my money", r"cancel", r"return (it|the book|this)",
        r"reembolso", r"devoluci[oó]n", r"devolver", r"mi dinero", r"cancelar", r"r[üu]ckerstattung",
        r"erstatten", r"geld zur[üu]ck", r"stornier", r"r[üu]cksendung", r"zur[üu]ckschicken",
        r"rembours", r"annul", r"retourner", r"mon argent", r"rimborso", r"reembolso", r"terugbetal",
    ]),
    "refund_refused_loose": _rx([
        r"(don'?t|do not|dont) want (a|my|the|any) (refund|money)", r"not (asking|looking) for a refund",
        r"no (quiero|necesito) (un |el )?(reembolso|dinero)", r"no busco (un )?reembolso",
        r"(will|möchte|möchten|want) kein(e|en)? (geld|r[üu]ckerstattung|erstattung)",
        r"keine r[üu]ckerstattung", r"je ne veux pas (de |d'un |être )?(rembours|mon argent)",
        r"pas (de|un) remboursement", r"refund (is|isn'?t) not what i want", r"rather have the book",
    ]),
    "delay": _rx([
        r"where is", r"where's", r"not (yet )?(arrived|received|here|delivered)",
        r"hasn'?t (arrived|come|shown)",
        r"haven'?t (received|got|gotten)", r"still (waiting|no|not|nothing)", r"no sign", r"tracking",
        r"(weeks?|days?) (ago|now|since|late)", r"\blate\b", r"delay", r"lost",
        r"never (arrived|came|received)",
        r"d[oó]nde est[aá]", r"no (ha )?(llegado|lleg[oó]|recibido)", r"todav[ií]a", r"a[uú]n no", r"retraso",
        r"seguimiento", r"wo (ist|bleibt)", r"noch nicht", r"nicht (angekommen|erhalten|geliefert)",
        r"immer noch",
        r"versp[äa]t", r"sendungsverfolgung", r"o[uù] (est|en est)", r"pas (encore )?(re[çc]u|arriv)",
        r"toujours (pas|rien|en attente)", r"retard", r"suivi", r"jamais re[çc]u", r"nog niet", r"ancora",
    ]),
    "anger": _rx([
        r"unacceptable", r"ridiculous", r"disgust", r"pathetic", r"useless", r"incompetent", r"joke",
        r"worst", r"terrible", r"horrible", r"awful", r"appalling", r"outrageous", r"furious", r"angry",
        r"livid",
        r"fed up", r"sick of", r"sick and tired", r"wtf", r"what the hell", r"bloody", r"damn", r"crap",
        r"rip[- ]?off", r"thie(f|ves)", r"liars?", r"lying", r"shame on", r"never (again|buy|order)",
        r"inaceptable", r"vergüenza", r"verguenza", r"indignad", r"harto", r"harta", r"rid[ií]culo",
        r"p[ée]simo",
        r"una broma", r"una tomadura", r"unversch[äa]mt", r"frechheit", r"inakzeptabel", r"l[äa]cherlich",
        r"sauer", r"w[üu]tend", r"zumutung", r"katastrophe", r"inadmissible", r"inacceptable", r"scandal",
        r"honteu", r"lamentable", r"n'importe quoi", r"marre", r"furieu", r"nul\b", r"minable",
    ]),
    "carrier": _rx([
        r"usps", r"royal mail", r"\bdhl\b", r"\bups\b", r"fedex", r"hermes", r"\bevri\b", r"\bdpd\b",
        r"\bgls\b", r"post office", r"postman", r"mail carrier", r"courier", r"customs", r"canada post",
        r"australia post",
        r"correos", r"seur", r"\bmrw\b", r"la poste", r"colissimo", r"chronopost", r"mondial relay",
        r"deutsche post", r"postbote", r"zoll", r"aduana", r"douane", r"postnl", r"poste italiane",
    ]),
    "system_notice": _rx([
        r"tracking number\s*:", r"waybill", r"do not reply", r"don'?t reply to this", r"this is an automated",
        r"automatically generated", r"sign in to", r"dear (?:member|seller|customer|business owner)",
        r"unsubscribe", r"expected delivery\s*:", r"delivery exception", r"view (?:your )?order",
        r"order summary", r"privacy (?:policy|notice)", r"©", r"all rights reserved",
        r"nicht auf diese (?:e-?mail|nachricht) antworten", r"no responda a este", r"ne pas r[ée]pondre",
    ]),
    "calm_positive": _rx([
        r"thank(s| you)", r"great", r"lovely", r"wonderful", r"perfect", r"excellent", r"appreciate",
        r"gracias", r"estupendo", r"perfecto", r"danke", r"wunderbar", r"super\b", r"merci", r"parfait",
        r"5[- ]star", r"five[- ]star", r"positive (feedback|review)", r"great (feedback|review)",
        r"5 estrellas", r"5 sterne", r"5 [ée]toiles", r"avis positif", r"valoraci[oó]n positiva",
    ]),
    "apology": _rx([
        r"sorry (for|about) (my|the) (earlier|last|previous|rude|angry|harsh)", r"apologi[sz]e for (my|the)",
        r"i was (rude|harsh|angry|out of line)", r"perd[oó]n por (mi|el)", r"disculp[ae]",
        r"entschuldigung f[üu]r", r"entschuldige", r"d[ée]sol[ée] pour (mon|le)", r"excusez", r"je m'excuse",
    ]),
    "profession": _rx([
        r"i am an? (lawyer|attorney|solicitor|barrister|paralegal)", r"i'm an? (lawyer|attorney|solicitor)",
        r"attorney at law", r"law (firm|office|school|student|library|professor)", r"legal counsel",
        r"esq\.?", r"soy abogad", r"bufete", r"rechtsanwalt(in)? und", r"kanzlei", r"je suis avocat",
        r"cabinet d'avocat",
    ]),
}
# Where a clause ends: a negation before it ("No problem, the refund arrived") belongs to another clause.
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]|(?<!\w)(?:but|and|aber|und|mais|et|pero|y)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    """A family of phrases that becomes one token.  ``unless_before`` / ``unless_after`` name contexts (in
    the same clause just before the phrase, or shortly after it) in which the words keep their meaning."""

    pattern: re.Pattern[str]
    token: str
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None

    def replace(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            if self.unless_before is not None:
                start = max(0, m.start() - 60)
                window = text[start:m.start()]
                if start and text[start - 1].isalnum():
                    window = re.sub(r"^\w+", "", window)  # never judge by the tail of a cut word
                if self.unless_before.search(_CLAUSE_BREAK.split(window)[-1]):
                    return m.group(0)
            if self.unless_after is not None and self.unless_after.match(text, m.end(), m.end() + 240):
                return m.group(0)
            return f" {self.token} "

        return self.pattern.sub(one, text)


def _phrases(token: str, patterns: list[str], unless_before: str | None = None,
             unless_after: str | None = None) -> Phrase:
    return Phrase(re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE), token,
                  re.compile(unless_before, re.IGNORECASE) if unless_before else None,
                  re.compile(unless_after, re.IGNORECASE | re.DOTALL) if unless_after else None)


# "Not received the refund", "tracking says it arrived", "no he recibido": the phrase does not apply.
_NEGATED = (r"(?<!\w)(?:not|never|no|yet|still|nicht|kein\w*|noch|pas|jamais|nunca|sin|a[uú]n|todav[ií]a|"
            r"supposedly|apparently|according to|angeblich|soi-disant|supuestamente)(?!\w)|n't(?!\w)|"
            r"(?<!\w)(?:tracking|it|status|site|app|they|carrier|amazon|ebay|dhl|ups|usps|post)\s+"
            r"(?:says|said|shows|showed|claims|claimed)(?!\w)")
# A question in the same sentence: "When will my refund come through?", "Has the book arrived yet?".
_QUESTION = r"[^.!\n]{0,80}\?"
# "I don't want to open a dispute, but if ... I will [open one]": the escalation is conditional, not ruled
# out.  Same sentence only, and the future verb must lead to an escalation, not to "I'll let you know".
_BUT_THEN = (r"[^.!?\n]{0,160}?(?<!\w)(?:but|unless|if|however|aber|wenn|falls|doch|mais|sauf si|si|pero|"
             r"sino|a menos)(?!\w)[^.!?\n]{0,120}?(?:(?:\bwill\b|'ll\b|going to|have to|\bwerde|\bmuss|"
             r"voy a|tendr[ée]|je vais|devrai|ouvrirai)[^.!?\n]{0,40}?(?<!\w)(?:open|file|leave|report|"
             r"dispute|claim|chargeback|case|feedback|review|lawyer|bank|paypal|a-?to-?z|one|do so|do it|"
             r"abrir|abro|disputa|reclamaci[oó]n|poner|dejar|er[öo]ffnen|melden|bewertung|fall|ouvrir|litige|avis|"
             r"signaler|hacerlo)(?!\w)|lo har[ée])")


# Phrases whose words would mislead the n-grams: a refused refund still contains "refund", praise-feedback
# still contains "feedback".  Each becomes one token, in training and in use alike, so the model learns the
# phrase.
PHRASES: tuple[Phrase, ...] = (
    _phrases("zzrefno", [
        r"(?:i |we )?(?:do ?n[o']?t|dont|do not|never) (?:want|need|asked? for|wish for) "
        r"(?:a |any |my |the |your )?(?:refund|money back|reimbursement)",
        r"(?:i'?m |i am )?not (?:asking|looking) for (?:a |any )?(?:refund|money back)",
        r"(?:a )?refund (?:is|isn'?t|is not) (?:not )?what i want",
        r"no (?:quiero|necesito|busco|deseo) (?:un |el |ning[uú]n |mi )?(?:reembolso|dinero|devoluci[oó]n)",
        r"que no quiero (?:el |mi )?(?:reembolso|dinero)",
        r"(?:ich )?(?:will|m[öo]chte|brauche) (?:kein(?:e|en)?|nicht) (?:mein )?"
        r"(?:geld|r[üu]ckerstattung|erstattung)(?: (?:zur[üu]ck|nicht zur[üu]ck))?",
        r"(?:ich )?will mein geld nicht zur[üu]ck", r"keine? (?:r[üu]ck)?erstattung",
        r"je ne (?:veux|souhaite|demande) (?:pas|aucun|plus) (?:de |d'|d'un |être |mon |un )?"
        r"(?:rembours\w*|argent)",
        r"pas (?:de|un) remboursement",
        r"not a refund", r"rather than a refund", r"instead of a refund", r"no need for a refund",
        r"en lugar de un reembolso", r"statt (?:einer )?(?:r[üu]ck)?erstattung",
        r"plut[ôo]t qu'un remboursement",
    ]),
    _phrases("zzrefoffer", [
        r"(?:offer(?:ed|ing|s)?|suggest(?:ed|ing|s)?|propos(?:ed|ing|es)?) (?:me |us )?"
        r"(?:a |the |your |another )?(?:full |partial )?refund", r"refund (?:you )?(?:offered|suggested)",
        r"(?:me )?(?:ofrecen|ofrece|ofrec[ée]is|ofrecieron|ofrecido|ofreci[oó]|proponen) (?:otra vez )?"
        r"(?:el |un )?reembolso",
        r"(?:mir )?(?:eine )?(?:r[üu]ck)?erstattung (?:an)?(?:geboten|anbieten|vorgeschlagen)",
        r"bieten (?:mir )?(?:schon wieder |erneut )?(?:eine |die )?(?:r[üu]ck)?erstattung an",
        r"(?:me |vous )?propos(?:ez|é|er|ent|iez) (?:encore )?(?:un |le |de me )?rembours\w*",
        r"nous pouvons vous rembourser", r"we can refund you",
    ]),
    _phrases("zzrefdone", [
        r"(?:received|got|thanks? for|thank you for|appreciate) (?:the |my |your |a |that )?"
        r"(?:quick |prompt |full )?(?:refund|reimbursement|money back)",
        r"(?:the |my |your )?refund (?:for (?:the |my |that |this )?\w+(?: \w+)? )?"
        r"(?:(?:has |had )(?:come|came|arrived|landed|gone|shown up|appeared|been received|cleared)|"
        r"(?:was )?(?:received|cleared)|came|arrived|landed|went|showed up|appeared)(?: through| in)?",
        r"(?:recibido|recib[ií]) (?:el |mi |su )?reembolso", r"(?:ya )?me ha llegado el reembolso",
        r"gracias por el reembolso", r"el reembolso (?:ya )?(?:me )?(?:ha llegado|lleg[oó])",
        r"(?:r[üu]ck)?erstattung (?:ist )?(?:heute |gestern |schon |bereits )?"
        r"(?:eingegangen|angekommen|erhalten|da)",
        r"(?:danke|vielen dank) f[üu]r (?:die )?(?:schnelle )?(?:r[üu]ck)?erstattung",
        r"geld ist (?:wieder )?da",
        r"(?:bien )?re[çc]u (?:le |mon |votre )?remboursement", r"remboursement (?:bien )?re[çc]u",
        r"merci pour le remboursement",
    ], unless_before=_NEGATED, unless_after=_QUESTION),
    _phrases("zzarrived", [
        r"(?:it|book|parcel|package|order|copy|item)(?:(?: has| have|'s) (?:finally |just |now |safely )?"
        r"(?:arrived|come|turned up|shown up|got here|been delivered)| (?:finally |just |now |safely )?"
        r"(?:arrived|came|turned up|showed up|got here))(?! late| back)",
        r"(?:arrived|came|turned up) (?:today|this morning|yesterday|safely|safe and sound|"
        r"in (?:perfect|great|lovely) condition)",
        r"(?<!no )(?<!todav[ií]a no )(?:ya )?(?:ha )?(?:llegado|lleg[oó]) "
        r"(?:hoy|ayer|por fin|perfectamente|bien)", r"por fin (?:ha )?lleg[oó]",
        r"ist (?:heute |gestern |endlich |gut |wohlbehalten )+(?:angekommen|eingetroffen|da)",
        r"(?:est|suis) (?:bien |enfin )?arriv[ée]e? (?:aujourd'hui|hier|ce matin)?",
        r"(?:bien )?re[çc]u (?:le livre|ce matin|aujourd'hui|hier|le colis)",
    ], unless_before=_NEGATED, unless_after=_QUESTION),
    _phrases("zzfbpos", [
        r"(?:leave|leaving|give|giving|left|post|posting) (?:you |a |an )*(?:great|glowing|positive|good|"
        r"excellent|5[- ]?star|five[- ]star|top|100%)?\s*(?:feedback|review|rating)(?! (?:unless|if))"
        r"(?=[^.!?]{0,40}(?:!|great|thank|love|best|happy|recommend|wonderful|❤|💕|😊|👍|🙏|⭐))",
        r"(?:great|glowing|positive|good|excellent|5[- ]?star|five[- ]star|top) (?:feedback|review|rating)",
        r"(?:valoraci[oó]n|rese[ñn]a|opini[oó]n) (?:positiva|excelente|de 5 estrellas)",
        r"(?:positive|gute|sehr gute|beste) bewertung", r"5 sterne", r"f[üu]nf sterne",
        r"(?:avis|commentaire|[ée]valuation) (?:positif|positive|excellent|élogieux)", r"5 [ée]toiles",
    ]),
    _phrases("zzlawjob", [
        r"(?:as an?|i am an?|i'm an?|i work as an?|being an?)\s+(?:\w+ )?"
        r"(?:lawyer|attorney|solicitor|barrister|paralegal|advocate|notary)",
        r"attorney at law", r"(?:soy|como) abogad[oa]", r"(?:ich bin|als) (?:rechts)?anw[äa]lt(?:in)?",
        r"(?:je suis|en tant qu'|comme) avocat(?:e)?",
    ]),
    _phrases("zzclosed", [  # an escalation withdrawn or settled
        r"(?:closed|cancell?ed|withdrawn|withdrew|dropped|removed|deleted|retracted) (?:the |my |our |that )?"
        r"(?:a-?to-?z |paypal |ebay |bank )?(?:claim|dispute|case|chargeback|complaint|"
        r"(?:negative |bad )?feedback|(?:negative |bad )?review)",
        r"(?:claim|dispute|case|chargeback) (?:is |has been |was )?(?:now )?(?:closed|cancell?ed|withdrawn)",
        r"(?:cerrado|cancelado|retirado|quitado|borrado) (?:ya )?(?:la |el |mi )?"
        r"(?:disputa|reclamaci[oó]n|caso|valoraci[oó]n|opini[oó]n|rese[ñn]a)",
        r"(?:disputa|reclamaci[oó]n|caso) (?:ya )?(?:est[aá] )?(?:cerrad[ao]|cancelad[ao]|retirad[ao])",
        r"(?:fall|konflikt|kl[äa]rungsfall|antrag|r[üu]ckbuchung|bewertung|beschwerde)(?: \w+){0,3} "
        r"(?:geschlossen|zur[üu]ckgezogen|gel[öo]scht|storniert|entfernt)",
        r"(?:cl[ôo]tur[ée]|ferm[ée]|annul[ée]|retir[ée]|supprim[ée]) (?:le |mon |la |ma |l')?(?:litige|"
        r"r[ée]clamation|dossier|avis|commentaire|opposition)",
        r"(?:litige|r[ée]clamation|dossier|opposition) (?:est |a [ée]t[ée] )?"
        r"(?:cl[ôo]tur[ée]|ferm[ée]|annul[ée])",
    ], unless_before=_NEGATED),
    _phrases("zznothreat", [  # an escalation ruled out
        r"(?:won'?t|will not|wouldn'?t|would never|will never|not going to|never going to|"
        r"no intention (?:of|to)|no plans? to|don'?t want to) (?:be )?"
        r"(?:leav|giv|post|writ|open|fil|start|rais|mak|do)\w* "
        r"(?:a |any |you )?(?:negative |bad |poor |1[- ]star |one[- ]star )?(?:feedback|review|rating|claim|"
        r"dispute|case|chargeback|complaint)",
        r"no (?:voy|pienso|quiero|vamos) (?:a )?(?:poner|dejar|abrir|hacer|escribir) "
        r"(?:ninguna |una |un |ning[uú]n )?(?:mala )?"
        r"(?:valoraci[oó]n|opini[oó]n|rese[ñn]a|disputa|reclamaci[oó]n|caso)",
        r"keine (?:negative |schlechte |negativen |schlechten )?"
        r"(?:bewertung|beschwerde|reklamation|klage|anzeige|r[üu]ckbuchung|fall)",
        r"ne (?:vais|laisserai|mettrai|compte|ouvrirai|veux) (?:pas|jamais|surtout pas) "
        r"(?:\w+ )?(?:d'|de |un |une )?(?:avis|[ée]valuation|commentaire|litige|r[ée]clamation)",
    ], unless_after=_BUT_THEN),
    _phrases("zzpresale", [  # a question before buying
        r"before (?:i |we )?(?:order|buy|purchase|place|commit)", r"if i (?:order|buy|purchase)",
        r"thinking (?:of|about) (?:ordering|buying)",
        r"antes de (?:comprar|pedir|hacer el pedido|encargar)", r"si (?:compro|pido|encargo)",
        r"bevor ich (?:\w+ ){0,3}(?:bestelle|kaufe)", r"(?:wenn|falls) ich (?:\w+ ){0,3}(?:bestelle|kaufe)",
        r"avant de (?:commander|acheter|passer (?:une |ma )?commande)", r"si je (?:commande|ach[eè]te)",
    ]),
    _phrases("zznyf", [
        r"not (?:your|you(?:r)? guys'?) fault",
        r"(?:i )?(?:know|realise|realize|understand) it'?s not (?:your|on you)",
        r"not blaming you", r"(?:i )?(?:don'?t|do not) blame you", r"nothing to do with you",
        r"you(?:'ve| have) (?:always )?been (?:great|brilliant|lovely|fantastic)",
        r"no (?:os|le|les|te) culpo", r"no es culpa (?:suya|vuestra|tuya)",
        r"(?:ihnen|euch) mache ich (?:[üu]berhaupt |gar )?keinen? vorwurf",
        r"sie k[öo]nnen (?:ja )?nichts daf[üu]r", r"je ne vous (?:en veux|bl[âa]me) pas",
        r"vous n'y (?:êtes|etes) pour rien",
        r"no es (?:su|tu|vuestra) culpa", r"nicht ihre schuld", r"nicht eure schuld",
        r"(?:ce )?n'est pas (?:de )?"
        r"votre faute", r"ik weet dat het niet aan (?:u|jullie) ligt",
    ]),
)


CUE_NAMES: tuple[str, ...] = (*CUES, *(p.token for p in PHRASES), "shouting", "exclaims", "questions",
                               "length", "short")


def clean_subject(subject: str) -> str:
    subject = _SUBJECT_PREFIX.sub("", subject or "")
    return _AMAZON_SUBJECT.sub(" zamazoninquiry ", subject).strip()


_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                             "\u00a0": " ", "\u202f": " "})


def normalise(text: str) -> str:
    text = text.translate(_TYPOGRAPHY)  # phones type ’ and no-break spaces; the phrases are written with '
    for pattern, token in _REPLACEMENTS:
        text = pattern.sub(token, text)
    for phrase in PHRASES:
        text = phrase.replace(text)
    return text


def document(subject: str, new_text: str) -> str:
    """The single string the model reads: cleaned subject, a separator, the customer's new text.

    A reply's subject ("Re: A-to-z claim") is thread history, like a quote: when the new text says enough on
    its own (eight words or more) the subject is left out, so "all sorted, thanks" under it stays unlabelled.
    """
    if _SUBJECT_PREFIX.match(subject or "") and len(new_text.split()) >= REPLY_SUBJECT_MIN_WORDS:
        subject = ""
    return normalise(f"{clean_subject(subject)}\n\n{new_text}").strip()


# The same lexicons, case-sensitive, for lower-cased text: several times faster than IGNORECASE matching (the
# sources are lower case; a test checks it).
_CUES_LOWER: tuple[re.Pattern[str], ...] = tuple(re.compile(p.pattern) for p in CUES.values())


def cue_vector(doc: str) -> list[float]:
    """Cue features of one document; lexicon hits are log-scaled counts."""
    lowered = doc.lower()
    values = [math.log1p(len(p.findall(lowered))) for p in _CUES_LOWER]
    values += [min(doc.count(p.token), 2) for p in PHRASES]
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
