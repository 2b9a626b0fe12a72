"""The apps people use, against a real server that loads this repository's
server module — Prosody with server-modules/prosody/mod_xmpp_invites.lua,
ejabberd 23.01 (Debian's) with server-modules/ejabberd/mod_xmpp_invites.erl
compiled here by its build.sh and loaded with -pa: clients that behave as
Conversations (commands listed on the domain, run at the listed jid), Monal
(run at the domain only), and apps that register with a token (XEP-0445)
or subscribe with one (XEP-0379). See ../shared notes clients-and-preauth.md
for what each app sends. Every scenario runs on both server kinds."""

import asyncio
import hashlib
import re
import sqlite3
import subprocess
import threading
import time

import pytest

from conftest import PASSWORD, run
from harness import (NODE_CREATE, NODE_INVITE, NS_COMMANDS, NS_DATA, ROOT, Client, Component, Ejabberd, Http,
                     Prosody, StanzaError, Unauthenticated, accounts_of, error_of, form_field_types, form_values,
                     kill_component, make_server, start_component_again)

DOMAIN = "localhost"
COMPONENT = "invites.localhost"
NS_MODULE = "urn:xmpp-invites:module:0"
TOKEN = re.compile(r"preauth=([A-Za-z0-9_-]+)")


def build_beam(workdir):
    # Not named ejabberd-*: a code path entry of that name becomes
    # code:priv_dir(ejabberd), and ejabberd then looks for its translations
    # and SQL schemas there.
    out = workdir / "xmpp-invites-beam"
    subprocess.run([str(ROOT / "server-modules" / "ejabberd" / "build.sh"), str(out)], check=True,
                   capture_output=True)
    assert (out / "mod_xmpp_invites.beam").exists()
    return out


@pytest.fixture(scope="module")
def server(workdir, server_kind):
    if server_kind == "ejabberd":
        s = Ejabberd(workdir, other_domain=None, beam_dirs=(build_beam(workdir),),
                     extra_modules={"mod_xmpp_invites": {"component": COMPONENT}})
    else:
        s = Prosody(workdir, module=True)
    for name in ("admin", "bob", "carol", "dave"):
        s.register(name, s.domain, PASSWORD)
    s.start()
    yield s
    s.stop()


@pytest.fixture
def component(server, workdir):
    c = Component(server, workdir)
    c.start()
    # The component learns at link-up that the module is there.
    c.wait_log("the server module answers")
    yield c
    assert c.stop() == 0


async def user(server, name):
    return await Client(f"{name}@{DOMAIN}", PASSWORD, server.c2s_port).connect(available=True)


def token_of(cmd):
    return TOKEN.search(form_values(cmd)["uri"][0]).group(1)


def invite_row(comp, token):
    db = sqlite3.connect(comp.database)
    try:
        return db.execute("SELECT id, uses, max_uses FROM invites WHERE token_hash = ?",
                          (hashlib.sha256(token.encode()).digest(),)).fetchone()
    finally:
        db.close()


def all_fields_typed(cmd):
    types = form_field_types(cmd)
    assert types and all(types.values()), types


async def create_account_at_domain(admin, fields):
    """Both stages of #create-account, executed at the domain (Monal)."""
    cmd = await admin.command(DOMAIN, NODE_CREATE)
    assert cmd.get("status") == "executing"
    all_fields_typed(cmd)
    cmd = await admin.command(DOMAIN, NODE_CREATE, action="complete", sessionid=cmd.get("sessionid"),
                              fields=fields)
    assert cmd.get("status") == "completed", cmd
    all_fields_typed(cmd)
    return cmd


def test_the_ejabberd_module_builds_without_warnings(workdir, server_kind):
    if server_kind != "ejabberd":
        pytest.skip("the Lua module needs no build")
    # build.sh compiles with -Werror: this is the check that Debian's
    # headers and libraries (xmpp 1.6.1) are all it needs.
    assert (build_beam(workdir) / "mod_xmpp_invites.beam").stat().st_size > 0


