"""Order facts: ids in real formats, exports with clear errors, notification mails, business-day windows."""

from __future__ import annotations

from datetime import date

import pytest

from calmdraft import message
from calmdraft.config import DEFAULT_SHIPPING_METHODS
from calmdraft.errors import OrderImportError
from calmdraft.orders import (
    OrderFacts,
    add_business_days,
    extract,
    lookup,
    market_key,
    marketplace_of,
    save_orders,
    window_for,
)
from calmdraft.orders.imports import read_orders
from calmdraft.orders.notices import parse_notice
from calmdraft.store import Store
from conftest import ROOT
from helpers import customer_mail

DATA = ROOT / "tests" / "data" / "orders"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Order 113-4827716-2290431 has not arrived", [("113-4827716-2290431", "amazon")]),
        ("(Order: 205-3318842-1100923)", [("205-3318842-1100923", "amazon")]),
        ("eBay order 12-12345-12345 please", [("12-12345-12345", "ebay")]),
        ("AbeBooks order #887766554", [("887766554", "abebooks/biblio")]),
        ("Bestellnummer: 4411223344", [("4411223344", "abebooks/biblio")]),
        ("pedido n.º 55667788", [("55667788", "abebooks/biblio")]),
        ("call me on 0161 496 0000 about 3 books", []),
        ("ISBN 9780141439518", []),
    ],
)
def test_order_ids(text, expected):
    assert [(r.order_id, r.marketplace) for r in extract(text)] == expected


def test_shop_pattern_and_relay_sender():
    assert [r.order_id for r in extract("my order EB-10442", r"EB-(\d{5,})")] == ["10442"]
    assert marketplace_of("x7y@marketplace.amazon.co.uk") == "amazon"
    assert marketplace_of("jane@example.net") is None


@pytest.mark.parametrize("recorded, key", [
    ("Amazon.co.uk", "amazon"), ("AMAZON_EU", "amazon"), ("amazon", "amazon"), ("eBay UK", "ebay"),
    ("AbeBooks", "abebooks"), ("IberLibro", "iberlibro"),
    ("abebooks/biblio", None),  # a guess between two marketplaces names neither
    ("shop", None), ("", None), (None, None), ("Shopify", None),
])
def test_the_marketplace_a_record_names_is_read_as_one_key(recorded, key):
    assert market_key(recorded) == key


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (date(2026, 3, 3), 8, date(2026, 3, 13)),  # Tue + 8 business days
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Fri + 1 -> Mon
        (date(2026, 3, 7), 2, date(2026, 3, 10)),  # shipped Sat: Mon, Tue
        (date(2026, 3, 6), 5, date(2026, 3, 13)),  # one full week
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days) == expected


def test_overdue_and_window_lookup():
    facts = OrderFacts(
        "1", ship_date=date(2026, 3, 3), method="Media Mail", window=(2, 8), today=date(2026, 3, 13)
    )
    assert facts.expected_by == date(2026, 3, 13) and not facts.overdue
    assert OrderFacts("1", ship_date=date(2026, 3, 3), window=(2, 8), today=date(2026, 3, 16)).overdue
    assert window_for("USPS Media Mail", DEFAULT_SHIPPING_METHODS) == (2, 8)
    assert window_for("royal mail 2nd class", DEFAULT_SHIPPING_METHODS) == (2, 3)
    assert window_for("carrier pigeon", DEFAULT_SHIPPING_METHODS) is None


def test_import_amazon_and_ebay_exports(tmp_path):
    fmt, rows = read_orders(DATA / "amazon.txt")
    assert fmt == "amazon" and len(rows) == 2
    assert rows[0]["order_date"] == "2026-03-01" and rows[0]["ship_date"] == "2026-03-03"
    assert rows[0]["method"] == "Standard" and "ship_date" not in rows[1]
    fmt, rows = read_orders(DATA / "ebay.csv")
    assert fmt == "ebay" and rows[0]["ship_date"] == "2026-03-06" and rows[0]["method"] == "USPS Media Mail"


def test_import_error_names_row_and_column(tmp_path):
    with pytest.raises(OrderImportError, match=r"row 3, column 'ship_date'.*next tuesday"):
        read_orders(DATA / "bad_date.csv")
    unknown = tmp_path / "x.csv"
    unknown.write_text("a,b\n1,2\n")
    with pytest.raises(OrderImportError, match="cannot tell the export format"):
        read_orders(unknown)


