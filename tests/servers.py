"""Real servers for the integration tests: a private Dovecot IMAP server on loopback, and aiosmtpd.

Dovecot runs from a throw-away directory with its own config (``dovecot -F -c``), a static passdb (any user
name, one password) and Maildir homes, with a self-signed certificate for IMAPS and STARTTLS.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from imapclient import IMAPClient

PASSWORD = "s3cret-Pa55word!"
# A second password every user also logs in with: LOGIN cannot send it, AUTHENTICATE PLAIN can.
UNICODE_PASSWORD = "Pä55wört-€-ñ"

_CONF = """
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
mail_location = maildir:~/Maildir
mail_fsync = never
first_valid_uid = 0
{users}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}
passdb {{
  driver = static
  args = password={password}
}}
passdb {{
  driver = static
  args = password={unicode_password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
{chroot}
}}
{services}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Introspection(BaseHTTPRequestHandler):
    """RFC 7662 token introspection for Dovecot's oauth2 passdb: "valid-<user>" is active for <user>."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        token = parse_qs(body).get("token", [""])[0]
        answer = {"active": True, "username": token[6:]} if token.startswith("valid-") else {"active": False}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Dovecot:
    """A running private Dovecot; ``client(user)`` opens a verified IMAPS connection for set-up and checks."""

    directory: Path
    port: int
    tls_port: int
    ca_file: Path
    process: subprocess.Popen[bytes] | None = None
    oauth: HTTPServer | None = None

    @classmethod
    def start(cls) -> Dovecot:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not os.path.exists(binary):
            raise RuntimeError("dovecot is not installed: run `make test` (it installs dovecot-imapd)")
        d = Path(tempfile.mkdtemp(prefix="calmdraft-dovecot-"))
        d.chmod(0o755)
        for sub in ("run", "state", "mail"):
            (d / sub).mkdir()
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                str(d / "key.pem"),
                "-out",
                str(d / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )
        if os.getuid() == 0:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
            os.chown(d / "mail", uid, gid)
            users, chroot, services = "", "", ""
        else:
            me = pwd.getpwuid(os.getuid()).pw_name
            uid, gid = os.getuid(), os.getgid()
            users = (
                f"default_internal_user = {me}\ndefault_internal_group = {me}\ndefault_login_user = {me}\n"
            )
            chroot = "  chroot ="
            services = "\n".join(f"service {s} {{\n  chroot =\n}}" for s in ("anvil", "ipc", "old-stats"))
        server = cls(d, free_port(), free_port(), d / "cert.pem")
        server.oauth = HTTPServer(("127.0.0.1", 0), _Introspection)
        threading.Thread(target=server.oauth.serve_forever, daemon=True).start()
        (d / "oauth2.conf.ext").write_text(
            "introspection_mode = post\n"
            f"introspection_url = http://127.0.0.1:{server.oauth.server_address[1]}/introspect\n"
            "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
            "force_introspection = yes\n")
        (d / "dovecot.conf").write_text(encoding="utf-8", data=
            _CONF.format(
                d=d,
                users=users,
                password=PASSWORD,
                unicode_password=UNICODE_PASSWORD,
                uid=uid,
                gid=gid,
                port=server.port,
                tls_port=server.tls_port,
                chroot=chroot,
                services=services,
            )
        )
        server._launch()
        return server

    def _launch(self) -> None:
        self.process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.directory / "dovecot.conf")],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                with self.client("readiness-probe") as c:
                    c.select_folder("INBOX")
                return
            except Exception as exc:  # noqa: BLE001 - not up yet
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (self.directory / "dovecot.log").read_text()
                        if (self.directory / "dovecot.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"dovecot did not start: {exc}\n{log[-2000:]}") from exc
                time.sleep(0.05)

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def client(self, user: str) -> IMAPClient:
        c = IMAPClient("127.0.0.1", port=self.tls_port, ssl=True, ssl_context=self.ssl_context(), timeout=10)
        c.login(user, PASSWORD)
        return c

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        # Children (imap, auth) may outlive the master's process group briefly; wait for the port to close.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.tls_port), timeout=0.2):
                    time.sleep(0.05)
            except OSError:
                break
        (self.directory / "run" / "master.pid").unlink(missing_ok=True)

    def restart(self) -> None:
        self.kill()
        self._launch()

    def stop(self) -> None:
        self.kill()
        if self.oauth is not None:
            self.oauth.shutdown()
            self.oauth.server_close()
        shutil.rmtree(self.directory, ignore_errors=True)


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it receives."""

    def __init__(
        self, tls_cert: Path | None = None, tls_key: Path | None = None, login: tuple[str, str] | None = None
    ) -> None:
        """With `login` (user, password), the server accepts mail only after AUTH with exactly that login."""
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[tuple[str, list[str], bytes]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                sink.messages.append(
                    (
                        envelope.mail_from,
                        list(envelope.rcpt_tos),
                        envelope.original_content or envelope.content,
                    )
                )
                return "250 OK"

        kwargs = {}
        if tls_cert and tls_key:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(str(tls_cert), str(tls_key))
            kwargs = {"tls_context": ctx, "require_starttls": True}
        self.logins: list[str] = []  # user names the server accepted

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = login is not None and (auth_data.login, auth_data.password) == (
                login[0].encode(), login[1].encode())
            if ok:
                self.logins.append(auth_data.login.decode())
            return AuthResult(success=ok, handled=False)  # aiosmtpd then answers 235 or 535 itself

        if login is not None:
            kwargs.update(authenticator=authenticate, auth_required=True)
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