def test_conversations_finds_the_commands_on_the_domain_and_runs_them(server, component):
    async def scenario():
        bob, admin = await user(server, "bob"), await user(server, "admin")
        try:
            items = await bob.iq("get", DOMAIN,
                                 f"<query xmlns='http://jabber.org/protocol/disco#items' node='{NS_COMMANDS}'/>")
            listed = {i.get("node"): i.get("jid") for i in items.iter("{http://jabber.org/protocol/disco#items}item")}
            # A plain user may invite contacts, not create accounts; items
            # carry the domain's jid (Monal drops any other).
            assert listed.get(NODE_INVITE) == DOMAIN and NODE_CREATE not in listed, listed
            if server.kind == "ejabberd":
                # ejabberd's own commands are still there.
                assert "ping" in listed, listed
            admin_nodes = await admin.command_nodes(DOMAIN)
            assert NODE_INVITE in admin_nodes and NODE_CREATE in admin_nodes, admin_nodes

            # Conversations executes at the item's jid and waits 2 s.
            started = time.monotonic()
            cmd = await bob.command(listed[NODE_INVITE], NODE_INVITE)
            elapsed = time.monotonic() - started
            assert elapsed < 2.0, elapsed
            assert cmd.get("status") == "completed"
            all_fields_typed(cmd)
            uri = form_values(cmd)["uri"][0]
            # It rejects the answer unless the uri's JID is the requester's.
            assert uri.startswith("xmpp:bob@localhost?roster;preauth="), uri
            status, _, page = Http.request(form_values(cmd)["landing-url"][0])
            assert status == 200
            # The module answered the probe: the apps that PARS are marked ready.
            assert "invite ready" in page and f'href="{uri}"' in page
        finally:
            await bob.disconnect()
            await admin.disconnect()

    run(scenario())


def test_monal_runs_both_commands_at_the_domain(server, component):
    async def scenario():
        bob, admin = await user(server, "bob"), await user(server, "admin")
        try:
            resp = await bob.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}' action='execute'/>")
            assert resp.get("from") == DOMAIN
            cmd = resp.find(f"{{{NS_COMMANDS}}}command")
            assert form_values(cmd)["uri"][0].startswith("xmpp:bob@localhost?roster;preauth=")
            assert form_values(cmd)["expire"][0].endswith("Z")

            cmd = await create_account_at_domain(admin, {"username": "juliet", "roster-subscription": "1"})
            assert form_values(cmd)["uri"][0].startswith("xmpp:juliet@localhost?register;preauth=")
            assert invite_row(component, token_of(cmd))[1:] == (0, 1)

            # A plain user cannot create accounts this way either.
            with pytest.raises(StanzaError) as e:
                await bob.command(DOMAIN, NODE_CREATE)
            assert e.value.condition == "forbidden"

            if server.kind == "ejabberd":
                # ejabberd's own commands at the domain are untouched.
                pong = await bob.command(DOMAIN, "ping")
                assert pong.get("status") == "completed"

            # Nobody but the server can relay a requester: bob sending the
            # module's request himself, as the admin, is refused.
            forged = (f"<relay xmlns='{NS_MODULE}' from='admin@localhost/x'>"
                      f"<command xmlns='{NS_COMMANDS}' node='{NODE_CREATE}' action='execute'/></relay>")
            with pytest.raises(StanzaError) as e:
                await bob.iq("set", COMPONENT, forged)
            assert e.value.condition == "forbidden"
            with pytest.raises(StanzaError) as e:
                await bob.iq("set", COMPONENT, f"<claim xmlns='{NS_MODULE}' token='x' username='y' attempt='z'/>")
            assert e.value.condition == "forbidden"
            # Nor can a user get the module's answer meant for the component.
            with pytest.raises(StanzaError) as e:
                await bob.iq("get", DOMAIN, f"<hello xmlns='{NS_MODULE}'/>")
            assert e.value.condition in ("service-unavailable", "feature-not-implemented"), e.value.condition
        finally:
            await bob.disconnect()
            await admin.disconnect()

    run(scenario())


