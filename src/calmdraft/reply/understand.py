"""What this customer's mail says, beneath the four labels: what happened (situations), what they want and
what they rule out, the escalations they name, and the facts in their own words.

Only the customer's new text (and a subject that is not a reply's) is read for situations, asks and
escalations: quoted history is someone else's words.  Order references and titles are also taken from the
quoted part and from marketplace frames, where a forwarded confirmation or Amazon's "1 of ..." line carries
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from calmdraft.message import Inbound
from calmdraft.orders import extract, marketplace_of
from calmdraft.reply import details, lexicon
from calmdraft.reply.patterns import Rule, compile_rules, present
from calmdraft.reply.patterns import hits as may_match
from calmdraft.reply.people import Person, person

SITUATIONS = tuple(lexicon.SITUATIONS)
ASKS = tuple(lexicon.ASKS)
CHANNELS = tuple(lexicon.ESCALATIONS)

_NEGATION = re.compile(r"(?<!\w)(?:not|no|never|nor|without|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|doesn'?t|"
                       r"didn'?t|hardly|neither|nicht|kein\w*|nie|ohne|pas|jamais|sans|ni|ning[uú]n\w*|sin|"
                       r"nunca|"
                       r"if|falls|wenn|si)(?!\w)|n't(?!\w)")
_CLAUSE = re.compile(r"[.;:!?\n]|,\s|(?<!\w)(?:but|and|so|since|as|hence|therefore|aber|und|doch|also|"
                     r"deshalb|"
                     r"daher|mais|et|donc|alors|puisque|pero|y|as[ií] que|por eso|because|weil|car|"
                     r"porque)(?!\w)")
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|r|rif|vs|wg|fw|fwd|tr|rv)\s*(?:\[\d+\])?\s*:",
                            re.IGNORECASE)
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " "})
# Shop-style order numbers: "#WS-10877", "order 10377", "PO 4471", "Bestellnummer LB-58213",
# "pedido DES-2026-0183".
_SHOP_REF = re.compile(
    r"(?:(?<![\w#])#\s?(?P<hash>[A-Z]{1,5}-?\d{3,8}|\d{4,10})\b|"
    r"\b(?:order|orders|purchase order|p\.?o\.?|invoice|bestellung|bestellnummer|bestell-nr\.?|auftrag|"
    r"auftragsnummer|rechnung|pedido|factura|n[úu]mero de pedido|commande|facture|n[°º] de commande)"
    r"\s*(?:no\.?|number|num\.?|nr\.?|n\.?[º°o]\.?|#|id|num[ée]ro|nummer|n[uú]mero)?\s*[:#]?\s*"
    r"(?P<word>(?=[A-Z0-9-]*\d)[A-Z]{0,5}-?\d[\dA-Z-]{2,16}\d|\d{3,12}))(?![\w-])", re.IGNORECASE)
# The item is in the customer's hands: only then is a defect a complaint about what arrived.
_RECEIVED = re.compile(
    r"(?:received|arrived|came|showed up|turned up|got it|got the|got my|delivered|opened|unwrapped|unpacked|"
    r"the (?:book|"
    r"copy|record|"
    r"item|cd|game|set) (?:is|has|smells|reeks)|it (?:smells|reeks|stinks)|recib|lleg[oó]|ha llegado|me lleg|"
    r"erhalten|bekommen|angekommen|geliefert|ausgepackt|das buch (?:ist|hat|riecht)|riecht|re[çc]u|arriv[ée]|"
    r"livr[ée]|le livre (?:est|a|sent)|sent le|huele|tiene)", re.IGNORECASE)
# The item is with the customer, said outright: then "still nothing" is about something else.
_ARRIVED = re.compile(
    r"(?:it|the \w+|book|parcel|package|order|record|yarn|box|copy)(?: itself)? (?:has |have |had |finally |"
    r"only |just )?(?:arrived|came|turned up|showed up|got here)(?! (?:back|to you))|"
    r"(?:i|we) (?:have |'ve |just )?(?:received|got) "
    r"(?:it|the (?:book|parcel|package|order|copy|record|box|yarn|item|lot)|"
    r"my (?:order|book|parcel|package|copy))|"
    r"\barrived (?:on|yesterday|today|this|last|safely)|\bcame (?:yesterday|today|this morning|on \w+day)|"
    r"recib[ií] (?:el|la|ayer|hoy|ya)|(?:me )?(?:ha |ya )?lleg[oó] (?:el|la|ayer|hoy|bien|ya)|"
    r"j(?:'|’| )ai (?:bien )?re[çc]u|(?:est|sont) (?:bien )?arriv[ée]|(?:ist|sind) (?:\w+ ){0,2}angekommen|"
    r"habe (?:\w+ ){0,3}(?:erhalten|bekommen)")
# The damage happened on the way: the parcel, the packing or the post is named with it.
_TRANSIT = re.compile(
    r"(?:in|during) (?:the )?(?:post|mail|transit|shipping|delivery)|(?:box|parcel|package|envelope|mailer|"
    r"packaging|packing|carton|tube) (?:was |had been |arrived |came |looked )?(?:\w+ ){0,2}"
    r"(?:crushed|damaged|torn|ripped|soaked|wet|squashed|battered|split|dented)|"
    r"(?:unpadded|thin|flimsy) (?:envelope|mailer|packing|"
    r"packaging)|(?:no|without any) (?:padding|bubble ?wrap|protection)|(?:poorly|badly|barely) (?:packed|"
    r"packaged|wrapped)|(?:en|durante el) (?:el )?(?:env[ií]o|transporte)|mal embalad|transportschaden|"
    r"(?:beim|auf dem) (?:transport|versand|postweg)|schlecht verpackt|(?:pendant le|lors du) transport|"
    r"mal emball|"
    # the parcel's journey told: dropped, folded, soaked on the way; sent in a bare envelope
    r"(?:box|parcel|package|envelope|mailer|carton|karton|paket|umschlag|sobre|paquete|caja|colis|enveloppe) "
    r"(?:must have been |had been |was |got |has been |war |ist |wurde )?(?:\w+ )?"
    r"(?:dropped|folded|bent|jammed|"
    r"crushed|soaked|durchweicht|eingedr[üu]ckt|zerdr[üu]ckt|aufgerissen|aplastad[oa]|mojad[oa]|roto|rota|"
    r"[ée]cras[ée]|pli[ée]|tremp[ée]|d[ée]chir[ée])|along the way|somewhere (?:in|along)|unterwegs|"
    r"en el camino|por el camino|en route|sorting machine|"
    r"(?:simple|thin|plain|ordinary|normal|bare) (?:kraft |brown )?(?:envelope|enveloppe|sobre|umschlag)|"
    r"enveloppe kraft|sobre (?:acolchado )?normal|sin (?:tubo|cart[oó]n|protecci[oó]n)|sans (?:carton|"
    r"protection|papier bulle)|ohne (?:karton|polster|schutz)|arrived (?:in )?(?:two|several|three) pieces|"
    r"in (?:two|zwei|dos|deux) (?:pieces|teilen|trozos|morceaux)")
_CHANGED_MIND = re.compile(
    r"changed my mind|no longer (?:need|want)|"
    r"(?:has|have|had) (?:already )?(?:bought|given|got) (?:him|her|them|me|us) "
    r"(?:the (?:very )?same|that|this|it|one|a copy)|(?:don'?t|do not) (?:need|want) (?:it|them) "
    r"(?:any ?more|after all)|(?:already|just) (?:have|had|own|got) (?:it|a copy|one|that)|"
    r"(?:mistake|fault|error) (?:is |was )?(?:entirely |all )?"
    r"(?:mine|my own)|my (?:own )?(?:mistake|fault|error)|ordered (?:it |the wrong \w+ )?by mistake|"
    r"cambiado de opini[oó]n|(?:ya )?lo tengo|me he liado|ya lo ten[ií]a|"
    r"me lo (?:hab[ií]an|han) regalado|(?:es |fue )?culpa m[ií]a|me equivoqu[eé]|error m[ií]o|"
    r"(?:es )?(?:schon|bereits) (?:hat|habe|hab)|meine schuld|mein fehler|anders [üu]berlegt|"
    r"chang[ée] d'avis|(?:je l'ai|je l'avais) d[ée]j[àa]|(?:mon|c'est mon) erreur|par erreur")
_CALL = re.compile(r"(?:phone|called|rang|on the line|telefon|anruf|angerufen|llam[eéa]|por tel[ée]fono|"
                   r"appel[ée]?|t[ée]l[ée]phon)")
# A call to the bank or the carrier, not to the shop.
_CALLED_ELSEWHERE = re.compile(r"(?<!\w)(?:bank|visa|mastercard|amex|paypal|card (?:company|issuer)|"
                               r"post office|carrier|usps|fedex|ups|dhl|hermes|evri|royal mail|an post|"
                               r"canada post|correos|la poste|colissimo|banco|sparkasse|banque)(?!\w)")
_SHOP_SIDE = re.compile(r"(?<!\w)(?:you|your|sie|ihnen|usted|ustedes|le llam\w*|vous|"
                        r"i (?:called|phoned|rang)|ich (?:habe )?(?:\w+ )?angerufen|llam[eé]|"
                        r"j'ai (?:\w+ )?(?:appel|t[ée]l[ée]phon)\w*)(?!\w)")


def _shop_call(text: str) -> bool:
    """A phone call with the shop ("when I phoned you"), not with the bank or the carrier, in one sentence."""
    sentences = (_sentence(text, m) for m in _CALL.finditer(text))
    return any(_SHOP_SIDE.search(s) and not _CALLED_ELSEWHERE.search(s) for s in sentences)


_WRONG_WHAT = [(what, re.compile(rx)) for what, rx in (
    # German "Band" is a volume ("den falschen Band", "Band 3"); "the band on that skein" is a ball band.
    ("volume", r"\b(?:volume|vol\.?|tome|tomo)\b|\b(?:der|den|dem|des|ein|einen|falschen?|anderen?|zweiten?|"
               r"ersten?|dritten?) band\b|\bband (?:\d|[ivx]+\b)"),
    ("edition", r"edition|printing|impression|ausgabe|auflage|edici[oó]n|[ée]dition"),
    # Skeins from two dye lots: said as a mismatch, not just a lot number quoted beside a wrong colour.
    ("dye_lot", r"(?:different|two|mixed|other|separate|not the same|another) (?:dye ?)?lots?|"
                r"(?:dye ?)?lots? (?:do(?:es)?n'?t|do(?:es)? not|don'?t) match|"
                r"dye ?lots? (?:differ|are different)|"
                r"(?:verschiedenen?|unterschiedlichen?|andere[nr]?) farbpartien?|lotes? (?:de tinte )?"
                r"(?:distintos|diferentes)|bains? (?:de teinture )?diff[ée]rents"),
    ("colour", r"\bcolou?r(?:way)?s?\b|\bfarbe\b|\bcouleurs?\b"),
    ("dye_lot", r"dye ?lots?|farbpartie|partienummer|lote de tinte|bains? de teinture"),
    ("format", r"paperback|hardcover|hardback|softcover|\bformat\b|taschenbuch|gebunden|broch[ée]|poche|"
               r"tapa (?:blanda|dura)|r[úu]stica"),
    ("pressing", r"pressing|\bregion\b|re-?issue|re-?press|original (?:sire|press)|first press"),
)]


def _wrong_what(low: str, subject: str, hits: list[re.Match[str]]) -> str | None:
    """What was wrong about a wrong item, read in the subject and the sentences that say it was wrong: "the
    book inside is The Goldfinch, not The Secret History" is a wrong book even if the packing slip says "first
    edition" two sentences later."""
    where = "\n".join([subject, *(_sentence(low, m) for m in hits)])
    return next((what for what, rx in _WRONG_WHAT if rx.search(where)), None)


