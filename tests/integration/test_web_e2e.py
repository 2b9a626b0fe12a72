"""Accepting invites end to end: a real Prosody or ejabberd, xmpp-invites, real HTTP
requests to the landing pages, and slixmpp users checking what the server
really did (accounts, rosters, presence, the inviter's notification)."""
import asyncio
import concurrent.futures
import signal
import sqlite3
import time

import pytest

from conftest import PASSWORD, login, run
from harness import NODE_CREATE, NODE_INVITE, Client, Component, Http, Prosody, form_values, make_server

COMPONENT = "invites.localhost"
NEW_PASSWORD = "a fresh passphrase"


async def mint(prosody, who="admin@localhost", node=NODE_INVITE, fields=None):
    c = await login(prosody, who)
    try:
        cmd = await c.command(COMPONENT, node)
        if node == NODE_CREATE:
            cmd = await c.command(COMPONENT, node, action="complete",
                                  sessionid=cmd.get("sessionid"), fields=fields or {})
        return form_values(cmd)["landing-url"][0]
    finally:
        await c.disconnect()


def register(url, username, password=NEW_PASSWORD, confirm=None):
    status, _, page = Http.request(url + "/register")
    assert status == 200, page
    return Http.request(url + "/register", {
        "csrf": Http.csrf(page), "username": username,
        "password": password, "confirm": confirm if confirm is not None else password})


