"""Read the TOML configuration into frozen dataclasses, reporting every problem at once.

Secrets are never read from the file: ``password_env`` names an environment variable and ``password_command``
a command whose first output line is the password (the convention of mbsync, aerc and msmtp).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calmdraft.errors import ConfigError, SecretError

T = TypeVar("T")
N = TypeVar("N", int, float)

MIN_MESSAGE_BYTES = 64 * 1024
DEFAULT_STATE_PATH = "~/.local/state/calmdraft/state.db"
SECURITY_MODES = ("tls", "starttls", "none")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}

# Business days from ship date to arrival: (fastest, slowest).  Editable in [shipping.methods].
DEFAULT_SHIPPING_METHODS: dict[str, tuple[int, int]] = {
    "Media Mail": (2, 8),
    "First Class": (1, 5),
    "Priority Mail": (1, 3),
    "Priority Mail Express": (1, 2),
    "Ground Advantage": (2, 5),
    "Royal Mail 1st Class": (1, 2),
    "Royal Mail 2nd Class": (2, 3),
    "Royal Mail Tracked 48": (2, 3),
    "International Economy": (30, 40),
    "International Standard": (10, 20),
    "Expedited": (2, 5),
    "Standard": (4, 14),
}


@dataclass(frozen=True)
class Secret:
    """Where a secret comes from; the value is fetched only when needed and never stored or shown."""

    env: str | None = None
    command: str | None = None

    def reveal(self) -> str:
        """Return the secret, reading the environment variable or running the command."""
        if self.env:
            value = os.environ.get(self.env)
            if not value:
                raise SecretError(
                    f"environment variable {self.env} is not set or empty",
                    hint=f"export {self.env}=... before starting calmdraft (or use password_command)",
                )
            return value
        if self.command:
            program = shlex.split(self.command)[:1] or [""]
            try:
                out = subprocess.run(shlex.split(self.command), capture_output=True, text=True, timeout=30,
                                     errors="replace")
            except FileNotFoundError:
                raise SecretError(f"password command {program[0]!r} was not found",
                                  hint="check password_command (give the full path if it is not on PATH)"
                                  ) from None
            except subprocess.TimeoutExpired:
                raise SecretError(f"password command {program[0]!r} did not finish within 30 s",
                                  hint="a command that asks for a passphrase needs an agent (gpg-agent, "
                                       "a keyring) when calmdraft runs unattended") from None
            except (OSError, subprocess.SubprocessError) as exc:
                raise SecretError(f"password command {program[0]!r} could not run: "
                                  f"{getattr(exc, 'strerror', None) or type(exc).__name__}") from None
            if out.returncode != 0:
                # stderr is what the user needs ("gpg: decryption failed: No secret key"); stdout may hold
                # the secret, so it is never shown, and any line of it that stderr repeats is masked.
                said = _redact(out.stderr, out.stdout).strip().splitlines()[-3:]
                raise SecretError(
                    f"password command {program[0]!r} failed with exit status {out.returncode}"
                    + (": " + " / ".join(ln.strip() for ln in said)[:400] if said else ""),
                    hint="run the command yourself to check that it prints the secret on its first line")
            line = out.stdout.splitlines()[0] if out.stdout else ""
            if not line:
                raise SecretError("password command printed nothing")
            return line
        raise SecretError("no secret source configured")

    def problem(self) -> str | None:
        """Why this secret could not be read now, found without reading it (for `check-config`)."""
        if self.env:
            return None if os.environ.get(self.env) else f"environment variable {self.env} is unset or empty"
        if self.command:
            program = (shlex.split(self.command) or [""])[0]
            if not shutil.which(program):
                return f"password command {program!r} is not an executable on PATH"
        return None

    def __repr__(self) -> str:
        return f"Secret(env={self.env!r}, command={'<set>' if self.command else None})"


def _redact(text: str, secret_output: str) -> str:
    """``text`` with every line of ``secret_output`` (a command's stdout) masked."""
    for line in secret_output.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "***")
    return text


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: str
    username: str
    password: Secret | None
    oauth2_token: Secret | None
    ca_file: str | None
    folder: str
    drafts_folder: str | None
    timeout: float
    idle: bool


