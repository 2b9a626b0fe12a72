"""Group invites against two real, federating servers (the served one of
either kind, with this repository's server module for PARS; the remote one
a Prosody): two people join by registering and one from another server
with an existing address; then
every pair among the creator and the joiners has `both` in both rosters in
the group's roster group. A fourth join on a three-use invite is refused,
and a revoked group invite admits nobody."""
import asyncio
import json
import subprocess

from conftest import PASSWORD, run
from harness import BINARY, NODE_GROUP, ROOT, Client, Component, Http, Prosody, form_values, make_server

NEW_PASSWORD = "a fresh passphrase"
GROUP = "Choir <altos> & friends"


def register(url, username):
    status, _, page = Http.request(url + "/register")
    if status != 200:
        return status, page
    return Http.request(url + "/register", {
        "csrf": Http.csrf(page), "username": username,
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})[::2]


def existing(url, address):
    status, _, page = Http.request(url + "/existing")
    if status != 200:
        return status, page
    return Http.request(url + "/existing", {"csrf": Http.csrf(page), "address": address})[::2]


async def roster_groups(client):
    """Contact -> (subscription, groups), straight from the server."""
    resp = await client.iq("get", None, "<query xmlns='jabber:iq:roster'/>")
    return {i.get("jid"): (i.get("subscription"),
                           sorted(g.text for g in i.findall("{jabber:iq:roster}group")))
            for i in resp.iter("{jabber:iq:roster}item")}


async def create_group(client, component, group, uses):
    cmd = await client.command(component, NODE_GROUP)
    assert cmd.get("status") == "executing"
    cmd = await client.command(component, NODE_GROUP, action="complete", sessionid=cmd.get("sessionid"),
                               fields={"group": group.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
                                       "uses": str(uses)})
    assert cmd.get("status") == "completed", ET_notes(cmd)
    return form_values(cmd)["landing-url"][0]


def ET_notes(cmd):
    return [n.text for n in cmd.findall("{http://jabber.org/protocol/commands}note")]


def served_server(kind, workdir, hosts):
    """a.test on 127.0.0.1 with the server module that approves the PARS
    subscriptions of eve's app: Prosody's, or ejabberd's compiled here."""
    if kind == "prosody":
        return Prosody(workdir, domain="a.test", other_domain=None, component="invites.a.test",
                       s2s_hosts=hosts, module=True)
    # Not named ejabberd-*: see test_server_modules.py's build_beam.
    beams = workdir / "xmpp-invites-beam-groups"
    subprocess.run([str(ROOT / "server-modules" / "ejabberd" / "build.sh"), str(beams)], check=True,
                   capture_output=True)
    return make_server(kind, workdir, domain="a.test", other_domain=None, component="invites.a.test",
                       s2s_hosts=hosts, beam_dirs=(beams,),
                       extra_modules={"mod_xmpp_invites": {"component": "invites.a.test"}})


