"""What customers write, as patterns: situations, asks, refusals, escalations and item words in en/es/de/fr.

Data only; ``understand`` applies it.  Every language's patterns are tried on every message (customers mix
languages, and short mail defeats language detection).  Patterns are matched on lower-cased text with typographic
apostrophes straightened; a leading ``!`` marks one that must not follow a negation in its clause.
"""

from __future__ import annotations

# -- situations --------------------------------------------------------------------------------------------------
_OBJ = r"(?:my |the |your |our |this |that |an? |any )?"
_ITEM = (r"(?:order|book|books|parcel|package|packet|item|items|copy|record|records|lp|vinyl|cd|game|yarn|"
         r"skeins?|box ?set|comic|map|print|shipment|delivery|stuff|purchase|it|them)")
_NOT_REFUND = (r"(?!\s*(?:a |any |my |the |your |our )?(?:refund|money|reply|response|answer|e-?mail|message|"
               r"confirmation|credit|call|word))")

# A volume named by its number, and a gap with no "only" in it (see the wrong-volume patterns below).
_VOL = r"(?:volume|vol\.?|band|bd\.|tome|tomo|teil|part|book|libro|livre|n[ºo°]\.?) ?(?:\d+|[ivx]+)\b"
_NOT_ONLY = r"(?!(?:only|just|nur|seulement|que|s[oó]lo|solamente)\b)"

