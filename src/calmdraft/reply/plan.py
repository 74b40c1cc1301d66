"""The letter's plan: which problem it names, what it apologises for, what it does and what it offers,
decided here once for every language, so the templates only word it.

The rules a draft must never break live here, where one test suite can check them: no remedy the customer
ruled out, no question for what they gave, the item called what it is, nothing promised beyond the shop's
policy, a refund the customer asked for and the policy allows granted plainly, the shop speaking as itself.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from calmdraft.config import Policy
from calmdraft.orders import OrderFacts, add_business_days, market_key
from calmdraft.reply import details
from calmdraft.reply.understand import Escalation, Understanding

# The problem the letter names first, most specific first.
PRIMARY = ("wrong_item", "part_missing", "condition_not_as_described", "damaged_in_transit", "charged_twice",
           "refund_not_received", "delivered_not_received", "customs_or_returning", "tracking_stalled",
           "not_shipped", "not_arrived", "arrived_late", "cancel_request", "return_how", "address_problem")
LONG_WAIT_DAYS = 14
ITEM_PROBLEMS = ("wrong_item", "part_missing", "damaged_in_transit", "condition_not_as_described")
DELIVERY = ("delivered_not_received", "customs_or_returning", "tracking_stalled", "not_shipped",
            "not_arrived")
# The most serious escalation is the one the letter answers.
SERIOUSNESS = ("chargeback", "a_to_z", "paypal", "ebay_case", "lawyer_court", "consumer_body",
               "marketplace_complaint", "social_media", "feedback")
_LONG_WAIT = re.compile(r"fortnight|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                        r"eighteen|"
                        r"nineteen|twenty|thirty|1\d|[2-9]\d) (?:business |working )?days|(?:\d+|two|"
                        r"three|four|five|six|seven|eight|several|zwei|drei|vier|f[üu]nf|sechs|dos|tres|"
                        r"cuatro|cinco|seis|deux|trois|quatre|cinq|six) (?:weeks?|wochen|semanas|semaines)|"
                        r"months?|monate?|mes(?:es)?|mois|over a week|über eine woche", re.IGNORECASE)
def _long_wait(u: Understanding) -> bool:
    """Two weeks or more since they ordered, by the date they give or the wait they name."""
    if u.days_waiting is not None and u.days_waiting >= LONG_WAIT_DAYS:
        return True
    return bool(u.waited and _LONG_WAIT.search(u.waited))


@dataclass
class Step:
    """One thing the letter does or offers, worded by ``templates/<lang>/steps/<key>.j2``."""

    key: str
    vars: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    """Everything the templates need to write this letter."""

    primary: str | None
    problems: list[str]
    apologise_slow: bool
    apologise_service: str | None  # "reply" or "call"
    irate: bool
    steps: list[Step]
    escalation: Escalation | None
    item: dict[str, Any]
    defects: list[str]
    missing: list[str]
    volume: str | None
    waited: str | None
    long_wait: bool
    occasion: str | None
    refund_to: str  # "amazon", "ebay", "etsy", "paypal", "original"
    market: str | None  # a key of orders.MARKETPLACES: the marketplace the order was placed on
    policy: dict[str, Any]
    facts: OrderFacts | None
    order_ref: str | None
    wrong_what: str | None
    amount: dict[str, Any] | None
    deadline: str | None = None  # the day the customer needs it by, where the letter acts today


def _market(u: Understanding, facts: OrderFacts | None) -> str | None:
    """The marketplace of this order: the relay the mail came through, else the shop's record of it."""
    return market_key(u.marketplace) or market_key(facts.marketplace if facts else None)


def _refund_channel(u: Understanding, market: str | None) -> str:
    if market in ("amazon", "ebay", "etsy"):
        return market
    if any(e.channel == "paypal" for e in u.escalations):
        return "paypal"
    return "original"


def _price(facts: OrderFacts | None, policy: Policy) -> tuple[float | None, str]:
    """The order's price, from the shop's own records only: a refund never quotes a figure from the mail."""
    if facts and facts.price:
        return facts.price, facts.currency or policy.currency
    return None, policy.currency


