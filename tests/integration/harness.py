"""Real servers and a real client for the integration tests and the demo.

Starts Debian's Prosody on free loopback ports in a private directory,
starts the xmpp-invites binary against it, and talks to both over c2s with
slixmpp (a client library that is not ours). Only processes started here are
ever stopped, by PID.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / "server-modules" / "prosody"
BINARY = Path(os.environ.get("XMPP_INVITES_BIN", ROOT / "target" / "debug" / "xmpp-invites"))

NS_COMMANDS = "http://jabber.org/protocol/commands"
NS_DATA = "jabber:x:data"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NODE_INVITE = "urn:xmpp:invite#invite"
NODE_CREATE = "urn:xmpp:invite#create-account"
NODE_LIST = "urn:xmpp-invites:0#list"
NODE_RESET = "urn:xmpp-invites:0#reset"
NODE_GROUP = "urn:xmpp-invites:0#group"


_handed_out: set[int] = set()


def free_port() -> int:
    """A port nothing listens on now. The kernel picks it; a port already
    handed out by this process (to a server that may be stopped for a
    restart) is never handed out again, so two of our servers cannot be
    given the same one."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def wait_port(port: int, timeout: float = 10.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def require_prosody() -> None:
    if shutil.which("prosody") is None or not Path("/usr/lib/prosody/modules/mod_privilege").exists():
        raise RuntimeError(
            "Prosody is not installed: run `apt-get install -y prosody prosody-modules` "
            "(scripts/test does this for you)"
        )


class Prosody:
    """One Prosody 0.12 instance with two VirtualHosts and our component."""

    def __init__(self, workdir: Path, domain: str = "localhost",
                 other_domain: str = "other.localhost",
                 component: str = "invites.localhost",
                 privileged: bool = True, ip: str = "127.0.0.1",
                 s2s_hosts: Path | None = None, module: bool = False,
                 component_admin: bool = True, component_privilege: bool = True) -> None:
        """With `s2s_hosts` (a hosts file), server-to-server is enabled on
        ip:5269 and names are resolved from that file only, so two
        instances on different loopback addresses federate. With `module`,
        the VirtualHost loads this repository's mod_xmpp_invites
        (server-modules/prosody) for the component."""
        require_prosody()
        self.dir = workdir / f"prosody-{uuid.uuid4().hex[:8]}"
        self.dir.mkdir(parents=True)
        (self.dir / "data").mkdir()
        self.domain = domain
        self.other_domain = other_domain
        self.component = component
        self.secret = uuid.uuid4().hex
        self.c2s_port = free_port()
        self.component_port = free_port()
        self.config = self.dir / "prosody.cfg.lua"
        self.log = self.dir / "prosody.log"
        self.proc: subprocess.Popen | None = None
        self.privileged = privileged
        self.ip = ip
        self.s2s_hosts = s2s_hosts
        self.module = module
        # Misconfigurations `doctor` must name: the component not an admin
        # of the host, no mod_privilege under the Component block.
        self.component_admin = component_admin
        self.component_privilege = component_privilege
        self._write_config()

    def set_privileged(self, privileged: bool) -> None:
        """Grant (or not) the component XEP-0356 roster and message rights;
        takes effect at the next start."""
        self.privileged = privileged
        self._write_config()

    def account_exists(self, user: str, host: str | None = None) -> bool:
        host = host or self.domain
        return (self.dir / "data" / host.replace(".", "%2e") / "accounts" / f"{user}.dat").exists()

    def _write_config(self) -> None:
        d = self.dir
        if self.s2s_hosts:
            # Nothing answers DNS on this port: lookups fail at once and
            # names come from the hosts file.
            (d / "resolv.conf").write_text("nameserver 127.0.0.1\n")
            # 5269 is fixed: without SRV records (the resolver here only reads
            # a hosts file) a server connects to a peer on 5269. The two
            # federating instances listen on different loopback addresses
            # (127.0.0.1, 127.0.0.2), so they never collide; Debian's own
            # Prosody service is kept from starting by scripts/lib.sh.
            s2s = f"""
s2s_ports = {{ 5269 }}
s2s_interfaces = {{ "{self.ip}" }}
s2s_require_encryption = false
s2s_secure_auth = false

unbound = {{ hoststxt = "{self.s2s_hosts}"; resolvconf = "{d}/resolv.conf" }}
"""
            disabled = ""
        else:
            s2s, disabled = "", '"s2s"'
        module = (f'  modules_enabled = {{ "xmpp_invites" }}\n'
                  f'  xmpp_invites_component = "{self.component}"\n' if self.module else "")
        privileges = (f'privileged_entities = {{ ["{self.component}"] = {{ roster = "both"; message = "outgoing" }} }}'
                      if self.privileged else "")
        self.config.write_text(f"""
run_as_root = true
pidfile = "{d}/prosody.pid"
data_path = "{d}/data"
certificates = "{d}/certs"
log = {{ {{ levels = {{ min = "debug" }}, to = "file", filename = "{self.log}" }} }}
interfaces = {{ "{self.ip}" }}
c2s_ports = {{ {self.c2s_port} }}
component_interfaces = {{ "{self.ip}" }}
component_ports = {{ {self.component_port} }}
http_ports = {{ }}
https_ports = {{ }}
modules_disabled = {{ {disabled} }}
plugin_paths = {{ "{MODULES}" }}
{s2s}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "internal"
modules_enabled = {{ "roster"; "saslauth"; "disco"; "ping"; "version"; "adhoc"; "admin_adhoc"; "privilege"; "presence"{'; "dialback"' if self.s2s_hosts else ""} }}
{privileges}

VirtualHost "{self.domain}"
  admins = {{ {f'"{self.component}"' if self.component_admin else ""} }}
{module}
{f'VirtualHost "{self.other_domain}"' if self.other_domain else ""}

Component "{self.component}"
  component_secret = "{self.secret}"
  modules_enabled = {{ {'"privilege"' if self.component_privilege else ""} }}
""")

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["prosody", "-F", "--config", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=open(self.dir / "stderr.log", "ab"),
        )
        try:
            wait_port(self.c2s_port, host=self.ip)
            wait_port(self.component_port, host=self.ip)
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"Prosody did not start; see {self.log} and {self.dir}/stderr.log")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def register(self, user: str, host: str, password: str) -> str:
        subprocess.run(
            ["prosodyctl", "--config", str(self.config), "register", user, host, password],
            check=True, capture_output=True,
        )
        return f"{user}@{host}"


