"""The concrete problem in the customer's words, as keys the letter can name: defects, missing parts, amounts,
tracking numbers, how long they have waited, titles.

Each key has a short phrase per language in ``WORDS``; the letter says "a cracked spine and a smell of smoke"
rather than "a condition problem".
"""

from __future__ import annotations

import re
from datetime import date

from calmdraft.reply.names import FEMALE_NAMES, MALE_NAMES
from calmdraft.reply.patterns import compile_rules, hits

# Defects of condition or of transport.  Key -> patterns (lower-cased text).
DEFECTS: dict[str, str] = {
    "cracked_spine": r"(?:crack\w*|broken|split|creased) spine|spine (?:is |was |has )?(?:\w+ )?(?:cracked|"
                     r"broken|"
                     r"split|creased)|lomo (?:roto|agrietado|partido|da[ñn]ado)|(?:buch)?r[üu]cken (?:ist |"
                     r"sind )?"
                     r"(?:\w+ )?(?:gebrochen|eingerissen|gebrochen)|gebrochene[nr]? (?:buch)?r[üu]cken|"
                     r"dos (?:est |a [ée]t[ée] )?(?:cass[ée]|fendu|ab[îi]m[ée])",
    "loose_pages": r"loose (?:pages|leaves)|pages? (?:are |were |is )?(?:falling|coming) out|binding (?:is |"
                   r"was )?"
                   r"(?:\w+ )?(?:broken|loose|coming apart|failing|gone)|(?:hojas|p[aá]ginas) sueltas|"
                   r"lose (?:seiten|bl[äa]tter)|bindung (?:ist )?(?:gel[öo]st|kaputt|gebrochen)|"
                   r"pages? (?:qui se d[ée]tachent|d[ée]tach[ée]es|d[ée]coll[ée]es)|reliure (?:cass[ée]e|"
                   r"d[ée]coll[ée]e)",
    "water_damage": r"water(?:[- ]?damage[d]?| stains?| marks?| rings?)|\bwet\b|soaked|tide ?marks?|"
                    r"manchas? de (?:agua|humedad)|mojad[oa]|wasser(?:schaden|flecken|r[äa]nder)|\bnass\b|"
                    r"d[ée]g[âa]ts? des eaux|taches? d'eau|mouill[ée]",
    "stains": r"\bstain(?:s|ed)?\b|coffee (?:ring|stain)s?|\bmanchas?\b(?! de (?:agua|humedad|[óo]xido))|"
              r"\bflecken\b|fleckig|\btaches?\b(?! d'eau)",
    "smoke_smell": r"\bsmok(?:e|er|y|ing)\b|cigarette|tobacco|nicotine|tabaco|\bhumo\b|\brauch\w*|zigarett|"
                   # "le tabac rue Jean Jaurès", "tabac presse": the relay point, a tobacconist's shop
                   r"nikotin|"
                   # a smell of tobacco, not "le tabac rue Jean Jaurès" or "ce tabac a fermé" (a relay point)
                   r"(?:odeur|sent|sentait|sentent|pue|puait|empeste|empestait|impr[ée]gn[ée]e?s?|relents?)"
                   r" (?:[\w']+ ){0,3}?tabac|tabac froid|fum[ée]e|\bfumeur\b",
    "musty_smell": r"must(?:y|iness)|\bmou?ld(?:y)?\b|mildew|damp smell|smells? (?:of|like) (?:damp|mou?ld|"
                   r"basement|cellar)|\bmoho\b|olor a humedad|huele a humedad|muffig|schimmel|\bmoisi|"
                   r"odeur d'humidit[ée]|sent l'humidit[ée]",
    "foxing": r"\bfox(?:ing|ed)\b|brown spots|rousseurs?|stockfleck\w*|manchas? de [óo]xido|\bpicad[oa]s?\b",
    "markings": r"highlight\w*|underlin\w*|annotat\w*|notes? in the margins?|marginalia|"
                r"pencil(?:led)? (?:marks|markings|notes|"
                r"notations)|pen marks|writing (?:in|on|throughout) (?:the |it|every|some|several|many|most|"
                r"its|a few)(?!\w* behalf)|scribbl\w*|subrayad\w*|anotacion\w*|"
                r"notas? (?:a l[aá]piz|a mano|manuscritas)|anstreichung\w*|unterstrich\w*|randnotiz\w*|"
                r"markierung\w*|textmarker|soulign\w*|annot[ée]\w*|annotations?|surlign\w*|stabilo",
    # "in the end I used a library copy": a copy they borrowed, not the one they bought
    "ex_library": r"ex[- ]?library|(?<!used a )(?<!borrowed a )(?<!got a )(?<!read a )library (?:stamps?|stickers?|markings?|card|pocket|copy|discard|label|"
                  r"binding)|"
                  r"ex-lib\b|sellos? de (?:la )?biblioteca|de (?:una )?biblioteca|bibliotheks(?:stempel|"
                  r"exemplar|"
                  r"aufkleber|signatur)|aus einer bibliothek|tampons? de (?:la )?biblioth[èe]que|"
                  r"ex-biblioth[èe]que|cachets? de biblioth|"
                  # "ein Stempel „Ausgesondert – Stadtbibliothek Halle“", "Stempel der Stadtbücherei Gera"
                  r"stempel (?:\w+ ){0,3}[\"„“]?(?:ausgesondert|(?:stadt|uni|universit[äa]ts|landes|schul|gemeinde|kreis)"
                  r"(?:bibliothek|b[üu]cherei))|stempel der (?:stadt|uni|universit[äa]ts|landes|schul|gemeinde|kreis)"
                  r"(?:bibliothek|b[üu]cherei)|[\"„“]ausgesondert|\bstamped (?:\w+ ){0,3}(?:withdrawn|discarded)\b|\bwithdrawn from (?:\w+ ){0,3}library",
    # a book-club edition, not "for my book club" or "our book club meets on the 10th"
    "book_club": r"(?<!my )(?<!our )(?<!the )(?<!her )(?<!his )(?<!for a )book[- ]?club(?! (?:meeting|members?|"
                 r"is|was|meets|night|discussion|read|pick))|\bbce\b|c[ií]rculo de lectores|buchclub|buchgemeinschaft|bertelsmann|"
                 r"france loisirs|club du livre|le grand livre du mois",
    "not_first": r"not (?:a |the )?(?:true )?first (?:edition|printing|impression)|(?:later|second|2nd|"
                 r"third|3rd|"
                 r"fourth|4th) (?:printing|impression|edition|state)|\breprint\b|no es (?:la |una )?primera "
                 r"edici[oó]n|reimpresi[oó]n|keine erstausgabe|\bnachdruck|sp[äa]tere auflage|"
                 r"pas (?:une|la) (?:premi[èe]re [ée]dition|[ée]dition originale)|r[ée]impression|retirage",
    "jacket_damage": r"\b(?:torn|ripped|chipped|price[- ]?clipped|clipped|worn|damaged|faded|"
                     r"creased) (?:dust ?)?"
                     r"(?:jacket|wrapper|dj)|(?:dust ?)?(?:jacket|wrapper) (?:is |was |"
                     r"has been )?(?:\w+ )?(?:torn|"
                     r"ripped|chipped|price[- ]?clipped|clipped)|\bflap\b[^.,;]{0,20}(?<!un)\bclipped\b|"
                     r"sobrecubierta (?:rota|rasgada|da[ñn]ada)|"
                     r"schutzumschlag (?:ist )?(?:\w+ )?(?:eingerissen|besch[äa]digt|zerrissen)|"
                     r"jaquette (?:d[ée]chir[ée]e|ab[îi]m[ée]e|d[ée]fra[îi]chie)|(?:tear|rip|chip|"
                     r"nick)s? [^.]{0,40}"
                     r"(?:jacket|wrapper|\bdj\b)",
    "torn": r"torn (?:pages?|cover|leaf|leaves)|pages? (?:are |were |is |was )?(?:torn|ripped)|"
            r"(?:a )?(?:tear|rip) "
            r"(?:in|on|across|about|of|roughly|nearly|some|\d)|p[aá]ginas? (?:rotas?|rasgadas?)|rasgad[oa]|"
            r"eingerissen\w*|zerrissen\w*|"
            r"d[ée]chir[ée]e?s?|d[ée]chirure",
    "bumped_corners": r"(?:bent|bumped|crushed|dented|damaged|dog[- ]eared|creased|squashed) (?:corners?|"
                      r"edges?)|"
                      r"corners? (?:are |were |is |was )?(?:\w+ )?(?:bent|bumped|crushed|dented|squashed)|"
                      r"esquinas? (?:dobladas|golpeadas|aplastadas|da[ñn]adas)|ecken (?:sind |ist )?(?:\w+ )?"
                      r"(?:gesto[ßs]en|geknickt|eingedr[üu]ckt|besch[äa]digt)|gesto[ßs]ene ecken|"
                      r"coins? (?:corn[ée]s|ab[îi]m[ée]s|tordus|enfonc[ée]s)|\bcorn[ée]e?s?\b|"
                      # "the corner of the front board is crushed", "die untere Ecke des Vorderdeckels ist
                      # gestaucht", "le coin supérieur droit de la couverture est écrasé"; not the box's corner
                      r"\b(?:corners?|ecken?|coins?|esquinas?)\b(?:(?!box|parcel|package|mailer|envelope|carton|"
                      r"karton|paket|umschlag|colis|enveloppe|caja|paquete|sobre)[^.;!?]){0,45}\b(?:bent|bumped|"
                      r"crushed|dented|squashed|gesto[ßs]en|geknickt|eingedr[üu]ckt|gestaucht|[ée]cras[ée]e?s?|"
                      r"enfonc[ée]e?s?|tordue?s?|doblad[oa]s?|aplastad[oa]s?|golpead[oa]s?)\b|"
                      r"(?:gestauchte|eingedr[üu]ckte|gesto[ßs]ene) ecke",
    "creased": r"\bcreas(?:e|es|ed|ing)\b(?! (?:spine|corners?|edges?|(?:dust ?)?jacket))|\bknick\b|"
               r"\bpliegues?\b|arrugad[oa]|\bun pli\b|froiss[ée]",
    "bent": r"\bbent\b(?! corners?)|\bfolded\b|plié|pli[ée] en deux|doblad[oa]|geknickt|geknick|verbogen",
    "warped": r"\bwarp(?:ed|ing)?\b|\bdished\b|combad[oa]|alabead[oa]|verzogen|gewellt|voil[ée]",
    "scratched": r"scratch(?:ed|es|y)?|\bscuff(?:s|ed)?\b|\brayad[oa]s?\b|\brayones|kratzer|zerkratzt|\bray[ée]s?\b|"
                 r"rayures?",
    "skips": r"\bskip(?:s|ping|ped)?\b|\bjumps?\b|\bsalta\b|springt|\bsaute\b",
    "cracked_case": r"(?:cracked|broken|smashed|split) (?:jewel )?(?:case|cover|box)|(?:jewel )?case (?:is |"
                    r"was )?"
                    r"(?:\w+ )?(?:cracked|broken|smashed)|caja (?:rota|partida)|h[üu]lle (?:ist )?(?:\w+ )?"
                    r"(?:gebrochen|kaputt|gesprungen)|bo[iî]tier (?:cass[ée]|f[eê]l[ée])",
    # Said of what came ("it's the PAL pressing"), not a listing's "NTSC" in the subject.
    "wrong_region": r"wrong region|region[- ]?(?:locked|code)|\b(?:it'?s|is|was|got) (?:a |the )?(?:pal|ntsc)\b|"
                    r"\b(?:pal|ntsc) (?:instead|version|copy|pressing|disc)|regi[oó]n equivocada|"
                    r"falsche region|mauvaise r[ée]gion",
    "faded": r"\bfaded\b|sun[- ]?(?:damaged|faded|bleached|fading)|descolorid[oa]|ausgebleicht|verblasst|"
             r"d[ée]color[ée]",
    # "the record has a crack running in", not "a cracked disc case" or "the record is not cracked"
    "cracked_disc": r"\b(?:record|disc|vinyl|lp) (?:has |had |is |was )?(?:got )?(?:a )?"
                    r"(?:(?!not |nicht |pas |no |never )\w+ )?(?:crack\b|cracked|snapped)|"
                    r"\bcrack(?:ed)? (?:record|disc|vinyl|lp)\b(?! case| box)|(?:schall)?platte (?:ist |hat )?(?:\w+ )?"
                    r"(?:gebrochen|gesprungen|einen riss)|disco (?:\w+ )?(?:roto|rajado|agrietado|partido)|"
                    r"disque (?:\w+ )?(?:f[eê]l[ée]|cass[ée]|fissur[ée])",
    "crushed_parcel": r"(?:box|package|parcel|envelope|packaging|mailer|carton)\b[^.\n]{0,30}\bcaved in|"
                      r"(?:box|package|parcel|envelope|packaging|mailer|carton|tube) (?:was |has been |"
                      r"had been |"
                      r"arrived |came |is )?(?:\w+ )?"
                      r"(?:crushed|squashed|smashed|torn open|ripped open|split open|dented|battered)|"
                      r"(?:caja|paquete|sobre) (?:\w+ )?(?:aplastad[oa]|abiert[oa]|rot[oa])|(?:paket|karton) "
                      r"(?:war |ist )?(?:\w+ )?(?:zerdr[üu]ckt|eingedr[üu]ckt|aufgerissen)|(?:colis|carton) "
                      r"(?:\w+ )?(?:[ée]cras[ée]|[ée]ventr[ée]|d[ée]chir[ée]|ouvert)",
}
# Parts that can be missing.  Key -> patterns.
PARTS: dict[str, str] = {
    "dust_jacket": r"dust ?(?:jacket|wrapper)|\bdj\b|\bjacket\b|sobrecubierta|schutzumschlag|jaquette",
    "map": r"\bmaps?\b|folding map|\bmapa\b|\bkarte\b|\bcarte\b",
    "plate": r"\bplates?\b|frontispiece|l[aá]minas?|\btafeln?\b|\bplanches?\b|frontispice",
    "booklet": r"booklet|liner notes|libreto|\bheft\b|\blivret\b|lyric sheet|\binsert\b|beilage|encarte",
    "manual": r"\bmanuals?\b|instruction (?:booklet|manual)|\banleitung\b|spielanleitung|\bmanuel\b|\bnotice\b",
    "disc": r"\bdis[ck]s?\b(?! (?:is|was) scratched)|\bcd ?\d|\bcds?\b(?! case)|\bdvds?\b|\bdisco\b|\bdisque\b|\bplatte\b",
    "volume": r"\bvol(?:ume)?s?\.? ?(?:\d+|[ivx]+|one|two|three|four|five|six|seven|eight)\b|\bvolumes?\b|"
              r"\btomos?\b|\bb[äa]nde?\b|\btomes?\b|second (?:book|volume)|\bpart (?:two|2|one|1)\b",
    "pages": r"\bpages?\b|p[aá]ginas|\bseiten\b|\bhojas\b|\bfeuillets?\b",
    "poster": r"\bposter\b|inner sleeve|\bobi\b|\bprint\b|\bp[oó]ster\b|\baffiche\b|innenh[üu]lle|"
          r"pochette int",
    "slipcase": r"slip ?case|\bschuber\b|\bestuche\b|\b[ée]tui\b|"
                r"(?:missing|without|no|lacks|lacking) (?:the |its |a |an )?(?:outer |slip ?)?box\b|"
                r"\b(?:outer )?box (?:is|was) (?:missing|not (?:there|included))",
    "skein": r"\bskeins?\b|\bballs?\b|\bhanks?\b|\bmadejas?\b|\bovillos?\b|\bkn[äa]uel\b|\bstr[äa]ngen?\b|"
             r"\bpelotes?\b|\b[ée]cheveaux?\b",
    "item": r"\b(?:one|1|the other|a|the second|the third) (?:of the )?(?:books?|items?|titles?|records?|"
            r"games?)\b",
}
_MISSING_CONTEXT = re.compile(
    r"missing|without|not (?:there|included|in (?:the|it))|did ?n'?t (?:come|arrive) with|lacks|lacking|"
    r"absent|\bempty\b|there(?:'s| is| was) no\b|\bno \w+ (?:\w+ )?(?:in it|inside|at all)|"
    r"falta\w*|\bsin\b|fehl\w*|\bohne\b|manqu\w*|\bsans\b|only \w+ of|"
    r"only (?:\d+|one|two|three|four|five|six|seven|eight|nine) \w+[^.]{0,60}(?:ordered|paid for|bought)|"
    r"\b(?:one|a|\d+) (?:\w+ )?short\b|nur (?:\d+|zwei|drei|vier|f[üu]nf|sechs)\b[^.]{0,40}bestellt|"
    r"solo (?:\d+|dos|tres|cuatro|cinco|seis)\b[^.]{0,40}ped[ií]|seulement (?:\d+|deux|trois|quatre|cinq|six)\b"
    r"[^.]{0,40}command", re.IGNORECASE)