def _money(value: float | None, currency: str) -> dict[str, Any] | None:
    return None if value is None else {"value": value, "currency": currency}


def _currency(written: str, shop: str) -> str:
    """The currency of an amount from the mail: a bare "$" to a Canadian or Australian shop is theirs."""
    if not written or (written == "USD" and shop in ("CAD", "AUD", "NZD")):
        return shop
    return written


def _written(u: Understanding, written: str, policy: Policy) -> dict[str, Any] | None:
    """An amount of the mail, as written ("7,95"), with the currency written beside it."""
    cur = next((c for a, c in u.amounts if a == written), "")
    return _money(details.amount_value(written), _currency(cur, policy.currency))


def _named_amount(u: Understanding, policy: Policy) -> dict[str, Any] | None:
    """The one amount the customer names (a duplicate charge, a partial refund they propose), if one."""
    if len({a for a, _ in u.amounts}) != 1:
        return None
    return _written(u, u.amounts[0][0], policy)


def _amount_values(u: Understanding) -> list[tuple[float, str]]:
    """The amounts of the mail as numbers, with the currency written beside each."""
    read = ((details.amount_value(a), cur) for a, cur in u.amounts)
    return [(v, cur) for v, cur in read if v is not None]


def _itemised_total(u: Understanding, money: dict[str, Any] | None) -> dict[str, Any] | None:
    """A total the customer adds up from parts, one of them the recorded price ("£53.14: £45.00 for the
    book, £3.95 postage and £4.19 for the return"): the sum checks out, so the letter may quote it."""
    if money is None or len(u.amounts) < 3:
        return None
    values = _amount_values(u)
    if len({v for v, _ in values}) != len(values):
        return None  # "$45.00 ... you took $45.00 twice, $90.00": not a sum of separate parts
    for i, (total, cur) in enumerate(values):
        parts = [v for j, (v, _) in enumerate(values) if j != i]
        if abs(sum(parts) - total) < 0.005 and any(abs(v - money["value"]) < 0.005 for v in parts):
            return _money(total, _currency(cur, money["currency"]))
    return None


def _doubled(u: Understanding, policy: Policy) -> dict[str, Any] | None:
    """The charge taken twice when the customer names it and the double: "said $13.85, charged $27.70"."""
    values = sorted({v for v, _ in _amount_values(u) if v})
    if len(values) == 2 and abs(values[1] - 2 * values[0]) < 0.005:
        return _money(values[0], _currency(u.amounts[0][1], policy.currency))
    return None


_NOT_A_NAME = re.compile(r"^(?:the|a|an|le|la|les|l'|der|die|das|el|los|las|il|lo|un|une|ein|eine)\b|"
                         r"[\d(\[:]", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b1[5-9]\d\d\b|\b20\d\d\b|edition|[ée]dition|edici[oó]n|ausgabe|verlag|press\b|"
                        r"publish|dargaud|gallimard|penguin|unwin", re.IGNORECASE)


def _author_first(head: str, rest: str) -> bool:
    """A catalogue line that starts with the author: "Roald Dahl, Fantastic Mr Fox, Allen & Unwin 1970",
    "Goscinny & Uderzo, Astérix chez les Belges (Dargaud, 1979)"; not "Dune, Frank Herbert"."""
    words = head.replace("&", " ").replace(" et ", " ").replace(" and ", " ").split()
    if not 1 <= len(words) <= 5 or _NOT_A_NAME.search(head) or not all(w[:1].isupper() for w in words):
        return False
    after = rest.partition(", ")[0].split(" (")[0]
    return len(words) >= 2 and not details.is_author(after) and bool(_PUBLISHED.search(rest))