SITUATIONS: dict[str, list[str]] = {
    "not_arrived": [
        # en
        r"(?:has|have|had|hasn|haven|hadn)(?:n'?t| not) (?:yet |even |still )?(?:arrived|come|turned up|"
        r"shown up|"
        r"been delivered|got(?:ten)? here|reached (?:me|us|her|him)|made it)",
        r"(?:did ?n'?t|did not|never|not yet|still not|still hasn'?t|still haven'?t) (?:arrive|come|turn up|"
        r"show up|"
        r"get here|reach (?:me|us))",
        rf"(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|never|not yet|still not|still haven'?t) "
        rf"(?:yet )?(?:received|got(?:ten)?){_NOT_REFUND}",
        r"still (?:nothing|no sign|no book|no parcel|no package|no order|waiting(?! for (?:a |my |the |"
        r"your )?"
        r"(?:refund|reply|response|answer|money)))",
        rf"where (?:is|'s|are) {_OBJ}{_ITEM}\b", r"where(?:'s| is) it\b", r"no sign of (?:it|them|my|the)",
        r"(?:lost|gone missing|go missing) in (?:the )?(?:post|mail|transit)", r"(?:has|have) (?:it|"
        r"they) been lost",
        r"nothing (?:has )?(?:arrived|come|turned up)", r"(?:not|never) (?:been )?delivered",
        # "My book never came", not "the refund never came" or "the label you promised never came"
        r"\b(?:book|books|parcel|package|order|it|they|item|copy|record|album|yarn|set|box)\b(?! label)"
        r"(?:(?!refund|label|money|reply|number|credit)[^.\n]){0,20}?\b(?:never|still never) (?:came|turned up|"
        r"showed up|got here|reached (?:me|us))"
        r"(?! (?:across|through|back))\b",
        r"(?:not|nothing) (?:here|arrived) yet", r"still (?:hasn'?t|haven'?t) (?:come|arrived)",
        r"(?:i'?ve|i have|we'?ve|we have) had nothing", r"(?<!\w)no (?:book|parcel|package|records?|yarn|"
        r"order)"
        r"(?:,| and| yet|\.|$)", r"(?<!you )(?<!they )(?:still )?(?:do ?n'?t|do not|doesn'?t) (?:yet )?have (?:the|my|it|them|"
        r"any)\b(?! (?:left|more|spare|extra|in stock|other))",
        r"(?:never|not) (?:showed|turned|shown|turned) up",
        r"(?:i'?ve|i have|we'?ve|we have|been) (?:been )?wait(?:ed|ing) (?:for )?(?:over |more than |"
        r"nearly |almost |"
        r"about )?(?:\d+|a|one|two|three|four|five|six|seven|eight|several) (?:full )?(?:weeks?|months?|"
        r"business days)"
        r"(?! for (?:a |my |the )?(?:refund|reply|response|answer))",
        r"(?:until now|still|yet|so far) (?:not|no|don'?t|didn'?t|doesn'?t) (?:arrive|receive|come|get|"
        r"reach)",
        r"(?:has|have|had)(?:n'?t| not) (?:yet |still )?came", r"when (?:will )?(?:my|the) (?:book|order|"
        r"parcel|package|"
        r"item|records?|yarn|copy) (?:will )?(?:come|arrive|be (?:here|delivered))",
        r"(?:i )?wait(?:ed|ing)? (?:for )?(?:over |more than )?(?:\d+|one|two|three|four|five|"
        r"six) (?:weeks?|months?)",
        r"(?:in transit|on (?:its|the) way) for (?:over |more than )?(?:\d+|a|two|three|four|five|"
        r"six) (?:weeks?|"
        r"months?|days)",
        # es
        r"(?:no|todav[ií]a no|a[uú]n no|nunca) (?:me )?(?:ha |han |he |hemos )?(?:llegado|lleg[oó]|recibido|"
        r"recib[ií]|llega|llegan)(?! (?:el |mi |ning[uú]n )?(?:reembolso|dinero|respuesta))",
        # not "el reembolso sigue sin aparecer": the money, not the parcel
        r"(?<!reembolso )(?<!dinero )(?<!abono )(?<!importe )sigue sin (?:llegar|aparecer|noticias)",
        r"(?:hasta (?:hoy|ahora)|a[uú]n|todav[ií]a) (?:no|"
        r"nada)\b(?! (?:me )?(?:han )?(?:contestad|respond))",
        r"(?:sigo|seguimos|estoy|llevo \w+ \w+) (?:esperando|sin recibir|sin noticias)"
        r"(?! (?:el |mi |su |una |la )?(?:reembolso|dinero|respuesta))",
        r"d[oó]nde est[aá] (?:mi|el) (?:pedido|libro|paquete|env[ií]o)", r"ni rastro (?:del|de mi)",
        r"(?:se ha |se habr[aá] )?perdido en (?:el )?(?:camino|correo|env[ií]o)",
        # de
        r"(?:ist|sind|wurde|wurden) (?:noch |bis heute |leider |immer noch |bisher |noch immer )*"
        r"(?:nicht|nie) (?:angekommen|eingetroffen|geliefert|zugestellt|da)",
        r"(?:habe|haben|hab) (?:\w+ ){0,3}(?:noch |bis heute |leider |immer noch |bisher |noch immer |"
        r"nichts |nie )*"
        r"(?:nicht|nichts|nie|keine?n?) (?:\w+ )?(?:erhalten|bekommen|geliefert bekommen)"
        r"(?<!r[üu]ckerstattung erhalten)",
        r"(?:noch |immer noch |bis heute |noch immer )(?:kein(?:e|en)? )?(?:paket|buch|sendung|lieferung|"
        r"nichts)"
        r"(?! (?:von ihnen gehört|antwort))",
        r"wo (?:bleibt|ist) (?:mein(?:e)?|das|die|der) (?:paket|buch|bestellung|sendung|lieferung|päckli|"
        r"b[üu]cher)",
        r"(?:ist |sind )?(?:bisher |bis heute |noch |immer noch |leider )*nichts (?:\w+ )?(?:angekommen|"
        r"gekommen|"
        r"eingetroffen|da)\b", r"bisher ist nichts",
        r"(?:ist|sind) (?:jetzt |schon |seit |nun )*(?:über |mehr als |fast )?(?:\w+ ){0,2}"
        r"(?:wochen|woche|monate?|tage) unterwegs", r"(?:bis heute |noch |immer noch )kein(?:e|en)? (?:buch|"
        r"paket|"
        r"sendung|lieferung|b[üu]cher)",
        r"warte (?:\w+ ){0,3}(?:noch |immer noch |seit )?(?:\w+ ){0,3}auf (?:mein(?:e)?|das|die|meine) "
        r"(?:paket|buch|bestellung|sendung|lieferung|b[üu]cher)",
        # fr
        r"(?:pas|toujours pas|jamais|rien) (?:encore )?(?:re[çc]u|arriv[ée]e?s?|livr[ée]e?s?)"
        r"(?! (?:le |mon |de |d'|aucun )?(?:rembours\w*|argent|r[ée]ponse))",
        r"n'(?:est|a|ai|avons|sont) (?:toujours |jamais |pas |encore |rien )+(?:arriv[ée]e?s?|re[çc]u|"
        r"livr[ée]e?s?)(?! (?:le |mon |de |d')?(?:rembours\w*|r[ée]ponse))",
        r"o[uù] (?:en )?est (?:ma|mon|le|la) (?:commande|colis|livre|envoi|paquet)",
        r"toujours (?:rien|pas de (?:colis|livre|nouvelles))", r"j'attends (?:toujours|encore) (?:mon|ma|le|"
        r"la)",
        r"(?:perdu|[ée]gar[ée]) (?:par|dans) (?:la poste|le transport|l'acheminement)",
    ],
    "not_shipped": [
        r"(?:hasn'?t|has not|have not|haven'?t|not|never|wasn'?t|was not) (?:yet |even |been |actually )*"
        r"(?:shipped|dispatched|sent out|posted|mailed|left (?:your|the) (?:shop|store|warehouse))",
        r"(?:still|it) (?:says|shows|showing|listed as|marked as|shown as) (?:as )?(?:\"|')?(?:unshipped|"
        r"not shipped|"
        r"awaiting (?:dispatch|shipment)|processing|pending|not yet dispatched)",
        r"(?:no|never got a|never received a|without a) tracking (?:number|info|information|details)",
        r"(?:awaiting item|label created|shipping label created|pre-shipment|awaiting collection|"
        r"label printed|"
        r"electronic notification received)",
        r"when (?:will|are you going to|do you) (?:you )?(?:ship|send|post|dispatch)",
        r"(?:has|have|was|were) (?:it|they|my order|the order|the book|my book|my parcel) (?:actually |"
        r"even |ever |"
        r"really )?(?:been )?(?:sent|shipped|posted|dispatched|mailed)\b",
        r"(?:if|whether) (?:it|the order|my order|the book|they) (?:was|were|has been|have been|has|"
        r"have) (?:actually |"
        r"even |ever )?(?:been )?(?:sent|shipped|posted|dispatched|gone|mailed)",
        r"(?:no|todav[ií]a no|a[uú]n no) (?:lo )?(?:ha(?:n|béis)? )?(?:enviado|mandado|despachado|salido)",
        r"sin (?:enviar|n[uú]mero de seguimiento)", r"(?:sigue|aparece) (?:como )?(?:pendiente de env[ií]o|"
        r"sin enviar)",
        r"(?:noch nicht|nicht|nie) (?:\w+ )?(?:versandt|verschickt|versendet|abgeschickt|losgeschickt|raus)",
        r"keine (?:sendungsnummer|sendungsverfolgung|trackingnummer|versandbest[äa]tigung)",
        r"(?:pas|toujours pas|jamais) (?:encore )?(?:[ée]t[ée] )?(?:exp[ée]di[ée]e?|envoy[ée]e?|post[ée]e?)",
        r"(?:aucun|pas de) (?:num[ée]ro de )?suivi", r"(?:vous )?n'envoy(?:ez|ent) (?:pas|jamais|rien)",
    ],
    "tracking_stalled": [
        r"tracking (?:info(?:rmation)? |number |page |status )?(?:still )?(?:hasn'?t|has not|hasnt|doesn'?t|"
        r"does not|"
        r"didn'?t|hasn't been|not) (?:been )?(?:moved|changed|updated|update|move|change|budged|"
        r"shown anything)",
        r"tracking (?:is |has been |seems |appears )?(?:stuck|frozen|stalled|dead|the same)",
        r"(?:stuck|sat|sitting|been sitting|stalled|frozen) (?:at|in) (?:the |a )?[\w\s,'-]{0,40}"
        r"(?:facility|depot|sorting|hub|office|center|centre|since|for)",
        r"no (?:tracking )?(?:updates?|movement|scans?) (?:since|for|in)",
        r"(?:hasn'?t|has not|not) (?:moved|updated|changed) (?:since|for|in)",
        r"(?:same|last) (?:status|scan|update) (?:since|for|was)", r"in transit (?:since|for)",
        r"(?:seguimiento|tracking) (?:no (?:se )?(?:ha )?(?:movido|actualizado|cambia)|(?:est[aá] )?parado|"
        r"(?:sigue )?(?:igual|estancado))", r"(?:lleva|sigue) (?:parado|igual|en el mismo)",
        r"sin (?:movimiento|actualizaci[oó]n)",
        r"sendungsverfolgung (?:\w+ ){0,3}(?:bewegt sich|[äa]ndert sich|tut sich) (?:\w+ )?nicht",
        r"(?:steht|h[äa]ngt|liegt) (?:\w+ ){0,3}seit (?:\w+[. ]+){0,4}(?:im|in|beim|auf)",
        r"keine (?:neue )?(?:bewegung|aktualisierung)",
        r"sendungsverfolgung (?:zeigt|sagt) (?:seit|immer noch)", r"seit tagen (?:der )?gleiche",
        r"suivi (?:est |reste )?(?:bloqu[ée]|fig[ée]|inchang[ée]|ne bouge (?:plus|pas))",
        r"(?:bloqu[ée]|coinc[ée]) (?:depuis|au|à|en)",
        r"(?:en attente|immobilis[ée]|en souffrance) (?:au|à|dans|en|chez) [^.]{0,40}depuis", r"(?:aucune|"
        r"pas de) (?:mise à jour|[ée]volution)",
    ],
    "delivered_not_received": [
        # Delivered, but to the old address: "zugestellt – allerdings in der Bautzner Straße, wo ich bis
        # Ende September gewohnt habe", "delivered to my old address".
        r"(?:delivered|zugestellt|geliefert|livr[ée]e?|entregad[oa])[^.!?\n]{0,40}(?:to|at|an|in|bei|[àa]|en) "
        r"(?:my |meine |die |der |mon |ma |mi )?(?:old|previous|former|alte|fr[üu]here|ancienne|antigua|"
        r"anterior) (?:address|adresse|anschrift|direcci[oó]n|flat|apartment|wohnung|appartement)",
        r"(?:delivered|zugestellt|geliefert|livr[ée]e?|entregad[oa])[^.!?\n]{0,120}(?:wo ich (?:bis|fr[üu]her)|"
        r"where i (?:used to live|lived)|o[uù] j'habitais|donde viv[ií]a)",
        r"(?:says|said|shows|showed|claims) (?:that )?(?:my |the )?(?:[\w'’-]+ ){0,6}(?:was|is|got|been) delivered",
        r"\bdelivered [^.\n]{0,60}\b(?:but|yet) (?:i (?:never|haven'?t|have not|didn'?t|did not|can'?t find)|"
        r"we (?:never|haven'?t|have not|didn'?t)|there'?s nothing|nothing|it'?s not here|it isn'?t here|"
        r"it wasn'?t|it never|no (?:sign|parcel|package|book))",
        r"(?:se entreg[oó]|fue entregad[oa]|lo entregaron|me lo dan por entregado)[^.\n]{0,80}\b(?:pero|y) "
        r"(?:yo )?no (?:lo |la |me )?(?:he recibido|ha llegado|recib[ií]|lleg[oó]|tengo|aparece|encuentro)",
        r"(?:dhl|dpd|hermes|gls|post|tracking|sendungsverfolgung) (?:sagt|zeigt|meldet|schreibt) (?:\w+ ){0,3}"
        r"(?:zugestellt|geliefert)", r"\bablageort\b",
        # left with a neighbour who, the customer goes on to say, never had it
        r"(?:(?:an (?:den|einen) nachbarn|beim nachbarn|bei (?:meinem|einem) nachbarn) (?:\w+ )?(?:übergeben|"
        r"abgegeben|zugestellt)|(?:entregado|dejado) (?:a|con|en casa de|al) (?:un |mi |el )?vecino|"
        r"(?:remis|livr[ée]|d[ée]pos[ée]) (?:à|chez) (?:un |mon |le |la )?(?:voisin|voisine|gardien))"
        r"[\s\S]{0,300}?\b(?:nie|nicht|kein\w*|nunca|no|jamais|pas|rien|nada)\b",
        r"(?:says|said|shows|showed|showing|marked|listed|listing|claims|states|stated|confirms|registered|"
        r"scanned)"
        r"(?: it| it'?s| it was| that it was| that it's| as| the (?:parcel|package|book|order) (?:was|as))?"
        r"(?: been)? (?:delivered|handed over|left (?:at|in|on|by|with))",
        r"(?:marked|showing|shows|listed) as (?:delivered|signed for)",
        r"delivered (?:but|and yet|yet) (?:i |we |nothing|no|it'?s not|it isn'?t|never)",
        r"(?:figura|aparece|pone|dice|consta|marca) como entregado", r"(?:entregado|entregada) pero",
        r"seg[uú]n (?:el seguimiento|correos|la web) (?:\w+ ){0,3}entregado",
        r"(?:als )?(?:zugestellt|geliefert) (?:markiert|angezeigt|"
        r"gemeldet)", r"angeblich (?:\w+ ){0,3}zugestellt",
        r"(?:laut|gem[äa][ßs]) (?:sendungsverfolgung|dhl|post|tracking) (?:\w+ ){0,4}(?:zugestellt|"
        r"geliefert)",
        r"zugestellt,? (?:aber|doch|jedoch)",
        r"an (?:den |einen |meinen )?nachbarn? (?:\w+ )?(?:zugestellt|abgegeben)", r"zugestellt[^.]{0,80}"
        r"(?:niemand|nicht (?:angekommen|erhalten|bekommen)|nie (?:erhalten|bekommen))",
        r"(?:delivered to (?:a |my )?neighbou?r|left with (?:a )?neighbou?r)[^.]{0,80}(?:nobody|no one|none|"
        r"not|never)",
        r"(?:indiqu[ée]|marqu[ée]|not[ée]|affich[ée]|dit|signal[ée]|appara[iî]t) (?:comme )?(?:livr(?:ée?s?|ees?)|"
        r"distribu[ée])",
        r"(?:livr(?:ée?s?|ees?)|distribu[ée]) (?:au point relais |en point relais |dans ma bo[iî]te )?"
        r"(?:mais|alors que|pourtant)",
        r"suivi (?:dit|indique|affiche) (?:qu'il (?:a [ée]t[ée] |est )?)?(?:livr(?:ée?s?|ees?)|distribu[ée])",
    ],
    "customs_or_returning": [
        # A customs word counts when it is not negated ("no customs scan") and not the paperwork of a return
        # the customer is about to send ("the customs form").
        r"!customs(?! (?:form|declaration|label|paperwork|sticker|note|cn ?2\d))",
        r"(?:return(?:ed|ing)?|sent back|going back|on its way back|being returned) to (?:the )?"
        r"(?:sender|you|shop|seller|origin)", r"undeliverable", r"import (?:fees?|duty|duties|tax|charges|"
        r"vat)",
        r"(?:border|duty|duties) (?:fee|charge|hold)",
        r"!aduanas?(?! (?:formulario|declaraci))", r"!retenid[oa]",
        r"(?:devuelto|devuelven|de vuelta|vuelve) (?:al|a) (?:remitente|origen)",
        r"!zoll(?:amt|geb[üu]hr\w*|abfertigung|stelle)?(?!erkl[äa]rung|inhaltserkl|formular|papier)\b",
        r"(?:zur[üu]ck|retour) an (?:den )?absender", r"an (?:den )?absender zur[üu]ck\w*", r"unzustellbar", r"r[üu]ckweg",
        r"nicht zugestellt,? (?:empf[äa]nger|weil|da)", r"(?:geht|ging|kommt|kam) (?:\w+ )?zur[üu]ck (?:an|"
        r"zu) "
        r"(?:ihnen|euch|den absender)",
        r"!douanes?(?! (?:formulaire|d[ée]claration))", r"(?:retour|renvoy[ée]|retourn[ée]) (?:à|a|vers) l'exp[ée]diteur",
        r"non distribuable", r"dédouanement|dedouanement",
    ],
    "arrived_late": [
        r"(?:arrived|came|got here|turned up|showed up|was delivered|reached (?:me|us)) (?:\w+ ){0,4}"
        r"(?:late|too late|after (?:the|his|her|my|our) (?:birthday|party|exam|class|trip|wedding|christmas|"
        r"event|"
        r"funeral|holiday|deadline|course|semester|date))",
        r"(?:days?|weeks?) (?:too )?late\b", r"late for (?:the|his|her|my|our) ",
        # "Amazon said it would come by October 27th. It showed up today, November 9th."
        r"(?:said|supposed|promised|estimated|due) (?:it )?(?:would|to|it'd)? ?(?:come|arrive|be here|be delivered) "
        r"by [^\n]{0,60}?(?:showed up|arrived|came|got here|turned up) (?:today|yesterday|on|this)",
        r"(?:finally|eventually|only) (?:arrived|came|got here|turned up|showed up)",
        r"(?<!no )(?<!a[uú]n no )(?<!todav[ií]a no )(?:lleg[oó]|ha llegado|llegaron) (?:\w+ ){0,3}(?:tarde|"
        r"con retraso|despu[ée]s de)",
        r"(?:por fin|finalmente) (?:ha )?lleg", r"(?:zu sp[äa]t|versp[äa]tet) (?:angekommen|geliefert|"
        r"eingetroffen)",
        r"(?:angekommen|geliefert|eingetroffen),? (?:aber )?(?:viel )?zu sp[äa]t", r"endlich (?:angekommen|"
        r"da)",
        r"(?:jetzt |nun )?endlich (?:\w+ )?(?:bekommen|erhalten)", r"finally (?:got|received) (?:it|the|my)",
        r"(?:arriv[ée]e?|re[çc]u|livr[ée]e?) (?:\w+ ){0,3}(?:trop tard|en retard|apr[èe]s (?:son|mon|l'|le|"
        r"la))",
        r"(?:enfin|finalement) (?:arriv|re[çc]u)",
        # "je n'ai pu le retirer au point relais que le 27, soit trois jours après l'anniversaire"
        r"(?:retirer|r[ée]cup[ée]rer|recevoir|retir[ée]e?|r[ée]cup[ée]r[ée]e?|re[çc]ue?)[^.\n]{0,60}?"
        r"(?:jours?|semaines?) apr[èe]s (?:l'|son |mon |ma |sa |le |la )",
        r"(?:picked (?:it )?up|collected (?:it)?)[^.\n]{0,60}?(?:days?|weeks?) after (?:the|his|her|my|our) ",
    ],
    "damaged_in_transit": [
        r"!(?:arrived|came|was delivered|turned up|showed up|got here|reached me) (?:\w+ ){0,3}(?:damaged|"
        r"broken|"
        r"crushed|soaked|wet|bent|torn|smashed|cracked|dented|ruined|in pieces|destroyed)",
        r"!(?:book|copy|item|record|cover|set|parcel|it) (?:was|is|arrived|came) (?:\w+ )?damaged",
        r"(?:box|package|parcel|envelope|packaging|mailer|jiffy|bag|carton|sleeve|tube) (?:was |had been |"
        r"has been |have been |got |arrived |came |"
        r"is |looked )?(?:\w+ ){0,2}(?:crushed|damaged|torn|ripped|soaked|wet|split|dented|smashed|"
        r"open(?:ed)?|"
        r"squashed|battered|bashed)", r"(?:corner|corners|edge|spine) (?:\w+ )?(?:bashed|battered|banged) in",
        r"damaged? (?:in|during) (?:the )?(?:post|mail|transit|shipping|delivery|shipment)",
        r"(?:poorly|badly|barely|not properly|inadequately) (?:packed|packaged|wrapped)",
        r"no (?:padding|bubble ?wrap|protection)", r"(?:rain|water)[- ]?soaked",
        r"(?:lleg[oó]|ha llegado|vino) (?:\w+ ){0,2}(?:da[ñn]ad[oa]|roto|rota|mojad[oa]|aplastad[oa]|"
        r"golpead[oa]|"
        r"doblad[oa])", r"(?:caja|paquete|sobre|embalaje) (?:\w+ ){0,2}(?:rot[oa]|aplastad[oa]|mojad[oa]|"
        r"abiert[oa])",
        r"mal embalad", r"sin (?:nada de |ninguna )?protecci[oó]n", r"(?:machacad|rajad|reventad|"
        r"chafad)[oa]s?",
        r"ohne (?:jeden |jeglichen )?(?:schutz|polster)", r"sans (?:aucune |"
        r"la moindre )?protection", r"(?:transportschaden|besch[äa]digt angekommen|kaputt angekommen)",
        r"(?:kam|ist|war) (?:\w+ ){0,3}(?:besch[äa]digt|kaputt|durchn[äa]sst|nass|zerdr[üu]ckt|zerrissen|"
        r"eingerissen|"
        r"geknickt|verbogen|zerbrochen) (?:bei mir )?an",
        r"(?:buch|exemplar|platte|schallplatte|cover|einband|paket|sendung|päckchen) (?:ist|war|"
        r"kam) (?:\w+ ){0,3}"
        r"(?:besch[äa]digt|kaputt|durchn[äa]sst|zerdr[üu]ckt|zerbrochen|eingerissen)",
        r"(?:paket|karton|umschlag|verpackung) (?:war |ist |kam )?(?:\w+ ){0,2}(?:zerdr[üu]ckt|besch[äa]digt|"
        r"aufgerissen|nass|eingedr[üu]ckt|kaputt|offen)", r"schlecht verpackt",
        r"(?:ecken?|kanten?|r[üu]cken|buchr[üu]cken) (?:\w+ ){0,2}(?:sind|ist|war|waren) (?:\w+ ){0,2}(?:gestaucht|"
        r"eingedr[üu]ckt|geknickt|zerdr[üu]ckt|eingerissen)",
        r"(?:arriv[ée]|re[çc]u|livr[ée]) (?:\w+ ){0,2}(?:ab[îi]m[ée]|endommag[ée]|cass[ée]|mouill[ée]|"
        r"d[ée]chir[ée]|"
        r"[ée]cras[ée]|pli[ée])", r"(?:colis|carton|enveloppe|emballage) (?:\w+ ){0,2}(?:ab[îi]m[ée]|"
        r"[ée]cras[ée]|"
        r"d[ée]chir[ée]|mouill[ée]|ouvert|[ée]ventr[ée])", r"mal emball",
    ],
    "condition_not_as_described": [
        r"!(?:not|isn'?t|wasn'?t|is not|was not|nothing like|far from|nowhere near) (?:what (?:was|you) )?"
        r"(?:as )?(?:described|advertised|listed|pictured|stated|shown)",
        r"(?:description|listing|advert|ad) (?:said|says|stated|states|claimed|described it as|promised)"
        r"(?! (?:\w+ ){0,2}(?:postage|shipping|delivery|dispatch|despatch|tracked|next[- ]day|express|"
        r"\d+[- ](?:day|working|business)))",
        r"(?:listed|described|advertised|sold|graded) (?:it )?as (?:an? )?(?:\"|')?(?:very good|like new|"
        r"as new|fine|"
        r"near fine|good|mint|near mint|excellent|vg|nm|first edition|1st edition|first printing)",
        r"worse than (?:described|listed|advertised|the (?:listing|description|photos?))",
        r"(?:not|wasn'?t|isn'?t|never|weren'?t) (?:\w+ )?mentioned (?:in|on) (?:the|your) (?:description|"
        r"listing|ad)",
        r"(?:description|listing) (?:didn'?t|did not|doesn'?t|does not|never|failed to) (?:\w+ )?mention",
        r"(?:condition|grade|grading) (?:is|was) (?:nothing like|not|far worse|much worse|awful|terrible)",
        r"(?:no|nicht|pas) (?:es |ist |est )?(?:como|wie|comme) (?:se )?(?:describ|beschrieb|d[ée]cri)",
        r"(?:no|nicht) (?:corresponde|entspricht) (?:a la|der) (?:descripci[oó]n|beschreibung)",
        r"(?:pas|non) conforme", r"ne correspond pas (?:à|a) (?:la )?(?:description|l'annonce)",
        r"(?:annonce|description|fiche) (?:indiquait|disait|pr[ée]cisait|mentionnait|annon[çc]ait|parlait)"
        r"(?![^.]{0,50}(?:livraison|envoi|exp[ée]di|d[ée]lai|heures|jours))",
        r"(?:anuncio|descripci[oó]n|ficha) (?:dec[ií]a|indicaba|pon[ií]a|hablaba de)"
        r"(?![^.]{0,50}(?:env[ií]o|entrega|plazo|llega|horas|d[ií]as))",
        r"(?:beschreibung|angebot|anzeige|inserat) (?:sagte|hie[ßs]|lautete|sprach von|versprach)"
        r"(?![^.]{0,50}(?:liefer|versand|zustell|porto|werktag))|(?:als|"
        r"mit) "
        r"[\"„]?(?:sehr gut|gut|wie neu|neuwertig|tadellos)",
        r"(?:peor|schlechter|pire) (?:que|als) (?:lo )?(?:descrit|describ|beschrieb|d[ée]crit|annonc)",
        # "davon stand in Ihrer Beschreibung nichts", "Im Angebot stand „gut erhalten“", "Beschrieben war ..."
        r"(?:davon|dazu|das) stand (?:\w+ ){0,4}nichts|stand (?:davon |dazu )?nichts (?:in|im) (?:der |ihrer |"
        r"deiner |dem )?(?:beschreibung|anzeige|angebot|inserat)",
        r"(?:im angebot|in der beschreibung|in ihrer beschreibung|in der anzeige|im inserat) (?:stand|hie[ßs])\b"
        r"(?![^.]{0,50}(?:liefer|versand|zustell|porto|werktag))",
        r"(?:^|[.!?] )beschrieben (?:war|wurde) (?:es |das buch |der band )?(?:als |mit )?[\"„]",
        r"(?:anuncio|descripci[oó]n|ficha) no (?:dec[ií]a|mencionaba|indicaba|pon[ií]a) nada|no se mencionaba "
        r"(?:en|nada en) (?:el anuncio|la descripci[oó]n|la ficha)|en (?:el anuncio|la descripci[oó]n|la ficha) "
        r"(?:pon[ií]a|dec[ií]a)\b(?![^.]{0,50}(?:env[ií]o|entrega|plazo|llega|horas|d[ií]as))",
        r"(?:l'annonce|la description|la fiche) ne (?:mentionnait|disait|pr[ée]cisait|signalait|indiquait) "
        r"(?:rien|pas)|rien n'(?:[ée]tait|est) (?:indiqu[ée]|mentionn[ée]|signal[ée]) (?:dans|sur) "
        r"(?:l'annonce|la description|la fiche)|dans l'annonce,? (?:il )?(?:[ée]tait|est) (?:[ée]crit|indiqu[ée])"
        r"(?![^.]{0,50}(?:livraison|envoi|exp[ée]di|d[ée]lai|heures|jours))",
    ],
    "wrong_item": [
        r"(?:it'?s|this is|that'?s|it is) not the (?:record|book|copy|item|edition|pressing|album|one|map|print) "
        r"(?:in|from|shown in|pictured in|on|of) (?:the|your) (?:listing|photos?|pictures?|ad|description)",
        r"ce n'est pas (?:l'|le |la )(?:album|livre|exemplaire|disque|[ée]dition|article) (?:de la photo|de "
        r"l'annonce|que vous montrez|sur la photo|figurant)",
        r"nicht (?:das|der|die) (?:buch|exemplar|album|ausgabe|platte) (?:aus|auf|von|im|in) (?:der|dem|ihrem|"
        r"ihrer) (?:anzeige|foto|bild|angebot|inserat)",
        r"no es el (?:libro|ejemplar|disco|[aá]lbum) (?:de la foto|del anuncio|que (?:aparece|sale|muestran))",
        r"you (?:sent|shipped|mailed|posted) (?:me )?(?:the |a |an )?[^.,;!?\n]{2,60}, not (?:the |a |an )"
        r"[^.,;!?\n]{0,60}(?:i (?:ordered|paid for|bought)|(?:listed|advertised|described))",
        r"(?:dye ?)?lots? (?:do ?n'?t|do not|does ?n'?t|does not) match|(?:two |different |mixed )dye ?lots\b|"
        r"(?:from|in) (?:two |different |mixed ){1,2}lots\b|"
        # "4 are dye lot 0925 and 2 are 1031", "Four of them are lot 0925 and two are lot 1031"
        r"(?<!all )(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?: of them| skeins?| balls?| hanks?)? "
        r"(?:are|were|is) (?:from |in )?(?:dye )?lot \w+,? (?:and|but|while|whereas) "
        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?: of them| skeins?| balls?)?(?: are| were| is)? "
        r"(?:from |in )?(?:dye )?lot\b|"
        # "vier sind aus Partie 0925, zwei aus 1031", "cuatro son del lote 0925 y dos del 1031"
        r"(?:partie|farbpartie|charge) [a-z]*\d\w*,? (?:die |und |aber )?(?:zwei|drei|vier|f[üu]nf|\d+) "
        r"(?:sind )?aus\b|"
        r"(?:del|de) lote [a-z]*\d\w*,? (?:y|pero) (?:dos|tres|cuatro|\d+) (?:son )?del?\b|"
        r"(?:du|de) bain [a-z]*\d\w*,? (?:et|mais) (?:deux|trois|quatre|\d+) (?:sont )?du\b|"
        r"(?:are|is|were) (?:from )?(?:dye )?lot \w+,? (?:but|and|while|whereas) (?:the )?(?:other|remaining|"
        r"rest|last)|"
        r"(?:verschiedenen?|unterschiedlichen?) farbpartien|lotes? (?:de tinte )?(?:distintos|diferentes)|"
        r"bains? (?:de teinture )?diff[ée]rents",
        r"(?:the one|what|the (?:book|record|copy|map|item|game|pattern|disc|cd) (?:that|"
        r"i)?) ?(?:that )?(?:came|arrived|"
        r"i (?:received|got)|you sent|was in|in the \w+) (?:is|was) (?:the |a |an )?(?:\d+(?:st|nd|rd|th)|"
        r"pal|ntsc|"
        r"standard|later|earlier|other|different|paperback|hardback|volume|vol\.?|book club|reprint|black|"
        r"\w+ edition|"
        r"the \w+ (?:edition|version|pressing|printing))", r"not the (?:book|edition|pressing|version|one|"
        r"record|"
        r"volume|title|colou?r|map|print|item|game) (?:i |we )?(?:need|needed|ordered|listed|bought|"
        r"paid for|wanted)",
        r"(?:but|and) (?:it'?s|it is|this is|the record (?:inside )?is|the one (?:inside )?is) (?:the |a )?"
        r"(?:pal|ntsc|standard|later|paperback|\w+ version|wrong|other)", r"(?:inside|in the (?:sleeve|box|"
        r"case|folder))"
        # "the book inside is The Goldfinch", not "the inside is another story" or "inside is fine"
        r" (?:is|was) (?:a |the )?(?!(?:fine|perfect|great|good|lovely|another story|clean|ok|okay|"
        r"in (?:good|great|fine|perfect)|(?:very |quite |pretty )?(?:worn|dirty|damaged|marked|stained)|"
        r"(?:highlighted|underlined|annotated|water|damp|mou?ldy|torn|loose|different story)\b)\b)\w+",
        r"(?:sent|shipped) (?:to me )?by mistake", r"not the (?:pressing|edition|version|"
        r"printing) (?:listed|described)",
        r"(?:listed|advertised|described) (?:it )?(?:as|under) (?:the )?(?:original|first|"
        r"\d{4})[^.\n]{0,60}(?:but|and) "
        r"(?:it'?s|this is|i got|i received)",
        r"no es la (?:edici[oó]n|versi[oó]n|que)", r"(?:me )?(?:lleg[oó]|mandaron|enviaron|vino) otro",
        # "Bestellt hatte ich Jahrestage Band 3, drin war aber Band 2", "I ordered volume 3 but got volume 2";
        # not "bekommen habe ich aber nur Band 2" (a part missing): no "only" anywhere in the gap
        r"ordered[^.!?\n]{0,80}\bbut (?:inside (?:the \w+ )?(?:was|were|is)|i (?:got|received)|"
        r"you (?:sent|shipped)|got|received|there was|it(?:'s| is| was)|what came (?:is|was)) "
        r"(?:" + _NOT_ONLY + r"\w+ ){0,2}" + _VOL,
        r"bestellt[^.!?\n]{0,80}(?:drin|darin|im paket|gekommen|geliefert|geschickt|bekommen|erhalten)\b"
        r"(?:" + _NOT_ONLY + r"[^.!?\n]){0,20}?" + _VOL,
        r"(?:drin|darin|im paket) (?:war|lag|ist) (?:aber|jedoch|leider) (?:" + _NOT_ONLY + r"\w+ ){0,2}" + _VOL,
        r"command[ée][^.!?\n]{0,80}(?:re[çc]u|envoy[ée]|dans le colis|il y avait|c'est)\b"
        r"(?:" + _NOT_ONLY + r"[^.!?\n]){0,20}?" + _VOL,
        r"ped[ií][^.!?\n]{0,80}(?:lleg[oó]|recib[ií]|mandaron|enviaron|vino|ven[ií]a)\b"
        r"(?:" + _NOT_ONLY + r"[^.!?\n]){0,20}?" + _VOL,
        # "Im Paket war „Buddenbrooks“ statt „Der Zauberberg“", "statt X kam Y", "j'ai reçu X au lieu de Y"
        r"(?:im (?:paket|karton|umschlag)|in der sendung|geliefert|bekommen|erhalten|geschickt) (?:\w+ ){0,3}"
        r"[„\"«»“][^„\"«»“”\n]{2,60}[“\"»«”] (?:statt|anstatt|anstelle von)\b",
        r"^statt [„\"«»“][^\n]{2,60}(?:kam|war|lag|bekam ich|habe ich)\b",
        r"(?:re[çc]u|envoy[ée]|dans le colis|dans le paquet)[^.!?\n]{2,60} au lieu d[eu]\b",
        r"en (?:lugar|vez) de (?:la|el|los|las)", r"(?:gekommen|geliefert|angekommen|geschickt) ist (?:aber|"
        r"jedoch|leider) "
        r"(?:\w+ ){0,2}(?:band|ausgabe|auflage|\d)", r"bestellt,? (?:\w+ ){0,3}(?:gekommen|geliefert|"
        r"erhalten|bekommen)"
        r" (?:ist|habe|hab) (?:aber|jedoch|leider)", r"bestellt und was kommt",
        r"pas (?:l'|la |le )(?:[ée]dition|version|tome|volume|livre) command[ée]", r"(?:mais|"
        r"or) dans (?:l'enveloppe|le "
        r"colis|le carton|le paquet) (?:\w+ ){0,3}il y avait",
        r"(?:wanted|ordered|listed|paid for) (?:the|a) (?:hardback|hardcover|first edition|signed|"
        r"original)[^.\n]{0,40}"
        r"(?:paperback|softcover|reprint|book club|later)",
        r"!(?:wrong|incorrect|different|mistaken) (?:book|item|title|edition|volume|vol\.?|record|cd|game|"
        r"colou?r(?:way)?|dye ?lot|size|pressing|format|version|order|one|thing|copy|issue|region|yarn|"
        r"weight|"
        r"binding|language|translation|author)",
        r"(?:sent|received|got|shipped|delivered) (?:me |us )?(?:the |a |an )?(?:wrong|incorrect|different)",
        # "not what I paid for" is a complaint about what came, not a different item
        r"not (?:the (?:one|book|item|edition|record|game|title) )?(?:that |what )?i (?:ordered|bought)",
        r"not the (?:one|book|item|edition|record|game|title) (?:that )?i paid for",
        r"(?:paperback|hardcover|hardback|softcover|reprint|later edition|book club|cd|cassette) instead of",
        r"instead of (?:the )?(?:hardcover|hardback|paperback|first edition|original|vinyl|lp|\d{4} edition)",
        r"(?:ordered|bought|paid for) .{1,80}?(?:but|and) (?:i )?(?:got|received|you sent|what (?:came|"
        r"arrived))",
        r"(?:libro|edici[oó]n|tomo|art[ií]culo|volumen|t[ií]tulo) (?:equivocad[oa]|err[oó]ne[oa]|"
        r"incorrect[oa]|"
        r"distint[oa]|diferente)", r"(?:me )?(?:han|ha|hab[eé]is) (?:enviado|mandado) (?:otro|otra|"
        r"el libro equivocado)",
        r"no es (?:el|la) (?:que|libro que) (?:ped[ií]|compr[eé])",
        r"(?:pido|ped[ií]|compr[eé]|encargu[eé]) .{1,80}? y (?:me )?(?:llega|lleg[oó]|recib[oí]|mand[aá]is|"
        r"envi[aá]is)",
        r"(?:falsch(?:e|en|es)?|andere[rns]?) (?:buch|band|ausgabe|artikel|titel|auflage|sendung|exemplar)",
        r"(?:statt|anstatt|anstelle) (?:de[rsn]|eine[rs]?|meine[rs]?)", r"nicht (?:das|der|"
        r"die) (?:bestellte|bestellten)",
        r"(?:mauvais|autre|mauvaise) (?:livre|[ée]dition|tome|article|volume|titre)",
        r"(?:ce n'est pas|pas) (?:le|la|celui|celle) que j'ai (?:command|achet)", r"au lieu d[eu'] ",
    ],
    "part_missing": [
        r"!there(?:'s|s| is| was| were| are)? (?:\w+ )?no (?:\w+ ){0,2}(?:dust ?jacket|jacket|mylar|map|"
        r"plates?|booklet|"
        r"inserts?|posters?|stickers?|mount|pattern|disc|disk|cd|dvd|volume|slipcase|sleeve|print|comic|"
        r"skeins?|"
        r"manual|instructions|index)", r"\bno (?:disc|cd|disk|volume|vol\.?|part|book) (?:\d|one|two|three|"
        r"[ivx]+)\b",
        # not "there's only one order confirmation in my inbox": what a double charge is told with
        r"there(?:'s| is| was| were| are) only (?:\d+|one|two|three|four|five|six|seven|eight|nine) "
        r"(?!(?:orders?|confirmations?|e-?mails?|charges?|payments?|transactions?|receipts?|invoices?|"
        r"messages?|accounts?)\b)\w+",
        r"(?:came|arrived|got here) with (?:\w+ ){0,3}only\b", r"^only (?:the |volume |vol\.? |one |\d )",
        # "I only have 4 skeins in the bag and I ordered 6", "nur vier Knäuel", "seulement 4 pelotes"
        # "the large folding map of the Lake of Garda, which should be opposite page 290, has been removed"
        r"(?:map|maps|plate|plates|frontispiece|leaf|leaves)\b[^.;]{0,80}\b(?:has|have|had) been (?:\w+ )?"
        r"(?:removed|cut out|torn out|excised|razored out)",
        r"only (?:have|got|received|had|counted|count|found) (?:\d+|one|two|three|four|five|six|seven|eight|nine) "
        r"(?:of (?:the|them|my)\b|(?:\w+ )?(?:skeins|balls|volumes|books|discs|items|records|cds|copies|pieces)\b)",
        r"\bnur (?:\d+|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun) (?:\w+ )?(?:kn[äa]uel|str[äa]nge|b[äa]nde|"
        r"b[üu]cher|platten|cds|teile)\b",
        r"\b(?:seulement|que) (?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf) (?:pelotes|[ée]cheveaux|volumes|"
        r"tomes|livres|disques)\b",
        r"\bs[oó]lo (?:me )?(?:han llegado |llegaron |hay |ven[ií]an |recib[ií] )?(?:\d+|dos|tres|cuatro|cinco|"
        r"seis|siete|ocho|nueve) (?:ovillos|madejas|tomos|vol[uú]menes|libros|discos)\b",
        r"(?:was|were|is|are) (?:it|they|this|that|the \w+) left out", r"left out (?:of|by mistake|from)",
        r"(?:isn'?t|wasn'?t|is not|was not|aren'?t|weren'?t) in (?:the|its) (?:pocket|box|bag|parcel|package|"
        r"envelope|sleeve|case|jacket|kit|set)", r"(?:tray|slot|pocket|sleeve)(?: for (?:the )?(?:disc|cd|disk|record|lp|volume|book) \w+)? (?:is|was) empty",
        r"\bhay \d+ \w+,? no \d+", r"!falta(?:n|ba|ban)? (?:el|la|los|las|un|una|uno|otro|otra)\b",
        r"!(?:es )?(?:fehlt|fehlen|fehlte|fehlten) (?:der|die|das|ein|eine|einer|zwei|drei|"
        r"mir)\b", r"\bes fehlt\b",
        r"ohne (?:die|den|das) (?:grafik|karte|beilage|tafel|cd|schutzumschlag)", r"\bil (?:me )?manqu(?:e|"
        r"ait)\b",
        r"!manqu(?:e|ent|ait|aient) (?:le|la|les|un|une|l')\b",
        r"!(?:missing|without|lacks|lacking|minus|absent|no sign of)(?: the| its| a| an| any|"
        r" both)? (?:original )?"
        r"(?:dust ?jacket|dust ?wrapper|dj|jacket|map|maps|folding map|plate|plates|frontispiece|booklet|"
        r"insert|inner "
        r"sleeve|sleeve|poster|disc|disk|cd|dvd|volume|vol\.?|slipcase|slip ?case|case|manual|skeins?|"
        r"balls?|pages?|"
        r"index|errata|cover|obi|lyric sheet|print|supplement|appendix|second (?:book|volume|disc)|book \d|"
        r"part)",
        r"(?:dust ?jacket|dust ?wrapper|map|plate|plates|booklet|insert|inner sleeve|poster|disc \d|disk \d|"
        r"cd \d|volume \w+|vol\.? \w+|slipcase|manual|skeins?|pages? [\divx-]+|index|frontispiece|obi|"
        r"lyric sheet)"
        r" (?:is|was|are|were|has been|have been) (?:\w+ )?(?:missing|not (?:there|included|in (?:the|it))|"
        r"absent|gone)",
        r"only (?:\d+|one|two|three|four|five|six) (?:of (?:the )?(?:\d+|two|three|four|five|six|seven|"
        r"eight|nine|ten) )?"
        r"(?:volumes|books|discs|skeins|items|balls|records|cds|copies) (?:arrived|came|were (?:in|there)|"
        r"in the)",
        r"(?:one|1|a|the other|the second|the third) (?:of the )?(?:books?|items?|volumes?|discs?|skeins?|"
        r"titles?|"
        r"records?) (?:is |was )?(?:missing|not (?:there|included|in the (?:box|parcel|package)))",
        r"(?:didn'?t|did not|never) (?:come|arrive) with (?:the|its|a|an)",
        r"(?:falta|faltaba|faltan) (?:el|la|los|las|un|una) (?:sobrecubierta|tomo|volumen|mapa|l[aá]mina|"
        r"disco|"
        r"libreto|p[aá]ginas?|cd|estuche|segundo|madeja|ovillo)", r"sin (?:la )?sobrecubierta",
        r"(?:fehlt|fehlen|fehlte|fehlten) (?:\w+ ){0,3}(?:schutzumschlag|band|tafel|karte|beilage|cd|seiten?|"
        r"schuber|booklet|knäuel|heft)", r"ohne (?:den )?schutzumschlag",
        r"(?:schutzumschlag|band \w+|tafel|karte|beilage|booklet|schuber) (?:\w+ ){0,2}fehlt",
        r"(?:manque|manquait|manquent) (?:\w+ ){0,2}(?:jaquette|tome|volume|carte|planche|livret|disque|cd|"
        r"pages?|"
        r"étui|etui|pelote|fascicule)", r"sans (?:la |sa )?jaquette",
    ],
    "cancel_request": [
        r"!(?<!you )(?<!you've )(?<!you have )(?<!was )(?<!been )(?<!seller )(?:please |kindly |can you |"
        r"could you |"
        r"would you |i(?:'d| would) like to |i want to |want to |i need to |need to |wish to |"
        r"like to )?cancel"
        r"(?:l?ing)?(?: my| the| this| that| our)? (?:order|purchase|it\b)",
        r"(?:please |kindly )?cancel (?:it|this|the order|my order)",
        r"!(?:please |can you |could you |would you )cancel (?:order )?#?[a-z]{0,4}-?\d{3,}", r"cancel+ation (?:request|of (?:my|"
        r"the) order)",
        r"!(?:want|like|need|wish|have) to cancel\b", r"!(?:please |just |kindly )+cancel\b",
        r"cancel (?:and|&) refund",
        # not "please don't send it to 22 Agricola St, I've moved": the same order, elsewhere
        r"(?:don'?t|do not) (?:ship|send|post) (?:it|the order|my order)(?! (?:to|there)\b)",
        r"(?:anular|cancelar) (?:el|mi|este) pedido", r"(?:quiero|quisiera|necesito|puede|podr[ií]a|"
        r"pod[eé]is) "
        r"(?:anular|cancelar)", r"(?:bestellung )?(?:stornieren|storniere|stornierung)", r"storniert (?:bitte |einfach |doch )*(?:die|den|das|meine|mir|es|sie)\b", r"(?:annuler|"
        r"annulation) "
        r"(?:de )?(?:ma |la |cette )?commande", r"(?:je souhaite|je voudrais|merci d'|pouvez-vous|"
        r"veuillez) annuler",
    ],
    "refund_not_received": [
        r"(?:received|got|had|seen) no (?:refund|money|credit)",
        r"nothing (?:has been )?(?:credited|refunded|come) back",
        r"!(?:not|isn'?t|hasn'?t been|never) (?:back|credited|refunded) (?:on|to) my (?:card|account|paypal)",
        r"(?:nothing|no money|nichts|rien|nada)(?: has)? (?:back|come through|came through|arrived|"
        r"showed up|eingegangen|"
        r"angekommen|gutgeschrieben)?[^.\n]{0,30}(?:on|in|to|auf|sur|en) (?:my|the|mein\w*|ma|mon|"
        r"mi) (?:card|account|"
        r"paypal|bank|statement|konto|paypal-konto|karte|compte|carte|tarjeta|cuenta|visa|mastercard|amex|"
        r"credit card|kreditkarte)",
        r"(?:check|confirm|see|verify) (?:that |whether |if )?(?:the |my )refund (?:actually |really )?"
        r"(?:went through|was (?:sent|issued|processed|made))",
        r"(?:on|in|to) my (?:card|account|paypal|bank|statement)[^.\n]{0,40}(?:nothing|not|no )",
        r"(?:haven'?t|have not|don'?t|do not|didn'?t|did not|can'?t|cannot) (?:seen?|see|find) (?:anything|"
        r"it|the [$£€]?[\d.,]+|"
        r"[$£€][\d.,]+)",
        r"(?:refund|money|[$£€][\d.,]+) (?:is )?(?:still gone|still missing|never came|never arrived|"
        r"didn'?t come)",
        r"(?:since|after) (?:you|your \w+) (?:said|promised|told me)[^.\n]{0,40}(?:refund|money)",
        r"(?:refund|reembolso|erstattung|teilerstattung|remboursement)[^.\n]{0,60}(?:not|no|nicht|nichts|"
        r"pas|nunca|"
        r"todav[ií]a no|a[uú]n no) (?:\w+ ){0,3}(?:come|arrived|received|llegado|entrado|angekommen|"
        r"eingegangen|"
        r"erhalten|re[çc]u|effectu[ée]|arriv[ée])",
        r"(?:où en est|wo bleibt|d[oó]nde est[aá]) (?:ce |le |mon |die |meine |el |mi )?(?:rembours\w*|"
        r"erstattung|"
        r"gutschrift|reembolso|geld|dinero)",
        r"(?:rembours|reembols|erstatt)\w* (?:non effectu|pendiente|ausstehend|offen)",
        r"(?:aucun|ning[uú]n|keine?) (?:remboursement|reembolso|erstattung|gutschrift|geld)",
        r"(?:no|todav[ií]a no|a[uú]n no) (?:me )?(?:ha|han) (?:entrado|llegado|aparecido) (?:el dinero|"
        r"el reembolso|nada (?:en|ni en) (?:la|mi) (?:tarjeta|cuenta))",
        r"(?:haven'?t|have not|hasn'?t|not|never|still (?:no|not)|didn'?t|did not) (?:yet |"
        r"even )?(?:received|got(?:ten)?|"
        r"seen|had|been given|been sent) (?:the |my |a |any |your |that )?(?:promised )?(?:refund|"
        r"money back|credit)",
        r"refund (?:still )?(?:has(?:n'?t| not)|hasnt|is not|isn'?t|never|was never|hasn't yet|"
        r"still hasn'?t) (?:yet )?"
        r"(?:come|arrived|appeared|shown up|gone through|come through|been (?:issued|processed|received|"
        r"credited|made|"
        r"sent|paid))",
        r"where(?:'s| is) (?:my|the) (?:refund|money)", r"still (?:waiting|no sign of|"
        r"nothing)[\w ]{0,20}refund",
        r"no refund (?:yet|so far|has)", r"(?:returned|sent (?:it|them|the \w+) back)[^.]{0,80}(?:no|not|"
        r"never|"
        r"haven'?t|hasn'?t)[^.]{0,30}(?:refund|money)",
        r"(?:no|todav[ií]a no|a[uú]n no|sigo sin) (?:he |me han |me ha )?(?:recibido |devuelto |visto )?"
        r"(?:el|mi|ning[uú]n)? ?(?:reembolso|dinero)", r"reembolso (?:todav[ií]a |a[uú]n )?no",
        r"(?:keine|noch keine|immer noch keine|bisher keine) (?:r[üu]ck)?(?:erstattung|gutschrift|zahlung|"
        r"geld)",
        r"(?:erstattung|gutschrift|geld) (?:\w+ ){0,3}(?:noch nicht|nicht|nie) (?:\w+ )?(?:angekommen|"
        r"eingegangen|"
        r"erhalten|da)", r"(?:pas|toujours pas|jamais) (?:encore )?(?:re[çc]u|vu|eu) (?:le |mon |de |aucun |"
        r"d')?"
        r"rembours", r"rembours\w* (?:toujours |n'est )?(?:pas|jamais) (?:arriv|re[çc]u|effectu|fait)",
    ],
    "charged_twice": [
        r"charged (?:me |us )?(?:twice|two times|double|2x|2 times|for (?:it |this )?twice|two)",
        r"double[- ]?(?:charged?|billed|payment|charge)", r"(?:two|2) (?:identical |separate |seperate )?"
        r"(?:charges|payments|transactions|debits)", r"(?:over-?charged|charged (?:me )?(?:too much|extra|"
        r"more than))",
        r"charged [^.]{0,40}(?:shipping|postage) (?:twice|for each|separately|on each)",
        r"paid (?:for it )?twice", r"duplicate (?:charge|payment|transaction|order)",
        r"(?:reverse|refund|credit|cancel) (?:the |that )?(?:second|duplicate|double|extra) (?:charge|payment)",
        r"(?:card|statement|account|bank) (?:still )?shows? (?:both|two)",
        r"(?:dos|two|2|zwei|deux) (?:consumos|cargos|cobros|charges|abbuchungen|buchungen|d[ée]bits|"
        r"pr[ée]l[èe]vements|transactions|payments)\b[^.\n]{0,60}(?:cada uno|each|je|jeweils|chacun)",
        r"cobrad[oa]s? de m[aá]s|zu viel (?:bezahlt|abgebucht)|factur[ée]s? en trop",
        r"(?:said|showed|listed|quoted|was)\b(?:[^.\n]|\.(?=\d)){0,40}\d(?:[^.\n]|\.(?=\d)){0,40}\bbut "
        r"(?:i was|i've been|i got|you|it was) "
        r"(?:charged|billed|took|taken)",
        r"(?:cobrado|cargado|cobrasteis|cobr[oó]) (?:dos veces|dos|por duplicado|de m[aá]s)",
        r"(?:doble|dos) (?:cargo|cobro|cargos|cobros)", r"(?:doppelt|zweimal) (?:abgebucht|berechnet|"
        r"belastet|bezahlt)",
        r"zu viel (?:berechnet|abgebucht|porto|versand)", r"(?:d[ée]bit[ée]|factur[ée]|pr[ée]lev[ée]|"
        r"pay[ée]) "
        r"(?:deux fois|2 fois|en double|deux)", r"(?:double|deux) (?:d[ée]bits?|pr[ée]l[èe]vements?|"
        r"paiements?)",
        r"(?:trop|en trop) (?:pay[ée]|factur[ée]|de frais)",
        r"(?:cobr\w*|charged|berechnet|factur\w*|verlangt)[^.]{0,60}(?:cuando|when|obwohl|"
        r"alors que)[^.]{0,60}"
        r"(?:gratis|free|kostenlos|gratuit)",
        r"(?:pay[ée]|factur[ée]|d[ée]bit[ée]|charged|paid|billed) (?:\w+ ){0,3}(?:three|trois|drei|tres|"
        r"3) (?:times|fois|mal|veces)",
        r"(?:dreimal|zweimal) (?:\w+ ){0,2}(?:porto|versand)",
    ],
    "return_how": [
        r"(?:tell|let) me (?:know )?how (?:you(?:'d| would)? (?:want|like|wish|prefer)(?: me)? to )?(?:send|"
        r"return|post|"
        r"mail|ship|get)", r"how (?:you|do you) (?:want|wish|would like|'d like)(?: me)? to (?:return|send|"
        r"get)",
        r"(?:procedure|process|way) (?:for|of) (?:sending|returning|return)", r"please tell me the way",
        r"!(?<!than )(?<!of )(?:send|post|mail|ship|bring) (?:it|them|this|this one|these|that one|"
        r"the (?!difference|money|rest|balance|"
        r"refund|extra)\w+(?: \w+)?) back\b",
        r"!(?:i(?:'d| would) like to|i (?:want|wish|need|must|will|'ll)(?: to)?|happy to|is it ok(?:ay)? to|"
        r"can i|could i|may i|should i) (?:return|send (?:it|them|this|the \w+) back)",
        r"!(?:devoluci[oó]n del? (?:libro|art[ií]culo|pedido|lote|ejemplar|tomo)|devolver(?:lo|la|los|las)|"
        r"(?:lo|la|los|las) devuelvo)\b",
        r"!(?:lo|la|los|las) (?:puedo|debo|tengo que) devolver",
        r"!(?:me )?(?:lo|la|los|las) (?:quiero|quisiera|querr[ií]a) devolver",
        r"devolv\w*\W+(?:\w+\W+){0,4}¿?c[oó]mo lo hago", r"etiqueta (?:de|para la) devoluci[oó]n",
        r"!zur[üu]ck(?:schicken|senden|geben|zuschicken)\b", r"!retournieren", r"!r[üu]cksendung",
        r"!(?<!me )(?<!m')(?:vous )?(?:le|la|les) (?:renvoyer|retourner)\b", r"!vous (?:renvoyer|"
        r"retourner) (?:le|la|les|ce|cet|cette)\b",
        r"(?:pour|faire|proc[ée]der (?:au|pour le)) (?:le )?retour\b", r"comment (?:je )?(?:fais|dois faire|"
        r"proc[eè]de)",
        r"how (?:do|can|should|would|shall) (?:i|we) (?:go about )?(?:return|send (?:it|this|them|the \w+|"
        r"everything) "
        r"back|get (?:it|this) back to you)", r"(?:return|returns|prepaid|shipping|postage) label",
        r"return (?:address|instructions|process|procedure|details|steps)",
        r"where (?:do|should|can|shall) (?:i|we) (?:send|return|post|mail|ship) (?:it|this|them|the)",
        r"where (?:to|i should|we should|i need to) (?:send|return|post|mail|ship) (?:it|this|them|the)\b",
        r"!(?:is it|would it be|will it be) (?:possible|ok(?:ay)?|all ?right|fine) (?:for me )?to (?:return|"
        r"send (?:it|this|them|the \w+) back)",
        r"(?:can|could|may) (?:i|we) (?:return|send (?:it|this|them|the \w+) back)",
        r"who (?:pays|covers|is paying) (?:for )?(?:the )?(?:return|postage|shipping back)",
        r"(?:c[oó]mo|d[oó]nde) (?:lo |la |los )?(?:devuelvo|devolver|env[ií]o de vuelta|mando)",
        r"etiqueta de (?:devoluci[oó]n|env[ií]o)", r"direcci[oó]n (?:de|para la) devoluci[oó]n",
        r"wie (?:kann|soll|schicke|sende) (?:ich )?(?:\w+ )?(?:zur[üu]ck|retour)",
        r"(?:r[üu]cksende|retouren)(?:etikett|schein|adresse|label)", r"wohin (?:soll ich |"
        r"kann ich )?(?:\w+ )?"
        r"(?:zur[üu]ck)schicken", r"comment (?:vous )?(?:le |la |les )?(?:retourner|renvoyer)",
        r"[ée]tiquette (?:de )?retour", r"adresse (?:de|pour le) retour",
    ],
    "earlier_unanswered": [
        r"(?:i |we )?(?:have |'ve |had )?(?:already )?(?:written|emailed|e-mailed|messaged|contacted (?:you|"
        r"the shop)|"
        r"called|phoned|rung|left (?:a |two |several )?(?:messages?|voicemails?)|reached out|sent (?:you )?"
        r"(?:an? |two |three |several )?(?:emails?|messages?))(?: (?:to )?you)? (?:twice|(?:three|four|five|"
        r"six|\d+) times|several "
        r"times|multiple times|many times|before|already|last week|on \w+day|\w+ days ago|a week ago|earlier|"
        r"previously|again)",
        r"(?:no|never (?:got|received|had) (?:a|an|any)|without (?:a|an|any)) (?:reply|response|answer|"
        r"word back)",
        r"(?:haven'?t|have not|didn'?t|did not|never) (?:yet )?(?:heard|hear|had|received|got(?:ten)?) "
        r"(?:anything |a thing )?(?:back|a (?:reply|response|answer)|any (?:reply|response|answer)|from you)",
        r"(?:heard|got|had) nothing (?:back|from you)", r"(?:no|never (?:got|had) (?:a|the)) call(?: back)?",
        r"(?:i |we )(?:emailed|e-mailed|wrote|messaged|sent (?:you )?(?:a message|an email|an e-mail)|"
        r"contacted you|wrote to you)(?: to you| you)? (?:on (?:the )?\d{1,2}(?:st|nd|rd|th)?\b|on (?:jan|"
        r"feb|mar|"
        r"apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d)",
        r"(?:i'?m |i am )writing (?:to you )?(?:again|once more)", r"ohne antwort",
        r"(?:[ée]crit|r[ée][ée]crit|relanc[ée]|envoy[ée])[^.]{0,40}sans r[ée]ponse",
        r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:email|e-mail|message|attempt|request)",
        r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th) time (?:i(?:'ve| have| am|'m)? (?:\w+ )?(?:writ|"
        r"e-?mail|ask|"
        r"contact|messag|tr(?:y|ied)|chas|reach)|(?:of )?(?:writing|asking|emailing|contacting))",
        r"still no (?:reply|response|answer|word)", r"not (?:one|a|a single) word (?:from|"
        r"back)", r"chasing (?:you|this|it) ?(?:up)?", r"(?:you(?:'ve| have)? )?(?:ignored|ignoring) (?:me|"
        r"my)",
        r"(?:gone|been|went|remain(?:ed)?|are|is|were|was|go|still) unanswered", r"no answer (?:to|for|from)",
        r"(?:haven'?t|have not|hasn'?t|didn'?t|did not|never) (?:\w+ )?(?:answered|responded to|"
        r"replied to) (?:my|me)",
        r"(?:nicht|nie) (?:\w+ ){0,2}(?:geantwortet|reagiert)", r"unbeantwortet", r"sin (?:contestar|"
        r"responder)",
        r"no (?:me |nos )?(?:contest[aá]is|contestan|responden|respond[eé]is|contesta|responde)",
        r"(?:no|nadie) (?:me )?(?:ha(?:n)? )?(?:contestado|respondido)",
        r"(?:toujours|rest[ée]e?s?|demeur[ée]e?s?|est|sont) sans (?:nouvelles|suite|r[ée]ponse)",
        r"(?:pas|jamais) (?:eu de )?r[ée]pon(?:du|se)", r"ne r[ée]pond(?:ez|ent) (?:pas|jamais|plus)",
        r"(?:nobody|no one|no-one) (?:\w+ )?(?:answers|replies|responds|got back|has replied|responded|"
        r"answered)",
        r"you (?:never|haven'?t|have not|didn'?t) (?:replied|responded|answered|got back|written back)",
        r"(?:sin|no he (?:tenido|recibido)|ninguna) (?:respuesta|contestaci[oó]n)",
        r"(?:ya )?(?:les |os |le )?(?:he|hemos) (?:escrito|enviado|mandado|llamado) (?:\w+ ){0,3}(?:veces|"
        r"antes|ya|"
        r"semana|d[ií]as)", r"(?:segunda|tercera|cuarta) vez que (?:les |os |le )?(?:escribo|pregunto|"
        r"contacto|reclamo|escribimos)",
        r"(?:keine|noch keine|nie eine|bisher keine) (?:antwort|r[üu]ckmeldung|reaktion)",
        r"writing (?:to you )?(?:now )?for the (?:second|third|fourth|2nd|3rd|4th) time",
        # "Le escribo por tercera vez", "TERCER AVISO", "sin obtener respuesta alguna", "le he escrito el 12 y
        # el 20 de noviembre", "je vous écris pour la troisième fois", "zum dritten Mal", "third reminder"
        r"(?:escribo|escribimos|contacto|reclamo|pregunto) (?:\w+ ){0,3}por (?:segunda|tercera|cuarta|quinta) vez",
        r"\b(?:segundo|tercer|cuarto|[úu]ltimo) (?:aviso|recordatorio|correo|mensaje|e-?mail)\b",
        r"sin (?:obtener|recibir|tener) (?:ninguna |una )?(?:respuesta|contestaci[oó]n)",
        r"(?:he|hemos) (?:escrito|enviado|mandado|llamado) (?:\w+ ){0,3}el \d{1,2} y el \d{1,2}\b",
        r"(?:[ée]cris|[ée]crivons|relance) (?:\w+ ){0,3}pour la (?:deuxi[èe]me|troisi[èe]me|seconde|quatri[èe]me) "
        r"fois|\b(?:deuxi[èe]me|troisi[èe]me|seconde|derni[èe]re) relance\b",
        r"(?:schreibe|melde) (?:\w+ ){0,4}zum (?:zweiten|dritten|vierten) mal|\b(?:zweite|dritte|letzte) "
        r"(?:mahnung|erinnerung)\b",
        r"\b(?:second|third|fourth|final) (?:reminder|chaser)\b",
        r"(?:e-?mail|message|letter)s? [^.\n]{0,40}(?:has|have|had) not been answered|went unanswered|"
        r"(?:no|never (?:got|had) an?) (?:answer|reply|response) to (?:my|either|any|both)",
        r"(?:bereits|schon) (?:\w+ ){0,3}(?:geschrieben|gemailt|angerufen|kontaktiert)", r"(?:zweite|dritte|"
        r"vierte)n? "
        r"(?:e-?mail|nachricht|anfrage|schreiben)", r"(?:keine|nicht einmal eine) (?:eingangsbest[äa]tigung|"
        r"lesebest[äa]tigung)", r"(?:segundo|tercer|tercero|cuarto) (?:correo|e-?mail|mensaje)",
        r"(?:zum )?(?:zweiten|dritten|vierten) mal,? (?:dass )?(?:ich )?"
        r"(?:schreibe|nachfrage|frage|melde)", r"(?:aucune|pas eu de|jamais eu de|"
        r"toujours pas de) (?:r[ée]ponse|nouvelles de votre part)",
        r"(?:d[ée]j[àa]|plusieurs fois) (?:\w+ ){0,3}(?:[ée]crit|envoy[ée]|appel[ée]|contact[ée])",
        r"(?:deuxi[èe]me|troisi[èe]me|quatri[èe]me) (?:message|e-?mail|courriel|relance)",
        r"(?:deuxi[èe]me|troisi[èe]me|quatri[èe]me) fois que (?:je )?(?:vous )?(?:[ée]cris|relance|contacte|"
        r"demande)", r"\brelance\b",
    ],
    "service_complaint": [
        r"(?:is|was) not an answer", r"not (?:much of |really )(?:a|an) (?:reply|answer|response)",
        r"(?:one|two|three|a few|a couple of) (?:short )?lines (?:telling|saying|to tell)",
        r"your (?:answer|reply|response) (?:\w+ )?(?:surprised|disappointed|upset|annoyed|shocked)",
        r"would have (?:appreciated|expected|liked) (?:someone|somebody|you) (?:actually |properly |at least )?"
        r"(?:look|check|read|reply|answer)", r"(?:surprised|disappointed|shocked|appalled|upset|baffled) (?:by|at|"
        r"with) "
        r"(?:this|that|your) (?:answer|reply|response|attitude|tone)", r"your (?:reply|answer|"
        r"response) (?:below|was|is)",
        r"(?:this|that|your) tone", r"rather than being told", r"(?:ended|"
        r"hung up) the call", r"hung up on me",
        r"(?:said|promised) (?:she|he|you|they|someone) (?:would|'d) (?:call|ring|phone|get back|check)",
        r"(?:no|still no|never (?:got|had) (?:a|the)|waiting (?:on|for) (?:a|the|your)) call ?back",
        r"(?:told|said to) me (?:that )?[\"“']", r"sonne dans le vide", r"(?:ihre|"
        r"deine) antwort (?:hat mich|war)",
        r"(?:diesen|dieser|ihren|deinen) ton\b", r"befremdet", r"(?:su|tu) respuesta (?:me ha|me dej[oó]|"
        r"fue)",
        r"(?:votre|ta|cette) r[ée]ponse (?:m'a|est|[ée]tait)", r"\bce ton\b", r"(?:ese|este) tono",
        r"surpris\w* (?:par|de) (?:votre|ta|cette) r[ée]ponse", r"r[ée]ponse (?:un peu )?plus (?:aimable|"
        r"polie|"
        r"courtoise)", r"(?:[üu]berrascht|befremdet|entt[äa]uscht|ver[äa]rgert) (?:von|[üu]ber) (?:ihrer|"
        r"ihre|"
        r"deiner|deine|diese) antwort", r"(?:sorprendid|molest|decepcionad)\w* (?:por|con) (?:su|tu|esa) "
        r"respuesta", r"respuesta (?:tan )?(?:seca|borde|cortante|grosera)",
        r"(?<!\w)(?:rude|curt|dismissive|unhelpful|condescending|snotty|snippy|patronising|patronizing|"
        r"abrupt|"
        r"short with me|unprofessional|brush(?:ed)? (?:me )?off)(?!\w)",
        r"(?:your|the|that) (?:reply|response|answer|email|e-mail|message) (?:was|is) (?:\w+ )?(?:rude|curt|"
        r"unhelpful|"
        r"useless|insulting|one line|two words|dismissive)",
        r"(?:hung up|hang up|promised (?:to|a|me a) (?:call|ring|email|reply|send|refund)|"
        r"said you would (?:call|"
        r"email|send|refund)|never called (?:me )?back|no call ?back)",
        r"\b\w{1,12} words and (?:an initial|a signature|your initial)", r"(?:one|single)[- ]line (?:reply|"
        r"answer)",
        r"(?:that'?s|is that) (?:it|all)\?", r"fob(?:bing|bed)? (?:me )?off", r"word for word", r"(?:and|"
        r"but) nothing (?:has )?happen", r"nichts (?:ist )?passiert",
        r"(?:y|pero) no (?:ha pasado|pasa) nada", r"(?:et|mais) rien ne (?:se passe|bouge)", r"(?:that'?s|"
        r"is that) the (?:whole|entire|only) (?:reply|answer|response)",
        # someone was unpleasant, not "la situación resulta bastante desagradable"
        r"(?<!\w)(?:grosero|grosera|maleducad[oa]|borde|cortante|me colg[oó])(?!\w)",
        r"(?:usted|la persona(?: que me atendi[oó])?|el vendedor|la vendedora|quien me atendi[oó]) "
        r"(?:fue|estuvo|ha sido) (?:muy |bastante |tan )?desagradable|me trat(?:[oó]|aron) de (?:forma|manera) "
        r"(?:muy |bastante |tan )?desagradable",
        r"(?:respuesta|trato|contestaci[oó]n) (?:muy |tan |bastante )?(?:seca|seco|cortante|grosera|"
        r"desagradable)",
        r"(?<!\w)(?:unfreundlich\w*|unversch[äa]mt\w*|patzig\w*|herablassend\w*|abgewimmelt|aufgelegt)(?!\w)",
        r"(?<!\w)(?:impoli\w*|m[ée]prisant\w*|condescendant\w*|raccroch[ée]\w*)(?!\w)",
        # someone was unpleasant, not "je trouve cela assez désagréable" about customs fees
        r"(?:r[ée]ponse|ton|accueil|personne|vendeu(?:r|se)|interlocut\w+|vous (?:avez|[ée]tiez)|"
        r"(?:il|elle) (?:a|[ée]tait))[^.!?\n]{0,40}d[ée]sagr[ée]able",
        r"r[ée]ponse (?:tr[èe]s |si |aussi )?(?:s[èe]che|expéditive|lapidaire)",
    ],
    "address_problem": [
        r"(?:wrong|old|previous|incorrect|incomplete|outdated) (?:shipping |delivery |postal |"
        r"street )?address",
        r"(?:change|update|correct|fix|amend) (?:the |my )?(?:shipping |delivery |postal )?address",
        r"address (?:is|was) (?:wrong|incorrect|incomplete|missing)", r"(?:missing|without|forgot) (?:the |"
        r"my )?"
        r"(?:apartment|apt|flat|unit|suite) (?:number|no)", r"(?:i(?:'ve| have)?|we(?:'ve| have)?) moved",
        r"direcci[oó]n (?:equivocada|incorrecta|antigua|incompleta|insuficiente)", r"cambiar (?:la |mi )?direcci[oó]n",
        # "La dirección completa es:", "the full address is", "die vollständige Adresse lautet"
        r"(?:la direcci[oó]n completa|the (?:full|complete|correct) address|die (?:vollst[äa]ndige|richtige) "
        r"adresse|l'adresse compl[èe]te) (?:es|is|lautet|ist|est)\b",
        r"(?:insufficient|incomplete) address|adresse (?:insuffisante|incompl[èe]te)|"
        r"(?:unvollst[äa]ndige|ungen[üu]gende) (?:adresse|anschrift)",
        r"(?:falsche|alte|unvollst[äa]ndige) (?:adresse|anschrift|"
        r"lieferadresse)", r"adresse (?:\w+ )?[äa]ndern",
        r"umgezogen", r"(?:mauvaise|ancienne) adresse", r"adresse (?:incompl[èe]te|erron[ée]e|incorrecte)",
        # A typo in the address: "je me suis trompée dans le code postal", "wrong zip code", "falsche PLZ"
        r"(?:wrong|incorrect) (?:zip|zip code|post ?code|postal code|house number|street number)",
        r"typo in (?:my|the) (?:address|zip|post ?code|postal code|street)",
        r"(?:falsche[rn]?|verkehrte[rn]?) (?:postleitzahl|plz|hausnummer|stra(?:ß|ss)e)",
        r"c[oó]digo postal (?:equivocado|incorrecto|err[oó]neo|mal)", r"(?:me equivoqu[eé]|error) (?:en|con) "
        r"(?:la direcci[oó]n|el c[oó]digo postal|el n[uú]mero)",
        r"erreur dans (?:l'|mon |l’)adresse", r"tromp[ée]e? (?:dans|de) (?:le |l'|mon )?(?:code postal|adresse|"
        r"num[ée]ro de (?:rue|la rue))",
        r"(?:adresse correcte|bonne adresse|correct address|richtige (?:adresse|anschrift)|direcci[oó]n correcta)"
        r" (?:est|is|lautet|w[äa]re|es)",
        r"changer (?:l'|mon |d')adresse", r"(?:j'ai|nous avons) d[ée]m[ée]nag",
        r"(?:going|sent|shipping|headed) to my (?:old|previous|former) (?:flat|apartment|house|place|home|"
        r"office)",
        r"(?:send|ship|deliver|post) it to (?:my new|the new|this|\d+ \w+)", r"new (?:shipping |"
        r"delivery )?address",
        r"nueva direcci[oó]n", r"neue (?:adresse|anschrift|lieferadresse)", r"nouvelle adresse",
        r"(?:send|ship|deliver|post|redirect) (?:it|them|the order|the parcel|my order) to (?:my |the |a )?"
        r"(?:work|office|other|different|home|parents'?|billing|new) (?:address|flat|house|place)",
        r"(?:work|office|other|different) address instead",
    ],
}