# The dye lot a yarn buyer needs matched: "the label on mine says lot 0923".
DYE_LOT = re.compile(r"\b(?:dye ?lot|lot|partie|farbpartie|lote|bain)(?: (?:number|no\.?|nr\.?|n[º°o]\.?|#))?"
                     r"[:# ]+([A-Z]{0,3}-?\d[\w-]{1,11})\b", re.IGNORECASE)

TRACKING = re.compile(
    r"\b(1Z[0-9A-Z]{16}|[A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}\s?[A-Z]{2}|9[2-5]\d{2}(?: ?\d{4}){4}(?: ?\d{2})?|"
    r"9[2-5]\d{18,20}|JJD\d{10,20}|\d[A-Z]\d{11}|00\d{18})\b")
AMOUNT = re.compile(
    r"(?<![\w.,])(?:(?P<cur1>US\$|CA\$|C\$|A\$|\$|£|€|USD|CAD|GBP|EUR|CHF|AUD)\s?"
    r"(?P<num1>\d{1,3}(?:[,.\u202f ]\d{3})+(?:[.,]\d{2})?|\d{1,5}(?:[.,]\d{2})?)|"
    r"(?P<num2>\d{1,3}(?:[,.\u202f ]\d{3})+(?:[.,]\d{2})?|\d{1,5}(?:[.,]\d{2})?)\s?"
    r"(?P<cur2>€|EUR|CHF|\$|£|USD|CAD|GBP|dollars?|euros?|pounds?|francs?))"
    r"(?![\w.,]\d)", re.IGNORECASE)