def _item(u: Understanding, facts: OrderFacts | None, primary: str | None = None) -> dict[str, Any]:
    kind = (facts.item_kind if facts and facts.item_kind else None) or u.item_kind
    if kind == "books" and primary in ("wrong_item", "damaged_in_transit", "condition_not_as_described"):
        kind = "book"  # one wrong or damaged book among several: the letter speaks of that one
    title = None
    if facts and facts.title:
        title = facts.title
    elif u.titles:
        title = u.titles[0]
    if title:
        # "The Oregon Trail (Modern Library Classics), Francis Parkman, hardcover" -> "The Oregon Trail";
        # "Louis Bromfield, Malabar Farm (Harper & Brothers, 1948)" -> "Malabar Farm" (author first).
        head, sep, rest = title.partition(", ")
        if sep and rest[:1].isupper() and (details.is_author(head) or _author_first(head, rest)):
            title = rest
        # The title the customer writes, when the record has it: "« Astérix chez les Belges »".
        recorded = (facts.title or "").lower() if facts else ""
        quoted = next((t for t in u.titles if recorded and t.lower() in recorded), None)
        title = quoted or title
        # "Christa Wolf: Der geteilte Himmel. Halle, Mitteldeutscher Verlag 1963": author, title, place.
        author, sep, rest = title.partition(": ")
        if sep and rest[:1].isupper() and details.is_author(author):
            title = re.sub(r"\.\s+[A-ZÄÖÜ][\w-]+(?=,|$)", "", rest, count=1)
        title = re.split(r"\s+(?:\(|\[|[-–]\s|/\s)|,\s", title)[0].strip(" \"'“”«»") or None
        if title and re.search(r"\.\s.*(?:\b1[5-9]\d\d\b|\b20\d\d\b|verlag|editorial|[ée]ditions)", title,
                               re.IGNORECASE):
            title = title.split(". ")[0]  # "Kassandra. Erzählung. Aufbau-Verlag 1983": the first part
        if title and len(title) > 70:
            title = None
    plural = kind == "books" and not title  # "your books"; a mixed order is "your order", one thing
    # Only the shop's record says which title was ordered; a title quoted in the mail may be what came.
    ordered = title if facts and facts.title else None
    return {"kind": kind if kind != "unknown" else "order", "title": title, "plural": plural,
            "ordered_title": ordered}


