"""The side-by-side benchmark (scripts/bench): one throwaway Prosody on
loopback, SQL storage (SQLite), serving at once

- Prosody's own invite modules on the domain (mod_invites, mod_invites_adhoc,
  mod_invites_register, and from prosody-modules mod_invites_page and
  mod_invites_register_web),
- our component (the release build) on invites.localhost,
- an echo component on echo.localhost (`--echo-component`, below: raw
  sockets, XEP-0114) that answers every ad-hoc execute at once with a fixed
  completed reply of the same bytes as one of ours: the ceiling of any
  component behind this server,

and measures, in one run:

P1  `urn:xmpp:invite#invite` round trips per second at 1, 8 and 32 in
    flight, from a raw-XML c2s client (no client library): each in-flight
    request is one user's connection with one command outstanding (our
    component admits at most 4 requests per sender, as a server would see
    many users minting). Prosody's command, ours, the echo.
P2  `wrk -t2 -c64 --latency` for a few seconds on Prosody's invite page, ours,
    and our static stylesheet (the ceiling of our HTTP stack): requests/s,
    p50/p99 latency, requests that timed out (wrk gives up after 2 s) and
    non-2xx answers (which fail the step).
P3  a full web redemption of an admin's `#invite` (account + contact): form
    GET + POST, which creates the account, writes both rosters and notifies
    the inviter, p50, against one bare XEP-0133 add-user (execute + submit)
    by an admin client;
P3b the same redemption against Prosody's own: its `#invite` by the same
    admin, mod_invites_register_web's form GET + POST. The three are
    interleaved, so any drift in the machine's load falls on all of them.
P4  our RSS (VmRSS): idle, after the load above, idle with the big store,
    after load with it; RssAnon beside it, for information.
P5  the store bulk-filled (FILL_SQL below, straight into the schema our
    migrations made, with the component stopped), the component started
    again, P1 at 8 in flight and P2 measured again against the empty-store
    figures.

One table on stdout, the same figures as JSON (`--json PATH`, default
target/bench/bench-TIMESTAMP.json). `--quick` uses small counts and short
runs for CI: it fails only when a step errors (a refused command, a
non-2xx page, a server that does not start), never on timing.

The web rate limits are the defaults except the per-network request
ceiling, raised so that wrk's one loopback address is not refused: the
limiter still runs on every request. Both servers log at info.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import codecs
import hashlib
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_MODULES = ROOT / "scripts" / "bench-prosody"

NODE_INVITE = "urn:xmpp:invite#invite"
NS_COMMANDS = "http://jabber.org/protocol/commands"
NODE_ADD_USER = "http://jabber.org/protocol/admin#add-user"
PASSWORD = "bench password"

# How the big store of P4/P5 is made: rows straight into the `invites`
# table our migrations created, with the component stopped, in one
# transaction. All live (expiring in a week), kinds and creators mixed, token
# hashes random (the unique index sees the same spread as SHA-256 hashes).
FILL_SQL = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO invites (token_hash, kind, creator, created_at, expires_at, max_uses, uses,
                     reserved_username, roster_subscription, note, group_name)
SELECT randomblob(32),
       CASE i % 3 WHEN 0 THEN 'account' WHEN 1 THEN 'contact' ELSE 'account-and-contact' END,
       'filler' || (i % 1000) || '@localhost',
       :now - (i % 86400), :now + 604800, 1, 0, NULL, 0, NULL, NULL
FROM n
"""


class BenchError(Exception):
    """A step failed: the run is invalid, whatever the figures."""


# ---------------------------------------------------------------- raw XML


_TAG = re.compile(r"[^\s/>]+")
_ATTR = re.compile(r"([\w:-]+)=(['\"])(.*?)\2", re.S)