# -- asks and what is ruled out ---------------------------------------------------------------------------------
ASKS: dict[str, list[str]] = {
    "refund": [
        r"!(?:a |my |the |full |complete |100% |immediate |prompt )?(?:refund|money back|reimburse(?:ment)?)"
        r"(?! (?:has|have|was|is) (?:come|arrived|gone|been))",
        r"refund (?:me|my money|the (?:full|whole|total)|in full)", r"give (?:me )?(?:my|the) money back",
        r"!(?:reembolso|reembols(?:ar|en|e|ad)|devoluci[oó]n del (?:dinero|importe)|devuelvan (?:el|mi) dinero|"
        r"mi dinero)",
        r"!(?:devolvedme|devu[eé]lvanme|devu[eé]lvame|devolverme|devolvernos) (?:el|los|las|mi|mis|\d)",
        r"!(?:devolv[aá]is|devuelvan|devuelva|devolv[eé]is) (?:\w+ )?(?:el|los|las|mi|mis|\d)",
        r"!(?:me|nos) (?:\w+ )?devolver (?:el|mi) (?:dinero|importe)|devolver(?:me|nos)? (?:el|mi) (?:dinero|importe)",
        r"give (?:me )?(?:back )?(?:my|the) money(?: back)?", r"!money back",
        r"!(?:reintegr(?:an|en|e|ar|arme|arnos)|reintegro) (?:\w+ )?(?:el|mi|del) (?:importe|dinero|pago)",
        r"!(?:have|get|want|like|need) (?:my|the|our) (?:[$£€]\s?[\d.,]+|[\d.,]+\s?(?:dollars|pounds|"
        r"euros?)) back",
        r"!(?:r[üu]ck)?erstattung", r"!geld zur[üu]ck", r"!(?:erstatten|erstattet|zur[üu]ckzahlen|"
        r"zur[üu]ckerstatten|"
        r"zur[üu]ck(?:ge)?zahl|zur[üu]ck(?:über)?weis)",
        r"!rembours(?:ement|er|ez|[ée]e?s?)\b", r"!(?:me )?rembours(?:iez|ez-moi)",
    ],
    "partial_refund": [
        r"!partial (?:refund|credit|reimbursement)",
        r"(?:would|could|will|might) (?:you )?consider (?:a |some |offering (?:me )?(?:a )?)?(?:partial refund|"
        r"discount|reduction|refund (?:of )?(?:part|some))", r"!(?:some|part of (?:my|the)) money back",
        r"!(?:a )?(?:discount|reduction|compensation|credit(?! card))\b", r"!refund (?:me |us )?(?:part|some|a portion|"
        r"half|the (?:difference|"
        r"postage|shipping))", r"knock (?:something|a bit|some) off",
        r"!refund(?:ing)? (?:me )?(?:a )?(?:part|portion|some|half) of (?:the |my |what i )?(?:price|cost|"
        r"purchase|"
        r"amount|money|paid)", r"!(?:part|some|a portion) of the (?:price|cost|purchase price) (?:back|"
        r"refunded)",
        r"!reembolso parcial", r"parte proporcional", r"!(?:devolverme|devolvedme|"
        r"reembolsarme) la diferencia", r"!(?:descuento|compensaci[oó]n|"
        r"rebaja)", r"!teil(?:r[üu]ck)?erstattung",
        r"!(?:preisnachlass|nachlass|minderung|gutschrift|teilbetrag)", r"!remboursement partiel",
        r"!(?:geste commercial|r[ée]duction|d[ée]dommagement|compensation)",
    ],
    "replacement": [
        r"!(?:a |another |new )?replacement", r"rather have (?:that|this|the other) (?:one|copy)\b",
        r"!(?:like|want|need|prefer|rather have|happy with) (?:just )?"
        r"(?:a |another |a new |a second |a different |a better )(?:copy|one|set)", r"(?:nochmals?|"
        r"noch einmal|erneut) (?:\w+ ){0,3}(?:schicken|senden|versenden)",
        r"(?:resend|re-send|send (?:it )?again)", r"(?:volver a enviar|vuelvan? a enviar|reenviar|reenv[ií]en|"
        r"reenvi[aá]r(?:me|nos|le)(?:lo|la|los|las)?|"
        r"mandarlo de nuevo)",
        r"(?:me |nous )(?:les |le |la |l')?(?:renvoyer|r[ée]exp[ée]dier)|r[ée]exp[ée]dier",
        r"m'envoyer (?:l'|le |la )(?:bon|bonne|exemplaire|album|livre|disque)", r"!replace (?:it|the|my|this)", r"!send (?:me |us )?(?:another|"
        r"a new|the "
        r"(?:correct|right|missing)|a (?:correct|different|second)|out (?:the )?(?:correct|right|missing))",
        r"!(?:the|a) (?:correct|right) (?:one|copy|book|item|edition|record|volume|colou?r(?:way)?)",
        r"!(?:reemplazo|sustituci[oó]n|otro ejemplar|env[ií]en (?:el|la) (?:correct|que falta))",
        r"(?:post|send|forward|mail) (?:it|them|the (?:missing )?\w+) on\b",
        # "Could you send me one skein from lot 2231?"
        r"(?:could|can|would) you (?:please )?(?:send|post|mail) (?:me |us )?(?:one|a|an|another|two|three|"
        r"four|\d+|the) (?:more |extra |matching |replacement |right |correct )?(?:skeins?|balls?|copy|copies)\b", r"(?:post|send) (?:it|"
        r"them) (?:on )?to me",
        r"!(?:any chance|do you have|have you got|could you (?:send|find))(?: you)? (?:[\w']+ ){0,3}(?:more|"
        r"another|"
        r"others?|spare|second (?:copy|one))\b",
        # "If you actually have the UA pressing sitting there I'd happily take that instead"
        r"if you(?:'ve| have)? (?:actually |still |really )?(?:have|got) (?:the |a |an |that )?(?:[\w'-]+ ){0,4}?"
        r"(?:copy|pressing|original|edition|one|version|printing|book|record|title|volume)\b[^.!?]{0,50}"
        r"(?:i'?d (?:\w+ )?take|i'?ll take|"
        r"i would (?:\w+ )?take|send (?:it|that|me)|i'?d (?:\w+ )?(?:love|like|prefer|want) (?:it|that))",
        r"!(?:ersatz|austausch|nachliefer|richtige (?:buch|band|ausgabe|exemplar))",
        r"!(?:hinterher ?schick|nachschick|nachsend(?!eauftrag)|nachreich)\w*",
        # "Ein zweites Exemplar haben Sie vermutlich nicht zufällig?", "¿tendrían un segundo ejemplar?"
        r"!(?:zweites|weiteres|anderes) exemplar", r"!(?:un |otro )?segundo ejemplar",
        r"!(?:un )?(?:autre|second|deuxi[èe]me) exemplaire",
        r"(?:a second|another) copy (?:in stock|on the shelf|available|you could send)",
        r"!(?:schicken|senden|liefern) sie (?:mir )?(?:bitte )?(?:den|die|das) (?:fehlenden?|richtigen?|"
        r"korrekten?)",
        r"!(?:envoy|renvoy)(?:ez|er)(?:-moi)? (?:le|la|les) (?:bon|bonne|bons|bonnes|tome manquant|manquant)",
        r"!(?:remplacement|remplacer|renvoyer (?:le bon|la bonne)|envoyer (?:le bon|la bonne|"
        r"le tome manquant))",
    ],
    "return": [
        r"!(?:return|send) (?:it|this|them|the (?:book|books|item|record|set|game|yarn)) back",
        r"!(?:return|returns|prepaid|postage) label", r"!return (?:it|this|them|the)\b",
        r"!(?:devolver(?!(?:me|nos|le)? (?:el|mi) (?:dinero|importe))|devoluci[oó]n(?! del (?:dinero|importe))|"
        r"devolverlo|devolverla|"
        r"devolverlos)",
        r"!(?:zur[üu]cksenden|zur[üu]ckschicken|r[üu]cksendung|retoure|zur[üu]ckgeben)",
        r"!(?:retourner|renvoyer|retour)\b",
    ],
    "cancel": [],  # taken from the cancel_request situation
    "information": [
        r"(?:where|when|what|why|how|can you|could you|would you|will you|is it|has it|have you|did you|"
        r"do you) "
        r"[^.!?\n]{0,120}\?", r"(?:please |kindly )?(?:let me know|tell me|advise|update me|check)",
        r"\w[^.!?\n]{6,300}\?",  # bounded: an unbounded run is quadratic on a long line without "?"
        r"tracking (?:number|info|information|details|link)",
        r"(?:d[oó]nde|cu[aá]ndo|qu[eé]|por qu[eé]|c[oó]mo|pueden|podr[ií]an|puede|"
        r"podr[ií]a)[^.!?\n]{0,120}\?",
        r"(?:wo|wann|was|warum|wie|k[öo]nnen sie|k[öo]nnten sie|ist|wurde|haben sie)[^.!?\n]{0,120}\?",
        r"(?:o[uù]|quand|que|pourquoi|comment|pouvez-vous|pourriez-vous|est-ce)[^.!?\n]{0,120}\?",
    ],
    "keep_item": [
        r"!keep (?:it|the (?:book|copy|set|record|item)|them)", r"(?:rather|happy to|prefer to|like to|"
        r"willing to) keep",
        r"!(?:qued[aá]rmelo|quedarme con (?:[eé]l|el libro)|me lo quedo)", r"!(?:behalten)",
        r"!(?:garder|le garde|la garde|conserver)",
    ],
    "exchange": [
        r"(?:happy|happily|glad|like|willing) (?:to )?swap|\bswap (?:it|this|them)\b",
        r"!exchange (?:it|for)", r"!(?:cambiarlo|cambio por)", r"!(?:umtausch|umtauschen)",
        # "Habt ihr Band 3 noch da? Dann würd ich tauschen", "entonces lo cambiaría"
        r"!(?:w[üu]rde?|m[öo]chte|will|k[öo]nnen wir|gerne?) (?:ich |wir )?(?:ihn |es |sie |das |den band )?"
        r"(?:gern |gerne )?(?:um)?tauschen", r"!(?:lo|la|los|las) cambiar[ií]a|(?:quiero|quisiera|prefiero) "
        r"cambiar(?:lo|la|los|las)", r"!(?:je (?:veux|voudrais|pr[ée]f[èe]re)(?: bien)?|j'aimerais) "
        r"l'[ée]changer",
                 r"!(?:[ée]changer|[ée]change)"],
    "apology": [r"(?:an? |some )?apolog(?:y|ise|ize)", r"(?:una )?disculpa", r"entschuldigung", r"excuses"],
}