_CURRENCY = {"us$": "USD", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "ca$": "CAD", "c$": "CAD",
             "cad": "CAD", "a$": "AUD", "aud": "AUD", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
             "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "chf": "CHF", "franc": "CHF", "francs": "CHF"}
_NUMBER_WORDS = (r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|several|un|una|dos|"
                 r"tres|"
                 r"cuatro|cinco|seis|siete|ocho|diez|ein|eine|einen|zwei|drei|vier|f[üu]nf|sechs|sieben|"
                 r"acht|zehn|"
                 r"une|deux|trois|quatre|cinq|sept|huit|dix")
WAITED = re.compile(
    rf"\b(?:(?:{_NUMBER_WORDS}) (?:(?:full|whole|long) )?(?:weeks?|months?|days?|business days)|over a (?:week|month)|"
    rf"(?:{_NUMBER_WORDS}) (?:semanas?|meses|mes|d[ií]as)|(?:{_NUMBER_WORDS}) (?:wochen|woche|monate?n?|tage?n?)|"
    rf"(?:{_NUMBER_WORDS}) (?:semaines?|mois|jours))\b", re.IGNORECASE)
QUOTED_TITLE = re.compile(r"[\"“«„»‘](?P<t>[^\"”»“«„‘’\n]{3,90}?)[\"”»“‘’]")
# Marketplace frames name the item: "1 of The Oregon Trail [Hardcover]", "Item: ...", "Article : ...".
FRAME_TITLE = re.compile(
    r"^(?:\d+ of |item(?: title)?:\s*|article\s?:\s*|art[ií]culo:\s*|artikel:\s*|titel:\s*|title:\s*)"
    r"(?P<t>[^\n]{3,120}?)(?:\s*\[[^\]]*\])?(?:\s*\(#?\d[\d-]*\))?\s*$", re.IGNORECASE | re.MULTILINE)
_DEFECT_RX = {k: compile_rules([v])[0] for k, v in DEFECTS.items()}
_CLAUSE_SPLIT = re.compile(r",|;| but | aber | pero | mais | sondern ", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:fine|present|there|intact|included|ok|okay|good|perfect|all right|alright|"
                      r"in good (?:shape|condition)|bien|en buen estado|in ordnung|vorhanden|dabei|pr[ée]sente?s?|"
                      r"en bon [ée]tat|(?<!nicht )(?:ist|sind) da|(?<!n')est l[àa]|(?<!no )(?<!tampoco )est[áa]n?)\b",
                      re.IGNORECASE)
_PART_RX = {k: re.compile(v, re.IGNORECASE) for k, v in PARTS.items()}
# Quoted words that are a listing's grade or a phrase, not a title.
_PART_OF_BOOK = re.compile(r"(?:chapter|chapitre|kapitel|cap[ií]tulo|section|essay|story|poem|track|song|"
                           r"partie|teil|parte)\s*[\w.]{0,4}\s*$", re.IGNORECASE)
# «Tabac Le Balto» after "point relais": where the parcel went, not what was in it.
_PLACE_BEFORE = re.compile(r"(?:point relais|relais|relay point|pick-?up point|collection point|parcel ?shop|"
                           r"paketshop|packstation|filiale|punto (?:de recogida|pack)|tienda|magasin|boutique|"
                           r"bureau de tabac|tabac|kiosk|kiosque|shop|store|post office|branch|hotel|h[ôo]tel)"
                           r"\s*(?:called |named |nommé |appelé |llamad[oa] )?$", re.IGNORECASE)
_NOT_A_TITLE = re.compile(r"^(?:(?:very |like |as |near )?(?:good|new|fine|mint|acceptable|excellent|used)|"
                          r"vg\+?|"
                          r"nm|first edition|1st edition|dispatched|shipped|delivered|in transit|"
                          r"dear customer|"
                          r"sehr gut|gut|wie neu|neuwertig|bueno|muy bueno|como nuevo|tr[èe]s bon [ée]tat|"
                          r"bon [ée]tat|"
                          r"comme neuf|"
                          # a carrier's status quoted from the tracking page
                          r"en tr[áa]nsito|entregado|devuelto|en reparto|zugestellt|in zustellung|"
                          r"r[üu]cksendung|livr[ée]|en cours|held|returned|out for delivery|arriving late|"
                          r"intento de entrega|ablageort|avis de passage|attempted)\b", re.IGNORECASE)
VOLUME_NUMBER = re.compile(r"\b(?:vol(?:ume)?\.?|tomo|band|tome)\s*(\d+|[ivx]+)\b", re.IGNORECASE)


def defects(text: str) -> list[str]:
    """Defect keys named in ``text``, in the order of the table (most specific first)."""
    low = text.lower()
    found = [k for k, rule in _DEFECT_RX.items() if hits(rule, low) and rule.rx.search(text)]
    if "bumped_corners" in found:
        # "la esquina está doblada", "the corner is bent": the corner, not a second fold elsewhere
        corners = [m.span() for m in _DEFECT_RX["bumped_corners"].rx.finditer(text)]
        for key in ("bent", "creased"):
            if key in found and all(any(a <= m.start() and m.end() <= b for a, b in corners)
                                    for m in _DEFECT_RX[key].rx.finditer(text)):
                found.remove(key)
    if "water_damage" in found and "stains" in found:
        found.remove("stains")
    if "jacket_damage" in found and "torn" in found:
        found.remove("torn")
    if "creased" in found and "bent" in found:
        found.remove("bent")  # one fold, said twice ("un pli et une pliure")
    return found


def missing_parts(text: str) -> list[str]:
    """Parts named as missing: the part word must sit in a sentence that says it is missing."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if not _MISSING_CONTEXT.search(sentence):
            continue
        # "The outer box and slipcase are fine but the sleeve is empty, no CD in it": a part said to be fine
        # in its own clause is not the missing one.
        sentence = " ".join(c for c in _CLAUSE_SPLIT.split(sentence)
                            if _MISSING_CONTEXT.search(c) or not _PRESENT.search(c))
        for key, rx in _PART_RX.items():
            if rx.search(sentence) and key not in found:
                found.append(key)
    if len(found) > 1 and "item" in found:
        found.remove("item")
    return found


def dye_lot(text: str) -> str | None:
    """The lot the customer needs: the one they ask for ("I'd still like three skeins from lot 0922"), else
    the first one named ("the label on mine says lot 0923")."""
    found = list(DYE_LOT.finditer(text))
    asked = [m for m in found if re.search(r"(?:like|want|need|could|would|send|get|more|möchte|brauche|"
                                           r"quisiera|necesito|voudrais|besoin)\b[^.?!\n]{0,50}$",
                                           text[max(0, m.start() - 60):m.start()], re.IGNORECASE)]
    chosen = (asked or found)[:1]
    return chosen[0].group(1).upper() if chosen else None


def volume_number(text: str) -> str | None:
    """The volume named, the missing one first: "Band I, II und IV sind da, aber Band III fehlt" -> III."""
    found = list(VOLUME_NUMBER.finditer(text))
    for m in found:
        clause = _CLAUSE_SPLIT.split(text[m.start():m.start() + 80])[0]
        if _MISSING_CONTEXT.search(clause):
            found = [m]
            break
    if not found:
        return None
    number = found[0].group(1)
    return number if number.isdigit() else number.upper()


def tracking_numbers(text: str) -> list[str]:
    out: list[str] = []
    for m in TRACKING.finditer(text):
        value = m.group(1)
        if value not in out:
            out.append(value)
    return out


def amounts(text: str) -> list[tuple[str, str]]:
    """(amount as written, ISO currency) pairs, in order."""
    out = []
    for m in AMOUNT.finditer(text):
        num = m.group("num1") or m.group("num2")
        cur = (m.group("cur1") or m.group("cur2") or "").lower()
        out.append((num, _CURRENCY.get(cur, cur.upper())))
    return out


# "I paid $22 for it", "pagué 28 €", "für das ich 45 € bezahlt habe": the price, not a figure proposed.
_PAID_BEFORE = re.compile(r"(?:paid|pagu[eé]|pagado|pagamos|gezahlt|bezahlt|pay[ée])(?:\s+[^\s\d$£€]+){0,2}\s*$", re.IGNORECASE)
_PAID_AFTER = re.compile(r"^\s*(?:(?:\w+\s+){0,3}(?:bezahlt|gezahlt|pay[ée]s?))\b", re.IGNORECASE)


def paid_amounts(text: str) -> list[str]:
    """The amounts written as what the customer paid ("I paid $22 for what was described"), as written."""
    return [m.group("num1") or m.group("num2") for m in AMOUNT.finditer(text)
            if _PAID_BEFORE.search(text[max(0, m.start() - 40):m.start()])
            or _PAID_AFTER.search(text[m.end():m.end() + 30])]


# A figure the customer proposes back: "ich dachte so an 6–7 €", "something like £5 would be fair",
# "un restaurador me ha presupuestado unos 60 €", "je pensais à 10 €".
_PROPOSED_BEFORE = re.compile(r"(?:thought|thinking|suggest|propose|how about|something like|"
                              r"dachte|denke|vorschlag|schlage|"
                              r"propongo|sugiero|presupuest\w*|pensaba|"
                              r"propose|sugg[èe]re|pensais|pense [àa])"
                              r"(?:\s+[^\s\d$£€]+){0,3}\s*(?:[\d.,]+\s*[-–]\s*)?$", re.IGNORECASE)
_PROPOSED_AFTER = re.compile(r"^\s*(?:back |zur[üu]ck |de vuelta )?(?:would|w[äa]re|ser[ií]a|serait)\b[^.!?\n]{0,30}"
                             r"(?:fair|ok|okay|reasonable|gerecht|angemessen|okay|justo|razonable|juste|raisonnable)",
                             re.IGNORECASE)


def proposed_amounts(text: str) -> list[str]:
    """The amounts the customer proposes as a partial refund, as written."""
    return [m.group("num1") or m.group("num2") for m in AMOUNT.finditer(text)
            if not _PAID_BEFORE.search(text[max(0, m.start() - 40):m.start()])
            and (_PROPOSED_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                 or _PROPOSED_AFTER.search(text[m.end():m.end() + 50]))]


# The share of the price a customer proposes back: "half would be fair", "la mitad", "die Hälfte", "30 %".
# Not "more than half what I paid" (a comparison), "half the pages" (no money in the sentence).
_SHARE = re.compile(r"(?<!than )(?<!over )(?<!almost )(?<!nearly )(?:(?P<half>\bhalf\b|\bla mitad\b|"
                    r"\bdie h[äa]lfte\b|\bla moiti[ée]\b)|(?P<third>\ba third\b|\bun tercio\b|\bein drittel\b|"
                    r"\bun tiers\b)|(?P<quarter>\ba quarter\b|\bun cuarto\b|\bein viertel\b|\bun quart\b)|"
                    r"(?<![\d.,])(?P<percent>[1-9]\d?) ?(?:%|percent|por ciento|prozent|pour ?cent))", re.IGNORECASE)
_SHARE_OF_MONEY = re.compile(r"refund|money|back|fair|reasonable|discount|suggest|propose|agree|reembols|devol|"
                             r"descuento|justo|razonable|sugiero|propongo|erstatt|zur[üu]ck|rabatt|nachlass|"
                             r"gerecht|vorschlag|schlage|rembours|remise|juste|raisonnable|geste",
                             re.IGNORECASE)


def share(text: str) -> int | None:
    """The share of the price (percent) the customer proposes as a partial refund, if they name one."""
    for m in _SHARE.finditer(text):
        if _SHARE_OF_MONEY.search(sentence(text, m)):
            return int(m.group("percent")) if m.group("percent") else (
                50 if m.group("half") else 33 if m.group("third") else 25)
    return None


def amount_value(written: str) -> float | None:
    """The number in "1,234.56", "1.234,56", "1 234,56", "18,50" or "18.50"."""
    s = written.replace("\u202f", "").replace(" ", "")
    last = max(s.rfind(","), s.rfind("."))
    if last >= 0 and len(s) - last - 1 == 2:
        s = s[:last].replace(",", "").replace(".", "") + "." + s[last + 1:]
    else:
        s = s.replace(",", "").replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


_WEEKDAYS_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS_EN = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
DEADLINE = re.compile(
    r"\b(?:by|before|until|no later than|in time for)\s+(?:this |next |the latest on |latest )?(?P<en>"
    + _WEEKDAYS_EN + r"|" + _MONTHS_EN + r" \d{1,2}(?:st|nd|rd|th)?\b|the \d{1,2}(?:st|nd|rd|th)\b|"
    r"\d{1,2}(?:st|nd|rd|th)? " + _MONTHS_EN + r"|christmas|the weekend|the end of (?:the|this) (?:week|"
    r"month))|"
    r"\b(?:bis|vor)\s+(?:sp[äa]testens )?(?P<de>(?:zum |kommenden |n[äa]chsten )?(?:montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag)|zum \d{1,2}\.\s?(?:januar|februar|m[äa]rz|april|mai|juni|juli|"
    r"august|"
    r"september|oktober|november|dezember)|weihnachten|ende der woche)|"
    r"\b(?:antes del?|para el|hasta el)\s+(?P<es>(?:pr[óo]ximo )?(?:lunes|martes|mi[ée]rcoles|jueves|viernes|"
    r"s[áa]bado|domingo)|\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre))|"
    r"\b(?:d'ici|avant)\s+(?P<fr>(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: prochain)?|"
    r"le \d{1,2}(?:er)? (?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre)|no[ëe]l|la fin de la semaine)",
    re.IGNORECASE)


_REPLY_BY = re.compile(r"(?:let me know|tell me|reply|answer|respond|get back to me|hear (?:back )?from you|"
                       r"antworten|melden|antwort|r[ée]pondre|r[ée]ponse|pr[ée]venir|responder|respuesta|"
                       r"av[ií]senme|d[ií]ganme)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)


# "If it's not back on my card by Friday I'll dispute it": the day of a threat, not the day they need it.
_ESCALATE_BY = re.compile(r"\b(?:a-?to-?z|claim|dispute|chargeback|charge back|review|feedback|bank|lawyer|"
                          r"court|opposition|litige|avis|r[ée]clamation|reclamaci[oó]n|disputa|valoraci[oó]n|"
                          r"abogado|banco|bewertung|anwalt|r[üu]ckbuchung|kreditkarte|paypal|trading standards)\b",
                          re.IGNORECASE)


def sentence_span(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the sentence of ``text`` that holds the match ``m`` starts, and where its closing mark is."""
    start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, m.end()) for ch in ".!?\n") if i >= 0]
    return start, min(ends or [len(text)])