def test_an_app_registers_with_the_token(server, component):
    async def scenario():
        admin = await user(server, "admin")
        try:
            cmd = await create_account_at_domain(admin, {"roster-subscription": "1"})
            token = token_of(cmd)
            stream = Unauthenticated(server)
            try:
                assert stream.offers_token_registration()
                assert error_of(stream.preauth(token)) == (None, None)
                assert error_of(stream.register("juliet", PASSWORD)) == (None, None)
            finally:
                stream.close()
            juliet = await user(server, "juliet")
            await juliet.disconnect()
            await admin.wait_for(lambda: any(m.get("from") == COMPONENT and "juliet@localhost" in
                                             (m.findtext("{jabber:client}body") or "") for m in admin.messages),
                                 what="the inviter's notification")
            assert invite_row(component, token)[1] == 1
            assert Http.request(form_values(cmd)["landing-url"][0])[0] == 410

            # The used token is refused, as an unknown one is.
            for bad in (token, "A" * 24, "not a token"):
                stream = Unauthenticated(server)
                try:
                    assert error_of(stream.preauth(bad))[0] == "item-not-found", bad
                finally:
                    stream.close()
            stream = Unauthenticated(server)
            try:
                condition, text = error_of(stream.iq("set", "<preauth xmlns='urn:xmpp:pars:0'/>"))
                assert condition == "bad-request" and "token" in text
                # The stream is still usable after a refusal.
                assert error_of(stream.preauth("B" * 24))[0] == "item-not-found"
            finally:
                stream.close()
            # Without a token, this server registers nobody.
            stream = Unauthenticated(server)
            try:
                condition, text = error_of(stream.register("mallory", PASSWORD))
                assert condition == "not-acceptable" and "invitation" in text
            finally:
                stream.close()
            assert "mallory" not in accounts_of(server)
        finally:
            await admin.disconnect()

    run(scenario())


async def register_nurse_in_app(server, admin):
    """Admin mints an account invite with mutual contacts; "nurse" registers
    with its token in-band (XEP-0445) and both rosters say "both" at her
    first login."""
    token = token_of(await create_account_at_domain(admin, {"roster-subscription": "1"}))
    stream = Unauthenticated(server)
    try:
        assert error_of(stream.preauth(token)) == (None, None)
        assert error_of(stream.register("nurse", PASSWORD)) == (None, None)
    finally:
        stream.close()
    nurse = await user(server, "nurse")
    try:
        assert (await nurse.roster()).get("admin@localhost") == "both"
        assert (await admin.roster()).get("nurse@localhost") == "both"
    finally:
        await nurse.disconnect()


def test_both_rosters_are_written_before_the_first_login(server, component):
    async def scenario():
        admin = await user(server, "admin")
        try:
            await register_nurse_in_app(server, admin)
        finally:
            await admin.disconnect()

    run(scenario())


def test_a_bound_expired_or_revoked_token_registers_nothing_else(server, component):
    async def scenario():
        admin = await user(server, "admin")
        try:
            bound = token_of(await create_account_at_domain(admin, {"username": "romeo"}))
            expired = token_of(await create_account_at_domain(admin, {}))
            revoked = token_of(await create_account_at_domain(admin, {}))
        finally:
            await admin.disconnect()
        db = sqlite3.connect(component.database)
        db.execute("UPDATE invites SET expires_at = 1 WHERE id = ?", (invite_row(component, expired)[0],))
        db.execute("UPDATE invites SET revoked_at = 1 WHERE id = ?", (invite_row(component, revoked)[0],))
        db.commit()
        db.close()
        for dead in (expired, revoked):
            stream = Unauthenticated(server)
            try:
                assert error_of(stream.preauth(dead))[0] == "item-not-found"
            finally:
                stream.close()
        stream = Unauthenticated(server)
        try:
            assert error_of(stream.preauth(bound)) == (None, None)
            if server.kind == "ejabberd":
                # ejabberd's module answers the registration form itself, with
                # the bound name filled in; Prosody's form is mod_register's own.
                form = stream.iq("get", "<query xmlns='jabber:iq:register'/>")
                assert form.findtext("{jabber:iq:register}query/{jabber:iq:register}username") == "romeo"
            condition, text = error_of(stream.register("tybalt", PASSWORD))
            assert condition == "not-acceptable" and "romeo" in text, text
            # An existing name is refused before anything is claimed.
            condition, _ = error_of(stream.iq("set", "<query xmlns='jabber:iq:register'>"
                                                     f"<username>bob</username><password>{PASSWORD}</password></query>"))
            assert condition in ("not-acceptable", "conflict")
            assert error_of(stream.register("romeo", PASSWORD)) == (None, None)
        finally:
            stream.close()
        assert "tybalt" not in accounts_of(server) and "romeo" in accounts_of(server)
        assert invite_row(component, bound)[1] == 1

    run(scenario())