# A remedy the customer does not want: "I'm not asking for a refund", "I don't want to send it back".
RULED_OUT: dict[str, list[str]] = {
    "refund": [
        # "I'd really rather not get a refund", "Eine Rückerstattung möchte ich ausdrücklich nicht"
        r"(?:rather|prefer) not (?:to )?(?:get|have|take|receive|be given) (?:a |the |my )?(?:refund|money back)",
        # "Eine Rückerstattung möchte ich ausdrücklich nicht", "un remboursement, je n'en veux pas"
        r"(?:r[üu]ckerstattung|erstattung|geld zur[üu]ck|r[üu]ckzahlung) (?:m[öo]chte|will|brauche) ich "
        r"(?:\w+ ){0,2}nicht\b", r"(?:reembolso|devoluci[oó]n del dinero) no (?:lo )?(?:quiero|necesito|busco)\b",
        r"remboursement,? je n'en (?:veux|souhaite) pas",
        r"(?:do ?n[o']?t|dont|do not|never|no) (?:want|need|wish|asking for|ask for|looking for|expect|"
        r"interested in) "
        r"(?:a |any |my |the |your |a full )?(?:refund|money back|reimbursement)",
        r"(?:i'?m |i am )?not (?:asking|looking|after|interested in|wanting) (?:for )?(?:a |any )?(?:refund|"
        r"money back)",
        r"(?:a )?refund (?:is|isn'?t|is not|won'?t|will not) (?:not )?(?:what i want|help|do|the point|fix)",
        r"!(?:not|rather than|instead of) (?:a |my )?refund", r"no (?:need|use) for a refund",
        # "I'd honestly rather have the right skein than money back"
        r"(?:rather|prefer to) (?:have|get|receive|keep) [^.!?\n]{1,50}? than (?:a |my |the |any )?(?:refund|"
        r"money back|my money)",
        # guarded: "if you don't refund me by Friday" is a threat, not a refund ruled out
        r"!(?:do ?n[o']?t|do not) (?:just |simply |only )?(?:refund|reimburse) (?:me|us|it|the)\b",
        r"!no (?:me )?(?:lo |la )?(?:reembolse|reembolsen|devuelva el dinero)\b",
        r"!nicht (?:einfach |nur )?(?:erstatten|das geld zur[üu]ck)", r"!ne (?:me )?remboursez pas",
        r"no (?:quiero|necesito|busco|deseo|pido) (?:un |el |ning[uú]n |mi )?(?:reembolso|dinero)",
        r"(?:en lugar|en vez) de(?:l| un)? reembolso",
        r"(?:will|m[öo]chte|brauche|w[üu]nsche) (?:\w+ )?(?:kein(?:e|en)?|nicht) (?:mein )?(?:geld|"
        r"r[üu]ckerstattung|"
        r"erstattung)", r"keine (?:r[üu]ck)?erstattung", r"(?:statt|anstatt) (?:einer |"
        r"der )?(?:r[üu]ck)?erstattung",
        r"ne (?:veux|souhaite|demande|cherche) (?:pas|aucun|plus) (?:de |d'|d'un |un |le |[êe]tre )?(?:rembours\w*|"
        r"argent)",
        r"(?:pas|plut[ôo]t qu'un) (?:de )?remboursement",
    ],
    "return": [
        r"(?:do ?n[o']?t|do not|would ?n[o']?t|rather not|not) (?:want|wish|like|going|willing|keen|"
        r"prepared) "
        r"(?:\w+ )?(?:to )?(?:return|send (?:it|this|them|the \w+) back|post (?:it|them) back)",
        r"(?:rather|prefer) not (?:to )?(?:return|send (?:it|this|them) back)", r"no (?:quiero|"
        r"deseo) devolver",
        r"(?:rather not|prefer not to|do ?n[o']?t (?:really |particularly )?want to|would ?n[o']?t want to|"
        r"not keen to|"
        r"no desire to) (?:[\w']+ )"
        r"{0,8}?(?:mail|send|post|ship)(?:ing)? (?:it|them|this|the \w+) back",
        r"(?:will|m[öo]chte) (?:\w+ ){0,5}nicht zur[üu]ck(?:schicken|senden|geben)",
        # "Zurückschicken will ich es eigentlich nicht", "Zurücksenden möchte ich das Buch ungern"
        r"zur[üu]ck(?:schicken|senden|geben) (?:will|m[öo]chte|mag|w[üu]rde) ich (?:\w+ ){0,3}(?:nicht|ungern)\b",
        r"ungern zur[üu]ck(?:schicken|senden|geben)",
        r"ne (?:veux|souhaite) pas (?:le |la |les )?(?:retourner|renvoyer)",
        r"pr[ée]f[èe]re(?:rais)? ne pas (?:le |la |les )?(?:retourner|renvoyer)",
        r"(?:prefiero|preferir[ií]a) no devolver|devolverlo no (?:quiero|me apetece)|no me apetece devolver",
    ],
    "replacement": [
        r"(?:do ?n[o']?t|do not|no need to) (?:send|want|need) (?:me )?(?:another|a (?:new|second|"
        r"replacement)|a "
        r"replacement|the correct)", r"(?:not|no) (?:a )?replacement", r"(?:buy|get) it elsewhere",
        r"no (?:quiero|necesito) (?:otro|otra|un reemplazo)", r"no quiero que me (?:mand|"
        r"envi)[eé]is (?:otro|otra)",
        r"no (?:quiero|hace falta|necesito) que me (?:lo|la|los|las) (?:manden|mand[eé]is|env[ií]en|env[ií][eé]is|"
        r"reenv[ií]en|vuelvan a (?:mandar|enviar)) (?:de nuevo|otra vez)?", r"(?:will|brauche) (?:\w+ )?kein(?:en)? ersatz",
        r"ne (?:veux|souhaite) pas (?:de |d'un )?(?:remplacement|autre exemplaire)",
    ],
    "cancel": [r"(?:do ?n[o']?t|do not) cancel", r"no (?:lo )?(?:cancel|anul)", r"nicht (?:einfach |gleich |sofort )?stornieren",
               r"(?:ne|n')(?:'| )?annulez pas"],
    "partial_refund": [r"(?:do ?n[o']?t|do not) want (?:a )?(?:partial refund|discount)",
                       r"no (?:quiero|acepto) (?:un )?(?:descuento|reembolso parcial)",
                       r"keine teilerstattung", r"pas de (?:remboursement partiel|geste)"],
    "keep_item": [r"(?:do ?n[o']?t|do not) want to keep", r"rather (?:[\w']+ ){1,6}than keep",
                  r"(?:can'?t|cannot|could ?n'?t|would ?n'?t|won'?t) (?:\w+ )?keep (?:it|them|"
                  r"the)", r"no (?:quiero|me lo voy a) quedar",
                  r"(?:will|m[öo]chte) (?:\w+ )?nicht behalten", r"ne (?:veux|souhaite) pas (?:le |"
                  r"la )?garder"],
}