def sentence(text: str, m: re.Match[str]) -> str:
    """The sentence of ``text`` that holds the match ``m``."""
    start, end = sentence_span(text, m)
    return text[start:end]


def deadline(text: str) -> str | None:
    """The day the customer needs it by, as they wrote it: "Friday", "December 6th", "viernes", "vendredi"."""
    m = next((m for m in DEADLINE.finditer(text) if not _REPLY_BY.search(text[max(0, m.start() - 40):m.start()])
              and not _ESCALATE_BY.search(sentence(text, m))), None)
    if not m:
        return None  # "Can you let me know before the weekend": when they want the answer, not the parcel
    lang = next(g for g in ("en", "de", "es", "fr") if m.group(g))
    said = m.group(lang)
    if lang == "en":
        said = re.sub(r"\b(" + _WEEKDAYS_EN + r"|" + _MONTHS_EN + r"|christmas)\b",
                      lambda w: w.group(1).capitalize(), said, flags=re.IGNORECASE)
    elif lang == "de":
        said = " ".join(w if w in ("zum", "kommenden", "nächsten", "naechsten", "ende", "der") else w.capitalize()
                        for w in said.lower().split()).replace("Ende", "Ende")
    else:
        said = said.lower().replace("noel", "Noël").replace("noël", "Noël")
    return said