@dataclass(frozen=True)
class MaildirSettings:
    path: Path
    folder: str


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    username: str | None
    password: Secret | None
    ca_file: str | None
    timeout: float


@dataclass(frozen=True)
class Alerts:
    """Opt-in mail to the owner: an alert per threat and a daily digest."""

    to: str | None = None
    threat: bool = False
    digest: bool = False
    digest_hour: int = 8


@dataclass(frozen=True)
class Acknowledge:
    """Opt-in automatic acknowledgements, off unless ``labels`` names at least one label."""

    labels: tuple[str, ...] = ()
    reply_within_hours: int = 24
    period_days: int = 7
    allow_marketplace: bool = False


@dataclass(frozen=True)
class Account:
    name: str
    address: str
    shop_name: str
    aliases: tuple[str, ...]
    signer: str
    order_pattern: str | None
    imap: ImapSettings | None
    maildir: MaildirSettings | None
    smtp: SmtpSettings | None = None
    alerts: Alerts = field(default_factory=Alerts)
    ack: Acknowledge = field(default_factory=Acknowledge)
    timezone: str | None = None             # IANA name for dates in drafts; None: the machine's zone

    @property
    def own_addresses(self) -> frozenset[str]:
        return frozenset(a.lower() for a in (self.address, *self.aliases))


@dataclass(frozen=True)
class Policy:
    """The shop's rules, as the drafts state and apply them (config.example.toml documents every key)."""

    return_window_days: int = 30
    refund_without_return_below: float = 15.0
    late_remedy: str = "replacement_or_refund"
    currency: str = "USD"
    return_postage: str = "shop_if_fault"   # who pays to send an item back: shop_if_fault, shop, customer
    return_label: str = "email"             # email (a prepaid label), customer_sends, marketplace
    return_address: str = ""
    refund_days: int = 2                    # business days from the return arriving to the refund
    refund_from: str = "arrival"            # when those days start: arrival, carrier_scan
    condition_remedy: str = "full_or_partial"
    partial_refund_percent: int = 0         # 0: the amount is agreed case by case
    partial_refund_suggest: int = 20        # case by case: the share proposed when the customer names none
    replacement: str = "if_in_stock"        # yes, if_in_stock, no


RETURN_POSTAGE = ("shop_if_fault", "shop", "customer")
RETURN_LABEL = ("email", "customer_sends", "marketplace")
CONDITION_REMEDY = ("full_or_partial", "full_refund", "full_refund_no_return", "partial_refund",
                    "full_refund_or_replacement")
REPLACEMENT = ("yes", "if_in_stock", "no")
REFUND_FROM = ("arrival", "carrier_scan")
POLICY_KEYS = {f.name for f in fields(Policy)}


@dataclass(frozen=True)
class Config:
    accounts: tuple[Account, ...]
    state_path: Path
    poll_interval: int = 60
    initial_lookback_hours: int = 24
    max_message_bytes: int = 25 * 1024 * 1024
    draft_unlabelled: bool = False
    model_path: Path | None = None
    templates_dir: Path | None = None
    tag_prefix: str = "calmdraft"
    threat_flag: str = "\\Flagged"
    html_drafts: bool = False
    policy: Policy = field(default_factory=Policy)
    shipping_methods: dict[str, tuple[int, int]] = field(
        default_factory=lambda: dict(DEFAULT_SHIPPING_METHODS))
    order_formats: dict[str, dict[str, str]] = field(default_factory=dict)
    source: Path | None = None