def test_web_and_app_racing_for_the_last_use_create_one_account(server, component):
    async def mint():
        admin = await user(server, "admin")
        try:
            return await create_account_at_domain(admin, {})
        finally:
            await admin.disconnect()

    for attempt in range(3):
        cmd = run(mint())
        token, landing = token_of(cmd), form_values(cmd)["landing-url"][0]
        stream = Unauthenticated(server)
        assert error_of(stream.preauth(token)) == (None, None)
        status, _, page = Http.request(landing + "/register")
        assert status == 200
        csrf = Http.csrf(page)
        app_name, web_name = f"app{attempt}", f"web{attempt}"
        results = {}
        start = threading.Barrier(2)

        def app():
            start.wait()
            results["app"] = error_of(stream.register(app_name, PASSWORD))

        def web():
            start.wait()
            results["web"] = Http.request(landing + "/register", {
                "csrf": csrf, "username": web_name, "password": PASSWORD, "confirm": PASSWORD})[0]

        threads = [threading.Thread(target=app), threading.Thread(target=web)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        stream.close()
        made = {app_name, web_name} & accounts_of(server)
        assert len(made) == 1, (results, made)
        assert (results["app"] == (None, None)) == (app_name in made), results
        assert (results["web"] == 200) == (web_name in made), results
        assert invite_row(component, token)[1] == 1


def pars_subscribe(client, inviter, token):
    client.send_raw(f"<presence to='{inviter}' type='subscribe'>"
                    f"<preauth xmlns='urn:xmpp:pars:0' token='{token}'/></presence>")


def test_pars_from_a_user_of_the_same_server(server, component):
    async def scenario():
        bob, carol, dave = await user(server, "bob"), await user(server, "carol"), await user(server, "dave")
        # Bob's app asks him before approving anyone, as apps do.
        bob.xmpp.auto_authorize = None
        try:
            token = token_of(await bob.command(DOMAIN, NODE_INVITE))
            pars_subscribe(carol, "bob@localhost", token)
            await carol.wait_for(lambda: any(p.get("from") == "bob@localhost" and p.get("type") == "subscribed"
                                             for p in carol.presences), what="subscribed from bob")
            # Bob never acted; his server asked carol back, and carol's app
            # (slixmpp, like most apps) accepted: mutual.
            await bob.wait_for(lambda: bob.xmpp.client_roster["carol@localhost"]["subscription"] == "both",
                               what="bob's roster: carol both")
            assert (await bob.roster()).get("carol@localhost") == "both"
            assert (await carol.roster()).get("bob@localhost") == "both"
            # Bob never saw the request (nothing for him to approve).
            assert not any(p.get("type") == "subscribe" and p.get("from", "").startswith("carol@")
                           for p in bob.presences)
            await bob.wait_for(lambda: any(m.get("from") == COMPONENT and "carol@localhost" in
                                           (m.findtext("{jabber:client}body") or "") for m in bob.messages),
                               what="bob's notification")
            # A bad token leaves the request to bob, without the token.
            pars_subscribe(dave, "bob@localhost", "bogus-token-value")
            requests = await bob.wait_for(lambda: [p for p in bob.presences
                                                   if p.get("from", "").startswith("dave@localhost")
                                                   and p.get("type") == "subscribe"],
                                          what="dave's request reaching bob")
            assert requests[0].find("{urn:xmpp:pars:0}preauth") is None
            await asyncio.sleep(1)
            assert not any(p.get("from") == "bob@localhost" and p.get("type") == "subscribed" for p in dave.presences)
            assert (await bob.roster()).get("dave@localhost") in (None, "none")
            # The used token is not good twice.
            pars_subscribe(dave, "bob@localhost", token)
            await asyncio.sleep(1)
            assert not any(p.get("from") == "bob@localhost" and p.get("type") == "subscribed" for p in dave.presences)
        finally:
            for c in (bob, carol, dave):
                await c.disconnect()

    run(scenario())


def test_component_down_degrades_quickly_and_recovers(server, component):
    async def listing(client):
        return await client.command_nodes(DOMAIN)

    async def scenario():
        bob = await user(server, "bob")
        try:
            assert NODE_INVITE in await listing(bob)
            kill_component(component)
            started = time.monotonic()
            nodes = await listing(bob)
            assert NODE_INVITE not in nodes, nodes
            if server.kind == "ejabberd":
                # ejabberd's own commands are still listed.
                assert "ping" in nodes, nodes
            with pytest.raises(StanzaError) as e:
                await bob.command(DOMAIN, NODE_INVITE)
            assert e.value.condition == "service-unavailable" and "not available" in e.value.text
            stream = Unauthenticated(server)
            try:
                assert error_of(stream.preauth("A" * 24))[0] == "service-unavailable"
            finally:
                stream.close()
            assert time.monotonic() - started < 5
            start_component_again(component)
            component.wait_log("the server module answers", count=2)
            assert NODE_INVITE in await listing(bob)
            cmd = await bob.command(DOMAIN, NODE_INVITE)
            assert cmd.get("status") == "completed"
        finally:
            await bob.disconnect()

    run(scenario())


@pytest.mark.parametrize("remote_kind", ["prosody", "ejabberd"])
def test_pars_from_a_user_of_another_server(workdir, server_kind, remote_kind):
    """The served side is Prosody; the remote one, whose users send the
    token over s2s, is either kind."""
    if server_kind != "prosody":
        pytest.skip("the served side of this federation test is Prosody; ejabberd serving is covered "
                    "by the same-server PARS test and test_component.py's federated runs")
    hosts = workdir / f"hosts-pars-{remote_kind}"
    hosts.write_text("127.0.0.1 a.test\n127.0.0.2 b.test\n")
    a = Prosody(workdir, domain="a.test", other_domain=None, component="invites.a.test", s2s_hosts=hosts,
                module=True)
    b = make_server(remote_kind, workdir, domain="b.test", other_domain=None, component="invites.b.test",
                    ip="127.0.0.2", s2s_hosts=hosts)
    a.register("bob", "a.test", PASSWORD)
    b.register("eve", "b.test", PASSWORD)
    b.register("mallory", "b.test", PASSWORD)
    comp = None
    # Started inside the try: a failed start must not leave a server
    # holding 5269 for the tests that follow.
    try:
        a.start()
        b.start()
        comp = Component(a, workdir, admins=())
        comp.start()
        comp.wait_log("the server module answers")

        async def scenario():
            bob = await Client("bob@a.test", PASSWORD, a.c2s_port).connect(available=True)
            eve = await Client("eve@b.test", PASSWORD, b.c2s_port, host="127.0.0.2").connect(available=True)
            mallory = await Client("mallory@b.test", PASSWORD, b.c2s_port, host="127.0.0.2").connect(available=True)
            bob.xmpp.auto_authorize = None
            try:
                token = token_of(await bob.command("a.test", NODE_INVITE))
                pars_subscribe(eve, "bob@a.test", token)
                await eve.wait_for(lambda: any(p.get("from") == "bob@a.test" and p.get("type") == "subscribed"
                                               for p in eve.presences), timeout=20, what="subscribed from bob")
                await bob.wait_for(lambda: bob.xmpp.client_roster["eve@b.test"]["subscription"] in ("from", "both"),
                                   what="bob's roster: eve approved")
                pars_subscribe(mallory, "bob@a.test", token)  # used: manual approval again
                await bob.wait_for(lambda: any(p.get("from", "").startswith("mallory@b.test") and p.get("type") == "subscribe"
                                               for p in bob.presences), timeout=20, what="mallory's request at bob")
                assert not any(p.get("from") == "bob@a.test" and p.get("type") == "subscribed"
                               for p in mallory.presences)
            finally:
                for c in (bob, eve, mallory):
                    await c.disconnect()

        run(scenario())
        assert comp.stop() == 0
    finally:
        if comp:
            comp.stop()
        a.stop()
        b.stop()


def test_monal_lists_and_revokes_at_the_domain(server, component):
    """Issue 11's #list through the module: every stage at the domain."""
    from test_manage import notes, options
    from harness import NODE_LIST

    async def scenario():
        dave = await user(server, "dave")
        try:
            cmd = await dave.command(DOMAIN, NODE_INVITE)
            landing = form_values(cmd)["landing-url"][0]
            assert NODE_LIST in await dave.command_nodes(DOMAIN)
            resp = await dave.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_LIST}' action='execute'/>")
            assert resp.get("from") == DOMAIN
            cmd = resp.find(f"{{{NS_COMMANDS}}}command")
            listed = options(cmd)
            assert len(listed) == 1, listed
            (invite_id, _), = listed.items()
            sid = cmd.get("sessionid")
            body = (f"<x xmlns='{NS_DATA}' type='submit'><field var='invites'><value>{invite_id}</value></field></x>")
            resp = await dave.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_LIST}' "
                                               f"sessionid='{sid}' action='next'>{body}</command>")
            assert resp.find(f"{{{NS_COMMANDS}}}command").get("status") == "executing"
            resp = await dave.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_LIST}' "
                                               f"sessionid='{sid}' action='complete'><x xmlns='{NS_DATA}' type='submit'/></command>")
            done = resp.find(f"{{{NS_COMMANDS}}}command")
            assert done.get("status") == "completed", notes(done)
            assert Http.request(landing)[0] == 404
        finally:
            await dave.disconnect()

    run(scenario())


