"""The component against a real Prosody 0.12, driven by slixmpp users."""
import asyncio
import hashlib
import re
import sqlite3
import subprocess
import time

import pytest

from conftest import PASSWORD, login, run
from harness import (BINARY, NODE_CREATE, NODE_GROUP, NODE_INVITE, NODE_LIST, NODE_RESET, NS_COMMANDS, NS_DATA,
                     Client, Http, StanzaError, form_field_types, form_values)

COMPONENT = "invites.localhost"
EXPIRE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
TOKEN_RE = r"([A-Za-z0-9_-]{24})"


def check_result_form(cmd, uri_re):
    """The XEP-0401 0.6.0 result form, field by field."""
    assert cmd.get("status") == "completed"
    x = cmd.find(f"{{{NS_DATA}}}x")
    assert x is not None and x.get("type") == "result"
    values = form_values(cmd)
    assert set(values) == {"FORM_TYPE", "uri", "landing-url", "expire"}
    # Every field carries its type: Profanity 0.13 shows nothing for a
    # field whose type is left implied.
    assert form_field_types(cmd) == {"FORM_TYPE": "hidden", "uri": "text-single",
                                     "landing-url": "text-single", "expire": "text-single"}
    assert values["FORM_TYPE"] == ["urn:xmpp:invite#invitation"]
    m = re.fullmatch(uri_re, values["uri"][0])
    assert m, values["uri"][0]
    token = m.group("token")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/invite/" + re.escape(token), values["landing-url"][0])
    assert EXPIRE_RE.match(values["expire"][0])
    return token


@pytest.mark.parametrize("allow_user_invites", [False, True])
@pytest.mark.parametrize("allow_contact_invites", [False, True])
def test_policy_matrix(prosody, component_factory, allow_user_invites, allow_contact_invites):
    component_factory(allow_user_invites=allow_user_invites,
                      allow_contact_invites=allow_contact_invites)

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        bob = await login(prosody, "bob@localhost")
        eve = await login(prosody, "eve@other.localhost")
        try:
            # disco#items lists only what each requester may run.
            assert await admin.command_nodes(COMPONENT) == [NODE_INVITE, NODE_CREATE, NODE_GROUP, NODE_LIST, NODE_RESET]
            # Group invites let joiners register: users get them only with
            # allow_user_invites, as the registration part of contact invites.
            group = [NODE_GROUP] if allow_user_invites else []
            assert await bob.command_nodes(COMPONENT) == (
                [NODE_INVITE] + group + [NODE_LIST] if allow_contact_invites else [])
            assert await eve.command_nodes(COMPONENT) == []

            # Admin: contact invite that always allows registration.
            cmd = await admin.command(COMPONENT, NODE_INVITE)
            check_result_form(cmd, rf"xmpp:admin@localhost\?roster;preauth=(?P<token>{TOKEN_RE[1:-1]});ibr=y")

            # Local user: contact invite, with ;ibr=y only if allow_user_invites.
            if allow_contact_invites:
                cmd = await bob.command(COMPONENT, NODE_INVITE)
                suffix = ";ibr=y" if allow_user_invites else ""
                check_result_form(cmd, rf"xmpp:bob@localhost\?roster;preauth=(?P<token>{TOKEN_RE[1:-1]}){re.escape(suffix)}")
            else:
                with pytest.raises(StanzaError) as e:
                    await bob.command(COMPONENT, NODE_INVITE)
                assert e.value.condition == "forbidden"
                assert "Contact invites are disabled" in e.value.text

            # Only admins create account invites, whatever the settings.
            with pytest.raises(StanzaError) as e:
                await bob.command(COMPONENT, NODE_CREATE)
            assert e.value.condition == "forbidden"
            assert "Only administrators" in e.value.text
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            assert cmd.get("status") == "executing"
            assert set(form_values(cmd)) == {"username", "roster-subscription", "lifetime", "uses", "note"}
            types = form_field_types(cmd)
            assert types["roster-subscription"] == "boolean"
            assert None not in types.values(), types

            # Other domains: nothing.
            for node in (NODE_INVITE, NODE_CREATE):
                with pytest.raises(StanzaError) as e:
                    await eve.command(COMPONENT, node)
                assert e.value.condition == "forbidden"

            # disco#info on a command node: forbidden unless allowed.
            info = await admin.iq("get", COMPONENT, f"<query xmlns='http://jabber.org/protocol/disco#info' node='{NODE_CREATE}'/>")
            identity = info.find(".//{http://jabber.org/protocol/disco#info}identity")
            assert (identity.get("category"), identity.get("type")) == ("automation", "command-node")
            with pytest.raises(StanzaError) as e:
                await bob.iq("get", COMPONENT, f"<query xmlns='http://jabber.org/protocol/disco#info' node='{NODE_CREATE}'/>")
            assert e.value.condition == "forbidden"
        finally:
            for c in (admin, bob, eve):
                await c.disconnect()

    run(scenario())