class _Reader:
    """Pull typed values out of nested TOML tables, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(self, table: dict[str, Any], key: str, where: str, kind: type[T], default: T | None = None,
            required: bool = False) -> T | None:
        if key not in table:
            if required:
                self.problems.append(f"{where}{key}: missing (required)")
            return default
        value = table[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            self.problems.append(f"{where}{key}: expected {kind.__name__}, got {type(value).__name__}")
            return default
        return value  # type: ignore[no-any-return]

    def number(self, table: dict[str, Any], key: str, where: str, kind: type[N], default: N,
               low: float | None = None, high: float | None = None, why: str = "") -> N:
        """A number within [low, high]; a value outside is reported with its key, never replaced silently."""
        value = self.get(table, key, where, kind, default)
        if value is None:
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (f"between {low:g} and {high:g}" if low is not None and high is not None
                      else f"at least {low:g}" if low is not None else f"at most {high:g}")
            self.problems.append(f"{where}{key}: {value!r} is out of range; it must be {bounds}"
                                 + (f" ({why})" if why else ""))
            return default
        return value

    def check(self, cond: bool, message: str) -> None:
        if not cond:
            self.problems.append(message)

    def unknown(self, table: dict[str, Any], known: set[str], where: str) -> None:
        for key in sorted(set(table) - known):
            self.problems.append(f"{where}{key}: unknown key (see config.example.toml for the valid ones)")


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _secret(r: _Reader, t: dict[str, Any], where: str, env_key: str, cmd_key: str) -> Secret | None:
    env = r.get(t, env_key, where, str)
    cmd = r.get(t, cmd_key, where, str)
    if "password" in t:
        r.problems.append(f"{where}password: plain-text passwords are not accepted in the config file; "
                          f"use {env_key} (an environment variable name) or {cmd_key}")
    if env and cmd:
        r.problems.append(f"{where}{env_key}/{cmd_key}: set only one of them")
    if env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
        r.problems.append(f"{where}{env_key}: {env!r} is not a valid environment variable name")
    if env or cmd:
        return Secret(env=env, command=cmd)
    return None


IMAP_KEYS = {"host", "port", "security", "username", "password_env", "password_command",
             "oauth2_token_command", "ca_file", "folder", "drafts_folder", "timeout", "idle", "password"}


def _endpoint(r: _Reader, t: dict[str, Any], where: str, default_security: str,
              ports: tuple[int, int]) -> tuple[str, str, int, str | None]:
    """Host, security, port (default: ports[0] for "tls", else ports[1]) and CA file of a server section."""
    host = r.get(t, "host", where, str, "", required=True) or ""
    security = r.get(t, "security", where, str, default_security) or default_security
    r.check(security in SECURITY_MODES, f"{where}security: must be one of {', '.join(SECURITY_MODES)}")
    if security == "none" and host and not _is_loopback(host):
        r.problems.append(f"{where}security: \"none\" sends your password in clear text and is only "
                          f"allowed for loopback hosts (127.0.0.1, ::1, localhost); use \"tls\" or "
                          f"\"starttls\" for {host}")
    port = r.number(t, "port", where, int, ports[0] if security == "tls" else ports[1], 1, 65535)
    ca_file = r.get(t, "ca_file", where, str)
    if ca_file and not Path(ca_file).expanduser().is_file():
        r.problems.append(f"{where}ca_file: {ca_file} does not exist")
    return host, security, port, str(Path(ca_file).expanduser()) if ca_file else None


def _imap(r: _Reader, t: dict[str, Any], where: str) -> ImapSettings:
    r.unknown(t, IMAP_KEYS, where)
    host, security, port, ca_file = _endpoint(r, t, where, "tls", (993, 143))
    password = _secret(r, t, where, "password_env", "password_command")
    token_cmd = r.get(t, "oauth2_token_command", where, str)
    oauth = Secret(command=token_cmd) if token_cmd else None
    if password is None and oauth is None:
        r.problems.append(f"{where}password_env: no credentials; set password_env, password_command "
                          f"or oauth2_token_command")
    timeout = r.number(t, "timeout", where, float, 30.0, 1, 3600,
                       "seconds before a silent server counts as down")
    return ImapSettings(
        host=host, port=port, security=security,
        username=r.get(t, "username", where, str, "", required=True) or "",
        password=password, oauth2_token=oauth, ca_file=ca_file,
        folder=r.get(t, "folder", where, str, "INBOX") or "INBOX",
        drafts_folder=r.get(t, "drafts_folder", where, str),
        timeout=timeout, idle=bool(r.get(t, "idle", where, bool, True)),
    )


SMTP_KEYS = {"host", "port", "security", "username", "password_env", "password_command", "ca_file", "timeout",
             "password"}


def _smtp(r: _Reader, t: dict[str, Any], where: str) -> SmtpSettings:
    r.unknown(t, SMTP_KEYS, where)
    host, security, port, ca_file = _endpoint(r, t, where, "starttls", (465, 587))
    username = r.get(t, "username", where, str)
    password = _secret(r, t, where, "password_env", "password_command")
    if (username is None) != (password is None):
        r.problems.append(f"{where}username: give both username and password_env/password_command, "
                          f"or neither (for a relay that needs no login)")
    return SmtpSettings(host=host, port=port, security=security, username=username,
                        password=password, ca_file=ca_file,
                        timeout=r.number(t, "timeout", where, float, 30.0, 1, 3600))


def _alerts(r: _Reader, t: dict[str, Any], where: str) -> Alerts:
    r.unknown(t, {"to", "threat", "digest", "digest_hour"}, where)
    a = Alerts(to=r.get(t, "to", where, str), threat=bool(r.get(t, "threat", where, bool, False)),
               digest=bool(r.get(t, "digest", where, bool, False)),
               digest_hour=r.number(t, "digest_hour", where, int, 8, 0, 23))
    if (a.threat or a.digest) and not a.to:
        r.problems.append(f"{where}to: alerts are on but no recipient address is set")
    return a


def _ack(r: _Reader, t: dict[str, Any], where: str) -> Acknowledge:
    from calmdraft import LABELS

    r.unknown(t, {"labels", "reply_within_hours", "period_days", "allow_marketplace"}, where)
    labels = tuple(str(x) for x in (r.get(t, "labels", where, list, []) or []))
    for label in labels:
        r.check(label in LABELS, f"{where}labels: unknown label {label!r} (use {', '.join(LABELS)})")
    return Acknowledge(labels=labels,
                       reply_within_hours=r.number(t, "reply_within_hours", where, int, 24, 1, 24 * 14),
                       period_days=r.number(t, "period_days", where, int, 7, 1, 365),
                       allow_marketplace=bool(r.get(t, "allow_marketplace", where, bool, False)))


ACCOUNT_KEYS = {"name", "address", "shop_name", "aliases", "signer", "order_pattern", "imap", "maildir",
                "smtp", "alerts", "ack", "timezone"}


def _account(r: _Reader, t: dict[str, Any], index: int, base: Path) -> Account:
    where = f"accounts[{index}]."
    r.unknown(t, ACCOUNT_KEYS, where)
    name = r.get(t, "name", where, str, f"account{index}", required=True) or f"account{index}"
    address = r.get(t, "address", where, str, "", required=True) or ""
    if address and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
        r.problems.append(f"{where}address: {address!r} does not look like an e-mail address")
    shop = r.get(t, "shop_name", where, str, "", required=True) or ""
    aliases = r.get(t, "aliases", where, list, []) or []
    pattern = r.get(t, "order_pattern", where, str)
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            r.problems.append(f"{where}order_pattern: not a valid regular expression ({exc})")
    imap = maildir = None
    if "imap" in t and isinstance(t["imap"], dict):
        imap = _imap(r, t["imap"], f"{where}imap.")
    if "maildir" in t and isinstance(t["maildir"], dict):
        md = t["maildir"]
        r.unknown(md, {"path", "folder"}, f"{where}maildir.")
        p = r.get(md, "path", f"{where}maildir.", str, "", required=True) or ""
        maildir = MaildirSettings(path=(base / Path(p).expanduser()).resolve(),
                                  folder=r.get(md, "folder", f"{where}maildir.", str, "INBOX") or "INBOX")
    r.check((imap is None) != (maildir is None), f"{where}imap: give exactly one of [accounts.imap] or "
                                                  f"[accounts.maildir]")
    smtp = _smtp(r, t["smtp"], f"{where}smtp.") if isinstance(t.get("smtp"), dict) else None
    alerts = _alerts(r, t["alerts"], f"{where}alerts.") if isinstance(t.get("alerts"), dict) else Alerts()
    ack = _ack(r, t["ack"], f"{where}ack.") if isinstance(t.get("ack"), dict) else Acknowledge()
    zone = r.get(t, "timezone", where, str) or None
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            r.problems.append(f"{where}timezone: {zone!r} is not a time zone name (use one like "
                              f"\"America/New_York\" or \"Europe/Berlin\")")
            zone = None
    if (alerts.threat or alerts.digest or ack.labels) and smtp is None:
        r.problems.append(f"{where}smtp: alerts or acknowledgements are on but [accounts.smtp] is missing")
    return Account(name=name, address=address, shop_name=shop,
                   aliases=tuple(str(a) for a in aliases),
                   signer=r.get(t, "signer", where, str, "") or shop,
                   order_pattern=pattern, imap=imap, maildir=maildir, smtp=smtp, alerts=alerts, ack=ack,
                   timezone=zone)


TOP_KEYS = {"accounts", "state", "poll_interval", "initial_lookback_hours", "max_message_bytes",
            "classifier", "templates", "tags", "policy", "shipping", "orders", "drafts"}
ORDER_FIELDS = {"order_id", "marketplace", "title", "buyer", "buyer_email", "order_date", "ship_by",
                "ship_date", "method", "tracking", "price", "currency", "item_kind"}


def parse(data: dict[str, Any], source: Path | None = None) -> Config:
    """Build a Config from parsed TOML; raise ConfigError listing every problem found."""
    r = _Reader()
    base = source.parent if source else Path.cwd()
    r.unknown(data, TOP_KEYS, "")
    raw_accounts = r.get(data, "accounts", "", list, [], required=True) or []
    r.check(bool(raw_accounts) or "accounts" not in data, "accounts: at least one [[accounts]] is needed")
    for i, a in enumerate(raw_accounts):
        if not isinstance(a, dict):
            r.problems.append(f"accounts[{i}]: expected an [[accounts]] table, got {type(a).__name__} "
                              f"{a!r:.40}")
    accounts = [_account(r, a, i, base) for i, a in enumerate(raw_accounts) if isinstance(a, dict)]
    names = [a.name for a in accounts]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        r.problems.append(f"accounts: the name {dup!r} is used twice; names must be unique")
    state = _table(r, data, "state", {"path"})
    cls = _table(r, data, "classifier", {"model", "draft_unlabelled"})
    tpl = _table(r, data, "templates", {"dir"})
    tags = _table(r, data, "tags", {"prefix", "threat_flag"})
    drafts = _table(r, data, "drafts", {"html"})
    pol = _table(r, data, "policy", POLICY_KEYS)
    ship = _table(r, data, "shipping", {"methods"})
    methods = dict(DEFAULT_SHIPPING_METHODS)
    for mname, window in (r.get(ship, "methods", "shipping.", dict, {}) or {}).items():
        if (isinstance(window, list) and len(window) == 2 and all(isinstance(x, int) for x in window)
                and 0 <= window[0] <= window[1]):
            methods[str(mname)] = (window[0], window[1])
        else:
            r.problems.append(f"shipping.methods.{mname}: expected [min_days, max_days] business days")
    remedy = r.get(pol, "late_remedy", "policy.", str, "replacement_or_refund") or "replacement_or_refund"
    r.check(remedy in ("replacement_or_refund", "refund", "replacement"),
            "policy.late_remedy: must be \"replacement_or_refund\", \"refund\" or \"replacement\"")
    poll = r.number(data, "poll_interval", "", int, 60, 5, 86400, "seconds between polls")
    prefix = r.get(tags, "prefix", "tags.", str, "calmdraft") or "calmdraft"
    r.check(re.fullmatch(r"[A-Za-z0-9_.$-]+", prefix) is not None,
            "tags.prefix: only letters, digits and _ . $ - are allowed in IMAP keywords")
    model = r.get(cls, "model", "classifier.", str)
    tdir = r.get(tpl, "dir", "templates.", str)
    if tdir and not (base / Path(tdir).expanduser()).is_dir():
        r.problems.append(f"templates.dir: {tdir} is not a directory")
    orders = _table(r, data, "orders", {"formats"})
    formats: dict[str, dict[str, str]] = {}
    for fname, mapping in (r.get(orders, "formats", "orders.", dict, {}) or {}).items():
        where = f"orders.formats.{fname}."
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            r.problems.append(f"orders.formats.{fname}: expected field = \"Column name\" pairs")
            continue
        for key in sorted(set(mapping) - ORDER_FIELDS):
            r.problems.append(f"{where}{key}: unknown field (known: {', '.join(sorted(ORDER_FIELDS))})")
        if "order_id" not in mapping:
            r.problems.append(f"{where}order_id: missing (required: the column holding the order id)")
        formats[str(fname)] = {str(col): str(fld) for fld, col in mapping.items()}
    lookback = r.number(data, "initial_lookback_hours", "", int, 24, 0, 24 * 365)
    max_bytes = r.number(data, "max_message_bytes", "", int, 25 * 1024 * 1024, MIN_MESSAGE_BYTES, None,
                         "smaller limits would skip ordinary customer mail")
    window = r.number(pol, "return_window_days", "policy.", int, 30, 0, 3650)
    refund_days = r.number(pol, "refund_days", "policy.", int, 2, 0, 60)
    partial = r.number(pol, "partial_refund_percent", "policy.", int, 0, 0, 90)
    suggest = r.number(pol, "partial_refund_suggest", "policy.", int, 20, 0, 90)
    choices = {}
    for key, allowed, default in (("return_postage", RETURN_POSTAGE, "shop_if_fault"),
                                  ("return_label", RETURN_LABEL, "email"),
                                  ("condition_remedy", CONDITION_REMEDY, "full_or_partial"),
                                  ("replacement", REPLACEMENT, "if_in_stock"),
                                  ("refund_from", REFUND_FROM, "arrival")):
        value = r.get(pol, key, "policy.", str, default) or default
        r.check(value in allowed, f"policy.{key}: {value!r} is not one of {', '.join(allowed)}")
        choices[key] = value if value in allowed else default
    below = r.number(pol, "refund_without_return_below", "policy.", float, 15.0, 0, None)
    if r.problems:
        raise ConfigError(f"{source or 'config'} has {len(r.problems)} problem(s)", r.problems,
                          hint="see config.example.toml for every key with an explanation")
    return Config(
        accounts=tuple(accounts),
        # Relative paths mean "beside the config file", as for maildir, model and templates: a systemd run
        # (working directory /) and a shell run must share one state database.
        state_path=base / Path(r.get(state, "path", "state.", str, DEFAULT_STATE_PATH) or DEFAULT_STATE_PATH
                               ).expanduser(),
        poll_interval=poll,
        initial_lookback_hours=lookback,
        max_message_bytes=max_bytes,
        draft_unlabelled=bool(r.get(cls, "draft_unlabelled", "classifier.", bool, False)),
        model_path=(base / Path(model).expanduser()) if model else None,
        templates_dir=(base / Path(tdir).expanduser()) if tdir else None,
        tag_prefix=prefix,
        threat_flag=r.get(tags, "threat_flag", "tags.", str, "\\Flagged") or "",
        html_drafts=bool(r.get(drafts, "html", "drafts.", bool, False)),
        policy=Policy(
            return_window_days=window,
            refund_without_return_below=below,
            late_remedy=remedy,
            currency=r.get(pol, "currency", "policy.", str, "USD") or "USD",
            return_postage=choices["return_postage"],
            return_label=choices["return_label"],
            return_address=(r.get(pol, "return_address", "policy.", str, "") or "").strip(),
            refund_days=refund_days,
            refund_from=choices["refund_from"],
            condition_remedy=choices["condition_remedy"],
            partial_refund_percent=partial,
            partial_refund_suggest=suggest,
            replacement=choices["replacement"],
        ),
        shipping_methods=methods,
        order_formats=formats,
        source=source,
    )


def _table(r: _Reader, data: dict[str, Any], name: str, known: set[str]) -> dict[str, Any]:
    t = r.get(data, name, "", dict, {}) or {}
    r.unknown(t, known, f"{name}.")
    return t


def secret_problems(config: Config) -> list[str]:
    """Every configured secret that could not be read now, named by its key."""
    problems = []
    for i, account in enumerate(config.accounts):
        for where, secret, key in (
                ("imap", account.imap.password if account.imap else None, "password_env/password_command"),
                ("imap", account.imap.oauth2_token if account.imap else None, "oauth2_token_command"),
                ("smtp", account.smtp.password if account.smtp else None, "password_env/password_command")):
            problem = secret.problem() if secret else None
            if problem:
                problems.append(f"accounts[{i}].{where}.{key}: {problem}")
    return problems


def load(path: Path) -> Config:
    """Read and validate the config file at ``path``."""
    try:
        raw = path.expanduser().read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}",
                          hint="copy config.example.toml to that path and edit it") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    return parse(data, source=path.expanduser().resolve())


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or "~/.config"
    return Path(base).expanduser() / "calmdraft" / "config.toml"

