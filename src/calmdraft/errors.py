"""The exceptions calmdraft raises, each knowing its exit code and how to explain itself.

    CalmdraftError                      exit 1: anything calmdraft raises on purpose
    ├── ConfigError                     exit 2: the config file is missing or wrong (lists every problem)
    ├── SecretError                     exit 2: a password/token could not be read from env or command
    ├── ModelError                      exit 3: the classifier model is missing, untrusted or broken
    ├── TemplateProblem                 exit 2: a template does not render against sample data
    ├── StoreError                      exit 4: the SQLite state store cannot be opened or is too new
    ├── OrderImportError                exit 2: a CSV row or column could not be imported
    └── MailboxError                    exit 5: anything from the mail server or the Maildir
        ├── MailboxUnavailable          the server cannot be reached or dropped the connection (retry)
        ├── AuthenticationFailed        the server refused the credentials (retry slowly, tell the user)
        ├── TLSFailure                  the TLS handshake or certificate check failed
        └── MailboxProtocolError        the server answered NO/BAD or something unexpected

Third-party exceptions (imapclient, ssl, socket, sqlite3) are translated into these at the boundary, so
nothing above ``mailbox/`` or ``store.py`` ever sees them.
"""

from __future__ import annotations


class CalmdraftError(Exception):
    """Base class: a problem calmdraft can explain to the user."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def show(self) -> str:
        """Return the text the CLI prints for this error."""
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ConfigError(CalmdraftError):
    """The configuration is missing or invalid; ``problems`` lists every one found."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems or []

    def show(self) -> str:
        lines = [f"error: {self.message}"]
        lines += [f"  - {p}" for p in self.problems]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class SecretError(CalmdraftError):
    """A secret could not be obtained from its environment variable or command."""

    exit_code = 2


class ModelError(CalmdraftError):
    """The classifier model is missing, not trusted, or does not fit this version."""

    exit_code = 3


class TemplateProblem(CalmdraftError):
    """A reply template failed to load or render."""

    exit_code = 2


class StoreError(CalmdraftError):
    """The state database cannot be used."""

    exit_code = 4


class OrderImportError(CalmdraftError):
    """An orders file could not be imported; the message names the row and column."""

    exit_code = 2


class MailboxError(CalmdraftError):
    """Base class for mailbox problems."""

    exit_code = 5
    transient = True


class MailboxUnavailable(MailboxError):
    """The server is unreachable or the connection dropped; retrying later may help."""


class AuthenticationFailed(MailboxError):
    """The server refused the login; retrying quickly will not help."""

    transient = False


class TLSFailure(MailboxError):
    """TLS could not be established or the certificate did not verify."""

    transient = False


class MailboxProtocolError(MailboxError):
    """The server answered with NO/BAD or with something calmdraft did not expect."""