def build(u: Understanding, labels: tuple[str, ...], facts: OrderFacts | None, policy: Policy,
          today: date | None = None) -> Plan:
    """Decide the letter for one message."""
    today = today or date.today()
    problems = [s for s in PRIMARY if s in u.situations]
    if "refund_not_received" in problems:
        # The refund is what is missing now: the item's old trouble and its journey are history.
        history = (*ITEM_PROBLEMS, *DELIVERY, "refund_not_received", "return_how")
        problems = ["refund_not_received"] + [p for p in problems if p not in history]
    if not problems and "shipping_delay" in labels and not u.arrived:
        problems = ["not_arrived"]
    primary = problems[0] if problems else None
    if "cancel_request" in problems and not (_long_wait(u) or u.wrote_before or "irate" in labels
                                             or any(p in ITEM_PROBLEMS for p in problems)):
        primary = "cancel_request"  # a change of mind, not a complaint: no apology for a wait
    price, currency = _price(facts, policy)
    keep_below = price is not None and price < policy.refund_without_return_below
    market = _market(u, facts)
    refund_to = _refund_channel(u, market)
    steps: list[Step] = []
    money = _money(price, currency)

    def refund_step(reason: str, with_return: bool) -> Step:
        return Step("refund", {"amount": money, "with_return": with_return, "reason": reason,
                               "keep": not with_return and reason in ITEM_PROBLEMS})

    item_problem = next((p for p in problems if p in ITEM_PROBLEMS), None)
    if item_problem:
        steps += _item_remedy(item_problem, u, policy, keep_below, money, refund_step)
        if item_problem == "damaged_in_transit" and u.carrier:
            # "Do I need to report it to DHL?": the sender makes the claim, not the customer.
            steps.append(Step("transit_claim", {"carrier": u.carrier}))
    delivery = next((p for p in problems if p in DELIVERY), None)
    # "If it hasn't gone out yet, cancel it; if it has, that's fine": once it has left, no money is asked.
    shipped = bool(facts and facts.ship_date)
    money_wanted = (u.wants("refund") or u.wants("cancel")) and not (
        u.cancel_if_unshipped and shipped and not (facts and facts.overdue)) and not (
        # "Refund the second debit; and have the albums left yet?": the money asked for is the duplicate's.
        "charged_twice" in problems and not u.wants("cancel"))
    if delivery and not item_problem:
        steps += _delivery(delivery, u, facts, policy, today, refund_step, "irate" in labels, money_wanted)
    postage = u.postage_refund and "charged_twice" not in problems and not u.refuses("partial_refund")
    if postage and not item_problem:
        # The postage back (a slower service than paid for, a late parcel): that, not the order.
        steps = [st for st in steps if st.key not in ("refund", "late_options", "wait_until")]
        # The one amount named is what they paid for postage: quoted only when all of it goes back.
        difference = u.postage_refund == "difference"
        steps.append(Step("postage_refund", {"amount": None if difference else _named_amount(u, policy),
                                             "difference": difference, "service": u.paid_service}))
    if u.invoice or (u.declared_value and "customs_or_returning" in problems):
        at = next((i + 1 for i, st in enumerate(steps) if st.key in ("shipped", "customs")), 0)
        steps.insert(at, Step("invoice", {"declared": u.declared_value}))
        if "customs_or_returning" in problems and not u.returning:
            # What customs asked for is the answer: not "tell me if customs asks for anything", not a wait,
            # not a replacement for a parcel that is about to be released.
            # A fee they ask about is answered too, but not beside the invoice they need to pay it with.
            keep_fee = u.customs_fee and not u.invoice
            dropped = ("wait_until", "late_options") + (() if keep_fee else ("customs",))
            # "And if they send it back, what happens to my money?": that question is still answered.
            later = [Step("customs", {**st.vars, "fee": False, "after_invoice": True}) for st in steps
                     if st.key == "customs" and not keep_fee and st.vars.get("refund")]
            steps = [st for st in steps if st.key not in dropped]
            at = next(i + 1 for i, st in enumerate(steps) if st.key == "invoice")
            steps[at:at] = later
    if "arrived_late" in problems and not item_problem and not delivery and not postage:
        if u.wants("refund") or u.wants("return"):
            steps.append(Step("return_steps", {"fault": False, "changed_mind": u.changed_mind}))
            steps.append(refund_step("late", with_return=True))
    # A figure from the mail is quoted only where the shop's record allows it: never above the price.
    named = _named_amount(u, policy)
    if named and money and named["value"] > money["value"]:
        named = money  # "I paid 44,90" against a recorded price of 38,00: the rest is the postage
    itemised = _itemised_total(u, money)
    if "charged_twice" in problems:
        # The double charge is what the letter is about when it comes first: answered first.
        steps.insert(0 if primary == "charged_twice" else len(steps),
                     Step("duplicate_charge", {"amount": named or _doubled(u, policy)}))
    if "refund_not_received" in problems:
        fault = bool(u.defects or set(ITEM_PROBLEMS) & set(u.situations))
        # A faulty item is refunded with its postage: the recorded price alone is not the whole refund.
        # A smaller figure the customer names is part of it ("the 6,90 € postage too?"): the refund is whole.
        owed: dict[str, Any] | None
        if itemised:
            owed = itemised  # "£53.14: £45.00 for the book, £3.95 postage and £4.19 for the return"
        elif u.postage_figure:
            owed = money  # "and the 6,90 € postage, is that included?": not the refund's figure
        elif money and (named is None or named["value"] < money["value"]):
            owed = money
        else:
            owed = named
        at_price = bool(owed and money and abs(owed["value"] - money["value"]) < 0.005)
        # The original postage goes back with a returned item's price when it was at fault or the customer
        # counts it in ("Original postage £3.95"): a refund after a withdrawal includes the outbound postage.
        with_postage = (at_price and (fault or u.postage_figure or u.postage_owed)) or (
            u.postage_figure and owed is None)
        if u.short_postage is not None:
            # The refund came without its postage: that, and only that, is what is owed now.
            owed, with_postage = _written(u, u.short_postage, policy) if u.short_postage else None, False
        steps.append(Step("refund_status", {"amount": owed, "postage": with_postage,
                                            "rest": u.short_postage is not None}))
    if "cancel_request" in problems and not u.refuses("cancel") and not (
            u.returning and "customs_or_returning" in problems):  # on its way back: refunded once it is here
        if shipped and facts is not None and facts.overdue and u.cancel_if_unshipped and not (
                u.arrived or item_problem or delivery):
            # "Has it gone out? If not, cancel it": it left weeks ago and is overdue, so it is lost, not
            # too late to stop.
            steps += _delivery("not_arrived", u, facts, policy, today, refund_step, "irate" in labels,
                               u.wants("refund") or u.wants("cancel"))
        elif "charged_twice" in problems and not shipped:
            # "Cancel the second order and give me back its 23,40": the duplicate goes, the first stays.
            for step in steps:
                if step.key == "duplicate_charge":
                    step.vars["cancel"] = True
        else:
            steps.append(Step("cancel", {"shipped": shipped, "amount": money,
                                         "conditional": u.cancel_if_unshipped,
                                         "dated": any(st.key == "shipped" for st in steps)}))
            if shipped and u.cancel_if_unshipped:
                # "If it's already on its way, fine, I'll wait": it has left, so that is the answer, next to
                # day it left, and no guess at a late parcel.
                cancel = steps.pop()
                steps = [st for st in steps if not (st.key == "wait_until" and st.vars.get("estimated"))]
                at = next((i + 1 for i, st in enumerate(steps) if st.key == "shipped"), 0)
                steps.insert(at, cancel)
            already = any(s.key in ("return_steps", "return_label_for_wrong", "item_options") for s in steps)
            if shipped and not item_problem and not already:  # too late to stop: how to send it back
                steps.append(Step("return_steps", {"fault": False, "changed_mind": True,
                                                   "unwanted": u.cancel_if_unshipped}))
                steps.append(refund_step("return", with_return=True))
    labelled = any(s.key in ("return_steps", "return_label_for_wrong") for s in steps)
    # The customer keeps it (a partial refund, a refund without return): nothing to send back.
    kept = any(s.key == "partial_refund" or (s.key in ("refund", "or_refund") and s.vars.get("keep"))
               for s in steps)
    cancelled = next((s for s in steps if s.key == "cancel" and not s.vars.get("shipped")), None)
    if "return_how" in problems and not labelled and cancelled is not None and u.cancel_if_unshipped:
        # "Cancel it before it leaves; if it has gone, tell me how to return it": cancelled, and the return
        # only for the case it has already left, for the customer's own reasons, refunded once it is back.
        steps.append(Step("return_steps", {"fault": False, "changed_mind": True, "if_sent": True}))
    elif "return_how" in problems and not labelled and not kept:
        fault = bool(item_problem or u.defects)
        # A return with nothing wrong with the item or its delivery is for the customer's own reasons ("I've
        # since been given a copy"), said or not: the shop's postage rule for that case applies.
        own_reasons = u.changed_mind or not (fault or set(problems) - {"return_how", "earlier_unanswered"})
        steps.append(Step("return_steps", {"fault": fault, "changed_mind": own_reasons}))
        # A return for a replacement, or with the refund already offered, needs no second refund sentence.
        if not any(s.key in ("refund", "or_refund", "replacement", "send_missing") for s in steps):
            steps.append(refund_step("return", with_return=True))
    if "address_problem" in problems and "delivered_not_received" not in problems:
        # Delivered to the old address: a parcel to trace, not an address to change.
        # Coming back for a short address: the new one is where the second sending goes.
        returning = u.returning and "customs_or_returning" in problems
        steps.append(Step("address", {"shipped": shipped, "to": u.new_address, "returning": returning}))
    if not steps and "refund_request" in labels and u.wants("refund"):
        steps.append(refund_step("request", with_return=not keep_below))
        if not keep_below:
            steps.insert(0, Step("return_steps", {"fault": False, "changed_mind": u.changed_mind}))
    if not steps:
        steps.append(Step("general", {}))
    threats = [e for e in u.threats]
    threats.sort(key=lambda e: (e.state != "filed", SERIOUSNESS.index(e.channel)))
    escalation = threats[0] if threats and ("threat" in labels or threats[0].state == "filed") else None
    if escalation is not None and escalation.state == "filed" and escalation.channel in (
            "paypal", "chargeback", "a_to_z", "ebay_case"):
        # A refund must not be paid twice: where a dispute is open, the money goes back through it.
        for step in steps:
            if step.key in ("refund", "partial_refund", "duplicate_charge", "cancel"):
                step.vars["via"] = escalation.channel
    service = None
    if "service_complaint" in u.situations:
        service = "call" if u.service_call else "reply"
    return Plan(
        primary=primary, problems=problems, apologise_slow=u.wrote_before, apologise_service=service,
        irate="irate" in labels, steps=_dedupe(steps), escalation=escalation, item=_item(u, facts, primary),
        defects=list(u.defects), missing=list(u.missing), volume=u.volume, waited=u.waited,
        long_wait=_long_wait(u), occasion=u.occasion, deadline=u.deadline if _sends_today(steps) else None,
        refund_to=refund_to, market=market, policy=asdict(policy), facts=facts,
        order_ref=(facts.order_id if facts else None) or (u.order_refs[0] if u.order_refs else None),
        wrong_what=u.wrong_what, amount=_named_amount(u, policy) if primary == "charged_twice" else money,
    )