_SMALL = (r"(?:of|the|and|a|an|in|on|to|for|at|by|with|de|la|le|les|des|du|et|der|die|das|und|von|im|el|los|"
          r"las|y|del)")
_TITLE_LIKE = (r"(?:[«\"“„]([^\"”“«»\n]{2,60})[»\"”“]|((?:[A-Z0-9ÄÖÜÉ][\w'’:-]*)(?:\s+(?:" + _SMALL +
               r"\s+)*[A-Z0-9ÄÖÜÉ][\w'’:-]*){0,7}))")
# "The book inside is The Goldfinch, not The Secret History": what came and what was ordered, both titles.
_SWAP = re.compile(_TITLE_LIKE + r",? (?:not|instead of|rather than|statt|anstatt|und nicht|en vez de|"
                   r"en lugar de|y no|au lieu de|et non|et pas) (?:the one i ordered,? )?" + _TITLE_LIKE)
_NOT_TITLES = re.compile(r"^(?:very good|good|fine|near mint|mint|like new|acceptable|vg\+?|nm|ex|amazon|"
                         r"ebay|"
                         r"i|we|my|it|this|that|you|hardcover|paperback|first|second|third)$", re.IGNORECASE)


def _swapped(text: str, hits: list[str]) -> tuple[str, str] | None:
    """What came instead of what was ordered, when the customer names both titles in a wrong-item sentence."""
    for sentence in hits:
        for m in _SWAP.finditer(sentence):
            came, ordered = (m.group(1) or m.group(2)).strip(), (m.group(3) or m.group(4)).strip()
            if came.lower() != ordered.lower() and not any(_NOT_TITLES.match(t) for t in (came, ordered)) \
                    and all(len(t) >= 4 and not t.isdigit() for t in (came, ordered)):
                return came, ordered
    return None


_RETURNING = re.compile(r"(?:return(?:ed|ing)?|sent back|going back|on its way back|"
                        r"being returned) to (?:the )?"
                        r"(?:sender|you|shop|seller)|return to sender|undeliverable|(?:devuelto|"
                        r"vuelve) al remitente|devoluci[oó]n al remitente|devuelto a origen|"
                        r"(?:el paquete|el env[ií]o|el pedido) (?:\w+ )?de vuelta|"
                        r"retour (?:à l'envoyeur|exp[ée]diteur)|"
                        r"r[üu]cksendung an (?:den )?absender|"
                        r"zur[üu]ck an (?:den )?absender|an (?:den )?absender zur[üu]ck|r[üu]ckweg|"
                        r"unzustellbar|(?:retour|renvoy[ée]e?s?|"
                        r"retourn[ée]e?s?) (?:à|a|vers) l'exp[ée]diteur")
# A charge to pay before the parcel is handed over: duty, import VAT, the carrier's handling fee.
_CUSTOMS_FEE = re.compile(r"\b(?:fees?|dut(?:y|ies)|tax(?:es)?|vat|gst|hst|brokerage|handling charge|"
                          r"zoll(?:geb[üu]hr)?|"
                          r"geb[üu]hr\w*|einfuhrumsatzsteuer|frais|droits? de douane|taxes?|tva|aranceles?|"
                          r"tasas?|impuestos?|iva)\b")
_OCCUPANTS = (r"(?:nachmieter|hausverwaltung|new tenants|current tenants|landlord|property manager|"
              r"nouveaux locataires|nuevos inquilinos|conserje|portero)")
_ASKED = r"(?:gefragt|nachgefragt|zettel|asked|left a note|note|contacted|demand[ée]|pregunt\w*)"
_CHECKED = re.compile(_OCCUPANTS + r"[^.]{0,60}" + _ASKED + "|" + _ASKED + r"[^.]{0,60}" + _OCCUPANTS + "|"
                      r"(?:checked|asked|looked|searched)[^.]{0,40}(?:neighbou?r|porch|mailbox|"
                      r"everywhere|garden|"
                      r"building|concierge|reception|office|leasing)|(?:preguntado|mirado)[^.]{0,30}vecin|"
                      r"(?:nachbarn|briefkasten)[^.]{0,30}(?:gefragt|nachgesehen|geschaut|geklingelt)|"
                      r"(?:geklingelt|nachgesehen|gesucht)[^.]{0,30}(?:nachbarn|hof|keller|garage|briefkasten)|"
                      r"(?:gefragt|nachgefragt)[^.]{0,20}nachbarn|bei (?:herrn|frau|dem|den|meinem|meiner) "
                      r"[^.]{0,30}geklingelt|(?:knocked on|asked) (?:my |the |every )?neighbou?r|"
                      r"(?:demand[ée]|v[ée]rifi[ée]|regard[ée]|interrog[ée]|questionn[ée])[^.]{0,30}(?:voisin|"
                      r"gardien|bo[iî]te)|personne n'a (?:rien )?vu|"
                      r"(?:nobody|no one|no-one) (?:has |had )?(?:seen|got|taken in) "
                      r"(?:it|the parcel|a parcel)|"
                      r"nadie (?:lo |la )?(?:ha visto|vio|ha recogido)|niemand hat (?:\w+ ){0,3}(?:gesehen|"
                      r"angenommen)|"
                      r"vecinos? tampoco|(?:los|mis) vecinos? (?:no|tampoco)|"
                      r"nachbarn (?:\w+ )?(?:auch )?(?:nicht|nichts)|"
                      r"voisins? (?:non plus|n'ont rien)|neighbou?rs? (?:haven'?t|don'?t|didn'?t) (?:got|"
                      r"have|seen)")
_SENT_BACK = re.compile(r"(?:mailed|posted|sent|shipped) the (?:book|record|item|parcel|package|copy|set)\b"
                        r"[^.\n]{0,80}delivered to you|"
                        # not "let me know how you want it returned": a return still to come
                        r"(?:i |we )?(?:have |'ve |had )?(?:already )?(?:(?<!it )(?<!them )returned|"
                        r"sent (?:it|them|"
                        r"the \w+) back|"
                        r"posted (?:it|them) back|mailed (?:it|them) back)\b(?! (?:to you )?(?:for|today|"
                        r"tomorrow))|"
                        r"(?:(?:he|hemos|lo|la|los|las|ya) devuelto|devolv[ií]|he enviado de vuelta)|"
                        r"zur[üu]ckgeschickt|zur[üu]ckgesandt|"
                        r"retourn[ée]\b|renvoy[ée]\b")