class Splitter:
    """Cuts a stream into top-level stanzas as text, cheaply: a stanza is
    its start tag up to its own end tag (the servers never nest an element
    in one of the same name in what the bench receives) or a self-closing
    tag. The stream header comes out as its start tag."""

    def __init__(self) -> None:
        self.buf = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def feed(self, data: bytes) -> list[str]:
        buf = self.buf + self.decoder.decode(data)
        out = []
        pos = 0
        while True:
            i = buf.find("<", pos)
            if i < 0:
                pos = len(buf)
                break
            if buf.startswith("<?", i):
                j = buf.find("?>", i)
                if j < 0:
                    break
                pos = j + 2
                continue
            if buf.startswith("</stream:stream", i):
                raise ConnectionError("the server closed the stream")
            j = buf.find(">", i)
            if j < 0:
                break
            if buf.startswith("<stream:stream", i) or buf[j - 1] == "/":
                out.append(buf[i:j + 1])
                pos = j + 1
                continue
            close = "</" + _TAG.match(buf, i + 1).group(0) + ">"
            k = buf.find(close, j)
            if k < 0:
                break
            out.append(buf[i:k + len(close)])
            pos = k + len(close)
        self.buf = buf[pos:]
        return out


def head_attrs(stanza: str) -> dict[str, str]:
    """The attributes of a stanza's start tag (values left escaped)."""
    return {m.group(1): m.group(3) for m in _ATTR.finditer(stanza, 0, stanza.find(">"))}