def _item_remedy(problem: str, u: Understanding, policy: Policy, keep_below: bool,
                 money: dict[str, Any] | None, refund_step: Any) -> list[Step]:
    """What a wrong, incomplete, damaged or misdescribed item gets, under the shop's policy and the customer's
    wishes: what they asked for when the policy allows it, else the choices the policy gives."""
    replace_ok = policy.replacement != "no" and not u.refuses("replacement")
    # "I'm not asking for a refund" rules out a partial one too, unless that is what they ask for.
    partial_ok = policy.condition_remedy in ("full_or_partial", "partial_refund") and not u.refuses(
        "partial_refund") and (not u.refuses("refund") or u.wants("partial_refund"))
    full_ok = policy.condition_remedy != "partial_refund" and not u.refuses("refund")
    no_return = keep_below or policy.condition_remedy == "full_refund_no_return" or u.refuses("return")
    steps: list[Step] = []
    # The missing part of this order is the shop's to send, whatever its rule on replacement copies.
    send_ok = not u.refuses("replacement")
    remedies = set(u.asks) - {"information"}
    if problem == "part_missing" and send_ok and not (u.wants("refund") and full_ok) and (
            u.wants("replacement") or not remedies or policy.replacement == "yes"):
        steps.append(Step("send_missing", {"sure": policy.replacement == "yes", "lot": u.dye_lot}))
        if policy.replacement != "yes" and full_ok:
            # Not found, and the rest not going back: the missing part's share, not the whole set's price.
            steps.append(Step("or_refund", {"amount": money, "part": u.refuses("return")}))
        return steps
    # The right copy of a wrong item is the one the shop listed, usually still on its shelf: unique stock
    # rules out a second copy of a damaged book, not the one that should have gone out.
    # "If you've got the right copy there I'd happily swap": for a wrong item, an exchange is the right copy.
    wants_right_copy = u.wants("replacement") or (problem == "wrong_item" and u.wants("exchange"))
    if wants_right_copy and (replace_ok or (problem == "wrong_item" and not u.refuses("replacement"))):
        steps.append(Step("replacement", {"sure": policy.replacement == "yes", "problem": problem,
                                          "no_refund": u.refuses("refund") or not full_ok, "lot": u.dye_lot}))
        if not no_return:
            steps.append(Step("return_label_for_wrong", {}))
        return steps  # checking stock says what happens if there is none: the refund, unless ruled out
    if u.wants("partial_refund") or (u.wants("keep_item") and partial_ok):
        if partial_ok:
            percent = policy.partial_refund_percent or u.share or 0  # the shop's share, or "half is fair"
            amount = _partial(u, policy, money)
            if not percent and amount is None and policy.partial_refund_suggest:
                # Case by case and no figure named: a figure for the shop to confirm, not a question back.
                percent = policy.partial_refund_suggest
                amount = _share(_paid_price(u, policy, money), percent)
            steps.append(Step("partial_refund", {"percent": percent, "amount": amount}))
            return steps
    if u.wants("refund") and full_ok:
        if not no_return:
            steps.append(Step("return_steps", {"fault": True}))
        steps.append(refund_step(problem, with_return=not no_return))
        return steps
    # Nothing asked (or nothing the policy allows as asked): the choices the policy gives, none refused.
    options = []
    if full_ok:
        options.append("refund")
    if partial_ok and problem != "wrong_item" and not u.refuses("keep_item"):
        options.append("partial")
    if replace_ok and problem in ("wrong_item", "damaged_in_transit", "part_missing"):
        options.append("replacement")
    steps.append(Step("item_options", {"options": options, "no_return": no_return,
                                       "percent": (policy.partial_refund_percent
                                                   or policy.partial_refund_suggest),
                                       "sure_replacement": policy.replacement == "yes", "amount": money}))
    return steps