def test_discovery_ping_and_version(prosody, component_factory):
    component_factory()

    async def scenario():
        bob = await login(prosody, "bob@localhost")
        try:
            info = await bob.iq("get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#info'/>")
            features = {f.get("var") for f in info.iter("{http://jabber.org/protocol/disco#info}feature")}
            assert {NS_COMMANDS, NS_DATA, "urn:xmpp:ping", "jabber:iq:version"} <= features
            pong = await bob.iq("get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>")
            assert pong.get("type") == "result"
            ver = await bob.iq("get", COMPONENT, "<query xmlns='jabber:iq:version'/>")
            assert ver.find(".//{jabber:iq:version}name").text == "xmpp-invites"
            with pytest.raises(StanzaError) as e:
                await bob.iq("get", COMPONENT, "<query xmlns='jabber:iq:last'/>")
            assert e.value.condition == "service-unavailable"
        finally:
            await bob.disconnect()

    run(scenario())


def test_create_account_two_stages_with_username_and_uses(prosody, component_factory):
    comp = component_factory()

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        try:
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            sid = cmd.get("sessionid")
            actions = cmd.find(f"{{{NS_COMMANDS}}}actions")
            assert actions.get("execute") == "complete"
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete", sessionid=sid,
                                      fields={"username": "Juliet", "roster-subscription": "1",
                                              "lifetime": "1d", "uses": "1", "note": "for the choir"})
            token = check_result_form(cmd, rf"xmpp:juliet@localhost\?register;preauth=(?P<token>{TOKEN_RE[1:-1]})")

            # The name is reserved: a second invite for it goes back to the
            # form with an error note, keeping what was typed.
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            sid2 = cmd.get("sessionid")
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete", sessionid=sid2,
                                      fields={"username": "juliet"})
            assert cmd.get("status") == "executing"
            notes = cmd.findall(f"{{{NS_COMMANDS}}}note")
            assert [n.get("type") for n in notes] == ["error"]
            assert "already reserved" in notes[0].text
            assert form_values(cmd)["username"] == ["juliet"]
            # Fixing the submission in the same session succeeds.
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete", sessionid=sid2,
                                      fields={"uses": "5"})
            reusable = check_result_form(cmd, rf"xmpp:localhost\?register;preauth=(?P<token>{TOKEN_RE[1:-1]})")

            # XEP-0050 errors over the wire.
            with pytest.raises(StanzaError) as e:
                await admin.command(COMPONENT, NODE_CREATE, action="complete", sessionid=sid2, fields={})
            assert (e.value.condition, e.value.specific) == ("bad-request", "bad-sessionid")
            with pytest.raises(StanzaError) as e:
                await admin.command(COMPONENT, NODE_CREATE, action="jump")
            assert (e.value.condition, e.value.specific) == ("bad-request", "malformed-action")
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            with pytest.raises(StanzaError) as e:
                await admin.command(COMPONENT, NODE_CREATE, action="next", sessionid=cmd.get("sessionid"), fields={})
            assert (e.value.condition, e.value.specific) == ("bad-request", "bad-action")
            cancel = await admin.command(COMPONENT, NODE_CREATE, action="cancel", sessionid=cmd.get("sessionid"))
            assert cancel.get("status") == "canceled"
            return token, reusable
        finally:
            await admin.disconnect()

    token, reusable = run(scenario())
    db = sqlite3.connect(comp.database)
    row = db.execute("SELECT kind, creator, max_uses, uses, reserved_username, roster_subscription, note, "
                     "expires_at - created_at FROM invites WHERE token_hash = ?",
                     (hashlib.sha256(token.encode()).digest(),)).fetchone()
    assert row == ("account", "admin@localhost", 1, 0, "juliet", 1, "for the choir", 86400)
    row = db.execute("SELECT max_uses, reserved_username FROM invites WHERE token_hash = ?",
                     (hashlib.sha256(reusable.encode()).digest(),)).fetchone()
    assert row == (5, None)