def test_a_german_app_is_answered_in_german_at_the_domain(server, component):
    """Issue 14 through the module, on both kinds: the user's xml:lang goes
    with each relayed payload and with the token check, so names, notes and
    refusals come back in their language."""
    async def scenario():
        bob = await Client(f"bob@{DOMAIN}", PASSWORD, server.c2s_port, lang="de").connect(available=True)
        try:
            items = await bob.iq("get", DOMAIN,
                                 f"<query xmlns='http://jabber.org/protocol/disco#items' node='{NS_COMMANDS}'/>")
            names = {i.get("node"): i.get("name") for i in items.iter("{http://jabber.org/protocol/disco#items}item")}
            assert names.get(NODE_INVITE) == "Jemanden einladen", names
            resp = await bob.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}' action='execute'/>")
            cmd = resp.find(f"{{{NS_COMMANDS}}}command")
            assert cmd.get("status") == "completed"
            texts = [n.text or "" for n in cmd.findall(f"{{{NS_COMMANDS}}}note")]
            assert any(t.startswith("Einladung erstellt.") for t in texts), texts
        finally:
            await bob.disconnect()
        stream = Unauthenticated(server, lang="de")
        try:
            condition, text = error_of(stream.preauth("C" * 24))
            assert condition == "item-not-found" and text == "Der Einladungscode ist ungültig oder abgelaufen.", text
        finally:
            stream.close()

    run(scenario())