# -- escalations ------------------------------------------------------------------------------------------------
ESCALATIONS: dict[str, list[str]] = {
    "a_to_z": [r"a[- ]?(?:to|2|bis|à|a)[- ]?z", r"a-z (?:claim|guarantee)", r"amazon(?:'s)? guarantee",
               r"garant[ií]a (?:de la )?a", r"(?:garantie|r[ée]clamation) a-?z"],
    "paypal": [r"paypal(?:'s)?[- ](?:dispute|claim|case|buyer protection|resolution|"
               r"k[äa]uferschutz)", r"(?:disput\w*|claim|case) "
               r"(?:it |this |the (?:charge|payment) )?(?:with|through|on|via|"
               r"at) paypal", r"paypal k[äa]uferschutz", r"k[äa]uferschutz",
               r"paypal[- ]?(?:fall|konflikt|streitfall|beschwerde)",
               r"(?:disputa|reclamaci[oó]n) (?:en|con|a trav[ée]s de) paypal", r"litige paypal",
               r"(?:litige|r[ée]clamation) (?:sur|aupr[èe]s de|via|chez) paypal", r"paypal"],
    "chargeback": [r"charge ?backs?", r"(?:disput\w*|revers\w*|contest\w*) (?:the |this |my )?(?:charge|"
                   r"payment|"
                   r"transaction)",
                   r"(?:my |the )?(?:bank|card|credit card|card company|card issuer)(?:'s)? (?:dispute|"
                   r"company|"
                   r"to (?:reverse|dispute|block))", r"(?:call|contact|ring|phone|talk to|"
                   r"speak to) my (?:bank|card|"
                   r"credit card)", r"disput\w* (?:it|this|them|the (?:charges?|payments?)) (?:with|through|"
                   r"via) (?:my |the )?(?:visa|mastercard|"
                   r"master card|amex|american express|discover|card|credit card|bank|card issuer)",
                   r"(?:my |the )(?:bank|card company|card issuer)\b[^.!?\n]{0,40}\bdisput\w*", r"contracargo", r"retrocargo", r"desconoc\w* (?:la compra|el cargo|el pago|"
                   r"la operaci[oó]n)", r"(?:r[üu]ckbuchung|lastschrift zur[üu]ck|"
                   r"zahlung zur[üu]ck(?:buchen|holen)|widerspruch bei (?:der|meiner) bank)",
                   r"(?:opposition|contestation) (?:bancaire|aupr[èe]s de ma banque|sur (?:ma|la) carte)",
                   r"faire opposition", r"(?:mi|el) banco"],
    "ebay_case": [r"ebay (?:case|claim|resolution|money back guarantee|guarantee)", r"(?:open(?:ed|ing)?|"
                  r"file[d]?|start"
                  r"(?:ed)?) a (?:case|claim)(?! with (?:paypal|amazon|"
                  r"my bank))", r"not (?:as described|received) (?:case|claim|"
                  r"return)", r"item not (?:as described|received) "
                  r"(?:case|claim)", r"(?:fall|konflikt|k[äa]uferschutzfall) (?:bei|auf) ebay",
                  r"(?:caso|reclamaci[oó]n) (?:en|de) ebay", r"(?:litige|dossier) (?:sur|ebay)",
                  r"(?:über|bei|auf) ebay (?:\w+ ){0,3}(?:fall|konflikt|kl[äa]rung)",
                  r"(?:cas|dossier|litige|r[ée]clamation) (?:sur|via|aupr[èe]s d'|chez) ebay"],
    "marketplace_complaint": [
        r"(?:report|reported|reporting|flag|flagged) (?:this|the|your|it|you)?(?: \w+){0,3} to (?:amazon|abebooks|etsy|ebay|biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion)",
        r"(?:take|taking|took) (?:the matter|this|it) (?:up )?with (?:amazon|abebooks|etsy|ebay|biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion)",
        r"(?:contact|contacted|ask|asked) (?:amazon|abebooks|etsy|ebay|biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion) (?:support|customer (?:service|support)|to step in)",
        r"(?:amazon|abebooks|etsy|ebay|biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion) (?:customer )?(?:support|customer service)\b",
        r"(?:opening|open|opened|file|filed|filing) (?:a |an )?(?:case|claim|complaint|dispute) (?:with|on|through) "
        r"(?:etsy|abebooks|discogs|rakuten|iberlibro|zvab|booklooker|biblio)",
        r"(?:abierto|abrir(?:[ée])?|abro|pondr[ée]|poner|presentar(?:[ée])?|presento) (?:una )?(?:incidencia|"
        r"reclamaci[oó]n|queja) (?:en|con|ante) (?:iberlibro|todocoleccion|abebooks|amazon)",
        r"beschwerde (?:bei|an) (?:booklooker|zvab|amazon|ebay|abebooks)|(?:booklooker|zvab|abebooks)"
        r"(?:-| )(?:support|kundenservice) (?:einschalten|kontaktieren|informieren)",
        r"(?:ouvrir|ouvrirai|ouvert|d[ée]poser|d[ée]poserai) (?:une )?(?:r[ée]clamation|litige) (?:aupr[èe]s de|"
        r"sur|chez) (?:rakuten|abebooks|amazon|ebay|leboncoin|vinted)",
        r"(?:je )?signale (?:le probl[èe]me |cela |ça )?(?:à|a) (?:rakuten|abebooks|amazon)|signal[ée] (?:le "
        r"probl[èe]me )?(?:à|a) (?:rakuten|abebooks|amazon)",
        r"(?:report|reporting|complain(?:ing)? about|flag) (?:you|this|your (?:shop|store|business)|"
        r"the seller) to "
        r"(?:amazon|abebooks|ebay|etsy|biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion)",
        r"(?:go|going|went) (?:straight )?to (?:amazon|abebooks|etsy|ebay)(?: with (?:it|this))?",
        r"(?:complain|complaint|contact|write|escalate)(?:ing)? (?:\w+ ){0,2}(?:to|with) (?:amazon|abebooks|"
        r"etsy|"
        r"biblio|discogs|rakuten|zvab|booklooker|iberlibro|todocoleccion)",
        r"(?:denunciar|reportar|queja|reclamar)(?:le)? (?:\w+ ){0,3}(?:a |en |ante )(?:amazon|iberlibro|"
        r"todocoleccion|abebooks)", r"(?:beschwerde|melden|melde) (?:\w+ ){0,3}(?:bei|an) (?:amazon|zvab|"
        r"ebay|"
        r"booklooker|abebooks)", r"(?:signaler|r[ée]clamation|plainte) (?:\w+ ){0,3}(?:à|a|aupr[èe]s de|"
        r"chez) "
        r"(?:amazon|rakuten|abebooks)"],
    "feedback": [
        r"(?:expect|get|receive) (?:the |my |some )?(?:\w+ )?feedback (?:to match|you deserve|accordingly)",
        # "I'll leave feedback on AbeBooks that reflects...", "putting it in a Google review": not a good one
        r"(?:will|'ll|shall|going to|be)(?: be)? (?:leave|leaving|give|giving|post|posting|put|putting|write|"
        r"writing) (?:you |a |an |my |the )?(?:(?!positive|good|great|glowing|five|5|excellent|nice|lovely|"
        r"happy)[\w-]+ ){0,3}(?:feedback|review|rating)\b",
        r"google[- ](?:review|bewertung|rezension)|trustpilot|avis google",
        r"(?:pondr[ée]|dejar[ée]|os he dejado|le he dejado|he dejado|pondremos) (?:en \w+ )?(?:la |una |mi )?"
        r"(?:opini[oó]n|valoraci[oó]n|rese[ñn]a|estrellas?)",
        r"(?:bekommen sie|gibt es|schreibe ich|hinterlasse ich)\b[^.\n]{0,40}(?:bewertung|\bstern)",
        r"cambi(?:o|ar[ée]) la valoraci[oó]n",
        r"(?:negative|bad|poor|terrible|awful|honest|scathing|1[- ]?star|one[- ]?star|low|zero[- ]star|"
        r"0[- ]star|"
        r"neutral) (?:feedback|review|rating)", r"(?:feedback|review|rating) (?:will|would|"
        r"is going to) (?:reflect|say)",
        r"(?:leave|leaving|give|giving|post|posting|write|writing) (?:you |a |an )?(?:\w+ )?(?:feedback|"
        r"review|"
        r"rating)(?= (?:unless|if|otherwise|accordingly)|[^.!?]{0,60}(?:unless|if (?:i|this|it|you)|"
        r"otherwise|or else))",
        r"(?:review|feedback|rating) accordingly", r"one star", r"1 star", r"\b1\*",
        r"(?:leave|leaving|left|post|posting|write|writing) (?:\w+ )?(?:feedback|a review|reviews?) "
        r"(?:describing|about (?:this|how|the way|my)|explaining|telling|warning|so (?:that )?others)",
        r"(?:valoraci[oó]n|opini[oó]n|rese[ñn]a|calificaci[oó]n|comentario) (?:negativa|mala|de una estrella|"
        r"de 1 estrella)", r"(?:mala|negativa) (?:valoraci[oó]n|opini[oó]n|rese[ñn]a|calificaci[oó]n)",
        r"(?:negative|schlechte|negativen|schlechten) (?:bewertung|rezension|beurteilung)", r"(?:ein|"
        r"1) stern",
        r"(?:avis|commentaire|[ée]valuation|note) (?:n[ée]gati(?:f|ve)|d[ée]favorable|salé|une [ée]toile|"
        r"1 [ée]toile)",
        r"(?:mauvais|n[ée]gatif) (?:avis|commentaire)", r"une [ée]toile"],
    "consumer_body": [r"\bbbb\b", r"better business bureau", r"trading standards", r"citizens'? advice",
                      r"consumer (?:protection|affairs|rights|council|agency|association|ombudsman|office|"
                      r"group)",
                      r"attorney general", r"\bftc\b", r"\bocu\b", r"\bfacua\b", r"\bsernac\b", r"\bprofeco\b",
                      r"\bomic\b", r"oficina (?:municipal )?de(?:l)? consum", r"(?:hoja de reclamaciones|"
                      r"consumo)",
                      r"verbraucherzentrale", r"verbraucherschutz", r"schlichtungsstelle", r"\bdgccrf\b",
                      r"60 millions", r"\bufc\b", r"que choisir", r"association de consommateurs",
                      r"m[ée]diateur (?:de la consommation)?", r"office de la protection du consommateur",
                      r"\bopc\b", r"konsumentenschutz", r"\bvki\b", r"frc\b"],
    "lawyer_court": [r"lawyers?", r"attorneys?(?! general)", r"solicitors?", r"legal (?:action|advice|steps|"
                     r"route)",
                     r"small[- ]claims", r"\bsue\b", r"suing", r"\bcourts?\b", r"take you to", r"litigat",
                     r"abogad[oa]s?", r"(?:acciones|v[ií]a) (?:legales|judicial)", r"demanda(?:r|ré)?\b",
                     r"juzgado", r"denuncia", r"(?:rechts)?anw[äa]lt(?:in)?", r"gericht", r"klage", r"mahnbescheid",
                     r"rechtliche schritte", r"avocat", r"tribunal", r"mise en demeure", r"poursuite",
                     r"(?:action|voie) (?:en )?justice", r"juridique"],
    "social_media": [r"facebook", r"twitter", r"instagram", r"tiktok", r"reddit", r"social media", r"\bx\.com",
                     r"youtube", r"redes sociales", r"soziale(?:n)? medien", r"r[ée]seaux sociaux", r"tell everyone",
                     r"(?:forum|group) (?:about|post)", r"post (?:about|on) (?:this|it)"],
}
# Said of an escalation in the past tense: it has been done.
FILED = [
    r"(?:i |we )?(?:have |'ve |had )?(?:already |now |just |today |also )?(?:opened|filed|started|submitted|"
    r"lodged|"
    r"raised|left|posted|written|reported|contacted|called|complained to|gone to|made)\b",
    r"(?:claim|case|dispute|chargeback|complaint) (?:is |has been |was )?(?:open|opened|filed|pending|"
    r"submitted)",
    r"(?:he|hemos|ya) (?:abierto|presentado|puesto|dejado|denunciado|contactado|escrito|iniciado|reclamado)",
    r"(?:habe|haben) (?:\S+ ){0,10}(?:er[öo]ffnet|eingereicht|abgegeben|hinterlassen|gemeldet|eingeleitet|"
    r"veranlasst|kontaktiert|eingeschaltet|beauftragt|geschrieben|gestellt|beantragt|ausgel[öo]st)",
    r"(?:wurde|ist) (?:bereits |schon )?(?:beantragt|er[öo]ffnet|eingereicht|eingeleitet)",
    r"(?:j'ai|nous avons|ai d[ée]j[àa]) (?:\w+ ){0,3}(?:ouvert|d[ée]pos[ée]|laiss[ée]|publi[ée]|signal[ée]|"
    r"contact[ée]|saisi|fait|port[ée]|envoy[ée]|transmis|lanc[ée])", r"(?:part|est parti|"
    r"a [ée]t[ée] envoy[ée]) (?:à|a) la",
]
# Said after the mention: "Meine Bank sagt, ich kann die Zahlung zurückholen, aber das möchte ich nicht".
RULED_OUT_AFTER = (r"^[^.!?\n]{0,80}(?:aber|but|pero|mais) (?:das |that |eso |cela |ça )?(?:m[öo]chte ich nicht|"
                   r"will ich nicht|i (?:don'?t|do not) (?:want|wish) to(?: do (?:that|it|so))?|i'?d rather not|"
                   r"no quiero(?: hacerlo)?|no lo quiero|je ne (?:veux|souhaite) pas(?: le faire)?)"
                   r"\s*(?:[.,;!\n]|$)")