# Carriers as a customer or a shop names them, most specific first.
CARRIERS = (("Royal Mail", r"royal mail|parcelforce"), ("USPS", r"\busps\b|postal service|media mail|"
                           r"first class|"
            r"priority mail|ground advantage"), ("Canada Post", r"canada post|postes canada"),
            ("Deutsche Post", r"deutsche post"), ("DHL", r"\bdhl\b"), ("Hermes", r"\bhermes\b|\bevri\b"),
            ("GLS", r"\bgls\b"), ("UPS", r"\bups\b"), ("FedEx", r"fedex"), ("Österreichische Post", r"[öo]sterreichische post"),
            ("Correos", r"\bcorreos\b"), ("Colissimo", r"colissimo"), ("Mondial Relay", r"mondial relay"),
            ("La Poste", r"la poste\b"), ("Die Post", r"schweizerische post|post\.ch"))


def carrier(*texts: str) -> str | None:
    """The carrier named in the shop's record (its shipping method) or the customer's mail, if any."""
    for text in texts:
        for name, rx in CARRIERS:
            if text and re.search(rx, text, re.IGNORECASE):
                return name
    return None


# A postal address the customer gives for the parcel: "Die richtige Adresse wäre:" and a block of lines, or
# "à mon domicile : 14 rue Francis de Pressensé, 69100 Villeurbanne" in the sentence.
_ADDRESS_CUE = re.compile(
    r"(?:new|correct|right|proper|current|updated|full|home|delivery|shipping) address|(?:send|ship|post|deliver|"
    r"resend|re-send|forward) (?:it|them|the (?:book|parcel|package|order)) (?:again )?to|to this address|"
    r"address (?:is|should be|instead)|i(?:'ve| have) moved|(?:neue|richtige|korrekte|aktuelle|vollst[äa]ndige) "
    r"(?:adresse|anschrift|lieferadresse)|(?:an|zu) (?:diese|folgende|meine neue) (?:adresse|anschrift)|"
    r"(?:adresse|anschrift) (?:w[äa]re|lautet|ist jetzt)|nueva direcci[oó]n|direcci[oó]n (?:correcta|nueva|"
    r"buena|completa|es)|a esta direcci[oó]n|(?:nouvelle|bonne|vraie|v[ée]ritable) adresse|adresse (?:correcte|exacte)|[àa] (?:mon|notre) "
    r"domicile|[àa] (?:cette|l'adresse suivante)|(?:mon|notre) adresse (?:est|serait)", re.IGNORECASE)