def test_the_prosody_module_writes_roster_entries_one_at_a_time(workdir, server_kind):
    """With the module, the component's roster writes go through it:
    Prosody saves the one entry (mod_privilege, XEP-0356, saves the owner's
    whole roster on every write, so each invitee made the next redemption
    slower), no XEP-0356 roster rights are needed, and no user can write
    someone else's roster that way."""
    if server_kind != "prosody":
        pytest.skip("ejabberd's rosters are written through its HTTP API; this is the Prosody module's write")
    s = Prosody(workdir, module=True, privileged=False)
    for name in ("admin", "bob"):
        s.register(name, s.domain, PASSWORD)
    s.start()
    c = Component(s, workdir)

    async def scenario():
        admin = await user(s, "admin")
        bob = await user(s, "bob")
        try:
            with pytest.raises(StanzaError) as refused:
                await bob.iq("set", DOMAIN, f"<roster xmlns='{NS_MODULE}' owner='admin@localhost' "
                                            "jid='bob@localhost' subscription='both'/>")
            assert refused.value.condition == "forbidden"
            assert "bob@localhost" not in await admin.roster()
            await register_nurse_in_app(s, admin)
        finally:
            await bob.disconnect()
            await admin.disconnect()

    try:
        c.start()
        c.wait_log("the server module answers")
        run(scenario())
    finally:
        c.stop()
        s.stop()
    log = s.log.read_text()
    # rostermanager's debug line names the one contact saved, or "all contacts".
    assert "saving roster for admin@localhost, (nurse@localhost)" in log
    assert "saving roster for nurse@localhost, (admin@localhost)" in log
    assert "saving roster for admin@localhost, (all contacts)" not in log
    assert "saving roster for nurse@localhost, (all contacts)" not in log
