"""A small IMAP proxy for fault tests: it sits between calmdraft and the test Dovecot's plain port, records
every command it forwards, and answers chosen commands itself (a NO to one APPEND, one STORE, one LOGIN).

It understands just enough IMAP to do that: client lines, and the literals announced by ``{N}`` at the end of
a line (the client sends a literal only after the server's "+" continuation, so a refused APPEND never sends
its message).  Server responses are passed through untouched.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

_LITERAL = re.compile(rb"\{(\d+)(\+?)\}\r\n$")


@dataclass
class Rule:
    """Answer the next ``times`` client commands that ``match`` with ``response`` (after the tag)."""

    match: Callable[[bytes], bool]
    response: bytes
    times: int = 1


@dataclass
class ImapProxy:
    upstream_port: int
    rules: list[Rule] = field(default_factory=list)
    commands: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.lock = threading.Lock()
        self._stopped = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def refuse(self, match: Callable[[bytes], bool], response: bytes, times: int = 1) -> None:
        with self.lock:
            self.rules.append(Rule(match, response, times))

    def names(self) -> list[str]:
        """The commands seen, as upper-case names ("UID FETCH", "STATUS"...), LOGIN arguments never kept."""
        out = []
        for line in self.commands:
            words = line.split()[1:3]
            if words and words[0].upper() == b"UID" and len(words) > 1:
                out.append(f"UID {words[1].decode().upper()}")
            elif words:
                out.append(words[0].decode().upper())
        return out

    def stop(self) -> None:
        self._stopped = True
        self.server.close()
        with self.lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            with self.lock:
                self._sockets += [client, upstream]
            write_lock = threading.Lock()
            threading.Thread(target=self._pump, args=(upstream, client, write_lock), daemon=True).start()
            threading.Thread(target=self._client_side, args=(client, upstream, write_lock),
                             daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, write_lock: threading.Lock) -> None:
        try:
            while data := src.recv(65536):
                with write_lock:
                    dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _client_side(self, client: socket.socket, upstream: socket.socket,
                     write_lock: threading.Lock) -> None:
        with client.makefile("rb") as reader:
            self._relay(client, upstream, write_lock, reader)

    def _relay(self, client: socket.socket, upstream: socket.socket, write_lock: threading.Lock,
               reader: object) -> None:
        read_line, read = reader.readline, reader.read  # type: ignore[attr-defined]
        try:
            while line := read_line():
                tag = line.split(b" ", 1)[0]
                rule = self._rule_for(line)
                if rule is not None:
                    with write_lock:
                        client.sendall(tag + b" " + rule.response + b"\r\n")
                    continue
                self._record(line)
                upstream.sendall(line)
                literal = _LITERAL.search(line)
                while literal:
                    data = read(int(literal.group(1)))
                    rest = read_line()
                    upstream.sendall(data + rest)
                    literal = _LITERAL.search(rest)
        except OSError:
            pass
        finally:
            try:
                upstream.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _rule_for(self, line: bytes) -> Rule | None:
        with self.lock:
            for rule in self.rules:
                if rule.times > 0 and rule.match(line):
                    rule.times -= 1
                    self._record(line)
                    return rule
        return None

    def _record(self, line: bytes) -> None:
        words = line.split()
        if len(words) > 1 and words[1].upper() in (b"LOGIN", b"AUTHENTICATE"):
            line = b" ".join(words[:2]) + b" [redacted]\r\n"
        self.commands.append(line)


def command(name: bytes) -> Callable[[bytes], bool]:
    """Match a client command by name (``b"APPEND"``, ``b"UID STORE"``), ignoring the tag and case."""
    def match(line: bytes) -> bool:
        parts = line.split(b" ", 1)
        return len(parts) > 1 and parts[1].upper().startswith(name.upper() + b" ")
    return match
