"""Accepting invites end to end: a real Prosody, xmpp-invites, real HTTP
requests to the landing pages, and slixmpp users checking what the server
really did (accounts, rosters, presence, the inviter's notification)."""
import asyncio
import concurrent.futures
import signal
import sqlite3
import time

import pytest

from conftest import PASSWORD, login, run
from harness import NODE_CREATE, NODE_INVITE, Client, Component, Http, Prosody, form_values

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
        admin = await login(prosody, "admin@localhost")
        admin.xmpp.send_presence()
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


def test_existing_user_on_another_server_is_approved_without_manual_step(prosody, component_factory):
    component_factory()

    async def scenario():
        url = await mint(prosody, who="bob@localhost")
        status, _, page = Http.request(url)
        assert status == 200
        assert "Create my account" not in page  # contact-only: no registration here
        status, _, page = Http.request(url + "/existing")
        status, _, page = Http.request(url + "/existing", {"csrf": Http.csrf(page),
                                                           "address": "eve@other.localhost"})
        assert status == 200, page
        assert "xmpp:bob@localhost?roster" in page
        bob = await login(prosody, "bob@localhost")
        try:
            assert (await bob.roster()).get("eve@other.localhost") == "from"
        finally:
            await bob.disconnect()
        # eve's app asks to see bob's presence; bob's server approves at
        # once although bob is offline and never clicked anything.
        eve = await login(prosody, "eve@other.localhost")
        try:
            eve.xmpp.send_presence(pto="bob@localhost", ptype="subscribe")
            await eve.wait_for(lambda: any(p.get("from") == "bob@localhost" and p.get("type") == "subscribed"
                                           for p in eve.presences), what="subscribed from bob")
            await eve.wait_for(lambda: None, timeout=0) if False else None
            roster = await eve.roster()
            assert roster.get("bob@localhost") == "to", roster
        finally:
            await eve.disconnect()
        assert Http.request(url)[0] == 410

    run(scenario())


def test_server_down_during_registration_keeps_the_invite(workdir):
    p = Prosody(workdir)
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
    finally:
        comp.stop()
        p.stop()


def test_roster_writes_survive_a_kill_before_delivery(workdir):
    """The server refuses the roster writes (privileges not configured yet);
    xmpp-invites is killed with the writes still in its outbox; once the
    operator fixes Prosody and both restart, the writes are delivered."""
    p = Prosody(workdir, privileged=False)
    p.register("admin", p.domain, PASSWORD)
    p.start()
    comp = Component(p, workdir)
    comp.start()
    try:
        url = run(mint(p))
        status, _, page = register(url, "durable")
        assert status == 200, page  # the account exists; rosters are pending
        db = sqlite3.connect(comp.database)
        pending = db.execute("SELECT count(*), max(attempts) FROM outbox").fetchone()
        assert pending[0] == 3 and pending[1] >= 1, pending
        comp.proc.send_signal(signal.SIGKILL)
        comp.proc.wait()
        p.stop()
        p.set_privileged(True)
        p.start()
        comp.start()

        async def check():
            admin = await login(p, "admin@localhost")
            try:
                await admin.wait_for(lambda: None, timeout=0) if False else None
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
    finally:
        comp.stop()
        p.stop()