RULED_OUT_ESCALATION = [
    r"(?:won'?t|will not|wouldn'?t|would never|will never|not going to|never going to|no intention (?:of|to)|"
    r"no plans? to|don'?t want to|do not want to|(?:i'?m|i am) not (?:the type|one) to|hate to|not trying to|"
    r"(?:would|'d) rather not|prefer not to) (?:\w+ ){0,3}"
    r"(?:leav|giv|post|writ|open|fil|start|rais|mak|do|go)",
    r"no (?:voy|pienso|quiero|vamos) a (?:poner|dejar|abrir|hacer|escribir|ir)",
    r"(?:will|m[öo]chte|werde) (?:\w+ ){0,3}(?:keine|nicht)", r"keine (?:negative |schlechte )?(?:bewertung|"
    r"beschwerde)", r"ne (?:vais|veux|compte|souhaite) pas", r"sans (?:vouloir )?(?:laisser|ouvrir)",
]

# -- what the order is ------------------------------------------------------------------------------------------
ITEM_WORDS: dict[str, list[str]] = {
    "record": [r"\brecords?\b", r"\blps?\b", r"\bvinyl\b", r"\balbums?\b(?! (?:of|for) (?:photos|stamps))",
               r"\bpressing\b", r"\b(?:7|12)[\"”]? ?(?:inch|"
               r"single)", r"\bschallplatten?\b", r"\bdisques?\b vinyle",
               r"\bvinilos?\b", r"\bdiscos?\b"],
    "cd": [r"\bcds?\b", r"\bcompact discs?\b", r"\bdiscs? \d\b", r"\bjewel ?cases?\b"],
    "game": [r"\bgames?\b(?! of)", r"\bcartridge\b", r"\bps[1-5]\b", r"\bnintendo\b", r"\bxbox\b", r"\bswitch game",
             r"\bn64\b|\bsnes\b|\bgame ?boy\b|\bsega\b|\bplaystation\b|\bcib\b",
             r"\bjuegos?\b", r"\bspiele?\b", r"\bjeux? vid[ée]o"],
    "boxset": [r"\bbox ?sets?\b", r"\bcoffrets?\b", r"\bschuber\b", r"\b\d-(?:disc|cd|lp) (?:box|set)\b",
               # "the tray inside the box snapped", not "pics of the box" or "the disc in the box was cracked"
               r"\btrays? (?:inside|in) the box\b"],
    "comic": [r"\bcomics?\b", r"\bgraphic novels?\b", r"\bbandes? dessin[ée]es?\b", r"\bbd\b", r"\bmangas?\b",
              r"\bc[oó]mics?\b", r"\btebeos?\b"],
    "yarn": [r"\byarns?\b", r"\bskeins?\b", r"\bwool\b", r"\bdye ?lots?\b", r"\bcolou?rways?\b", r"\bhanks?\b",
             r"\bovillos?\b", r"\bmadejas?\b", r"\bwolle\b", r"\bpelotes?\b", r"\blaine\b",
             r"\bkn[äa]uel\w*", r"\bstr(?:ä|ae)ng(?:e|en)\b", r"\bgarn(?:e|en)?\b", r"\b[ée]cheveaux?\b",
             r"\bfarbpartien?\b", r"\blotes? de tinte\b"],
    "pattern": [r"\bpatterns?\b", r"\bpatr[oó]n(?:es)?\b", r"\banleitung", r"\bpatrons?\b"],
    "map_or_print": [r"\b(?:the |this |a )?(?:map|print|engraving|lithograph|etching)s?\b(?! (?:at|"
                     r"in) the back)",
                     r"\bgrafik\b", r"\bstich\b", r"\bgravure\b", r"\bgrabado\b"],
    "book": [r"\bbooks?\b", r"\bcopy\b", r"\bedition\b", r"\bpaperback\b", r"\bhardcover\b", r"\bhardback\b",
             r"\bnovel\b", r"\blibros?\b", r"\bejemplar\b", r"\bedici[oó]n\b", r"\bb[üu]ch(?:er)?\b",
             r"\bexemplar\b", r"\bausgabe\b", r"\blivres?\b", r"\bexemplaire\b", r"\bouvrage\b", r"\btomes?\b",
             r"\bvolumes?\b", r"\bb[äa]nde?\b"],
}