def _share(money: dict[str, Any] | None, percent: int) -> dict[str, Any] | None:
    if money is None:
        return None
    share = Decimal(str(money["value"])) * percent / 100
    return _money(float(share.quantize(Decimal("0.01"), ROUND_HALF_UP)), money["currency"])


def _partial(u: Understanding, policy: Policy, money: dict[str, Any] | None) -> dict[str, Any] | None:
    if policy.partial_refund_percent:
        # The shop's fixed share, as a figure when the record gives the price: "25% of the price ($9.63)".
        return _share(money, policy.partial_refund_percent)
    price = _paid_price(u, policy, money)
    if u.share:
        # "I paid 28 € ... half would be fair": their share of the price, as a figure when the price is known
        # (another amount in the mail, "C$45 to post it back", is not the price).
        return _share(price, u.share)
    # Case by case: the amount the customer proposed, when they named exactly one and it is not the price.
    named = _named_amount(u, policy)
    if named and named == price:
        return None  # "I paid $22 for what was described": the price, not what they propose back
    if named is None and not u.postage_refund:
        # "Für 16,50 € ist das so nicht ok ... ich dachte so an 6–7 €": the one figure proposed, below the
        # price.
        proposed = {v for v in (details.amount_value(a) for a in u.proposed) if v is not None}
        others = [v for v, _ in _amount_values(u) if v not in proposed]
        # Below the price; with no price known, below every other figure in the mail.
        if len(proposed) == 1 and (min(proposed) < price["value"] if price else all(
                min(proposed) < v for v in others)):
            return _written(u, u.proposed[0], policy)
    return named if named and (money is None or named["value"] < money["value"]) else None