def test_full_redemption_rosters_presence_and_notification(prosody, component_factory):
    component_factory()

    async def scenario():
        admin = await Client("admin@localhost", PASSWORD, prosody.c2s_port).connect(available=True)
        try:
            cmd = await admin.command(COMPONENT, NODE_INVITE)
            url = form_values(cmd)["landing-url"][0]
            status, headers, page = Http.request(url)
            assert status == 200
            assert "admin@localhost invites you to chat" in page
            assert "xmpp:admin@localhost?roster;preauth=" in page
            t0 = time.perf_counter()
            status, _, page = await asyncio.to_thread(register, url, "newbie")
            took = time.perf_counter() - t0
            assert status == 200, page
            assert "newbie@localhost" in page
            assert NEW_PASSWORD not in page
            print(f"registration POST answered in {took * 1000:.0f} ms (account + both rosters written)")

            # The new account logs in with the password chosen on the page,
            # and both rosters already hold the other, subscription both.
            newbie = await Client("newbie@localhost", NEW_PASSWORD, prosody.c2s_port).connect()
            try:
                assert (await newbie.roster()).get("admin@localhost") == "both"
                assert (await admin.roster()).get("newbie@localhost") == "both"
                # Presence flows both ways with no subscription dance.
                newbie.xmpp.send_presence()
                await admin.wait_for(lambda: any(p.get("from", "").startswith("newbie@localhost/")
                                                 and p.get("type") is None for p in admin.presences),
                                     what="newbie's presence at admin")
                await newbie.wait_for(lambda: any(p.get("from", "").startswith("admin@localhost/")
                                                  and p.get("type") is None for p in newbie.presences),
                                      what="admin's presence at newbie")
            finally:
                await newbie.disconnect()
            # The inviter was told, by a chat message from the component.
            note = await admin.wait_for(lambda: [m for m in admin.messages if m.get("from") == COMPONENT],
                                        what="the notification")
            body = note[0].find("{jabber:client}body").text
            assert body == "newbie@localhost accepted your invite."
        finally:
            await admin.disconnect()
        # Used now: the page and the form say so with 410.
        assert Http.request(url)[0] == 410
        assert Http.request(url + "/register")[0] == 410
        status, _, page = Http.request(url + "/register", {"csrf": "x", "username": "again",
                                                           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
        assert status == 410, page
        assert not prosody.account_exists("again")

    run(scenario())


def test_username_bound_invite_refuses_another_name(prosody, component_factory):
    component_factory()
    url = run(mint(prosody, node=NODE_CREATE, fields={"username": "juliet"}))
    status, _, page = Http.request(url + "/register")
    assert 'value="juliet"' in page and "readonly" in page
    status, _, page = register(url, "romeo")
    assert status == 422
    assert "This invite can only create the account juliet." in page
    assert not prosody.account_exists("romeo")
    status, _, page = register(url, "juliet")
    assert status == 200, page
    assert prosody.account_exists("juliet")


def test_concurrent_posts_on_a_single_use_invite_create_one_account(prosody, component_factory):
    component_factory()
    url = run(mint(prosody, node=NODE_CREATE))
    # Every request gets its own form (and CSRF token) first.
    forms = [Http.request(url + "/register")[2] for _ in range(20)]

    def post(i):
        return Http.request(url + "/register", {"csrf": Http.csrf(forms[i]), "username": f"racer{i}",
                                                "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        statuses = [r[0] for r in pool.map(post, range(20))]
    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 410}, statuses
    created = [i for i in range(20) if prosody.account_exists(f"racer{i}")]
    assert len(created) == 1, created
    assert statuses[created[0]] == 200


def test_existing_user_on_another_server_is_approved_without_manual_step(workdir, server_kind):
    """A real remote server: the served one (either kind) on 127.0.0.1 and
    a Prosody on 127.0.0.2, federating over s2s (dialback, names from a
    private hosts file). Same-instance hosts would not do: Prosody then
    trusts the requester's own roster and ignores the inviter's entry."""
    hosts = workdir / f"hosts-existing-{server_kind}"
    hosts.write_text("127.0.0.1 a.test\n127.0.0.2 b.test\n")
    a = make_server(server_kind, workdir, domain="a.test", other_domain=None, component="invites.a.test",
                    s2s_hosts=hosts)
    b = Prosody(workdir, domain="b.test", other_domain=None, component="invites.b.test",
                ip="127.0.0.2", s2s_hosts=hosts)
    a.register("bob", "a.test", PASSWORD)
    b.register("eve", "b.test", PASSWORD)
    comp = None
    # Started inside the try: a failed start must not leave the other
    # server holding 5269 for the tests that follow.
    try:
        a.start()
        b.start()
        comp = Component(a, workdir, admins=())
        comp.start()

        async def scenario():
            bob = await Client("bob@a.test", PASSWORD, a.c2s_port).connect()
            try:
                cmd = await bob.command("invites.a.test", NODE_INVITE)
                url = form_values(cmd)["landing-url"][0]
            finally:
                await bob.disconnect()
            status, _, page = Http.request(url)
            assert status == 200
            assert "Create my account" not in page  # contact-only: no registration here
            status, _, page = Http.request(url + "/existing")
            status, _, page = Http.request(url + "/existing", {"csrf": Http.csrf(page),
                                                               "address": "eve@b.test"})
            assert status == 200, page
            assert "xmpp:bob@a.test?roster" in page
            # eve's app asks to see bob's presence; bob's server approves at
            # once although bob is offline and never clicked anything.
            eve = await Client("eve@b.test", PASSWORD, b.c2s_port, host="127.0.0.2").connect(available=True)
            try:
                eve.xmpp.send_presence(pto="bob@a.test", ptype="subscribe")
                await eve.wait_for(lambda: any(p.get("from") == "bob@a.test" and p.get("type") == "subscribed"
                                               for p in eve.presences), what="subscribed from bob")
                assert (await eve.roster()).get("bob@a.test") == "to"
                # And bob's presence now reaches eve when he comes online.
                bob = await Client("bob@a.test", PASSWORD, a.c2s_port).connect(available=True)
                try:
                    assert (await bob.roster()).get("eve@b.test") == "from"
                    await eve.wait_for(lambda: any(p.get("from", "").startswith("bob@a.test/") and p.get("type") is None
                                                   for p in eve.presences), what="bob's presence at eve")
                    note = await bob.wait_for(lambda: [m for m in bob.messages if m.get("from") == "invites.a.test"],
                                              what="the notification")
                    assert note[0].find("{jabber:client}body").text == "eve@b.test accepted your invite."
                finally:
                    await bob.disconnect()
            finally:
                await eve.disconnect()
            assert Http.request(url)[0] == 410

        run(scenario())
        code = comp.stop()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {comp.log}"
    finally:
        if comp:
            comp.stop()
        a.stop()
        b.stop()


def test_existing_user_of_this_server_confirms_and_both_rosters_are_written(prosody, component_factory):
    component_factory()

    async def scenario():
        url = await mint(prosody, who="bob@localhost")
        carol = await Client("carol@localhost", PASSWORD, prosody.c2s_port).connect(available=True)
        try:
            status, _, page = Http.request(url + "/existing")
            status, _, page = Http.request(url + "/existing", {"csrf": Http.csrf(page),
                                                               "address": "carol@localhost"})
            assert status == 202, page
            assert "Check your messages" in page
            # Nothing is written on the word of whoever holds the link.
            bob = await login(prosody, "bob@localhost")
            try:
                assert "carol@localhost" not in await bob.roster()
            finally:
                await bob.disconnect()
            msg = await carol.wait_for(lambda: [m for m in carol.messages if m.get("from") == COMPONENT],
                                       what="the confirmation request")
            body = msg[0].find("{jabber:client}body").text
            link = body.split("open: ", 1)[1]
            origin = url.split("/invite/")[0]
            assert link.startswith(origin + "/confirm?invite=")
            assert url.rsplit("/", 1)[1] not in body  # never the invite token
            # A mangled link is refused.
            assert Http.request(link[:-3] + "AAA")[0] == 404
            status, _, page = Http.request(link)
            assert status == 200 and "Become contacts with bob@localhost?" in page
            fields = {"csrf": Http.csrf(page)}
            for name in ("invite", "address", "code"):
                fields[name] = __import__("re").search(rf'name="{name}" value="([^"]+)"', page).group(1)
            status, _, page = Http.request(origin + "/confirm", fields)
            assert status == 200, page
            assert (await carol.roster()).get("bob@localhost") == "both"
            bob = await login(prosody, "bob@localhost")
            try:
                assert (await bob.roster()).get("carol@localhost") == "both"
            finally:
                await bob.disconnect()
            assert Http.request(url)[0] == 410
        finally:
            await carol.disconnect()

    run(scenario())


def test_server_down_during_registration_keeps_the_invite(workdir, server_kind):
    p = make_server(server_kind, workdir)
    p.register("admin", p.domain, PASSWORD)
    p.start()
    comp = Component(p, workdir)
    comp.start()
    try:
        url = run(mint(p, node=NODE_CREATE))
        status, _, form = Http.request(url + "/register")
        p.stop()
        t0 = time.perf_counter()
        status, _, page = Http.request(url + "/register", {"csrf": Http.csrf(form), "username": "patient",
                                                           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
        print(f"error page after {time.perf_counter() - t0:.2f}s with the server down")
        assert status == 503, page
        assert "not reachable right now" in page and "still valid" in page
        db = sqlite3.connect(comp.database)
        assert db.execute("SELECT uses FROM invites").fetchall() == [(0,)]
        p.start()
        comp.wait_link_up(count=2, timeout=20)
        status, _, page = register(url, "patient")
        assert status == 200, page
        assert p.account_exists("patient")
        code = comp.stop()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {comp.log}"
    finally:
        comp.stop()
        p.stop()


def test_roster_writes_survive_a_kill_before_delivery(workdir, server_kind):
    """The server refuses the roster writes (XEP-0356 privileges on Prosody,
    API permissions on ejabberd not configured yet); xmpp-invites is killed
    with the writes still in its outbox; once the operator fixes the server
    and both restart, the writes are delivered."""
    p = make_server(server_kind, workdir)
    p.set_roster_writes(False)
    p.register("admin", p.domain, PASSWORD)
    p.start()
    comp = Component(p, workdir)
    comp.start()
    try:
        url = run(mint(p))
        status, _, page = register(url, "durable")
        assert status == 200, page  # the account exists; rosters are pending
        db = sqlite3.connect(comp.database)
        # Both roster writes were refused and wait in the outbox (the
        # notification needs no privilege and goes out, right after the
        # page's answer).
        deadline = time.monotonic() + 10
        while True:
            pending = db.execute("SELECT effect, attempts, last_error FROM outbox").fetchall()
            if len(pending) <= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert len(pending) == 2, pending
        assert all('"roster_item"' in e and a >= 1 and p.roster_refusal in err
                   for e, a, err in pending), pending
        comp.proc.send_signal(signal.SIGKILL)
        comp.proc.wait()
        p.stop()
        p.set_roster_writes(True)
        p.start()
        comp.start()

        async def check():
            admin = await login(p, "admin@localhost")
            try:
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline:
                    if (await admin.roster()).get("durable@localhost") == "both":
                        break
                    await asyncio.sleep(0.2)
                assert (await admin.roster()).get("durable@localhost") == "both"
            finally:
                await admin.disconnect()
            durable = await Client("durable@localhost", NEW_PASSWORD, p.c2s_port).connect()
            try:
                assert (await durable.roster()).get("admin@localhost") == "both"
            finally:
                await durable.disconnect()

        run(check())
        deadline = time.monotonic() + 10
        while db.execute("SELECT count(*) FROM outbox").fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        code = comp.stop()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {comp.log}"
    finally:
        comp.stop()
        p.stop()


def test_effects_queued_while_the_server_is_down_are_delivered_when_it_returns(workdir, server_kind):
    """Accepting with an address needs no server call, so it works while
    the server is down; the roster write and the notification wait and go out
    once the link is back."""
    p = make_server(server_kind, workdir)
    p.register("bob", p.domain, PASSWORD)
    p.register("eve", p.other_domain, PASSWORD)
    p.start()
    comp = Component(p, workdir)
    comp.start()
    try:
        url = run(mint(p, who="bob@localhost"))
        status, _, form = Http.request(url + "/existing")
        p.stop()
        status, _, page = Http.request(url + "/existing", {"csrf": Http.csrf(form), "address": "eve@other.localhost"})
        assert status == 200, page
        db = sqlite3.connect(comp.database)
        assert db.execute("SELECT count(*) FROM outbox").fetchone() == (2,)
        p.start()
        comp.wait_link_up(count=2, timeout=20)

        async def check():
            bob = await Client("bob@localhost", PASSWORD, p.c2s_port).connect(available=True)
            try:
                deadline = time.monotonic() + 15
                while (await bob.roster()).get("eve@other.localhost") != "from" and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                assert (await bob.roster()).get("eve@other.localhost") == "from"
                # The notification was kept for bob (offline then) by the server.
                note = await bob.wait_for(lambda: [m for m in bob.messages if m.get("from") == COMPONENT],
                                          what="the notification")
                assert note[0].find("{jabber:client}body").text == "eve@other.localhost accepted your invite."
            finally:
                await bob.disconnect()

        run(check())
        # The notification is acknowledged after the roster write: poll.
        deadline = time.monotonic() + 10
        while db.execute("SELECT count(*) FROM outbox").fetchone() != (0,) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert db.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
        code = comp.stop()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {comp.log}"
    finally:
        comp.stop()
        p.stop()