# Moments that make a delay hurt: empathy names them.
OCCASIONS: dict[str, list[str]] = {
    "gift": [r"\b(?:gift|(?<!is )(?<!are )(?<!was )(?<!were )(?<!all )(?<!be )present(?! (?:in|and|as|at|on|with|"
             r"here|there|day|tense))|birthday|christmas|xmas|anniversary|wedding|hanukkah|mother'?s day|"
             r"father'?s day)\b",
             r"\b(?:regalo|cumplea[ñn]os|navidad|reyes)\b", r"\b(?:geschenk|geburtstag|weihnachten|"
             r"jubil[äa]um)\b",
             r"\b(?:cadeau|anniversaire|no[ëe]l)\b"],
    "study": [r"\b(?:class|course|exam|semester|term|lecture|seminar|thesis|dissertation|school|students?|"
              r"syllabus|reading list|book club meeting)\b", r"\b(?:clase|curso|examen|tesis|asignatura)\b",
              r"\b(?:kurs|pr[üu]fung|semester|seminar|vorlesung|examen|abschlussarbeit|schule)\b",
              r"\b(?:cours|examen|partiel|m[ée]moire|th[èé]se|semestre)\b"],
}

# The money asked back is the postage (paid for a faster service than came, combined shipping charged twice,
# a late parcel): refunding the order would answer something they did not ask.
POSTAGE_REFUND: list[str] = [
    r"(?:refund|reimburse|credit)(?:ed|ing)? (?:me |us )?(?:for )?(?:the |my |one of the (?:two )?)?"
    r"(?:extra |excess |additional |expedited |priority |express |overnight |duplicate |international )?"
    r"(?:postage|shipping|delivery)(?! address| news)",
    r"(?:the |my )(?:[$£€]?\d+(?:[.,]\d\d)?(?: ?(?:[$£€]|eur|usd|gbp|cad))? )?"
    r"(?:extra |excess |expedited |priority |express |tracked )?(?:postage|shipping|delivery)"
    r"(?: (?:charges?|costs?|fees?|upgrade|difference))? (?:refunded|back|reimbursed)",
    r"(?:refund|reimburse)(?:ed|ing)? (?:me |us )?the difference",
    r"(?:refund|reimbursement) (?:of|for) the difference in (?:the )?(?:postage|shipping|delivery)",
    r"difference between what i paid (?:for )?(?:the )?(?:postage|shipping|delivery)", r"difference (?:\w+ ){0,3}(?:refunded|"
    r"back)",
    r"at least the (?:shipping|postage)",
    r"(?:devolv|reembols|abon)\w* (?:\w+ ){0,3}(?:los )?gastos de env[ií]o",
    r"gastos de env[ií]o (?:\w+ ){0,4}(?:devol|reembols|abon)",
    r"(?:versandkosten|porto|versandgeb[üu]hr)(?:en)? (?:\w+ ){0,5}(?:zur[üu]ck(?:erstatt|zahl|geben|bekomm|"
    r"[üu]berweis)|erstatt|gutschreib)",
    r"(?:zur[üu]ck)?erstatt\w* (?:\w+ ){0,3}(?:die )?(?:versandkosten|porto)",
    r"rembours\w* (?:\w+ ){0,3}(?:les |des )?frais (?:de port|d'envoi|de livraison|d'exp[ée]dition)",
    r"frais (?:de port|d'envoi|de livraison) (?:\w+ ){0,4}rembours",
]
# The original postage named as part of the money owed ("Original postage £3.95", "120,00 EUR zuzüglich der
# ursprünglichen Versandkosten"): a refund after a return includes it.
ORIGINAL_POSTAGE = (r"(?:original|outbound|initial|first) (?:postage|shipping|delivery(?: charge| cost)?)\b|"
                    r"urspr[üu]nglichen? (?:versandkosten|porto)|(?:zuz[üu]glich|plus|inklusive|inkl\.?|samt) "
                    r"(?:der |den |des )?(?:\w+ )?(?:versandkosten|porto)|gastos de env[ií]o (?:originales|"
                    r"iniciales|de ida)|(?:m[aá]s|incluidos|incluyendo|con) (?:los )?gastos de env[ií]o|"
                    r"frais de port (?:initiaux|d'origine|de l'envoi|aller)|(?:plus|y compris|avec) (?:les )?frais "
                    r"de port|(?:plus|including|with) (?:the )?(?:postage|shipping)\b")