def _paid_price(u: Understanding, policy: Policy, money: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the item cost: the shop's record, else the one amount the customer says they paid."""
    if money is not None:
        return money
    paid = {details.amount_value(a) for a in u.paid}
    named = _named_amount(u, policy)
    return named if named and len(paid) == 1 and named["value"] in paid else None


def _delivery(problem: str, u: Understanding, facts: OrderFacts | None, policy: Policy, today: date,
              refund_step: Any, irate: bool, money_wanted: bool) -> list[Step]:
    steps: list[Step] = []
    shipped = facts is not None and facts.ship_date is not None
    overdue = bool(facts and facts.overdue)
    if shipped and facts is not None:
        # Scanned as delivered, it came in time as far as the carrier knows: lateness is not what went wrong.
        steps.append(Step("shipped", {"overdue": overdue and problem != "delivered_not_received",
                                      "untracked": not facts.tracking and bool(
                                          _UNTRACKED.search(facts.method or ""))}))
    if problem == "customs_or_returning":
        money_back = money_wanted and not u.wants("replacement")
        steps.append(Step("customs", {"returning": u.returning, "fee": u.customs_fee, "refund": money_back,
                                      "refuse": u.refusing or money_back,
                                      "resend_only": u.refuses("refund") or u.refuses("cancel"),
                                      "to": u.new_address}))
        if u.returning or u.customs_fee or money_back:
            # On its way back: sent again once here, or refunded, as they choose.  Held for a fee: the fee is
            # not the shop's, and a parcel refused comes back and is refunded.  Held and the money asked for:
            # refunded if customs send it back, not while it may still be released.
            return steps
    if problem in ("tracking_stalled", "delivered_not_received"):
        # The shop asks the carrier: a search for a parcel that stopped moving, proof of delivery for one
        # marked delivered.
        steps.append(Step("carrier_claim", {"carrier": details.carrier(facts.method if facts and facts.method
                                                                       else "", ) or u.carrier,
                                            "delivered": problem == "delivered_not_received"}))
    if problem == "delivered_not_received" and not u.checked_around:
        steps.append(Step("delivered_check", {}))
    if problem == "not_shipped" and not shipped:
        if not (money_wanted or "cancel_request" in u.situations):
            steps.append(Step("dispatch_now", {}))
        if money_wanted:
            steps.append(refund_step("cancel", with_return=False))
        return steps
    # When is it late enough to act?  The record says so; without one, a customer who has waited weeks,
    # written before or is angry is past waiting.
    late = overdue or (not shipped and (_long_wait(u) or u.wrote_before or irate
                                        or problem in ("delivered_not_received", "customs_or_returning")))
    if shipped and not overdue and facts is not None and facts.expected_by and problem not in (
            "delivered_not_received", "customs_or_returning"):
        steps.append(Step("wait_until", {"date": facts.expected_by, "remedy": policy.late_remedy}))
        return steps
    if money_wanted:
        steps.append(refund_step("lost", with_return=False))
        if not late:
            steps[-1].vars["if_arrives"] = True
    elif u.wants("replacement") and policy.replacement != "no":
        steps.append(Step("replacement", {"sure": policy.replacement == "yes", "problem": problem}))
    elif late and not (u.if_lost and problem in ("tracking_stalled", "delivered_not_received")):
        steps.append(Step("late_options", {"remedy": policy.late_remedy,
                                           "replacement": policy.replacement != "no"}))
    else:
        until = add_business_days(today, 5)
        # While the carrier searches for a parcel that stopped moving, the answer to wait for is theirs.
        search = problem in ("tracking_stalled", "delivered_not_received")
        steps.append(Step("wait_until", {"date": until, "remedy": policy.late_remedy, "estimated": True,
                                         "search": search}))
    if u.another_copy and (money_wanted or policy.replacement == "no"):
        # "Or refund me? A second copy you won't have, I suppose?": both asked, both answered; and a second
        # copy the shop never has is said plainly.
        steps.append(Step("second_copy", {"none": policy.replacement == "no",
                                          "sure": policy.replacement == "yes"}))
    return steps


# Letter services with no tracking: "where is my tracking number?" has an answer, not a search.
_UNTRACKED = re.compile(r"b[üu]chersendung|warensendung|gro(?:ß|ss)brief|maxibrief|large letter|"
                        r"royal mail (?:1st|2nd|first|second) class|lettre verte|ecopli|lettre prioritaire|"
                        r"carta ordinaria|libros? ordinari", re.IGNORECASE)


def _sends_today(steps: list[Step]) -> bool:
    """The letter sends something today that helps meet the day they need it by: "I know you need this by
    Friday" beside a refund, a cancellation or a parcel that already came would be beside the point."""
    return any(s.key in ("replacement", "dispatch_now", "send_missing", "invoice") for s in steps)


def _dedupe(steps: list[Step]) -> list[Step]:
    if any(s.key == "refund_status" for s in steps):
        # "You said you'd reverse the second charge, my card still shows both": one refund, the late one.
        steps = [s for s in steps if s.key != "duplicate_charge"]
    if any(s.key == "duplicate_charge" for s in steps):
        # Charged twice: the duplicate is what goes back, not the whole order as well.
        steps = [s for s in steps if not (s.key == "refund" and s.vars.get("reason") in ("lost", "cancel",
                                                                                       "request"))]
    if any(s.key == "cancel" and not s.vars.get("shipped") for s in steps):
        # Cancelling refunds the order: one sentence says both.
        steps = [s for s in steps if not (s.key == "refund" and s.vars.get("reason") in ("lost", "cancel"))]
    seen: set[str] = set()
    out = []
    for s in steps:
        if s.key in seen and s.key not in ("refund",):
            continue
        if s.key == "refund" and "refund" in seen:
            continue
        seen.add(s.key)
        out.append(s)
    return out