def test_lookup_from_store_by_id_and_by_buyer(tmp_path):
    db = Store(tmp_path / "s.db")
    _, rows = read_orders(DATA / "ebay.csv")
    save_orders(db, rows, "test")
    inbound = message.parse(customer_mail("Still waiting", "Where is order 20-11842-66310?"))
    facts = lookup(db, inbound, None, DEFAULT_SHIPPING_METHODS, today=date(2026, 3, 10))
    assert facts and facts.method == "USPS Media Mail" and facts.window == (2, 8) and facts.tracking
    by_buyer = message.parse(
        customer_mail("Still waiting", "Where is my atlas?", sender="Sandra <sandra.whitfield@example.com>")
    )
    assert lookup(db, by_buyer, None, DEFAULT_SHIPPING_METHODS).order_id == "20-11842-66310"  # type: ignore[union-attr]
    db.close()


AMAZON_SOLD = """From: Amazon Seller Central <seller-notification@amazon.com>
To: books@example-books.test
Subject: Sold, ship now: 113-4827716-2290431 The Secret History
Date: Sun, 01 Mar 2026 10:14:00 +0000
Message-ID: <sold-1@amazon.com>
Content-Type: text/plain; charset=utf-8

Congratulations, you have sold an item on Amazon.

Order ID: 113-4827716-2290431
Item: The Secret History (hardback)
Condition: Used - Very Good
Quantity: 1
Order date: 01/03/2026
Ship by: Mar 3, 2026
Shipping service: Standard
Ship to: Margaret Ellis
"""

ABEBOOKS_PO = """From: AbeBooks <orders@abebooks.com>
To: books@example-books.test
Subject: AbeBooks Purchase Order 887766554
Date: Mon, 02 Mar 2026 08:00:00 +0000
Message-ID: <po-1@abebooks.com>
Content-Type: text/plain; charset=utf-8

A customer has purchased the following item.

Purchase Order #: 887766554
Title: Middlemarch, Everyman 1930
Buyer: Tomasz Nowak
Order Date: 2026-03-02
Shipping Method: Standard Shipping
"""


def test_notification_mails_become_orders():
    amazon = parse_notice(message.parse(AMAZON_SOLD.encode()))  # type: ignore[arg-type]
    assert amazon is not None
    assert (amazon.order_id, amazon.marketplace, amazon.buyer) == (
        "113-4827716-2290431",
        "amazon",
        "Margaret Ellis",
    )
    assert amazon.title == "The Secret History (hardback)" and amazon.ship_by == date(2026, 3, 3)
    abe = parse_notice(message.parse(ABEBOOKS_PO.encode()))  # type: ignore[arg-type]
    assert abe is not None and abe.order_id == "887766554" and abe.marketplace == "abebooks"
    assert abe.order_date == date(2026, 3, 2) and abe.title == "Middlemarch, Everyman 1930"
    assert (
        parse_notice(message.parse(customer_mail("Where is my order", "Order ID: 113-4827716-2290431")))
        is None
    )  # type: ignore[arg-type]


def test_look_alike_notifications_from_customers_are_not_orders():
    for sender in ("library@example.org", "x7y@marketplace.amazon.com"):
        raw = AMAZON_SOLD.replace("Amazon Seller Central <seller-notification@amazon.com>", sender)
        raw = raw.replace("Sold, ship now:", "Purchase order 4471223 - wrong book, Sold, ship now:")
        assert parse_notice(message.parse(raw.encode())) is None  # type: ignore[arg-type]


def test_custom_format_from_config(tmp_path):
    from calmdraft.config import parse

    account = {"name": "s", "address": "s@example.com", "shop_name": "S", "maildir": {"path": str(tmp_path)}}
    cfg = parse({"accounts": [account], "orders": {"formats": {"myshop": {
        "order_id": "Order No", "title": "Book", "ship_date": "Posted", "method": "Service"}}}})
    export = tmp_path / "shop.csv"
    export.write_text("Order No,Book,Posted,Service\nEB-1,Middlemarch,03/03/2026,Royal Mail 2nd Class\n")
    fmt, rows = read_orders(export, "auto", cfg.order_formats)
    assert fmt == "myshop"
    assert rows == [{"order_id": "EB-1", "title": "Middlemarch", "ship_date": "2026-03-03",
                     "method": "Royal Mail 2nd Class", "marketplace": "myshop"}]
