"""A real third-party client against the component: Debian's Profanity,
driven through a detached tmux session, fills and submits
`#create-account` and the invites it makes are checked in the store.

Profanity is a curses program: the test types into its pane with
`tmux send-keys` and reads the screen with `tmux capture-pane`, as a user
would. It runs with a throwaway HOME and XDG directories holding one
preconfigured account, and its own tmux server on a private socket, so
nothing of the machine's user is read or touched.
"""
from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from conftest import PASSWORD
from harness import Http

COMPONENT = "invites.localhost"
TOKEN_RE = r"[A-Za-z0-9_-]{24}"
# Wide enough that a landing URL never wraps, tall enough that a whole
# form and the lines before it stay on screen.
COLUMNS, LINES = 250, 80


class Profanity:
    """One Profanity process in a detached tmux session of a fixed size."""

    def __init__(self, workdir: Path, jid: str, password: str, port: int) -> None:
        for tool in ("profanity", "tmux"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is not installed: run scripts/test (it installs it)")
        self.dir = workdir / f"profanity-{uuid.uuid4().hex[:8]}"
        self.home = self.dir / "home"
        for sub in ("config/profanity", "data/profanity", "cache"):
            (self.home / sub).mkdir(parents=True)
        self.socket = self.dir / "tmux.sock"
        # Profanity reads its accounts from XDG_DATA_HOME/profanity/accounts
        # (a GLib key file). The test Prosody offers no TLS on c2s and
        # allows PLAIN in the clear, hence `tls.policy=disable`.
        accounts = self.home / "data" / "profanity" / "accounts"
        accounts.write_text(
            "[test]\n"
            "enabled=true\n"
            f"jid={jid}\n"
            "server=127.0.0.1\n"
            f"port={port}\n"
            f"password={password}\n"
            "resource=profanity\n"
            "tls.policy=disable\n"
            "presence.login=online\n")
        accounts.chmod(0o600)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        }

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), "-f", "/dev/null", *args],
                              env=self.env, check=True, capture_output=True, text=True).stdout

    def start(self) -> None:
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        self.tmux("new-session", "-d", "-s", "prof", "-x", str(COLUMNS), "-y", str(LINES),
                  f"exec env -i {env} profanity -a test")
        self.wait_for(r"logged in successfully", "Profanity to log in", timeout=20)

    def pane(self) -> str:
        # Without the padding curses leaves: failure messages stay short.
        lines = [line.rstrip() for line in self.tmux("capture-pane", "-p", "-t", "prof").splitlines()]
        return "\n".join(line for line in lines if line) + "\n"

    def type(self, line: str) -> None:
        # `-l`: the text is typed as it is, never read as key names.
        self.tmux("send-keys", "-t", "prof", "-l", line)
        self.tmux("send-keys", "-t", "prof", "Enter")

    def wait_for(self, pattern: str, what: str, timeout: float = 10.0,
                 since: str | None = None) -> re.Match:
        """Polls the screen until `pattern` matches (in the part after the
        last `since` marker, when given); fails with the screen's text."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            try:
                screen = self.pane()
            except subprocess.CalledProcessError as e:
                raise AssertionError(f"Profanity's tmux session is gone while waiting for {what}: "
                                     f"{e.stderr}") from None
            if since is None:
                part = screen
            else:
                # From the last marker on, the marker included.
                i = screen.rfind(since)
                part = screen[i:] if i >= 0 else ""
            m = re.search(pattern, part, re.MULTILINE | re.DOTALL)
            if m:
                return m
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout}s waiting for {what} "
                             f"(/{pattern}/); the screen was:\n{screen}")

    def field_tag(self, label_start: str, screen: str) -> str:
        """Profanity names form fields field1, field2… in the order sent;
        the tag is found from the label shown, not assumed."""
        m = re.search(r"\[(field\d+)\] " + re.escape(label_start), screen)
        assert m, f"no field labelled {label_start!r} on the screen:\n{screen}"
        return m.group(1)

    def set_field(self, tag: str, value: str, shown: str | None = None) -> None:
        """Sets a field and waits for Profanity to show it updated: by
        default as `label: value`; `shown` is the pattern to see instead
        (a list-single shows its options, the chosen one in colour)."""
        self.type(f"/{tag} {value}")
        shown = shown or rf"[^\n]*: {re.escape(value)}[ \t]*$"
        self.wait_for(rf"Field updated\.\.\.\n[^\n]*\[{tag}\] {shown}",
                      f"Profanity to confirm {tag} = {value!r}", since="Field updated...")

    def stop(self) -> None:
        try:
            self.type("/quit")
        except subprocess.CalledProcessError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                self.tmux("has-session", "-t", "prof")
            except subprocess.CalledProcessError:
                break
            time.sleep(0.05)
        # Ends our own tmux server only (its private socket), if /quit did not.
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], env=self.env,
                       capture_output=True)


@pytest.fixture
def profanity(prosody, workdir):
    started = []

    def make(jid: str) -> Profanity:
        p = Profanity(workdir, jid, PASSWORD, prosody.c2s_port)
        started.append(p)
        p.start()
        return p

    yield make
    for p in started:
        p.stop()


def open_create_account(prof: Profanity) -> str:
    """Runs `#create-account` on the component; returns the form's screen.
    From the console, so the form matched is the new window's, not one
    left on screen by an earlier run."""
    prof.type("/win 1")
    prof.wait_for(r"\A Profanity\. Type /help", "the console window")
    # Profanity refuses /cmd until it has the server's disco#info, which
    # it asks for at login ("Server does not support ad hoc commands"
    # meanwhile, seen with ejabberd): wait for that answer, as a person
    # would wait for the client to settle.
    prof.wait_for(r"Server error enabling message carbons|OMEMO:", "the client to finish logging in")
    prof.type(f"/cmd exec urn:xmpp:invite#create-account {COMPONENT}")
    m = prof.wait_for(r"Form title: Create an account invite.*?Use '/form submit'",
                      "the create-account form", timeout=10)
    return m.group(0)


def invite_row(database: Path, token: str):
    db = sqlite3.connect(database)
    try:
        return db.execute(
            "SELECT kind, creator, max_uses, uses, reserved_username, expires_at - created_at "
            "FROM invites WHERE token_hash = ?", (hashlib.sha256(token.encode()).digest(),)).fetchone()
    finally:
        db.close()


def invite_count(database: Path) -> int:
    db = sqlite3.connect(database)
    try:
        return db.execute("SELECT count(*) FROM invites").fetchone()[0]
    finally:
        db.close()


def read_result(prof: Profanity, uri_re: str) -> tuple[str, str]:
    """Waits for the completed command's result form on the screen and
    returns (token, landing URL) read from it."""
    # A window of its own that only a completed command opens (Profanity
    # titles every result form "Configuration for room").
    m = prof.wait_for(r"\] Invite URI: (\S+)\n[^\n]*\] Invite web link: (\S+)\n",
                      "the result form with the invite's URI and web link", timeout=10)
    uri, landing = m.group(1), m.group(2)
    um = re.fullmatch(uri_re, uri)
    assert um, f"unexpected invite URI {uri!r}"
    token = um.group("token")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/invite/" + re.escape(token), landing), landing
    # The note with the link is shown in the console.
    prof.type("/win 1")
    prof.wait_for(r"Invite created\. Send this link to the person you are inviting: "
                  + re.escape(landing), "the command's note in the console")
    return token, landing


def test_profanity_fills_and_submits_create_account(prosody, component_factory, profanity):
    comp = component_factory()
    prof = profanity("admin@localhost")

    # 1. A username and three uses: refused (an invite reserved for a name
    # creates one account), and Profanity, which shows no notes while a
    # command is executing, shows the reason in the form it redraws.
    screen = open_create_account(prof)
    username = prof.field_tag("Username", screen)
    uses = prof.field_tag("How many accounts", screen)
    prof.set_field(username, "juliet")
    prof.set_field(uses, "3")
    prof.type("/form submit")
    prof.wait_for(r"Supplied instructions:\n[^\n]* - An invite reserved for a username creates one "
                  r"account: set the number of uses to 1 or leave the username empty\.\n",
                  "the refusal's reason in the form shown again")
    assert invite_count(comp.database) == 0

    # 2. The values are kept; with one use it is accepted.
    prof.wait_for(rf"\[{username}\] Username[^\n]*: juliet", "the username kept in the form",
                  since="set the number of uses to 1")
    prof.set_field(uses, "1")
    prof.type("/form submit")
    token, landing = read_result(
        prof, rf"xmpp:juliet@localhost\?register;preauth=(?P<token>{TOKEN_RE})")
    assert invite_row(comp.database, token) == ("account", "admin@localhost", 1, 0, "juliet", 7 * 86400)

    # The invite is bound to that name on the registration form too.
    status, _, page = Http.request(landing + "/register")
    assert status == 200, page
    assert 'value="juliet"' in page and "readonly" in page
    status, _, page = Http.request(landing + "/register", {
        "csrf": Http.csrf(page), "username": "romeo",
        "password": "a fresh passphrase", "confirm": "a fresh passphrase"})
    assert status == 422, page
    assert "This invite can only create the account juliet." in page
    assert not prosody.account_exists("romeo")

    # 3. No username, three uses and a one-day lifetime (a list-single).
    screen = open_create_account(prof)
    prof.set_field(prof.field_tag("How many accounts", screen), "3")
    prof.set_field(prof.field_tag("Valid for", screen), "1d", shown=r"Valid for:\n[^\n]*\[1h\]")
    prof.type("/form submit")
    token, _ = read_result(prof, rf"xmpp:localhost\?register;preauth=(?P<token>{TOKEN_RE})")
    assert invite_row(comp.database, token) == ("account", "admin@localhost", 3, 0, None, 86400)
    assert invite_count(comp.database) == 2
