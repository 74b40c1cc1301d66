"""``calmdraft orders``: import marketplace order exports, mark orders shipped, list what is known."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from calmdraft.config import Config
from calmdraft.errors import OrderImportError
from calmdraft.orders import parse_date, save_orders
from calmdraft.store import Store

# Column names per export format -> calmdraft field.  "auto" picks the format whose id column is present.
FORMATS: dict[str, dict[str, str]] = {
    "amazon": {"order-id": "order_id", "purchase-date": "order_date", "buyer-email": "buyer_email",
               "buyer-name": "buyer", "product-name": "title", "ship-service-level": "method",
               "promise-date": "ship_by", "ship-date": "ship_date", "tracking-number": "tracking",
               "carrier-name": "carrier"},
    "ebay": {"Order Number": "order_id", "Sale Date": "order_date", "Buyer Email": "buyer_email",
             "Buyer Name": "buyer", "Item Title": "title", "Shipping Service": "method",
             "Shipped On Date": "ship_date", "Tracking Number": "tracking", "Ship By Date": "ship_by"},
    "abebooks": {"PO #": "order_id", "Order Date": "order_date", "Buyer Email": "buyer_email",
                 "Buyer Name": "buyer", "Title": "title", "Shipping Method": "method",
                 "Shipped Date": "ship_date", "Tracking Number": "tracking"},
    "biblio": {"Order ID": "order_id", "Order Date": "order_date", "Customer Email": "buyer_email",
               "Customer Name": "buyer", "Title": "title", "Ship Method": "method", "Ship Date": "ship_date",
               "Tracking": "tracking"},
    "generic": {"order_id": "order_id", "order_date": "order_date", "buyer_email": "buyer_email",
                "buyer": "buyer", "title": "title", "method": "method", "ship_date": "ship_date",
                "tracking": "tracking", "ship_by": "ship_by", "marketplace": "marketplace"},
}
DATE_FIELDS = ("order_date", "ship_date", "ship_by")
def read_orders(path: Path, fmt: str = "auto", extra: dict[str, dict[str, str]] | None = None,
                ) -> tuple[str, list[dict[str, str]]]:
    """Parse an export into order dicts; raise OrderImportError naming the row and column of any problem.

    ``extra`` holds the formats from [orders.formats] in the config (column name -> field).
    """
    formats = {**FORMATS, **(extra or {})}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OrderImportError(f"cannot read {path}: {exc}") from None
    dialect = ("excel-tab" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",")
               else "excel")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = reader.fieldnames or []
    if fmt == "auto":
        fmt = next((name for name, cols in formats.items()
                    if next(k for k, v in cols.items() if v == "order_id") in header), "")
        if not fmt:
            raise OrderImportError(f"{path}: cannot tell the export format from its header {header[:6]}",
                                   hint="pass --format NAME, or describe the columns in [orders.formats]")
    if fmt not in formats:
        raise OrderImportError(f"unknown format {fmt!r}", hint=f"known: {', '.join(formats)}")
    mapping = formats[fmt]
    id_col = next(k for k, v in mapping.items() if v == "order_id")
    if id_col not in header:
        raise OrderImportError(f"{path}: column {id_col!r} is missing for format {fmt}",
                               hint=f"the header has: {', '.join(header[:12])}")
    orders = []
    for n, row in enumerate(reader, start=2):
        order: dict[str, str] = {}
        for col, field_name in mapping.items():
            value = (row.get(col) or "").strip()
            if not value:
                continue
            if field_name in DATE_FIELDS:
                try:
                    value = parse_date(value).isoformat()
                except ValueError as exc:
                    raise OrderImportError(f"{path}: row {n}, column {col!r}: {exc}") from None
            order[field_name] = value
        if not order.get("order_id"):
            raise OrderImportError(f"{path}: row {n}, column {id_col!r}: the order id is empty")
        order.setdefault("marketplace", fmt if fmt != "generic" else "")
        orders.append(order)
    return fmt, orders


def orders_command(config: Config, args: argparse.Namespace, out: Callable[[str], None]) -> int:
    db = Store(config.state_path)
    try:
        if args.orders_command == "import":
            fmt, orders = read_orders(Path(args.file), args.csv_format, config.order_formats)
            save_orders(db, orders, f"import:{Path(args.file).name}")
            out(f"imported {len(orders)} order(s) from {args.file} (format {fmt})")
        elif args.orders_command == "mark-shipped":
            try:
                when = parse_date(args.date) if args.date else date.today()
            except ValueError as exc:
                raise OrderImportError(f"--date: {exc}") from None
            save_orders(db, [{"order_id": args.order_id, "ship_date": when.isoformat(), "method": args.method,
                              "tracking": args.tracking or ""}], "mark-shipped")
            out(f"order {args.order_id}: shipped {when.isoformat()} by {args.method}"
                + (f", tracking {args.tracking}" if args.tracking else ""))
        else:
            for row in db.query("SELECT order_id, marketplace, title, order_date, ship_date, method, "
                                "tracking FROM orders ORDER BY updated_at DESC LIMIT ?", (args.limit,)):
                out("  ".join(str(v) if v else "-" for v in row))
    finally:
        db.close()
    return 0