# The most verbose filter a user could set: everything at trace, and every
# library that sees the wire named at trace too (more specific targets
# than the binary's own caps).
MOST_VERBOSE_LOG = ",".join([
    "trace", "tokio_xmpp=trace", "tokio_xmpp::xmlstream=trace", "tokio_xmpp::xmlstream::common=trace",
    "xmpp_parsers=trace", "minidom=trace", "xso=trace", "rxml=trace", "jid=trace", "xmpp_invites=trace",
])
WEB_PASSWORD = "a web registration passphrase"


def test_tokens_are_stored_hashed_only(prosody, component_factory):
    comp = component_factory(log_filter=MOST_VERBOSE_LOG)

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        bob = await login(prosody, "bob@localhost")
        try:
            tokens = []
            for _ in range(3):
                cmd = await bob.command(COMPONENT, NODE_INVITE)
                tokens.append(re.search(r"preauth=" + TOKEN_RE, form_values(cmd)["uri"][0]).group(1))
            # An account invite, redeemed on the web: the password travels
            # to Prosody in the XEP-0133 add-user form on this link.
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete",
                                      sessionid=cmd.get("sessionid"), fields={})
            landing = form_values(cmd)["landing-url"][0]
            tokens.append(landing.rsplit("/", 1)[1])
            status, _, page = await asyncio.to_thread(Http.request, landing + "/register")
            assert status == 200, page
            status, _, page = await asyncio.to_thread(Http.request, landing + "/register", {
                "csrf": Http.csrf(page), "username": "logcheck",
                "password": WEB_PASSWORD, "confirm": WEB_PASSWORD})
            assert status == 200, page
            assert prosody.account_exists("logcheck")
            return tokens[:3], tokens
        finally:
            await admin.disconnect()
            await bob.disconnect()

    tokens, all_tokens = run(scenario())
    db = sqlite3.connect(comp.database)
    rows = db.execute("SELECT token_hash, kind, creator, max_uses, uses FROM invites "
                      "WHERE creator = 'bob@localhost' ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [hashlib.sha256(t.encode()).digest() for t in tokens]
    assert all(r[1:] == ("contact", "bob@localhost", 1, 0) for r in rows)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()
    # The clear token is in no file the component wrote: database, WAL, log.
    blobs = b"".join(p.read_bytes() for p in comp.dir.iterdir() if p.is_file())
    for t in all_tokens:
        assert t.encode() not in blobs
    assert WEB_PASSWORD.encode() not in blobs
    # The check is real: the component did log at trace (and the account
    # was created above, so add-user went over this link).
    log = comp.log.read_text(errors="replace")
    assert " TRACE " in log or "TRACE" in log, "the component did not log at trace"
    assert "SEND" not in log and "RECV" not in log, "tokio-xmpp's wire log got through"


def test_malformed_stanzas_do_not_drop_the_link(prosody, component_factory):
    comp = component_factory()

    async def scenario():
        bob = await login(prosody, "bob@localhost")
        try:
            errors = {}
            bob.xmpp.register_handler(__import__("slixmpp").xmlstream.handler.Callback(
                "bad1", __import__("slixmpp").xmlstream.matcher.MatchXPath("{jabber:client}iq"),
                lambda iq: errors.setdefault(iq["id"], iq.xml)))
            # Presence with a non-integer priority: xmpp-parsers rejects it,
            # and the stock tokio-xmpp Component would end its stream here.
            bob.send_raw(f"<presence to='{COMPONENT}'><priority>abc</priority></presence>")
            # An iq get with two payloads (RFC 6120 §8.2.3 allows one).
            # Prosody answers bad-request itself; ejabberd routes it on,
            # and xmpp-parsers reads only its first payload, so the
            # component answers that one: either way an answer, and the
            # link stays.
            bob.send_raw(f"<iq type='get' id='bad1' to='{COMPONENT}'><ping xmlns='urn:xmpp:ping'/><ping xmlns='urn:xmpp:ping'/></iq>")
            # A message with an unknown type.
            bob.send_raw(f"<message type='shout' to='{COMPONENT}'><body>hi</body></message>")
            # A command whose form is not a data form at all.
            bob.send_raw(f"<iq type='set' id='bad2' to='{COMPONENT}'><command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}'><x xmlns='jabber:x:data' type='nonsense'/></command></iq>")
            deadline = time.monotonic() + 5
            while ("bad1" not in errors or "bad2" not in errors) and time.monotonic() < deadline:
                await __import__("asyncio").sleep(0.05)
            bad_request = "{jabber:client}error/{urn:ietf:params:xml:ns:xmpp-stanzas}bad-request"
            if prosody.kind == "prosody":
                assert errors["bad1"].find(bad_request) is not None
            else:
                assert errors["bad1"].get("type") == "result"
                assert errors["bad1"].get("from") == COMPONENT
            assert errors["bad2"].get("type") == "error"
            assert errors["bad2"].find(bad_request) is not None
            # The next command still works, on the same link.
            cmd = await bob.command(COMPONENT, NODE_INVITE)
            assert cmd.get("status") == "completed"
        finally:
            await bob.disconnect()

    run(scenario())
    assert comp.link_up_count() == 1, "the link was re-established: it dropped"
    log = comp.log.read_text()
    if prosody.kind == "prosody":
        # ejabberd decodes the presence itself and never routes the bad
        # priority on; Prosody passes it to the component.
        assert "dropped a malformed stanza" in log
    assert "component link lost" not in log


def test_idle_link_is_pinged_and_stays_up(prosody, component_factory):
    comp = component_factory()  # ping_interval = 5s in the harness
    # Two idle intervals: keepalive pings went to the server and were
    # answered, and the link stayed the one it was.
    comp.wait_log("keepalive ping answered", count=2, timeout=60)
    assert comp.link_up_count() == 1
    assert "component link lost" not in comp.log.read_text()

    async def scenario():
        bob = await login(prosody, "bob@localhost")
        try:
            assert (await bob.command(COMPONENT, NODE_INVITE)).get("status") == "completed"
        finally:
            await bob.disconnect()

    run(scenario())


# The link's reconnection schedule (src/xmpp/link.rs) and the harness's
# request_timeout, which bounds a handshake at twice its value.
BACKOFF_CAP = 60
REQUEST_TIMEOUT = 5


def backoff_schedule(n: int) -> list[int]:
    """The waits after the 1 s that follows a lost link: 2, 4, ... 60."""
    return [min(2 ** (i + 1), BACKOFF_CAP) for i in range(n)]


def retry_waits(log: str) -> list[int]:
    """The `retry_in` of each failed connection attempt in `log`, in seconds."""
    return [int(m) for m in re.findall(r"cannot establish the component link.*?retry_in=(\d+)s", log)]


def test_server_restart_is_survived(workdir, server_kind):
    from harness import Component, make_server
    p = make_server(server_kind, workdir)
    p.register("bob", p.domain, PASSWORD)
    p.start()
    comp = Component(p, workdir)
    comp.start()
    # Bounded by the backoff cap plus the handshake bound, with room.
    bound = BACKOFF_CAP + 2 * REQUEST_TIMEOUT + 30

    async def serves():
        bob = await login(p, "bob@localhost")
        try:
            cmd = await bob.command(COMPONENT, NODE_INVITE)
            assert cmd.get("status") == "completed"
        finally:
            await bob.disconnect()

    try:
        t0 = time.monotonic()
        p.restart()
        comp.wait_link_up(count=2, timeout=bound)
        print(f"component back {time.monotonic() - t0:.2f}s after {server_kind} was stopped")
        run(serves())

        # A longer outage: the component keeps trying, on its schedule,
        # without exiting, however long the server stays away.
        before = comp.log_offset()
        p.stop()
        comp.wait_log("cannot establish the component link", count=3, since=before, timeout=bound)
        assert comp.proc.poll() is None
        p.start()
        ready = comp.log_offset()
        comp.wait_link_up(count=3, timeout=bound)
        retries = retry_waits(comp.log_since(before))
        print(f"waits between attempts during the outage: {retries} s")
        assert len(retries) >= 3
        assert retries == backoff_schedule(len(retries))
        # Reconnected on its next attempt once the server listened again: at
        # most the attempt in flight then failed.
        assert len(retry_waits(comp.log_since(ready))) <= 1
        run(serves())
    finally:
        assert comp.stop() == 0
        p.stop()


def test_check_config_cli(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text("""
[component]
jid = "invites.example.org"
server = "127.0.0.1:5347"
secret = "s"
[server]
domain = "example.org"
kind = "prosody"
[web]
listen = "127.0.0.1:8080"
public_url = "https://invite.example.org"
""")
    out = subprocess.run([str(BINARY), "check-config", "--config", str(good)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert 'allow_contact_invites = true' in out.stdout
    assert 'allow_user_invites = false' in out.stdout
    assert '"s"' not in out.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace("[web]", "[web]\nlisten_addr = 1"))
    out = subprocess.run([str(BINARY), "check-config", "--config", str(bad)], capture_output=True, text=True)
    assert out.returncode == 2
    assert str(bad) in out.stderr and "listen_addr" in out.stderr
    # The path can come from the environment too.
    out = subprocess.run([str(BINARY), "check-config"], capture_output=True, text=True,
                         env={"XMPP_INVITES_CONFIG": str(good), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