_POSTCODE_TOWN = re.compile(
    r"^(?:(?:[A-Z]{1,2}-)?\d{4,5} [A-ZÄÖÜÉÈ][\w'’. -]{1,40}|[A-Z][\w'. -]{1,40},? [A-Z]{2},? \d{5}(?:-\d{4})?|"
    r"(?:[A-Z][\w'. -]{1,40},? )?[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z][\w'. -]{1,40},? [A-Z]{2},? "
    r"[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
_STREET_LINE = re.compile(r"^(?:c/o|z\. ?hd\.|chez|apt|apartment|unit|flat)\b|\d", re.IGNORECASE)
_INLINE_ADDRESS = re.compile(
    r"(?:\b\d{1,5}(?: ?(?:bis|ter|[a-z]))?,? (?i:rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|quai|"
    r"route|cours) [^,\n]{3,40}|[A-ZÄÖÜ][\w-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm) \d{1,4} ?[a-z]?|"
    r"(?i:calle|c/|avenida|avda\.|plaza|paseo|camino|carrer) [^,\n]{3,40},? \d{1,4}[^,\n]{0,12}|\b\d{1,5} [A-Z][\w .'-]{2,40}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Close|Crescent|Terrace|Boulevard|"
    r"Blvd)\.?(?:,? (?:Apt|Unit|Suite|Flat|#) ?\w+)?),? (?:(?:[A-Z]-)?\d{4,5} [A-ZÄÖÜÉ][\w'’-]+(?: [A-Z][\w'’-]+)?|"
    r"[A-Z][\w .'-]{1,30},? (?:[A-Z]{2},? \d{5}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}))")


def new_address(text: str) -> str | None:
    """The address the customer asks the parcel to go to, on one line, when they give one after saying so."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not _POSTCODE_TOWN.match(line.strip()):
            continue
        block = [line.strip()]
        j = i - 1
        while j >= 0 and 0 < len(lines[j].strip()) <= 50 and _STREET_LINE.search(lines[j].strip()) \
                and len(block) < 3:
            block.insert(0, lines[j].strip())
            j -= 1
        before = "\n".join(lines[max(0, j - 3):j + 1])
        if len(block) > 1 and _ADDRESS_CUE.search(before):
            country = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if re.fullmatch(r"[A-ZÄÖÜÉ][\w ]{2,20}", country) and not _STREET_LINE.search(country) and (
                    country.split()[0] in _COUNTRIES):
                block.append(country)
            return ", ".join(block)
    for m in _INLINE_ADDRESS.finditer(text):
        if _ADDRESS_CUE.search(text[max(0, m.start() - 120):m.start()]):
            return m.group(0).strip()
    return None


_COUNTRIES = {"Schweiz", "Suisse", "Switzerland", "Österreich", "Austria", "Deutschland", "Germany", "France",
              "Frankreich", "Belgique", "Belgium", "España", "Spain", "Canada", "USA", "United", "UK", "Ireland",
              "Italia", "Italy", "Nederland", "Netherlands", "Luxembourg", "Portugal"}


def waited(text: str) -> str | None:
    """How long the customer says they have waited, as they wrote it ("three weeks", "drei Wochen")."""
    m = WAITED.search(text)
    return m.group(0) if m else None


def titles(text: str) -> list[str]:
    out = []
    for m in FRAME_TITLE.finditer(text):
        out.append(m.group("t").strip())
    for m in QUOTED_TITLE.finditer(text):
        t = m.group("t").strip(" .,")
        if _PART_OF_BOOK.search(text[max(0, m.start() - 30):m.start()]):
            continue  # «Tellus stabilita», a chapter of the book, not the book
        if _PLACE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if _NOT_A_TITLE.search(t) or not t[:1].isupper() and not t[:1].isdigit() or re.search(r"[!?]|\bcf\.", t):
            continue  # "cf. Beebe!" scribbled in a margin is not a title
        if is_author(t):
            continue  # «Stefan Zweig»: who wrote it, not what it is called
        # A title, not a quoted phrase: a few words, most of them capitalised.
        words = t.split()
        if 1 <= len(words) <= 12 and sum(w[:1].isupper() for w in words) >= max(1, len(words) // 2):
            out.append(t)
    return list(dict.fromkeys(out))


MONTHS = {
    **{m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"))},
    **{m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"))},
    "sept": 9,
    **{m: i + 1 for i, m in enumerate(("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                        "septiembre", "octubre", "noviembre", "diciembre"))},
    "setiembre": 9,
    **{m: i + 1 for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                        "september", "oktober", "november", "dezember"))},
    "jänner": 1, "maerz": 3,
    **{m: i + 1 for i, m in enumerate(("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                        "septembre", "octobre", "novembre", "décembre"))},
    "fevrier": 2, "aout": 8, "decembre": 12,
}
_MONTH_WORD = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_ORDERED = (r"(?:ordered|bought|purchased|paid|placed (?:my|the|an|this) order|order(?:ed)? (?:it |this )?on|"
            r"ped[ií]|compr[eé]|pagu[eé]|encargu[eé]|fue pagado|hice el pedido|realic[eé] el pedido|"
            r"bestellt|gekauft|bezahlt|bestellung vom|command[ée]|achet[ée]|pay[ée]|pass[ée] commande|"
            r"commande du)")
_DATE_AFTER_ORDERED = re.compile(
    rf"{_ORDERED}[^.!?\n]{{0,40}}?(?:on |the |el |le |am |vom |au |del? )?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th|\.|er|º)?(?: de| of)? (?P<m1>{_MONTH_WORD})\b|"
    rf"(?P<m2>{_MONTH_WORD})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b|"
    rf"(?P<d3>\d{{1,2}})[./](?P<m3>\d{{1,2}})(?:[./]\d{{2,4}})?\b)", re.IGNORECASE)


_DATE_BEFORE_ORDERED = re.compile(
    rf"(?:am |on |the |le |el )?(?P<d1>\d{{1,2}})(?:\.|st|nd|rd|th|er)? (?:de )?(?P<m1>{_MONTH_WORD})\b[^.!?\n]{{0,12}}?"
    rf"(?:bestellt|gekauft|bezahlt|ordered|command[ée]|pedido|comprado)", re.IGNORECASE)


def ordered_on(text: str, written: date | None) -> date | None:
    """The day the customer says they ordered or paid ("ordered on March 3rd", "bestellt am 2. Februar"), taken as
    the latest such day not after the mail was written."""
    if written is None:
        return None
    m = _DATE_AFTER_ORDERED.search(text) or _DATE_BEFORE_ORDERED.search(text)
    if not m:
        return None
    try:
        groups = m.groupdict()
        if groups.get("m1") or groups.get("m2"):
            month = MONTHS[(groups.get("m1") or groups.get("m2") or "").lower()]
            day = int(groups.get("d1") or groups.get("d2") or 0)
        else:
            day, month = int(m.group("d3")), int(m.group("m3"))
            if "ordered" in m.group(0).lower() or "paid" in m.group(0).lower():
                day, month = month, day  # American 3/2 is March 2nd
        found = date(written.year, month, day)
    except (KeyError, ValueError):
        return None
    if found > written:
        try:
            found = found.replace(year=written.year - 1)
        except ValueError:  # 29 February, a year later
            found = date(written.year - 1, 2, 28)
    return found


def is_author(text: str) -> bool:
    """A person's name rather than a title: "Louis Bromfield", "C.-F. Ramuz", "Ursula K. Le Guin"."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in ("de", "von", "van", "le", "la", "du")
                                           for w in words):
        return False
    first = words[0].lower()
    initial = re.fullmatch(r"(?:[A-Z]\.-?)+[A-Z]?\.?", words[0])
    return first in FEMALE_NAMES or first in MALE_NAMES or bool(initial)