def test_three_joiners_one_circle_fourth_refused_revoked_admits_nobody(workdir, server_kind):
    hosts = workdir / f"hosts-groups-{server_kind}"
    hosts.write_text("127.0.0.1 a.test\n127.0.0.2 b.test\n")
    a = served_server(server_kind, workdir, hosts)
    b = Prosody(workdir, domain="b.test", other_domain=None, component="invites.b.test",
                ip="127.0.0.2", s2s_hosts=hosts)
    a.register("alice", "a.test", PASSWORD)
    b.register("eve", "b.test", PASSWORD)
    comp = None
    # Everything is started inside the try: a failed start must not leave
    # a server holding 5269 for the tests that follow.
    try:
        a.start()
        b.start()
        comp = Component(a, workdir, admins=("alice@a.test",))
        comp.start()
        # PARS is the module's: wait until the component knows it is there.
        comp.wait_log("the server module answers")

        async def scenario():
            alice = await Client("alice@a.test", PASSWORD, a.c2s_port).connect(available=True)
            try:
                assert NODE_GROUP in await alice.command_nodes("invites.a.test")
                # A bad name is refused with the form shown again.
                cmd = await alice.command("invites.a.test", NODE_GROUP)
                cmd = await alice.command("invites.a.test", NODE_GROUP, action="complete",
                                          sessionid=cmd.get("sessionid"), fields={"group": "x" * 65})
                assert any("longer than 64" in (n or "") for n in ET_notes(cmd)), ET_notes(cmd)
                url = await create_group(alice, "invites.a.test", GROUP, 3)
            finally:
                await alice.disconnect()
            status, _, page = Http.request(url)
            assert status == 200 and "This invite is for the group Choir" in page, page
            assert "<altos>" not in page  # the name is escaped

            # Two join by registering, one after the other.
            assert register(url, "lena")[0] == 200
            assert register(url, "max")[0] == 200
            # The third from another server, with her existing address.
            status, page = existing(url, "eve@b.test")
            assert status == 200, page
            token = url.rsplit("/", 1)[1]
            links = [f"xmpp:{m}?roster;preauth={token}" for m in ("alice@a.test", "lena@a.test", "max@a.test")]
            for link in links:
                assert link in page, link
            # The fourth join is refused: three uses.
            assert register(url, "late")[0] == 410
            assert not a.account_exists("late")

            # Eve's app does what the page's buttons ask: adds each member
            # in the group and sends the subscription with the token; it
            # approves the requests back (slixmpp's default, as apps ask).
            eve = await Client("eve@b.test", PASSWORD, b.c2s_port, host="127.0.0.2").connect(available=True)
            try:
                for m in ("alice@a.test", "lena@a.test", "max@a.test"):
                    g = GROUP.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    await eve.iq("set", None, f"<query xmlns='jabber:iq:roster'><item jid='{m}'>"
                                              f"<group>{g}</group></item></query>")
                    eve.send_raw(f"<presence to='{m}' type='subscribe'>"
                                 f"<preauth xmlns='urn:xmpp:pars:0' token='{token}'/></presence>")

                async def eve_done():
                    r = await roster_groups(eve)
                    return all(r.get(m, (None,))[0] == "both"
                               for m in ("alice@a.test", "lena@a.test", "max@a.test"))
                for _ in range(200):
                    if await eve_done():
                        break
                    await asyncio.sleep(0.1)
                r = await roster_groups(eve)
                for m in ("alice@a.test", "lena@a.test", "max@a.test"):
                    assert r.get(m) == ("both", [GROUP]), (m, r)
            finally:
                await eve.disconnect()

            members = {"alice@a.test": PASSWORD, "lena@a.test": NEW_PASSWORD, "max@a.test": NEW_PASSWORD}
            for jid, password in members.items():
                c = await Client(jid, password, a.c2s_port).connect()
                try:
                    # Eve's side is done once she has sent her approvals;
                    # they reach a.test over s2s a moment later.
                    for _ in range(100):
                        r = await roster_groups(c)
                        if all(r.get(o, (None,))[0] == "both" for o in [*members, "eve@b.test"] if o != jid):
                            break
                        await asyncio.sleep(0.1)
                finally:
                    await c.disconnect()
                for other in [*members, "eve@b.test"]:
                    if other != jid:
                        assert r.get(other) == ("both", [GROUP]), (jid, other, r)
                # Nobody else was added.
                assert set(r) == set(members) - {jid} | {"eve@b.test"}, (jid, r)

            # The creator was told of each join.
            alice = await Client("alice@a.test", PASSWORD, a.c2s_port).connect(available=True)
            try:
                bodies = await alice.wait_for(
                    lambda: (lambda b: b if len(b) >= 3 else None)(
                        [m.find("{jabber:client}body").text for m in alice.messages
                         if m.get("from") == "invites.a.test" and m.find("{jabber:client}body") is not None]),
                    what="three notifications")
                assert sorted(bodies) == sorted(f"{j} accepted your invite."
                                                for j in ("lena@a.test", "max@a.test", "eve@b.test"))

                # A revoked group invite admits nobody, by either path.
                revoked = await create_group(alice, "invites.a.test", "Revoked", 5)
            finally:
                await alice.disconnect()
            listed = json.loads(subprocess.run(
                [str(BINARY), "invite", "--config", str(comp.config), "list", "--json"],
                capture_output=True, text=True, timeout=30, check=True).stdout)
            # Newest first: the one just made (the first is used up, so
            # not listed among the live ones).
            assert len(listed) == 1 and listed[0]["max_uses"] == 5, listed
            assert Http.request(revoked)[0] == 200
            subprocess.run([str(BINARY), "invite", "--config", str(comp.config), "revoke", listed[0]["id"]],
                           capture_output=True, text=True, timeout=30, check=True)
            assert register(revoked, "nobody")[0] == 404
            assert existing(revoked, "eve@b.test")[0] == 404
            assert not a.account_exists("nobody")

        run(scenario())
        assert comp.stop() == 0
    finally:
        if comp:
            comp.stop()
        a.stop()
        b.stop()