_COMPILED: dict[str, list[Rule]] = {}


def _table(name: str, table: dict[str, list[str]]) -> dict[str, list[Rule]]:
    out = {}
    for k, v in table.items():
        key = f"{name}:{k}"
        if key not in _COMPILED:  # once per process: there are more patterns than re's cache holds
            _COMPILED[key] = compile_rules(v)
        out[k] = _COMPILED[key]
    return out


_IF = ("if", "wenn", "falls", "si")
# "if you could", "wenn du ... könntest", "si vous pouviez": a request, not a condition
_POLITE = re.compile(r"\bif you (?:could|would|can|kindly)\b|"
                     r"\bwenn (?:du|sie)\b[^,.;]{0,60}(?:k[öo]nnt|w[üu]rd)|"
                     r"\bsi (?:vous (?:pouviez|pourriez|vouliez)|usted(?:es)? (?:pudiera|podr[ií]a)|"
                     r"(?:pudiera|pudieran|pod[eé]is|pueden)\b)")


def _negated(text: str, start: int) -> bool:
    """True when a negation or a condition ("not", "if", "nicht", "si") opens the clause before ``start``;
    not for a request put politely as a condition ("Wäre toll, wenn du ihn hinterherschicken könntest")."""
    window = text[max(0, start - 80):start]
    clause = _CLAUSE.split(window)[-1]
    found = [m.group(0) for m in _NEGATION.finditer(clause)]
    rest_of_clause = _CLAUSE.split(text[start:start + 80])[0]
    if found and all(w in _IF for w in found) and _POLITE.search(clause + rest_of_clause):
        return False
    return bool(found)


def _hits(text: str, patterns: list[Rule]) -> list[re.Match[str]]:
    """Every match of ``patterns`` in ``text`` (lower-cased already) not cancelled by a negation before it."""
    found = []
    words = present(text)
    for rule in patterns:
        if rule.needs is not None and rule.needs.isdisjoint(words):
            continue
        for m in rule.rx.finditer(text):
            if rule.guarded and _negated(text, m.start()):
                continue
            found.append(m)
    return found


@dataclass(frozen=True)
class Escalation:
    channel: str
    state: str  # "threatened", "filed" or "ruled_out"