# ... for a faster or tracked service than the parcel went by ("I chose Special Delivery and paid £8.95").
PAID_SERVICE = (r"(?:chose|choose|selected|picked|booked|paid (?:\S+ ){0,5}?for|charged (?:\S+ ){0,3}?for|"
                r"ordered (?:it )?(?:by|with|via)|eleg[ií]|escog[ií]|pagu[eé] (?:\S+ ){0,4}?(?:por|el|un)|"
                r"gew[äa]hlt|bezahlt f[üu]r|choisi|pay[ée] (?:\S+ ){0,4}?(?:pour|le))\s(?:\w+ ){0,3}?"
                r"(?:special delivery|priority|express|expedited|tracked|first[- ]class|next[- ]day|signed[- ]for|"
                r"courier|overnight|registered|certificado|urgente|einschreiben|sendungsverfolgung|suivi|"
                r"recommand[ée]|chronopost|colissimo|dhl)")
# ... and it is the difference between two services, not the whole postage.
POSTAGE_DIFFERENCE = r"difference|diferencia|differenz|unterschied|diff[ée]rence"
# A refund of the whole order asked for beside it.
FULL_REFUND = (r"full refund|refund in full|full price|all (?:of )?my money|whole (?:amount|price|order)|"
               r"entire (?:amount|order|purchase)|refund (?:the|my) (?:order|purchase|book|item)|"
               r"vollen? (?:kaufpreis|betrag)|reembolso (?:total|completo|íntegro)|"
               r"remboursement (?:total|int[ée]gral)")

# "Could you send me an invoice for customs?", and what value the customs form gave.
INVOICE = [
    r"(?:send|e-?mail|provide|need|want|require|request|give|issue)(?: [\w']+){0,3}? (?:an? |the |"
    r"your )?(?:proper |"
    r"formal |commercial |vat |pro ?forma |copy of (?:the |an? )?)?(?:invoice|receipt)",
    r"(?:invoice|receipt) (?:for|showing|with|in my name)",
    r"(?:env[ií]e|enviar|mandar|mande|necesito|emitir|hacer)(?:me|nos)?(?: \w+){0,4}? (?:una |la )?factura",
    r"(?:schicken|senden|zusenden|ausstellen|brauche|ben[öo]tige|bekommen)(?: \w+){0,4}? (?:eine |die )?"
    r"(?:rechnung|quittung)", r"(?:eine |die )(?:rechnung|quittung)(?: \w+){0,4}? (?:schicken|senden|"
    r"zusenden|"
    r"ausstellen|zukommen)",
    r"(?:envoyer|m'envoyer|faire parvenir|[ée]tablir|besoin d'une?|fournir)(?: \w+){0,3}? (?:une |la )?"
    r"(?:facture|justificatif)",
]
DECLARED_VALUE = (r"(?:value|valor|wert|valeur)[^.?]{0,40}(?:declared|declarad|deklariert|angegeben|"
                  r"d[ée]clar)|"
                  r"(?:declared|declarad|deklariert|d[ée]clar)\w*[^.?]{0,20}(?:value|valor|wert|valeur)|"
                  r"customs (?:form|declaration)|formulario de aduana|zollerkl[äa]rung|cn ?2[23]\b|"
                  r"d[ée]claration (?:en )?douan")

# The shop promised something before ("you told me I'd have my refund within 5 days"): the letter owns it.
BROKEN_PROMISE = (r"you (?:told|promised|assured) me(?! to\b)|you (?:said|wrote) (?:on \w+ \d+ |"
                  r"on the \d+\w* )?(?:that )?"
                  r"(?:i'?d|i would|you'?d|you would|it would|the refund|a label)|as (?:you )?promised|"
                  r"(?:sie|du) (?:hatten|hattest) (?:mir )?(?:geschrieben|zugesagt|versprochen|gesagt)|"
                  r"in (?:ihrer|deiner) (?:mail|nachricht|e-mail) stand|"
                  r"me (?:dijo|dijeron|prometi[oó]|prometieron|escribi[oó]|asegur[oó]) que|"
                  r"vous m'aviez (?:[ée]crit|dit|promis|assur[ée])|vous m'avez (?:[ée]crit|dit|promis) que")