def xml_escape(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;"))


def form_field(stanza: str, var: str) -> str:
    """The first value of field `var` in a stanza's data form."""
    m = re.search(r"<field[^>]*var=['\"]" + re.escape(var) + r"['\"][^>]*>.*?<value>(.*?)</value>", stanza, re.S)
    if not m:
        raise BenchError(f"no {var} field in {stanza[:300]}")
    return m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&apos;", "'").replace("&quot;", '"')


class RawClient:
    """A c2s client that writes XML by hand and reads it with `Splitter`:
    SASL PLAIN on a plaintext loopback stream, resource binding, then iqs."""

    def __init__(self, user: str, domain: str, port: int, host: str = "127.0.0.1") -> None:
        self.user, self.domain, self.port, self.host = user, domain, port, host
        self.jid = f"{user}@{domain}"
        self.pending: deque[str] = deque()
        self.splitter = Splitter()
        self.seq = 0

    async def _next(self) -> str:
        while not self.pending:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionError(f"{self.jid}: connection closed")
            self.pending.extend(self.splitter.feed(data))
        return self.pending.popleft()

    async def _open_stream(self) -> str:
        self.writer.write(
            f"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            f"xmlns:stream='http://etherx.jabber.org/streams' to='{self.domain}' version='1.0'>".encode())
        header = await self._next()
        if not header.startswith("<stream:stream"):
            raise BenchError(f"{self.jid}: unexpected stream start {header[:200]}")
        features = await self._next()
        if not features.startswith("<stream:features"):
            raise BenchError(f"{self.jid}: no stream features: {features[:200]}")
        return features

    async def connect(self, password: str = PASSWORD) -> "RawClient":
        import socket
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await self._open_stream()
        cred = base64.b64encode(f"\0{self.user}\0{password}".encode()).decode()
        self.writer.write(
            f"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{cred}</auth>".encode())
        answer = await self._next()
        if not answer.startswith("<success"):
            raise BenchError(f"{self.jid}: login refused: {answer[:200]}")
        self.splitter = Splitter()
        await self._open_stream()
        bound = await self.iq("set", None,
                              "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind>")
        if "type='result'" not in bound[:bound.find(">")]:
            raise BenchError(f"{self.jid}: bind failed: {bound[:200]}")
        return self

    def send_iq(self, type_: str, to: str | None, payload: str) -> str:
        self.seq += 1
        iq_id = f"b{self.seq}"
        to_attr = f" to='{to}'" if to else ""
        self.writer.write(f"<iq type='{type_}' id='{iq_id}'{to_attr}>{payload}</iq>".encode())
        return iq_id

    async def reply(self, iq_id: str) -> str:
        """The answer to `iq_id`; other stanzas (roster pushes, messages)
        are passed over."""
        while True:
            stanza = await self._next()
            if stanza.startswith("<iq") and head_attrs(stanza).get("id") == iq_id:
                return stanza

    async def iq(self, type_: str, to: str | None, payload: str) -> str:
        return await self.reply(self.send_iq(type_, to, payload))

    async def execute(self, to: str, node: str) -> str:
        """One command execute; the answer, which must be completed."""
        stanza = await self.iq("set", to, f"<command xmlns='{NS_COMMANDS}' node='{node}' action='execute'/>")
        check_completed(stanza, f"{node} at {to}")
        return stanza

    async def add_user(self, localpart: str, password: str = PASSWORD) -> None:
        """XEP-0133 add-user at the domain, as an admin client runs it:
        execute, then submit the form."""
        form = await self.iq("set", self.domain,
                             f"<command xmlns='{NS_COMMANDS}' node='{NODE_ADD_USER}' action='execute'/>")
        m = re.search(r"sessionid=['\"]([^'\"]+)['\"]", form)
        if "type='result'" not in form[:form.find(">")] or not m:
            raise BenchError(f"add-user refused to {self.jid}: {form[:300]}")
        fields = (f"<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>"
                  f"<field var='accountjid'><value>{localpart}@{self.domain}</value></field>"
                  f"<field var='password'><value>{password}</value></field>"
                  f"<field var='password-verify'><value>{password}</value></field>")
        done = await self.iq("set", self.domain,
                             f"<command xmlns='{NS_COMMANDS}' node='{NODE_ADD_USER}' sessionid='{m.group(1)}' "
                             f"action='complete'><x xmlns='jabber:x:data' type='submit'>{fields}</x></command>")
        check_completed(done, "add-user")
        if "type='error'" in done:
            raise BenchError(f"add-user of {localpart} failed: {done[:300]}")

    async def roster(self) -> dict[str, str]:
        stanza = await self.iq("get", None, "<query xmlns='jabber:iq:roster'/>")
        return {a.get("jid"): a.get("subscription", "none")
                for a in (head_attrs(m.group(0)) for m in re.finditer(r"<item\b[^>]*>", stanza))}

    async def close(self) -> None:
        try:
            self.writer.write(b"</stream:stream>")
            self.writer.close()
            await self.writer.wait_closed()
        except OSError:
            pass


def check_completed(stanza: str, what: str) -> None:
    head = stanza[:stanza.find(">")]
    if "type='result'" not in head or not re.search(r"status=['\"]completed['\"]", stanza):
        raise BenchError(f"{what}: not a completed command: {stanza[:400]}")


# ---------------------------------------------------------------- echo component


async def echo_component(host: str, port: int, jid: str, secret: str, payload_file: str) -> None:
    """XEP-0114: the handshake, then every iq set answered at once with the
    fixed payload (one of our completed replies, as a client received it),
    other iqs with an empty result. Replies to one read go out in one
    write."""
    payload = Path(payload_file).read_text()
    reader, writer = await asyncio.open_connection(host, port)
    splitter = Splitter()
    writer.write(f"<stream:stream xmlns='jabber:component:accept' "
                 f"xmlns:stream='http://etherx.jabber.org/streams' to='{jid}'>".encode())
    pending: deque[str] = deque()

    async def nxt() -> str:
        while not pending:
            data = await reader.read(65536)
            if not data:
                raise ConnectionError("closed")
            pending.extend(splitter.feed(data))
        return pending.popleft()

    header = await nxt()
    stream_id = head_attrs(header).get("id", "")
    writer.write(f"<handshake>{hashlib.sha1((stream_id + secret).encode()).hexdigest()}</handshake>".encode())
    ok = await nxt()
    if not ok.startswith("<handshake"):
        raise SystemExit(f"echo component: handshake refused: {ok[:200]}")
    print("ready", flush=True)
    while True:
        data = await reader.read(65536)
        if not data:
            return
        out = []
        for stanza in splitter.feed(data):
            if not stanza.startswith("<iq"):
                continue
            a = head_attrs(stanza)
            if a.get("type") not in ("get", "set"):
                continue
            body = payload if a.get("type") == "set" and "<command" in stanza else ""
            out.append(f"<iq type='result' id='{a.get('id', '')}' to='{a.get('from', '')}' "
                       f"from='{a.get('to', jid)}'>{body}</iq>")
        if out:
            writer.write("".join(out).encode())


# ---------------------------------------------------------------- servers


def import_harness():
    sys.path.insert(0, str(ROOT / "tests" / "integration"))
    import harness
    return harness


def bench_prosody_class(harness):
    class BenchProsody(harness.Prosody):
        """The harness's Prosody with what the bench needs on top: SQL
        storage, HTTP, Prosody's invite modules, the bench users as admins,
        the echo component, info-level logging."""

        def __init__(self, workdir: Path, admins: list[str]) -> None:
            self.http_port = harness.free_port()
            self.echo = "echo.localhost"
            self.echo_secret = uuid.uuid4().hex
            self.bench_admins = admins
            super().__init__(workdir, other_domain="")

        def _write_config(self) -> None:
            super()._write_config()
            text = self.config.read_text()
            admins = "; ".join(f'"{a}"' for a in [self.component, *self.bench_admins])

            def sub(old: str, new: str) -> None:
                nonlocal text
                if text.count(old) != 1:
                    raise BenchError(f"the harness's Prosody config changed: {old!r} not found once")
                text = text.replace(old, new)

            sub('levels = { min = "debug" }', 'levels = { min = "info" }')
            sub('storage = "internal"',
                'storage = "sql"\nsql = { driver = "SQLite3", database = "prosody.sqlite" }')
            sub("http_ports = { }",
                f'http_ports = {{ {self.http_port} }}\nhttp_interfaces = {{ "{self.ip}" }}\n'
                f'http_default_host = "{self.domain}"\n'
                f'http_external_url = "http://{self.ip}:{self.http_port}/"')
            sub(f'plugin_paths = {{ "{harness.MODULES}" }}',
                f'plugin_paths = {{ "{harness.MODULES}", "{BENCH_MODULES}" }}')
            sub(f'  admins = {{ "{self.component}" }}\n',
                f'  admins = {{ {admins} }}\n'
                '  modules_enabled = { "invites"; "invites_adhoc"; "invites_register"; '
                '"invites_page"; "invites_register_web" }\n')
            text += f'\nComponent "{self.echo}"\n  component_secret = "{self.echo_secret}"\n'
            self.config.write_text(text)

    return BenchProsody


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise BenchError(f"no {field} for {pid}")


def memory(pid: int, rss: dict, anon: dict, when: str) -> None:
    """VmRSS (the target's measure) and RssAnon, the process's own memory:
    VmRSS also counts the pages of the binary's code that are mapped, which
    depends on the kernel's page cache (about 11 MB of ours, 2026-12-02)."""
    rss[when] = rss_kb(pid)
    anon[when] = rss_kb(pid, "RssAnon")


# ---------------------------------------------------------------- P1


async def p1_rate(clients: list[RawClient], to: str, warmup: float, duration: float) -> float:
    """Round trips per second: each client keeps one `#invite` execute
    outstanding; completions are counted between warm-up and the end."""
    done = [0]
    state = {"stop": False}
    payload = f"<command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}' action='execute'/>"

    async def one(c: RawClient) -> None:
        while not state["stop"]:
            stanza = await c.reply(c.send_iq("set", to, payload))
            check_completed(stanza, f"#invite at {to} for {c.jid}")
            done[0] += 1

    tasks = [asyncio.create_task(one(c)) for c in clients]
    try:
        await asyncio.sleep(warmup)
        c0, t0 = done[0], time.perf_counter()
        await asyncio.sleep(duration)
        c1, t1 = done[0], time.perf_counter()
        state["stop"] = True
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
    finally:
        for t in tasks:
            t.cancel()
    return (c1 - c0) / (t1 - t0)


# ---------------------------------------------------------------- P2


def parse_duration_ms(s: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", s.strip())
    if not m:
        raise BenchError(f"cannot read wrk's duration {s!r}")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def wrk(url: str, seconds: int, label: str) -> dict:
    proc = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "2s", "--latency", url],
                          capture_output=True, text=True, timeout=seconds + 60)
    out = proc.stdout
    if proc.returncode != 0:
        raise BenchError(f"wrk failed on {url}: {proc.stderr or out}")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    if not (rps and p50 and p99):
        raise BenchError(f"cannot read wrk's output:\n{out}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    result = {
        "what": label,
        "requests": int(total.group(1)) if total else None,
        "rps": float(rps.group(1)),
        "p50_ms": parse_duration_ms(p50.group(1)),
        "p99_ms": parse_duration_ms(p99.group(1)),
        "timeouts": int(errors.group(4)) if errors else 0,
        "socket_errors": sum(int(x) for x in errors.groups()[:3]) if errors else 0,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }
    if result["non_2xx"]:
        raise BenchError(f"{result['non_2xx']} non-2xx answers from {label}:\n{out}")
    return result


# ---------------------------------------------------------------- the run


def p50(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small counts, short runs (CI)")
    ap.add_argument("--json", type=Path, help="where to write the figures (default under target/bench/)")
    ap.add_argument("--fill", type=int, help="invites bulk-filled for P4/P5 (default 1,000,000; quick 10,000)")
    ap.add_argument("--echo-component", nargs=5, metavar=("HOST", "PORT", "JID", "SECRET", "PAYLOAD"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.echo_component:
        h, p, j, s, f = args.echo_component
        asyncio.run(echo_component(h, int(p), j, s, f))
        return 0

    quick = args.quick
    cfg = {
        "levels": (1, 8, 32),
        "warmup": 0.3 if quick else 1.0,
        "p1_seconds": 1.0 if quick else 5.0,
        "wrk_seconds": 1 if quick else 5,
        "redemptions": 3 if quick else 40,
        "fill": args.fill if args.fill is not None else (10_000 if quick else 1_000_000),
    }
    os.environ.setdefault("XMPP_INVITES_BIN", str(ROOT / "target" / "release" / "xmpp-invites"))
    harness = import_harness()
    if not harness.BINARY.exists():
        raise BenchError(f"{harness.BINARY} is missing: scripts/bench builds it")
    work = Path(tempfile.mkdtemp(prefix="xmpp-invites-bench-"))
    users = [f"bench{i}" for i in range(max(cfg["levels"]))]
    admins = [f"{u}@localhost" for u in ["admin", "inviter", *users]]
    prosody = bench_prosody_class(harness)(work, admins)
    prosody.register("admin", prosody.domain, PASSWORD)
    prosody.start()
    comp = harness.Component(
        prosody, work, admins=tuple(admins), web_defaults=True, log_filter="info",
        web_extra="rate_limit_per_minute = 100000000\nrate_limit_burst = 100000000")
    echo = None
    figures: dict = {"quick": quick, "config": cfg, "binary": str(harness.BINARY),
                     "load_before": os.getloadavg(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        comp.start()
        time.sleep(1.0)
        rss: dict = {}
        anon: dict = {}
        memory(comp.proc.pid, rss, anon, "idle")
        figures.update(asyncio.run(xmpp_phase(prosody, comp, users, cfg, work, figures)))
        echo = figures.pop("_echo")
        figures["P2"] = {
            "prosody": wrk(figures["_urls"]["prosody"], cfg["wrk_seconds"], "Prosody's invite page"),
            "ours": wrk(figures["_urls"]["ours"], cfg["wrk_seconds"], "our landing page"),
            "static": wrk(f"{comp.public_url}/static/style.css", cfg["wrk_seconds"], "our style sheet"),
        }
        figures.update(asyncio.run(redemption_phase(prosody, comp, cfg)))
        memory(comp.proc.pid, rss, anon, "after_load")

        # P5: the big store.
        comp.stop()
        t = time.perf_counter()
        db = sqlite3.connect(comp.database)
        with db:
            db.execute(FILL_SQL, {"count": cfg["fill"], "now": int(time.time())})
        stored = db.execute("SELECT count(*) FROM invites").fetchone()[0]
        db.close()
        fill_s = time.perf_counter() - t
        comp.start()
        time.sleep(1.0)
        memory(comp.proc.pid, rss, anon, "idle_filled")
        p5 = asyncio.run(p5_phase(prosody, comp, users, cfg))
        p5["P2_ours"] = wrk(figures["_urls"]["ours"], cfg["wrk_seconds"], "our landing page, big store")
        memory(comp.proc.pid, rss, anon, "after_load_filled")
        p5.update({"invites_stored": stored, "fill_seconds": fill_s})
        figures["P5"] = p5
        figures["P4_rss_kb"] = rss
        figures["P4_rss_anon_kb"] = anon
        figures["load_after"] = os.getloadavg()
    finally:
        if echo and echo.poll() is None:
            echo.send_signal(signal.SIGTERM)
            echo.wait(10)
        comp.stop()
        prosody.stop()
    figures.pop("_urls", None)
    table = render(figures)
    print(table)
    path = args.json or ROOT / "target" / "bench" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    figures["table"] = table
    path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures written to {path}")
    return 0


async def connect_all(prosody, names: list[str]) -> list[RawClient]:
    return list(await asyncio.gather(*(RawClient(n, prosody.domain, prosody.c2s_port).connect() for n in names)))


async def xmpp_phase(prosody, comp, users, cfg, work: Path, figures) -> dict:
    admin = await RawClient("admin", prosody.domain, prosody.c2s_port).connect()
    for u in ["inviter", *users]:
        await admin.add_user(u)
    clients = await connect_all(prosody, users)
    try:
        # One of our replies, as a client receives it, is the echo's answer.
        sample = await clients[0].execute(comp.prosody.component, NODE_INVITE)
        payload = sample[sample.find(">") + 1:sample.rfind("</iq>")]
        (work / "echo-payload.xml").write_text(payload)
        echo = subprocess.Popen(
            [sys.executable, __file__, "--echo-component", prosody.ip, str(prosody.component_port),
             prosody.echo, prosody.echo_secret, str(work / "echo-payload.xml")],
            stdout=subprocess.PIPE, text=True)
        line = await asyncio.wait_for(asyncio.to_thread(echo.stdout.readline), 15)
        if line.strip() != "ready":
            raise BenchError("the echo component did not come up")
        echo_sample = await clients[0].execute(prosody.echo, NODE_INVITE)
        prosody_sample = await clients[0].execute(prosody.domain, NODE_INVITE)
        sizes = {"ours": len(sample.encode()), "echo": len(echo_sample.encode()),
                 "prosody": len(prosody_sample.encode())}
        targets = {"prosody": prosody.domain, "ours": comp.prosody.component, "echo": prosody.echo}
        p1: dict = {}
        for k in cfg["levels"]:
            p1[k] = {}
            for name, to in targets.items():
                p1[k][name] = await p1_rate(clients[:k], to, cfg["warmup"], cfg["p1_seconds"])
        urls = {"prosody": form_field(await clients[0].execute(prosody.domain, NODE_INVITE), "landing-url"),
                "ours": form_field(await clients[0].execute(comp.prosody.component, NODE_INVITE), "landing-url")}
        for name, url in urls.items():
            status = (await asyncio.to_thread(harness_http().request, url))[0]
            if status != 200:
                raise BenchError(f"{name}'s invite page answered {status}")
        return {"P1": p1, "reply_bytes": sizes, "_urls": urls, "_echo": echo}
    finally:
        for c in [admin, *clients]:
            await c.close()


def harness_http():
    return import_harness().Http


def outbox_size(database) -> int:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    finally:
        db.close()


async def redemption_phase(prosody, comp, cfg) -> dict:
    """P3/P3b, interleaved: a bare add-user, one of our redemptions, one of
    Prosody's, n times."""
    http = harness_http()
    n = cfg["redemptions"]
    admin = await RawClient("admin", prosody.domain, prosody.c2s_port).connect()
    inviter = await RawClient("inviter", prosody.domain, prosody.c2s_port).connect()
    try:
        ours = [form_field(await inviter.execute(comp.prosody.component, NODE_INVITE), "landing-url")
                for _ in range(n)]
        theirs = [form_field(await inviter.execute(prosody.domain, NODE_INVITE), "landing-url")
                  for _ in range(n)]
        bare_t, ours_t, theirs_t = [], [], []
        base = f"http://{prosody.ip}:{prosody.http_port}"
        for i in range(n):
            t = time.perf_counter()
            await admin.add_user(f"bare{i}")
            bare_t.append(time.perf_counter() - t)

            def redeem_ours(url=ours[i], user=f"o{i}"):
                t = time.perf_counter()
                status, _, page = http.request(url + "/register")
                if status != 200:
                    raise BenchError(f"our registration form answered {status}")
                status, _, page = http.request(url + "/register", {
                    "csrf": http.csrf(page), "username": user, "password": PASSWORD, "confirm": PASSWORD})
                if status != 200:
                    raise BenchError(f"our registration answered {status}: {page[:300]}")
                return time.perf_counter() - t

            def redeem_theirs(url=theirs[i], user=f"p{i}"):
                token = url.split("?", 1)[1]
                t = time.perf_counter()
                status, _, page = http.request(f"{base}/register?t={token}")
                if status != 200 or 'name="token"' not in page:
                    raise BenchError(f"Prosody's registration form answered {status}")
                status, _, page = http.request(f"{base}/register",
                                               {"user": user, "password": PASSWORD, "token": token})
                if status != 200 or "Congratulations" not in page:
                    raise BenchError(f"Prosody's registration answered {status}: {page[:300]}")
                return time.perf_counter() - t

            ours_t.append(await asyncio.to_thread(redeem_ours))
            theirs_t.append(await asyncio.to_thread(redeem_theirs))
        # The same work on both sides: every invitee on the inviter's roster
        # with a mutual subscription.
        roster = await inviter.roster()
        both = lambda prefix: sum(1 for j, s in roster.items()  # noqa: E731
                                  if j.startswith(prefix) and j.endswith("@" + prosody.domain) and s == "both")
        if both("o") != n:
            raise BenchError(f"only {both('o')} of our {n} invitees are on the inviter's roster (both)")
        # The answer waits for the rosters only; the inviter's notifications
        # follow it. All of them must have been delivered (acknowledged by
        # the server and off the outbox) within a few seconds.
        undelivered = outbox_size(comp.database)
        deadline = time.monotonic() + 10
        while undelivered and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            undelivered = outbox_size(comp.database)
        if undelivered:
            raise BenchError(f"{undelivered} effects of our redemptions are still undelivered after 10 s")
        return {"P3": {"bare_add_user_p50_ms": p50(bare_t), "ours_p50_ms": p50(ours_t),
                       "prosody_register_web_p50_ms": p50(theirs_t), "n": n,
                       "inviter_roster_both": {"ours": both("o"), "prosody": both("p")}}}
    finally:
        await admin.close()
        await inviter.close()


async def p5_phase(prosody, comp, users, cfg) -> dict:
    clients = await connect_all(prosody, users[:8])
    try:
        await clients[0].execute(comp.prosody.component, NODE_INVITE)
        return {"P1_8": {name: await p1_rate(clients, to, cfg["warmup"], cfg["p1_seconds"])
                         for name, to in (("ours", comp.prosody.component), ("echo", prosody.echo))}}
    finally:
        for c in clients:
            await c.close()


# ---------------------------------------------------------------- the table


def render(f: dict) -> str:
    p1, p2, p3, p5, rss = f["P1"], f["P2"], f["P3"], f["P5"], f["P4_rss_kb"]
    rows = [("figure", "Prosody's own", "xmpp-invites", "ceiling, same run", "ours vs ceiling", "target", "")]

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for k in f["config"]["levels"]:
        r = p1[k]
        ratio = r["ours"] / r["echo"]
        target = "≥ 0.9" if k > 1 else "–"
        rows.append((f"P1 #invite round trips/s, {k} in flight", f"{r['prosody']:,.0f}", f"{r['ours']:,.0f}",
                     f"{r['echo']:,.0f} (echo)", f"{ratio:.2f}", target, met(ratio >= 0.9) if k > 1 else ""))
    pr, ou, st = p2["prosody"], p2["ours"], p2["static"]
    rows.append(("P2 landing page, wrk -t2 -c64: req/s", f"{pr['rps']:,.0f}", f"{ou['rps']:,.0f}",
                 f"{st['rps']:,.0f} (static CSS)", f"{ou['rps'] / st['rps']:.2f}; {ou['rps'] / pr['rps']:.1f} × Prosody",
                 "≥ 0.5; ≥ 20 × Prosody", met(ou["rps"] >= 0.5 * st["rps"] and ou["rps"] >= 20 * pr["rps"])))
    rows.append(("P2 p50 / p99 ms", f"{pr['p50_ms']:.1f} / {pr['p99_ms']:.1f}", f"{ou['p50_ms']:.1f} / {ou['p99_ms']:.1f}",
                 f"{st['p50_ms']:.2f} / {st['p99_ms']:.2f}", "", "p99 < 20 ms", met(ou["p99_ms"] < 20)))
    rows.append(("P2 timed out (> 2 s) / socket errors", f"{pr['timeouts']} / {pr['socket_errors']}",
                 f"{ou['timeouts']} / {ou['socket_errors']}", f"{st['timeouts']} / {st['socket_errors']}", "", "0",
                 met(ou["timeouts"] == 0 and p5["P2_ours"]["timeouts"] == 0)))
    r3 = p3["ours_p50_ms"] / p3["bare_add_user_p50_ms"]
    rows.append(("P3 web redemption p50 ms (GET + POST → account, rosters; notification after)", "–",
                 f"{p3['ours_p50_ms']:.1f}", f"{p3['bare_add_user_p50_ms']:.1f} (bare add-user)", f"{r3:.1f} ×",
                 "≤ 2 ×", met(r3 <= 2)))
    rows.append(("P3b admin's #invite redeemed on the web, p50 ms", f"{p3['prosody_register_web_p50_ms']:.1f}",
                 f"{p3['ours_p50_ms']:.1f}", "", f"{p3['ours_p50_ms'] / p3['prosody_register_web_p50_ms']:.2f} × Prosody",
                 "< 1 × Prosody", met(p3["ours_p50_ms"] < p3["prosody_register_web_p50_ms"])))
    mb = {k: v / 1024 for k, v in rss.items()}
    rows.append((f"P4 RSS MB idle / after load / idle with {p5['invites_stored']:,} / after load with them", "–",
                 f"{mb['idle']:.1f} / {mb['after_load']:.1f} / {mb['idle_filled']:.1f} / {mb['after_load_filled']:.1f}",
                 "", "", "≤ 15 idle, ≤ 40 with 1 M",
                 met(mb["idle"] <= 15 and max(mb["idle_filled"], mb["after_load_filled"]) <= 40)))
    anon = {k: v / 1024 for k, v in f.get("P4_rss_anon_kb", {}).items()}
    if anon:
        rows.append(("P4 of which RssAnon MB (VmRSS adds the binary's mapped code)", "",
                     f"{anon['idle']:.1f} / {anon['after_load']:.1f} / {anon['idle_filled']:.1f} / {anon['after_load_filled']:.1f}",
                     "", "", "(information)", ""))
    e8, e8f = p1[8]["ours"], p5["P1_8"]["ours"]
    w, wf = p2["ours"]["rps"], p5["P2_ours"]["rps"]
    rows.append((f"P5 with {p5['invites_stored']:,} invites: P1 at 8 / landing req/s", "",
                 f"{e8f:,.0f} / {wf:,.0f}", f"empty store: {e8:,.0f} / {w:,.0f}; echo {p5['P1_8']['echo']:,.0f}",
                 f"{e8f / e8:.2f} / {wf / w:.2f}", "within 5 %", met(e8f >= 0.95 * e8 and wf >= 0.95 * w)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"xmpp-invites bench{' (quick: figures not meaningful)' if f['quick'] else ''}, {f['started']}; "
             f"load average before {', '.join(f'{x:.2f}' for x in f['load_before'])}, "
             f"after {', '.join(f'{x:.2f}' for x in f['load_after'])}",
             f"reply bytes as received: ours {f['reply_bytes']['ours']}, echo {f['reply_bytes']['echo']}, "
             f"Prosody {f['reply_bytes']['prosody']}; P3 n={p3['n']}, inviter's roster (both): "
             f"ours {p3['inviter_roster_both']['ours']}, Prosody {p3['inviter_roster_both']['prosody']}"]
    for i, r in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