@dataclass(frozen=True)
class Understanding:
    """What the reply must answer."""

    situations: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    ruled_out: tuple[str, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    item_kind: str = "unknown"
    order_refs: tuple[str, ...] = ()
    tracking: tuple[str, ...] = ()
    amounts: tuple[tuple[str, str], ...] = ()
    paid: tuple[str, ...] = ()      # the amounts written as what they paid ("pagué 28 €"): the price
    proposed: tuple[str, ...] = ()  # the amounts proposed back ("ich dachte so an 6–7 €")
    share: int | None = None         # the share of the price they propose back, in percent ("la mitad")
    titles: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    volume: str | None = None
    dye_lot: str | None = None       # the dye lot a yarn buyer needs matched
    waited: str | None = None
    days_waiting: int | None = None  # since the order or payment day the customer names
    occasion: str | None = None
    wrote_before: bool = False
    wrong_what: str | None = None   # edition, volume, colour, format: what was wrong about a wrong item
    returning: bool = False          # on its way back to the shop, not held at customs
    customs_fee: bool = False        # held at customs until someone pays duty or a handling fee
    refusing: bool = False           # thinks of refusing the parcel or not paying the fee
    arrived: bool = False            # says the order came ("the record itself showed up fine")
    refund_waiting: bool = False     # sent it back and asks what happens next, not (yet) a late refund
    postage_figure: bool = False     # the one amount named is the postage ("les frais de port (6,90 €)")
    service_call: bool = False       # the service complaint is about a phone call
    changed_mind: bool = False       # a return for their own reasons (the shop's postage rule for that case)
    checked_around: bool = False     # already asked neighbours, looked in the mailbox...
    if_lost: bool = False            # asks what happens if it is lost: "If it is lost, what happens now?"
    poor_packing: bool = False       # says it was packed badly: "a plain padded envelope, no cardboard"
    short_postage: str | None = None  # a refund came without its postage: the postage figure ("" unknown)
    another_copy: bool = False       # asks for another copy, not the same parcel sent again
    broken_promise: bool = False     # the shop promised something earlier that has not happened
    carrier: str | None = None       # the carrier the customer names (DHL, Royal Mail, Correos...)
    deadline: str | None = None      # the day they need it by, as written ("Friday", "6 December")
    invoice: bool = False            # asks for an invoice or receipt (for customs, for their accounts)
    declared_value: bool = False     # asks what value the customs form gave
    postage_refund: str | None = None  # the money asked back is the postage ("postage") or part of it
                                       # ("difference"), not the order
    paid_service: bool = False       # ... because they paid for a faster or tracked service than it went by
    postage_owed: bool = False       # names the original postage as part of what they are owed
    cancel_if_unshipped: bool = False  # the cancellation is wanted only if the order has not left yet
    swapped: tuple[str, str] | None = None  # (what came, what was ordered) as the customer names them
    new_address: str | None = None   # the address given for the parcel ("c/o Brunner, Langstrasse 112, ...")
    marketplace: str | None = None
    person: Person = field(default_factory=Person)

    def has(self, *names: str) -> bool:
        return any(n in self.situations for n in names)

    def wants(self, remedy: str) -> bool:
        return remedy in self.asks and remedy not in self.ruled_out

    def refuses(self, remedy: str) -> bool:
        return remedy in self.ruled_out

    @property
    def threats(self) -> tuple[Escalation, ...]:
        return tuple(e for e in self.escalations if e.state != "ruled_out")


READ_CAP = 20_000


def customer_text(inbound: Inbound) -> str:
    """The customer's own words: the subject (unless a reply's, repeating an earlier mail) and new text."""
    subject = "" if _REPLY_SUBJECT.match(inbound.subject or "") else inbound.subject
    # A customer says what matters in the first pages; the cap keeps reading a huge mail linear and short.
    return normalise(f"{subject}\n{inbound.new_text[:READ_CAP]}")


def own_earlier_text(inbound: Inbound) -> str:
    """The customer's own earlier mail quoted under a follow-up ("On Mon ... Shannon <shannon@...> wrote:"),
    with its subject: the problem it told is still the problem, though the new text may only chase it."""
    head = inbound.quoted_text.lstrip().split("\n", 1)[0].lower()
    if not inbound.sender or inbound.sender.lower() not in head:
        return ""
    body = "\n".join(line.lstrip("> ").rstrip() for line in inbound.quoted_text.splitlines()[1:])
    return normalise(f"{inbound.subject}\n{body[:READ_CAP]}")


def normalise(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


def order_refs(inbound: Inbound, own_pattern: str | None = None) -> list[str]:
    """Every order reference in the mail: marketplace formats, the shop's own pattern, shop-style numbers
    next to "order"/"#", in the subject, the new text and the quoted or forwarded part."""
    text = normalise(f"{inbound.subject}\n{inbound.new_text}\n{inbound.quoted_text}")
    refs = [r.order_id for r in extract(text, own_pattern)]
    for m in _SHOP_REF.finditer(text):
        value = (m.group("hash") or m.group("word") or "").strip("-")
        known = any(value in r or r in value for r in refs)
        if value and not known and not details.TRACKING.fullmatch(value):
            refs.append(value)
    return list(dict.fromkeys(refs))


# An arrival with its day, and a sign that the day was too late: together, a late arrival.
ITEM_SITUATIONS = ("damaged_in_transit", "condition_not_as_described", "wrong_item", "part_missing")
_ARRIVED_ON = re.compile(
    r"(?:arrived|showed up|turned up|came|got here|was delivered|reached (?:me|us)|finally (?:came|arrived|"
    r"got))"
    r"(?: [\w,]+){0,3}? (?:today|yesterday|this morning|on (?:the )?\d|on (?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)\w* \d|(?:\w+ )?days? (?:after|later))|"
    r"lleg[oó] (?:\w+ ){0,2}(?:ayer|hoy|esta ma[ñn]ana|el \d)|(?:recib[ií]|por fin recib[ií])|"
    r"(?:angekommen|geliefert|eingetroffen|kam (?:\w+ ){0,2}an)(?: \w+){0,3}? (?:heute|gestern|am \d)|"
    r"angekommen ist (?:\w+ ){0,3}(?:heute|gestern|am \d)|heute (?:angekommen|gekommen|eingetroffen)|"
    r"(?:arriv[ée]e?|re[çc]u|livr[ée]e?) (?:\w+ ){0,3}(?:ce matin|aujourd'hui|hier|le \d)|re[çc]ois enfin|"
    r"enfin re[çc]u", re.IGNORECASE)
_TOO_LATE = re.compile(
    r"(?:after|past) (?:the |my |his |her |our |their )?(?:\w+ )?(?:birthday|party|meeting|deadline|event|"
    r"wedding|class|retreat|exam|trip|holiday|christmas|celebration)|missed (?:the|my|his|her|it|our)|"
    r"too late|"
    r"(?:\w+ |\d+ )(?:days|weeks) (?:after|late|later)|came and gone|(?:\w+ )days,|had to (?:buy|give|borrow|"
    r"get)|ended up (?:buying|getting|giving)|"
    r"nach (?:dem|der|seinem|ihrem|meinem) (?:\w+ )?(?:geburtstag|feier|termin|fest)|zu sp[äa]t|tage nach|"
    r"woche nach|"
    r"despu[ée]s del? (?:\w+ )?(?:cumplea[ñn]os|plazo|examen|viaje)|demasiado tarde|semanas despu[ée]s|"
    r"cuando el plazo|tuve que|"
    r"trop tard|apr[èe]s (?:l'|son |mon |ma |sa )?(?:anniversaire|f[êe]te|examen|oral)|la veille|j'ai d[ûu]",
    re.IGNORECASE)
_STILL_WAITING = re.compile(r"still (?:not|no|nothing|hasn'?t|haven'?t|waiting)|todav[ií]a no|noch (?:nicht|"
                            r"immer "
                            r"nicht|kein)|toujours (?:pas|rien)", re.IGNORECASE)


# Someone other than the shop, or a review: "I emailed my old landlord but haven't heard back".
_THIRD_PARTY = re.compile(r"landlord|neighbou?r|post office|usps|royal mail|carrier|courier|dhl|hermes|ups\b|"
                          r"fedex|la poste|correos|bank|paypal|amazon|ebay|etsy|review|bewertung|rezension|"
                          r"avis\b|"
                          r"rese[ñn]a|valoraci[oó]n|feedback|vermieter|nachbar|voisin|vecino", re.IGNORECASE)
_TO_SHOP = re.compile(r"\byou\b|\byour\b|\bvous\b|\busted(?:es)?\b|\bihnen\b|\bos\b|\bles\b", re.IGNORECASE)
# The earlier contact was answered ("whoever picked up told me...", "you replied that..."): a complaint about
# the answer, not about silence.
_ANSWERED = re.compile(r"(?:told|said to) me|(?:you|she|he|they|someone|whoever\b[^.]{0,20}) (?:replied|"
                       r"answered|responded|said|told)|was told|your (?:reply|answer|response) (?:was|said)|"
                       r"me (?:dijo|dijeron|contest[oó]|respondi[oó])|hat mir (?:gesagt|geantwortet)|"
                       r"(?:m'a|m'ont|on m'a) (?:r[ée]pondu|dit)", re.IGNORECASE)
_SILENCE = re.compile(r"no (?:reply|response|answer|call)|never (?:got |had )?(?:replied|answered|responded|"
                      r"heard|"
                      r"an answer|a reply)|unanswered|ignor|(?:haven'?t|didn'?t|did not|have not) (?:had |"
                      r"got |"
                      r"heard|hear)|(?:heard|got|had) nothing|nothing back|(?:second|third|fourth|"
                      r"fifth) time|"
                      r"sin (?:obtener |recibir |tener )?(?:ninguna )?(?:respuesta|contestar|"
                      r"contestaci[oó]n)|"
                      r"por (?:segunda|tercera|cuarta) vez|\b(?:segundo|tercer|cuarto) aviso|"
                      r"zum (?:zweiten|dritten|vierten) mal|"
                      r"pour la (?:deuxi[èe]me|troisi[èe]me|seconde) fois|"
                      r"(?:keine|ohne|nie eine) antwort|unbeantwortet|"
                      r"nicht (?:\w+ )?"
                      r"(?:geantwortet|gemeldet)|sans (?:r[ée]ponse|nouvelles)|(?:aucune|pas de|"
                      r"jamais eu de) "
                      r"r[ée]ponse|toujours rien", re.IGNORECASE)
_FUTURE_SILENCE = re.compile(r"^[^.!?\n]{0,40}?(?:d'ici|by|bis|avant|before|until|within|hasta|antes)\b",
                             re.IGNORECASE)


_sentence = details.sentence


def _unanswered(text: str, found: list[re.Match[str]]) -> bool:
    """Whether any mention of earlier mail is about the shop's silence, now: not a third party's, not a
    threat of what silence will bring ("sans réponse d'ici vendredi"), not a reply they did get."""
    if _ANSWERED.search(text) and not _SILENCE.search(text):
        return False
    for m in found:
        sentence = _sentence(text, m)
        if _THIRD_PARTY.search(sentence) and not _TO_SHOP.search(sentence):
            continue
        if _FUTURE_SILENCE.search(text[m.end():]) or re.search(r"(?<!\w)(?:if|si|wenn|falls)(?!\w)",
                                                                 text[max(0, m.start() - 40):m.start()]):
            continue
        return True
    return False


_BEFORE_DISPATCH = re.compile(
    r"(?:if|in case|as long as|unless) (?:it|the order|my order|the book|they|it's|"
    r"it has)? ?(?:has ?n[o']?t|has "
    r"not|isn'?t|is not|hasn'?t)? ?(?:already |yet )?(?:been )?(?:shipped|sent|dispatched|gone out|left|"
    r"posted|"
    r"mailed)|before (?:it|you) (?:ship|send|post|dispatch|go(?:es)? out)|(?:not|n't) (?:yet )?(?:shipped|"
    r"sent|"
    r"dispatched|posted)(?: yet| out)?|falls (?:sie|es|er|die bestellung|das buch)? ?noch nicht (?:raus|"
    r"verschickt|versandt|unterwegs|abgeschickt|weg)|noch nicht (?:raus|verschickt|versandt|abgeschickt)|"
    r"si (?:a[uú]n )?no (?:ha salido|lo (?:han|has|ha) enviado|se ha enviado)|antes de (?:que )?(?:enviar|"
    r"salga|lo env[ií]e)|s'il n'est pas (?:encore )?(?:parti|exp[ée]di[ée]|envoy[ée])|avant (?:l'|son )"
    r"(?:envoi|exp[ée]dition)", re.IGNORECASE)
# "Is it out yet? If not, please just cancel it"; "wenn's schon unterwegs ist, auch okay": the cancellation is
# wanted only while the order has not left.
_IF_NOT_SENT = re.compile(
    r"(?:if not|if it hasn'?t|if it has not|otherwise|falls nicht|wenn nicht|ansonsten|si no|"
    r"si todav[ií]a no|"
    r"sinon|si ce n'est pas le cas),? (?:\w+ ){0,4}(?:cancel|storn|anul|cancela|annul)|"
    r"(?:if it'?s|if it has|if it is) already (?:on its way|shipped|sent|been sent|in the post|left|gone)"
    r"[^.!?\n]{0,40}"
    r"(?:fine|ok|okay|no problem|i'?ll wait|i can wait)|"
    r"(?:wenn|falls) ?(?:'s|es|sie|das buch|die bestellung)? (?:schon|bereits) (?:unterwegs|raus|verschickt|"
    r"versandt)[^.!?\n]{0,40}(?:okay|ok|in ordnung|auch gut|warte)|"
    r"si ya (?:ha salido|est[aá] en camino|lo (?:has|han|ha) enviado)[^.!?\n]{0,40}(?:vale|bien|no pasa nada|"
    r"espero|esperar[eé])|"
    r"s'il est d[ée]j[àa] (?:parti|en route|exp[ée]di[ée])[^.!?\n]{0,40}(?:tant pis|pas grave|d'accord|"
    r"j'attendrai|"
    r"ce n'est pas grave)", re.IGNORECASE)
# Only the conditional forms: "cancel it if it hasn't gone out", not "it still hasn't shipped, cancel it".
_IF_UNSENT = re.compile(
    r"(?:if|in case|as long as|unless) (?:it|the order|my order|the book|they|it's|it has)? ?"
    r"(?:has ?n[o']?t|has not|isn'?t|is not|hasn'?t) (?:already |yet )?(?:been )?(?:shipped|sent|dispatched|"
    r"gone out|left|posted|mailed)|before (?:it|you) (?:ship|send|post|dispatch|go(?:es)? out)|"
    r"falls (?:sie|es|er|die bestellung|das buch)? ?noch nicht (?:raus|verschickt|versandt|unterwegs|"
    r"abgeschickt|weg)|si (?:a[uú]n )?no (?:ha salido|lo (?:han|has|ha) enviado|se ha enviado)|"
    r"antes de (?:que )?(?:enviar|salga|lo env[ií]e)|s'il n'est pas (?:encore )?(?:parti|exp[ée]di[ée]|"
    r"envoy[ée])|avant (?:l'|son )(?:envoi|exp[ée]dition)", re.IGNORECASE)
# The listing's grade or description held against what came: "This is not VG+", "'plays clean'".
_GRADED = re.compile(r"\b(?:vg\+?|vg-|nm|near mint|very good|like new|plays clean|as described|the listing|"
                     r"your listing|the description)\b", re.IGNORECASE)
_TRACKING_WORD = re.compile(r"track(?:ing)?|\bscan|seguimiento|rastreo|sendungsverfolgung|tracking|"
                            r"sendungsstatus|\bsuivi\b", re.IGNORECASE)
_NO_MOVEMENT = re.compile(
    r"since (?:the |then|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|\d|(?:mon|tues|wednes|thurs|"
    r"fri|"
    r"satur|sun)day)|nothing (?:since|after|more|at all|further|new)|(?:has ?n[o']?t|has not|hasn'?t|"
    r"did ?n[o']?t|"
    r"never) (?:\w+ )?(?:changed|moved|updated)|no (?:change|update|movement|new scans?|further (?:scans?|"
    r"updates?))|last (?:scan|update|entry|movement)|(?:stuck|sitting|frozen) (?:at|in|on)|"
    r"seit(?:her|dem|) (?:\w+ )?(?:nichts|\d)|seit dem \d|nichts mehr|keine (?:bewegung|neue)|"
    r"desde (?:el (?:d[ií]a )?\d|entonces|hace)|no (?:ha vuelto a|se) mov|sin (?:movimiento|cambios)|"
    r"depuis (?:le \d|,|plus|rien)|plus rien|rien de plus|aucun (?:mouvement|changement)", re.IGNORECASE)


def _stalled(text: str) -> bool:
    """A tracking page that has stopped moving: the tracking named, and no movement since, close together."""
    for m in _TRACKING_WORD.finditer(text):
        if _NO_MOVEMENT.search(text[m.start():m.end() + 220]):
            return True
    return False


# A return the customer sent, delivered to the shop: "USPS shows it delivered to you on November 10".
_RETURN_SENT = re.compile(r"(?:returned|mailed|posted|shipped|sent) (?:it|them|the (?:book|record|item|"
                          r"parcel|"
                          r"package|copy|set))(?: back)?\b")
_DELIVERED_TO_SHOP = re.compile(r"\s(?:to you|to your|back to you|at your end|zu ihnen|bei ihnen|a ustedes|"
                                r"chez vous)\b|signed for")


_ADDRESS_WORD = re.compile(r"\b(?:address|zip|post ?code|postal code|adresse|code postal|rue|anschrift|"
                           r"postleitzahl|plz|hausnummer|direcci[oó]n|c[oó]digo postal)\b")
_RETURN_VERB = re.compile(r"\b(?:return|send (?:it|them) back|post (?:it|them) back|retour\w*|renvoy\w*|"
                          r"zur[üu]ck(?:schicken|senden)|r[üu]cksend\w*|devolver|devoluci[oó]n|devuelv\w*)")


# What customs or a carrier say is missing is paperwork, not part of the order: "falta una factura comercial".
_PAPERWORK = re.compile(r"\b(?:(?:commercial |pro ?forma )?invoice|paperwork|documents?|documentation|"
                        r"customs form|cn ?2[23]|(?:handels)?rechnung|unterlagen|dokumente?|"
                        r"zollinhaltserkl[äa]rung|factura|documentaci[oó]n|documentos?|comprobante|facture|"
                        r"justificatifs?|d[ée]claration)\b")
# What an address lacked is not a part of the order: "faltaba la colonia", "the flat number was missing".
_ADDRESS_PART = re.compile(r"\b(?:colonia|c[oó]digo postal|cp|n[uú]mero (?:interior|exterior)|piso|"
                           r"puerta|direcci[oó]n|address|postcode|post code|zip(?: code)?|flat|"
                           r"apartment|apt|suite|unit|house number|adresse|hausnummer|postleitzahl|plz|"
                           r"stockwerk|code postal|b[âa]timent|digicode|[ée]tage|appartement)\b")
_CLAUSE_END = re.compile(r"[,.;:!?\n]| (?:and|or|y|o|und|oder|et|ou) ")
# "If it is lost, what happens now?": a question with an answer, not a remedy to offer.
# The customer says the shop packed it badly: "a plain padded envelope, no cardboard", "mal embalado".
_POOR_PACKING = re.compile(
    r"(?:thin|flimsy|plain|ordinary|simple|normal|standard|soft|paper|kraft|cheap) (?:\w+ )?"
    r"(?:padded |bubble |jiffy |kraft |paper )?(?:envelope|mailer|bag)|"
    r"\bno (?:cardboard|stiffener|board|tube|box|padding|protection|bubble ?wrap)\b|"
    r"(?:badly|poorly|barely|carelessly|loosely) (?:packed|packaged|wrapped|protected)|"
    r"(?:packaging|packing) (?:was|is) (?:poor|inadequate|terrible|awful|flimsy|minimal|not enough)|"
    r"sobre (?:acolchado )?(?:normal|simple|fino|de papel)|sin (?:tubo|cart[oó]n|protecci[oó]n|refuerzo)|"
    r"mal (?:embalad|empaquetad|protegid)|embalaje (?:pobre|insuficiente|malo|escaso)|"
    r"(?:d[üu]nnen?|einfachen?|normalen?) (?:luftpolster)?(?:umschlag|kuvert|briefumschlag)|"
    r"schlecht verpackt|ohne (?:pappe|karton|polsterung|schutz)|unzureichend verpackt|"
    r"enveloppe (?:[àa] bulles|kraft|fine|simple|en papier)|mal emball|"
    r"sans (?:carton|protection|rigidifiant)|"
    r"emballage (?:insuffisant|l[ée]ger|sommaire)")
_PACKING_FINE = re.compile(r"\b(?:fine|ok|okay|well|perfect|perfectly|careful|good|bien|gut|sicher|tadellos|"
                           r"parfait|soign[ée]|protegid[oa]|prot[ée]g[ée])\b")


def _poor_packing(text: str) -> bool:
    """The customer blames the packing, not "a plain envelope, which was perfectly fine"."""
    return any(not _PACKING_FINE.search(text[m.start():m.end() + 40]) for m in _POOR_PACKING.finditer(text))


_IF_LOST = re.compile(r"\bif (?:it|the (?:parcel|package|book|order)|they)(?:'s| is| are| has been|"
                      r" have been| was|'s been) (?:really |actually |definitely )?lost|"
                      r"what happens (?:now|next|if (?:it|the \w+)(?:'s| is| was| has been| gets) lost)|"
                      r"si (?:se )?(?:ha )?(?:perdido|se pierde|est[aá] perdido)|"
                      r"qu[eé] (?:pasa|pasar[ií]a|ocurre) (?:si|ahora|entonces)|"
                      r"was passiert (?:jetzt|dann|wenn)|"
                      r"(?:falls|wenn) (?:es|das paket|die sendung) verloren|"
                      r"s'il (?:est|a été) perdu|si le colis (?:est|a été) perdu|et s'il est perdu")


def _situations(text: str) -> list[str]:
    found = []
    for name, patterns in _table("s", lexicon.SITUATIONS).items():
        matches = _hits(text, patterns)
        if name == "delivered_not_received":
            matches = [m for m in matches if not _DELIVERED_TO_SHOP.search(text[m.end():m.end() + 40])
                       and not _RETURN_SENT.search(text[max(0, m.start() - 120):m.start()])]
        if name == "part_missing":
            matches = [m for m in matches if not any(r.search(
                m.group(0) + _CLAUSE_END.split(text[m.end():m.end() + 40])[0])
                for r in (_PAPERWORK, _ADDRESS_PART))]
        if matches and (name != "earlier_unanswered" or _unanswered(text, matches)):
            found.append(name)
    if "refund_not_received" in found and "not_arrived" in found and not re.search(
            r"(?:book|parcel|package|order|item|copy|libro|paquete|buch|paket|livre|colis)", text,
            re.IGNORECASE):
        found.remove("not_arrived")  # "haven't received it" about a refund
    if {"delivered_not_received", "customs_or_returning", "tracking_stalled", "not_shipped"} & set(found) \
            and "not_arrived" not in found:
        found.append("not_arrived")
    if "not_arrived" in found and not {"delivered_not_received", "customs_or_returning", "tracking_stalled",
                                       "not_shipped"} & set(found):
        if any(not _negated(text, m.start()) for m in _ARRIVED.finditer(text)) or (
                "refund_not_received" in found):
            found.remove("not_arrived")  # "It arrived on the 25th"; "still nothing on my card" about a refund
    if "address_problem" in found and {"wrong_item", "return_how"} & set(found):
        # "J'ai tapé 38100 au lieu de 38000", "if it has already left, what do I do?": the address, not a
        # wrong item or a return.
        for name in ("wrong_item", "return_how"):
            hits = _hits(text, _table("s", lexicon.SITUATIONS)[name]) if name in found else []
            if hits and all(_ADDRESS_WORD.search(_sentence(text, m)) or (
                    name == "return_how" and not _RETURN_VERB.search(_sentence(text, m))) for m in hits):
                found.remove(name)
    if "cancel_request" in found and _BEFORE_DISPATCH.search(text):
        # "Please cancel it if it hasn't gone out yet; I ordered the wrong volume": nothing has arrived, so
        # nothing is wrong with it, and nothing is late.
        found = [s for s in found if s not in (*ITEM_SITUATIONS, "not_arrived", "tracking_stalled")]
    settled = {"tracking_stalled", "arrived_late", "delivered_not_received"} & set(found)
    if not settled and _stalled(text):
        # "The tracking has said 'In transit' since November 15 and nothing since."
        found += ["tracking_stalled"] + ([] if "not_arrived" in found else ["not_arrived"])
    if "arrived_late" not in found and _ARRIVED_ON.search(text) and _TOO_LATE.search(text):
        # "It showed up on the 25th, four days after the party": late, and the journey is history.
        found.append("arrived_late")
        if not _STILL_WAITING.search(text):
            found = [s for s in found if s not in ("not_arrived", "tracking_stalled", "not_shipped")]
    if "arrived_late" in found and "not_arrived" in found and not re.search(
            r"(?:still|todav[ií]a|noch|toujours)", text, re.IGNORECASE):
        found.remove("not_arrived")
    return [s for s in lexicon.SITUATIONS if s in found]


def _escalations(text: str) -> list[Escalation]:
    out: list[Escalation] = []
    filed = _table("f", {"filed": lexicon.FILED})["filed"]
    ruled = _table("r", {"ruled": lexicon.RULED_OUT_ESCALATION})["ruled"]
    for channel, patterns in _table("e", lexicon.ESCALATIONS).items():
        hits = _hits(text, patterns)
        if channel == "paypal" and hits and all(m.group(0).lower() == "paypal" for m in hits):
            # A bare "PayPal" is how they paid; a dispute needs the word.
            if not re.search(r"paypal[^.\n]{0,60}(?:dispute|claim|case|protection|k[äa]uferschutz|litige|"
                             r"fall|"
                             r"konflikt|"
                             r"disputa|"
                             r"reclamaci)|(?:dispute|claim|case|litige|disputa|reclamaci|"
                             r"k[äa]uferschutz)[^.\n]{0,40}"
                             r"paypal", text, re.IGNORECASE):
                continue
        if channel == "chargeback" and hits and all(re.fullmatch(r"(?:mi|el) banco", m.group(0).lower())
                                                    for m in hits):
            if not re.search(r"banco[^.\n]{0,60}(?:reclam|devol|anul|disput|contracargo|retroced)", text,
                             re.IGNORECASE):
                continue
        if not hits:
            continue
        state = "threatened"
        for m in hits:
            state = _state(text, m, ruled, filed)
            if state != "threatened":
                break
        out.append(Escalation(channel, state))
    # "Open a case" said of PayPal or Amazon is that channel's case, not an eBay one.
    channels = {e.channel for e in out}
    if "ebay_case" in channels and channels & {"paypal", "a_to_z"} and "ebay" not in text.lower():
        out = [e for e in out if e.channel != "ebay_case"]
    return out


_CONDITION = re.compile(r"(?<!\w)(?:if|unless|otherwise|or else|until|wenn|falls|sonst|ansonsten|bis|si|"
                        r"sinon|sans (?:nouvelles|r[ée]ponse)|without (?:a |any )?(?:reply|answer|news)|"
                        r"ohne (?:antwort|r[üu]ckmeldung|nachricht)|sin (?:respuesta|noticias)|"
                        r"faute de|sino|de lo contrario|hasta|or)(?!\w)")


def _state(text: str, m: re.Match[str], ruled: list[Rule], filed: list[Rule]) -> str:
    """Whether one mention of an escalation is a threat, something already done, or something ruled out."""
    start, end = details.sentence_span(text, m)
    before, after = text[max(start, m.start() - 100):m.start()], text[m.end():end][:70]
    not_hesitate = re.search(r"hesitate|z[öo]gern|dudar[ée]|h[ée]siter", before)
    # "Not trying to open a case": the verb of the ruling-out may be the mention's own first word.
    ruled_here = any(r.rx.search(before + m.group(0)) for r in ruled)
    if ruled_here and not _CONDITION.search(before.split(",")[-1]) and not (
            not_hesitate):
        return "ruled_out"
    if re.search(lexicon.RULED_OUT_AFTER, text[m.end():m.end() + 140]):
        return "ruled_out"
    if _CONDITION.search(before):
        return "threatened"
    window = before[-70:] + m.group(0) + after[:60]
    if any(r.rx.search(window) for r in filed) and not _NEGATION.search(_CLAUSE.split(before)[-1]):
        return "filed"  # "I haven't opened a PayPal dispute yet" is not one
    return "threatened"


_REFUND_FINE = re.compile(r"(?:refund|money back)(?: is|'s| would be) (?:also )?(?:fine|ok|okay|good|alright|"
                          r"acceptable)|(?<!not )(?<!n't )(?<!never )(?:happy|fine|ok|okay) with a refund")


def _asks(text: str, situations: list[str]) -> tuple[list[str], list[str]]:
    ruled = [name for name, patterns in _table("r", lexicon.RULED_OUT).items() if _hits(text, patterns)]
    if "refund" in ruled and _REFUND_FINE.search(text):
        ruled.remove("refund")  # "I'd rather have that one than my money back. If not, a refund is fine."
    asks = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for name, patterns in _table("a", lexicon.ASKS).items():
        if name in ruled:
            continue
        hits = _hits(text, patterns)
        if name == "refund":
            hits = [m for m in hits if not re.match(r"\s*(?:has|have|was|is|had) (?:\w+ )?(?:come|"
                                                    r"arrived|gone|"
                                                    r"been received|cleared)", text[m.end():m.end() + 40])]
        if hits:
            asks.append(name)
            spans[name] = [m.span() for m in hits]
    if "cancel_request" in situations and "cancel" not in ruled:
        asks.append("cancel")
    if "return_how" in situations and "return" not in asks and "return" not in ruled:
        asks.append("return")
    if "refund" in ruled and {"part_missing", "wrong_item"} & set(situations) and not (
            {"replacement", "exchange", "partial_refund", "keep_item"} & set(asks)):
        # "Please don't just refund me, I really need the yarn": what is missing or wrong, sent.
        asks.append("replacement")
    if "partial_refund" in asks and "refund" in asks and (
            # "refund me the difference": every refund asked for is the partial one
            all(any(ps <= rs and end <= pe for ps, pe in spans["partial_refund"])
                for rs, end in spans["refund"])
            or not re.search(r"(?<!partial )(?<!teil)(?:full |whole |complete |entire |total |100 ?% )?"
                             r"(?:refund|money back|reembolso(?! parcial)|erstattung|"
                             r"remboursement(?! partiel))(?! partial)", text, re.IGNORECASE)):
        asks.remove("refund")
    return [a for a in lexicon.ASKS if a in asks], [r for r in lexicon.RULED_OUT if r in ruled]


def _arrived(text: str) -> bool:
    """Says the order came: "the record itself showed up fine", not "das Buch ist nie angekommen"."""
    return any(not _negated(text, m.start()) and not _NEGATION.search(m.group(0))
               for m in _ARRIVED.finditer(text))


def _returning(text: str) -> bool:
    """On its way back to the shop now, not "otherwise it will be returned to the sender"."""
    for m in _RETURNING.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        clause = re.split(r"[.!?\n;]", before)[-1]
        conditional = _CONDITION.search(clause)
        # "Die Sendung (konnte nicht verzollt werden und) wird an den Absender zurückgesendet": happening now
        if not conditional and re.search(r"(?:sendung|paket) (?:[^,]{0,50} und )?wird (?:\w+ )?$", clause):
            return True
        if conditional or re.search(r"(?:will|would|could|may|might) (?:\w+ )?be|be$|ser[aá]|"
                                                  r"podr[ií]a|wird|w[üu]rde|sera|serait|pourrait|"
                                                  r"de lo contrario|si no|sonst|sinon|otherwise", clause):
            continue
        return True
    return False


_TO_PAY = re.compile(r"\d|\bpa(?:y|id)\b|charg|due\b|payer|pay[ée]|zahlen|anfallen|f[äa]llig|pagar|abonar|"
                     r"cobr")
_NO_FEE = re.compile(r"\bno (?:pagan|hay que)|kein\w* (?:zoll|geb)|pas de (?:frais|droits)|"
                     r"\bno (?:fee|tax|duty)")


# A refund late and said to be: weeks gone, still nothing.
_OVERDUE = re.compile(r"\bstill (?:no|not|nothing|waiting|haven'?t|hasn'?t)|not yet|\d+ weeks|"
                      r"weeks (?:ago|later|now)|no refund|nothing (?:yet|has|so far|back)|"
                      r"noch (?:nicht|kein|immer)|"
                      r"seit (?:\d+ )?wochen|"
                      r"todav[ií]a no|a[uú]n no|hace (?:\d+ |dos |tres )?semanas|toujours (?:pas|rien)|"
                      r"pas encore|depuis (?:des|\d+|deux|trois) semaines")
# Faults a parcel's journey cannot cause: they were there when the listing described the copy.
_DESCRIBED_DEFECTS = {"smoke_smell", "musty_smell", "foxing", "markings", "ex_library", "book_club",
                      "not_first", "faded", "skips", "wrong_region"}
# Keeping a faulty item for part of the money: "I'd like to keep it with a partial refund".
_KEEPS = re.compile(r"(?:keep|behalten|quedarme|garder)\b[^.\n]{0,40}(?:partial|discount|teilerstattung|"
                    r"nachlass|"
                    r"rabatt|descuento|reembolso parcial|remise|remboursement partiel)|(?:partial|discount)"
                    r"[^.\n]{0,40}keep")


_POSTAGE_WORD = re.compile(r"postage|shipping|frais de (?:port|retour|livraison)|gastos de env[ií]o|versand|"
                           r"porto", re.IGNORECASE)


def _postage_figure(text: str) -> bool:
    """The only amount in the mail stands in a sentence about postage."""
    found = list(details.AMOUNT.finditer(text))
    return len({m.group(0) for m in found}) == 1 and bool(_POSTAGE_WORD.search(_sentence(text, found[0])))


# A refund that came, short of its postage: "I got the refund for $54.99 ... but the $7.95 shipping never came
# back", "die Versandkosten wurden nicht erstattet", "los gastos de envío no me los habéis devuelto".
_REFUND_SHORT = re.compile(
    r"(?:got|received|had|came through|came back)[^.]{0,30}\brefund\b(?! for volume| for the)[^.]{0,100}"
    r"\bbut\b[^.]{0,60}\b(?:shipping|postage|delivery charge)\b(?! label)[^.]{0,60}(?:never|not|n't|missing)|"
    r"\b(?:shipping|postage)\b(?! label)[^.]{0,60}(?:never came back|was(?:n'?t| not) (?:refunded|"
    r"in the refund)|never (?:got )?refunded|missing from the refund|(?:has|have) not been refunded|"
    r"hasn'?t been refunded)|"
    r"\b(?:gastos de env[ií]o|portes)\b[^.]{0,40}no (?:me )?(?:los |lo )?(?:han|hab[eé]is|ha) (?:devuelto|"
    r"reembolsado|incluido)|"
    r"\b(?:versandkosten|porto)\b[^.]{0,40}(?:nicht|nie) (?:\w+ ){0,2}(?:erstattet|zur[üu]ckgezahlt|"
    r"zur[üu]ck[üu]berwiesen)|"
    r"(?:frais de port|frais d'envoi)[^.]{0,40}(?:n'ont pas [ée]t[ée]|ne m'ont pas [ée]t[ée]|"
    r"jamais [ée]t[ée]) rembours", re.IGNORECASE)


def _postage_amount(text: str) -> str | None:
    """The one amount written beside a postage word ("the $7.95 shipping", "6,90 € Versand"), as written."""
    near = {m.group("num1") or m.group("num2") for m in details.AMOUNT.finditer(text)
            if _POSTAGE_WORD.search(text[max(0, m.start() - 25):m.end() + 25])}
    return near.pop() if len(near) == 1 else None


# Another copy asked for, not the same parcel sent again: "do you have a second copy?", "send me another".
_ANOTHER_COPY = re.compile(r"(?:another|second|other|new|replacement) (?:copy|one)\b|"
                           r"send (?:me |us )?another\b|\ba replacement\b|"
                           r"(?:zweites|weiteres|anderes|neues) exemplar|ersatzexemplar|"
                           r"(?:otro|segundo|nuevo) ejemplar|(?:autre|second|deuxi[èe]me|nouvel) exemplaire")


_REFUSE = re.compile(r"refus|reject|send it back|(?:don'?t|do not|won'?t|not going to|not willing to) pay|"
                     r"rechaz|no (?:voy|pienso|quiero) a? ?pagar|verweiger|annahme|nicht (?:zahlen|bezahlen)|"
                     r"ne (?:veux|vais|compte) pas (?:les )?payer")


def _customs_fee(text: str) -> bool:
    """A charge the customer is asked to pay before the parcel is handed over ("I must pay 18,40 euro for
    IVA"), not a question whether one might come ("pay a fee?"), nor "I got no paper about tax"."""
    for m in _CUSTOMS_FEE.finditer(text):
        start, end = details.sentence_span(text, m)
        sentence = text[start:end]
        asked = text[end:end + 1] == "?"  # "Do I need to pay any fees?": a question, not a fee owed
        if _TO_PAY.search(sentence) and not asked and not _negated(text, m.start()) \
                and not _NO_FEE.search(sentence):
            return True
    return False


def _postage_refund(text: str) -> str | None:
    """"postage" when the customer asks for the postage back, "difference" for part of it, else None."""
    for rule in _table("p", {"postage": lexicon.POSTAGE_REFUND})["postage"]:
        m = rule.rx.search(text)
        if m:
            return "difference" if re.search(lexicon.POSTAGE_DIFFERENCE, _sentence(text, m)) else "postage"
    return None


def _item_kind(text: str) -> str:
    """What the order is, read in ``text`` (lower-cased already, as for ``_hits``)."""
    kinds = [k for k, rules in _table("k", lexicon.ITEM_WORDS).items()
             if any(may_match(rule, text) and rule.rx.search(text) for rule in rules)]
    if "record" in kinds and re.search(r"(?:l'|\b(?:les|des|un|deux|trois|cet|bon|ces|mes|vos) )albums?\b",
                                       text, re.IGNORECASE) and not re.search(
            r"vinyle?|disques?|33 ?tours|45 ?tours|pressage|\blp\b|\bcd\b", text, re.IGNORECASE):
        kinds = [("comic" if k == "record" else k) for k in kinds]  # "l'album « Tintin au Tibet »": a BD
        kinds = list(dict.fromkeys(kinds))
    if {"yarn", "pattern"} <= set(kinds) and not re.search(
            r"(?:ordered|bought|purchased|paid for|downloaded?)[^.\n]{0,40}pattern|pattern[^.\n]{0,20}(?:pdf|"
            r"booklet|leaflet|download|book)", text, re.IGNORECASE):
        kinds.remove("pattern")  # "the pattern needs all 6 skeins": what they knit, not what they bought
    media = [k for k in kinds if k != "book"]
    if not kinds:
        return "unknown"
    if "boxset" in media and set(media) <= {"boxset", "record", "cd", "game", "comic"}:
        return "boxset"  # "4-disc box set: two CDs and the DVD are there": one box set, not several things
    books_too = re.search(r"\bbooks?\b|\blibros?\b|\bb[üu]cher\b|\blivres?\b", text, re.IGNORECASE)
    if len(media) > 1 or (media and "book" in kinds and media[0] in ("record", "game", "yarn") and books_too):
        return "mixed"
    if media == ["map_or_print"] and "book" in kinds and re.search(
            r"folding map|maps? (?:and|&) plans|all (?:the |its )?(?:maps|plates)|pocket|(?:map|plate)s? "
            r"(?:is|are|was|were) (?:missing|not there)|missing (?:the )?(?:\w+ )?(?:map|plate)|"
            r"(?:karte|mapa|carte) (?:fehlt|falta|manque)", text, re.IGNORECASE):
        return "book"  # a guide book whose folding map is missing: a book
    if media == ["map_or_print"] and re.search(r"\b(?:maps?|mapa|(?:land)?karte|carte)\b", text,
                                               re.IGNORECASE) and not re.search(
            r"\b(?:prints?|engravings?|lithographs?|etchings?|grabado|stich|gravure)\b", text, re.IGNORECASE):
        return "map"  # "the Lewis map of Cork": a map, not "your print"
    if media:
        return media[0]
    if re.search(r"\b(?:books|both books|the books|libros|b[üu]cher|livres|volumes|tomos|b[äa]nde|tomes)\b",
                 text, re.IGNORECASE):
        return "books"
    return "book"


def _days_waiting(text: str, inbound: Inbound) -> int | None:
    written = inbound.date.date() if inbound.date else None
    ordered = details.ordered_on(text, written)
    return (written - ordered).days if written and ordered else None


def understand(inbound: Inbound, own_pattern: str | None = None,
               own_names: tuple[str, ...] = ()) -> Understanding:
    """Read the customer's mail for everything the letter must answer."""
    text = customer_text(inbound)
    low = text.lower()
    situations = _situations(low)
    # A follow-up that only chases ("just following up, I haven't heard back") keeps the problem it chases.
    situations += [s for s in _situations(own_earlier_text(inbound).lower()) if s not in situations
                   and s not in ("earlier_unanswered", "service_complaint")]
    found_defects = details.defects(low)
    item_problem = {"damaged_in_transit", "condition_not_as_described", "wrong_item"} & set(situations)
    keeps = bool(_KEEPS.search(low))
    arrived = _arrived(low)
    # A defect told about an item sent back ("the refund for the book that came with loose pages") or one
    # still on its way is history or description, not what this letter answers.
    settled = "refund_not_received" in situations or (
        {"tracking_stalled", "not_arrived", "delivered_not_received", "customs_or_returning", "not_shipped"}
        & set(situations) and not arrived)
    if found_defects and not item_problem and not settled and (_RECEIVED.search(low) or _GRADED.search(low)
                                                               or keeps):
        # "The spine is cracked and it smells of smoke": a condition complaint, never saying "described".
        transit = "crushed_parcel" in found_defects or bool(_TRANSIT.search(low))
        situations.append("damaged_in_transit" if transit else "condition_not_as_described")
        situations = [s for s in lexicon.SITUATIONS if s in situations]
    if {"damaged_in_transit", "condition_not_as_described"} <= set(situations) \
            and not _DESCRIBED_DEFECTS & set(found_defects) \
            and ("crushed_parcel" in found_defects or _TRANSIT.search(low)):
        # "The envelope was split open and the corner is crushed; your listing said very good": the journey
        # did it, and the listing was right when it left.
        situations.remove("condition_not_as_described")
    if {"part_missing", "wrong_item"} & set(situations) and "condition_not_as_described" in situations \
            and not found_defects:
        # "The listing said complete with booklet, and there is no booklet", "Listing said UK first press;
        # what showed up is the 2004 reissue": the missing part or the wrong copy is the whole complaint, not
        # the condition of what came.
        situations.remove("condition_not_as_described")
    returning = _returning(low)
    journey = {"delivered_not_received", "customs_or_returning", "tracking_stalled"}
    if {"not_shipped", "not_arrived"} & set(situations) and arrived and not _STILL_WAITING.search(low) \
            and not journey & set(situations):
        # "It arrived on Saturday ... no tracking number on the envelope": not a parcel still awaited.
        situations = [s for s in situations if s not in ("not_shipped", "not_arrived")]
    if returning and "customs_or_returning" in situations:
        # "Since the 24th it says 'Returned to sender'": the carrier's return, not a stalled parcel, and not
        # a return the customer made.
        situations = [s for s in situations if s != "tracking_stalled"]
    fee = "customs_or_returning" in situations and not returning and _customs_fee(low)
    if fee and not set(ITEM_SITUATIONS) & set(situations):
        # "What happens if I refuse it?": the parcel goes back by itself; nothing to post.
        situations = [s for s in situations if s != "return_how"]
    asks, ruled = _asks(low, situations)
    if "return" in ruled:
        # "Zurückschicken will ich es eigentlich nicht": no return to explain.
        situations = [s for s in situations if s != "return_how"]
    if (returning or fee) and "customs_or_returning" in situations and "return_how" not in situations:
        asks = [a for a in asks if a != "return"]
    # "Returned to sender", said or foreseen, is the carrier's return, never one the customer sent.
    sent_back = _SENT_BACK.search(_RETURNING.sub(" ", low))
    refund_waiting = False
    if "refund" in asks and "refund_not_received" not in situations and sent_back:
        # "I returned the book three weeks ago. Refund please.": the refund is what has not come.
        situations = [s for s in lexicon.SITUATIONS if s in (*situations, "refund_not_received")]
        # "I've sent it back: what happens now?": a question about the next step, not a late refund.
        refund_waiting = not _OVERDUE.search(low)
    # "I got the refund for $54.99 ... but the $7.95 shipping never came back": the rest is owed, nothing to
    # return and no parcel to trace.
    refund_short = not set(ITEM_SITUATIONS) & set(situations) and bool(_REFUND_SHORT.search(low))
    if refund_short:
        situations = [s for s in lexicon.SITUATIONS if s in (*situations, "refund_not_received")
                      and s not in ("return_how", "not_arrived", "tracking_stalled")]
        asks = [a for a in asks if a != "return"]
    # The postage of a parcel the customer keeps: a return's postage, or a refund "including postage" for a
    # faulty item, is part of that remedy instead.
    postage = _postage_refund(low) if not ({"charged_twice", "return_how", *ITEM_SITUATIONS} & set(situations)
                                           or "return" in asks or refund_short) else None
    if postage:
        asks = [a for a in lexicon.ASKS if a in {*asks, "partial_refund"} and not (
            a == "refund" and not re.search(lexicon.FULL_REFUND, low))]
    escalations = _escalations(low)
    market = marketplace_of(inbound.sender) or ""
    if market and "ebay" not in market and "ebay" not in low:
        # "I'll open a case" on AbeBooks or Amazon is a complaint to that marketplace, not an eBay case.
        escalations = [Escalation("a_to_z" if "amazon" in market else "marketplace_complaint", e.state)
                       if e.channel == "ebay_case" else e for e in escalations]
    everything = normalise(f"{inbound.subject}\n{inbound.new_text}\n{inbound.quoted_text}")
    occasion = next((name for name, patterns in lexicon.OCCASIONS.items()
                     if any(re.search(p, low) for p in patterns)), None)
    wrote_before = "earlier_unanswered" in situations
    # The sentences that say it was wrong: what was wrong about it, and the two titles if both are named.
    wrong = "wrong_item" in situations
    wrong_hits = _hits(low, _table("s", lexicon.SITUATIONS)["wrong_item"]) if wrong else []
    wrong_what = _wrong_what(low, inbound.subject.lower(), wrong_hits) if wrong else None
    swapped = None
    if wrong_hits and len(low) == len(text):
        swapped = _swapped(text, [_sentence(text, m) for m in wrong_hits])
    kind = _item_kind(low)
    return Understanding(
        situations=tuple(situations), asks=tuple(asks), ruled_out=tuple(ruled),
        escalations=tuple(escalations),
        item_kind=kind, order_refs=tuple(order_refs(inbound, own_pattern)),
        tracking=tuple(details.tracking_numbers(everything)), amounts=tuple(details.amounts(text)),
        paid=tuple(details.paid_amounts(text)), proposed=tuple(details.proposed_amounts(text)),
        share=details.share(low),
        titles=tuple(details.titles(everything)), defects=tuple(found_defects),
        missing=tuple(details.missing_parts(low)) if "part_missing" in situations else (),
        volume=details.volume_number(low), waited=details.waited(text),
        dye_lot=details.dye_lot(text) if kind in ("yarn", "mixed") else None,
        days_waiting=_days_waiting(low, inbound),
        occasion=occasion,
        wrote_before=wrote_before, wrong_what=wrong_what, returning=returning,
        customs_fee=fee, arrived=arrived, refund_waiting=refund_waiting,
        refusing=fee and bool(_REFUSE.search(low)),
        postage_figure=_postage_figure(text),
        service_call="service_complaint" in situations and _shop_call(low),
        changed_mind=bool(_CHANGED_MIND.search(low)),
        checked_around=bool(_CHECKED.search(low)), if_lost=bool(_IF_LOST.search(low)),
        short_postage=(_postage_amount(text) or "") if refund_short else None,
        another_copy="replacement" in asks and bool(_ANOTHER_COPY.search(low)),
        poor_packing=bool({"damaged_in_transit", "condition_not_as_described"} & set(situations))
        and _poor_packing(low),
        marketplace=marketplace_of(inbound.sender),
        postage_refund=postage, paid_service=bool(postage and re.search(lexicon.PAID_SERVICE, low)),
        postage_owed=bool(re.search(lexicon.ORIGINAL_POSTAGE, low)),
        swapped=swapped,
        new_address=details.new_address(text) if {"address_problem", "customs_or_returning", "not_arrived",
                                                   "delivered_not_received"} & set(situations) else None,
        cancel_if_unshipped="cancel_request" in situations and bool(
            _IF_UNSENT.search(low) or _IF_NOT_SENT.search(low)),
        deadline=details.deadline(text), carrier=details.carrier(text),
        broken_promise=bool(re.search(lexicon.BROKEN_PROMISE, low)) and (
            wrote_before or bool({"refund_not_received", "service_complaint"} & set(situations))),
        invoice=any(r.rx.search(low) for r in _table("i", {"invoice": lexicon.INVOICE})["invoice"]),
        declared_value=bool(re.search(lexicon.DECLARED_VALUE, low)),
        person=person(inbound.answer_to[0] or inbound.sender_name, inbound.new_text, inbound.signature,
                      inbound.language, inbound.answer_to[1], own_names),
    )


# What a customer says after a sale that needs an answer even when none of the four labels applies: a wrong or
# incomplete item, a cancellation, a new address, a return.  Said in the first person, not by a platform.
AFTER_SALE = ("wrong_item", "part_missing", "cancel_request", "address_problem", "return_how",
              "customs_or_returning", "condition_not_as_described", "damaged_in_transit", "charged_twice",
              "refund_not_received")
_FIRST_PERSON = re.compile(r"(?<!\w)j'|(?<!\w)(?:my|i|i'm|i've|i'd|we|our|mi|mis|me|nuestro|nuestra|mein\w*|"
                           r"ich|wir|"
                           r"recib[ií]|ped[ií]|compr[eé]|quiero|quisiera|necesito|he|hemos|habe|hab|"
                           r"unser\w*|"
                           r"ma|mon|mes|je|j'|nous|notre)(?!\w)", re.IGNORECASE)
_PLATFORM_VOICE = re.compile(r"(?:your|a|the) buyer (?:has|wants|requested|opened|left)|dear seller|"
                             r"estimado vendedor|cher vendeur|sehr geehrter verk[äa]ufer|el comprador ha|"
                             r"l'acheteur a|der k[äa]ufer hat", re.IGNORECASE)


def needs_answer(u: Understanding, inbound: Inbound) -> bool:
    """True when the customer's own words ask for something after the sale, labels or not."""
    text = normalise(inbound.new_text[:READ_CAP])
    personal = _FIRST_PERSON.search(text) or "?" in text or "¿" in text
    after_sale = bool(set(u.situations) & set(AFTER_SALE)) or u.postage_refund is not None
    return after_sale and bool(personal) and not _PLATFORM_VOICE.search(text)