class Component:
    """The xmpp-invites binary, configured against a Prosody."""

    def __init__(self, prosody: Prosody, workdir: Path, admins=("admin@localhost",),
                 allow_user_invites: bool | None = None,
                 allow_contact_invites: bool | None = None,
                 extra: str = "", web_defaults: bool = False, web_extra: str = "",
                 server_extra: str = "", jid: str | None = None, secret: str | None = None,
                 log_filter: str = "debug") -> None:
        """`web_defaults` keeps the default rate limits; `web_extra` adds
        lines to the [web] table. `log_filter` is XMPP_INVITES_LOG as a user
        would set it: the binary itself keeps the wire (stanzas, hence
        secrets) out of it."""
        self.prosody = prosody
        self.log_filter = log_filter
        self.dir = workdir / f"component-{uuid.uuid4().hex[:8]}"
        self.dir.mkdir(parents=True)
        self.web_port = free_port()
        self.database = self.dir / "invites.sqlite3"
        self.public_url = f"http://127.0.0.1:{self.web_port}"
        lines = [
            "[component]",
            f'jid = "{jid or prosody.component}"',
            f'server = "{prosody.ip}:{prosody.component_port}"',
            'secret_file = "secret"',
            'ping_interval = "5s"',
            'request_timeout = "5s"',
            "[server]",
            f'domain = "{prosody.domain}"',
            'kind = "prosody"',
            server_extra,
            "[invites]",
            "admins = [" + ", ".join(f'"{a}"' for a in admins) + "]",
        ]
        if allow_user_invites is not None:
            lines.append(f"allow_user_invites = {str(allow_user_invites).lower()}")
        if allow_contact_invites is not None:
            lines.append(f"allow_contact_invites = {str(allow_contact_invites).lower()}")
        lines += [
            "[web]",
            f'listen = "127.0.0.1:{self.web_port}"',
            f'public_url = "{self.public_url}"',
        ]
        if not web_defaults:
            # The end-to-end tests fire many requests from one address; the
            # limiter itself is tested in-process and in test_web_hardening.
            lines += [
                "rate_limit_per_minute = 60000",
                "rate_limit_burst = 1000",
                "failed_requests_per_minute = 60000",
                "failed_requests_burst = 1000",
                "posts_per_invite_per_minute = 60000",
                "posts_per_invite_burst = 1000",
            ]
        lines += [
            web_extra,
            "[storage]",
            'database = "invites.sqlite3"',
        ]
        (self.dir / "secret").write_text((secret or prosody.secret) + "\n")
        self.config = self.dir / "config.toml"
        self.config.write_text("\n".join(lines) + "\n" + extra)
        self.log = self.dir / "xmpp-invites.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if not BINARY.exists():
            raise RuntimeError(f"{BINARY} is missing: run `cargo build` first")
        env = dict(os.environ, XMPP_INVITES_LOG=self.log_filter)
        env.pop("XMPP_INVITES_SECRET", None)
        # The log is appended to across restarts: wait for a link-up line
        # written by this process, not one left by the previous.
        before = self.link_up_count() if self.log.exists() else 0
        self.proc = subprocess.Popen(
            [str(BINARY), "run", "--config", str(self.config)],
            stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, env=env,
        )
        self.wait_link_up(count=before + 1)

    def link_up_count(self) -> int:
        return self.log.read_text(errors="replace").count("component link up")

    def wait_link_up(self, count: int, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.link_up_count() >= count:
                return
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"xmpp-invites exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.05)
        raise TimeoutError(f"component link not up {count} time(s) after {timeout}s; see {self.log}")

    def log_offset(self) -> int:
        """Where the log ends now: pass to `log_since` to read what follows."""
        return self.log.stat().st_size if self.log.exists() else 0

    def log_since(self, offset: int) -> str:
        with open(self.log, "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def wait_log(self, text: str, count: int = 1, since: int = 0, timeout: float = 30.0) -> None:
        """Waits until `text` appears `count` times in the log after `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log_since(since).count(text) >= count:
                return
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"xmpp-invites exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.05)
        raise TimeoutError(f"{text!r} not logged {count} time(s) within {timeout}s; see {self.log}")

    def stop(self) -> int | None:
        code = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait()
        elif self.proc:
            code = self.proc.returncode
        self.proc = None
        return code


class StanzaError(Exception):
    """An iq error reply, with its condition and app-specific element."""

    def __init__(self, iq: ET.Element) -> None:
        err = iq.find("{jabber:client}error")
        self.iq = iq
        self.condition = None
        self.specific = None
        self.text = None
        self.type = err.get("type") if err is not None else None
        for child in (err if err is not None else []):
            tag = child.tag
            if tag == f"{{{NS_STANZAS}}}text":
                self.text = child.text
            elif tag.startswith(f"{{{NS_STANZAS}}}"):
                self.condition = tag.split("}")[1]
            elif tag.startswith(f"{{{NS_COMMANDS}}}"):
                self.specific = tag.split("}")[1]
        super().__init__(f"{self.condition} ({self.specific}): {self.text}")


class Client:
    """A c2s client on top of slixmpp, for scripted requests."""

    def __init__(self, jid: str, password: str, port: int, host: str = "127.0.0.1") -> None:
        self.xmpp = slixmpp.ClientXMPP(jid, password)
        self.xmpp.enable_starttls = False
        self.xmpp.enable_direct_tls = False
        self.xmpp.enable_plaintext = True
        self.xmpp.plugin["feature_mechanisms"].unencrypted_plain = True
        self.port = port
        self.host = host
        self.messages: list[ET.Element] = []
        self.presences: list[ET.Element] = []
        self.xmpp.register_handler(slixmpp.xmlstream.handler.Callback(
            "all messages", slixmpp.xmlstream.matcher.MatchXPath("{jabber:client}message"),
            lambda m: self.messages.append(m.xml)))
        self.xmpp.register_handler(slixmpp.xmlstream.handler.Callback(
            "all presences", slixmpp.xmlstream.matcher.MatchXPath("{jabber:client}presence"),
            lambda p: self.presences.append(p.xml)))

    async def connect(self, timeout: float = 10.0, available: bool = False) -> "Client":
        started = asyncio.get_running_loop().create_future()
        failed = asyncio.get_running_loop().create_future()
        self.xmpp.add_event_handler("session_start", lambda _e: started.done() or started.set_result(True))
        self.xmpp.add_event_handler("failed_auth", lambda _e: failed.done() or failed.set_result(True))
        self.xmpp.connect(self.host, self.port)
        done, _ = await asyncio.wait([started, failed], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if started not in done:
            raise RuntimeError(f"{self.xmpp.boundjid} could not log in")
        if available:
            # As a real client does: fetch the roster (the server then
            # pushes subscription changes to us) and send initial presence
            # (it then delivers chat messages and broadcasts our presence).
            await self.roster()
            self.xmpp.send_presence()
        return self

    async def roster(self) -> dict[str, str]:
        """Contact JID -> subscription, straight from the server."""
        resp = await self.iq("get", None, "<query xmlns='jabber:iq:roster'/>")
        return {i.get("jid"): i.get("subscription")
                for i in resp.iter("{jabber:iq:roster}item")}

    async def wait_for(self, predicate, timeout: float = 10.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            await asyncio.sleep(0.05)
        raise TimeoutError(f"{self.xmpp.boundjid}: timed out waiting for {what}")

    async def disconnect(self) -> None:
        await self.xmpp.disconnect()

    async def iq(self, type_: str, to: str | None, payload: str, timeout: float = 10.0) -> ET.Element:
        iq = self.xmpp.make_iq(id=uuid.uuid4().hex, ito=to, itype=type_)
        iq.append(ET.fromstring(payload))
        try:
            resp = await iq.send(timeout=timeout)
        except IqError as e:
            raise StanzaError(e.iq.xml) from None
        return resp.xml

    async def command(self, to: str, node: str, action: str | None = "execute",
                      sessionid: str | None = None, fields: dict | None = None,
                      timeout: float = 10.0) -> ET.Element:
        attrs = f"xmlns='{NS_COMMANDS}' node='{node}'"
        if action:
            attrs += f" action='{action}'"
        if sessionid:
            attrs += f" sessionid='{sessionid}'"
        body = ""
        if fields is not None:
            body = f"<x xmlns='{NS_DATA}' type='submit'>" + "".join(
                f"<field var='{k}'><value>{v}</value></field>" for k, v in fields.items()) + "</x>"
        resp = await self.iq("set", to, f"<command {attrs}>{body}</command>", timeout)
        return resp.find(f"{{{NS_COMMANDS}}}command")

    async def command_nodes(self, to: str) -> list[str]:
        resp = await self.iq("get", to, f"<query xmlns='{NS_DISCO_ITEMS}' node='{NS_COMMANDS}'/>")
        return [i.get("node") for i in resp.iter(f"{{{NS_DISCO_ITEMS}}}item")]

    def send_raw(self, xml: str) -> None:
        self.xmpp.send_raw(xml)


def form_values(command: ET.Element) -> dict[str, list[str]]:
    """Field var → values of the data form in a <command/>."""
    x = command.find(f"{{{NS_DATA}}}x")
    if x is None:
        return {}
    return {f.get("var"): [v.text or "" for v in f.findall(f"{{{NS_DATA}}}value")]
            for f in x.findall(f"{{{NS_DATA}}}field")}


def form_field_types(command: ET.Element) -> dict[str, str | None]:
    x = command.find(f"{{{NS_DATA}}}x")
    return {f.get("var"): f.get("type") for f in x.findall(f"{{{NS_DATA}}}field")}


class Http:
    """Plain HTTP requests that return (status, headers, body) for every
    status instead of raising, and never follow redirects."""

    @staticmethod
    def request(url: str, fields: dict | None = None, headers: dict | None = None,
                timeout: float = 30.0):
        import urllib.error
        import urllib.parse
        import urllib.request
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    @staticmethod
    def csrf(html: str) -> str:
        import re
        m = re.search(r'name="csrf" value="([^"]+)"', html)
        if not m:
            raise AssertionError("no CSRF token in the page")
        return m.group(1)


# Fault injection for the resilience tests. Module-level helpers over the
# classes above, so the classes keep their behaviour.

def set_component_option(component: Component, key: str, value: str) -> None:
    """Replaces the value of `key` (e.g. `request_timeout`) in the
    component's config file; takes effect at the next start."""
    lines = component.config.read_text().splitlines()
    for i, line in enumerate(lines):
        if line.split("=", 1)[0].strip() == key:
            lines[i] = f"{key} = {value}"
            break
    else:
        raise KeyError(f"{key} is not in {component.config}")
    component.config.write_text("\n".join(lines) + "\n")


def kill_component(component: Component) -> None:
    """SIGKILL, as a crash or the OOM killer would: no clean shutdown."""
    if component.proc and component.proc.poll() is None:
        component.proc.send_signal(signal.SIGKILL)
    if component.proc:
        component.proc.wait()
    component.proc = None


def start_component_again(component: Component, timeout: float = 30.0) -> None:
    """Starts the binary again on the same config and database and waits
    for a link-up after the ones already in its log."""
    before = component.link_up_count()
    component.start()
    component.wait_link_up(count=before + 1, timeout=timeout)


def accounts_of(prosody: Prosody, host: str | None = None) -> set[str]:
    """The usernames Prosody has accounts for on `host`, from its data dir."""
    host = host or prosody.domain
    d = prosody.dir / "data" / host.replace(".", "%2e") / "accounts"
    return {p.stem for p in d.glob("*.dat")} if d.exists() else set()


class Unauthenticated:
    """A raw c2s stream before login, doing what Conversations, Monal and
    Siskin do with `xmpp:domain?register;preauth=TOKEN` (XEP-0445): read the
    stream features, send the token, then register in-band (XEP-0077)."""

    def __init__(self, prosody: Prosody, timeout: float = 10.0) -> None:
        self.domain = prosody.domain
        self.sock = socket.create_connection((prosody.ip, prosody.c2s_port), timeout=timeout)
        self.parser = ET.XMLPullParser(events=("start", "end"))
        self.depth = 0
        self.pending: list[ET.Element] = []
        self.sock.sendall(
            f"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            f"xmlns:stream='http://etherx.jabber.org/streams' to='{self.domain}' "
            "version='1.0'>".encode())
        self.features = self.next()

    def next(self) -> ET.Element:
        """The next top-level element of the stream."""
        while not self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the stream")
            self.parser.feed(data)
            for event, el in self.parser.read_events():
                if event == "start":
                    self.depth += 1
                else:
                    self.depth -= 1
                    if self.depth == 1:
                        self.pending.append(el)
        return self.pending.pop(0)

    def iq(self, type_: str, payload: str) -> ET.Element:
        """Sends an iq and returns its answer (result or error)."""
        iq_id = uuid.uuid4().hex
        self.sock.sendall(f"<iq type='{type_}' id='{iq_id}' to='{self.domain}'>{payload}</iq>".encode())
        while True:
            el = self.next()
            if el.tag == "{jabber:client}iq" and el.get("id") == iq_id:
                return el

    def offers_token_registration(self) -> bool:
        return self.features.find("{urn:xmpp:ibr-token:0}register") is not None

    def preauth(self, token: str) -> ET.Element:
        return self.iq("set", f"<preauth xmlns='urn:xmpp:pars:0' token='{token}'/>")

    def register(self, username: str, password: str) -> ET.Element:
        form = self.iq("get", "<query xmlns='jabber:iq:register'/>")
        if form.get("type") != "result":
            return form
        return self.iq("set", "<query xmlns='jabber:iq:register'>"
                              f"<username>{username}</username><password>{password}</password></query>")

    def close(self) -> None:
        try:
            self.sock.sendall(b"</stream:stream>")
        finally:
            self.sock.close()


def error_of(iq: ET.Element) -> tuple[str | None, str | None]:
    """(condition, text) of an iq error, (None, None) for a result."""
    if iq.get("type") != "error":
        return None, None
    e = StanzaError(iq)
    return e.condition, e.text
