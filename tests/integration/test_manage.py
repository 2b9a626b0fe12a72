"""Managing invites against a real Prosody: #list (list, select, confirm,
revoke), quotas, the policy checked again at redemption, and the admin CLI
on the database the running service uses."""
import json
import subprocess

import pytest

from conftest import login, run
from harness import (BINARY, NODE_INVITE, NODE_LIST, NS_COMMANDS, NS_DATA, Http,
                     StanzaError, form_values, set_component_option, start_component_again)

COMPONENT = "invites.localhost"
NEW_PASSWORD = "a brand new passphrase"


async def command_raw(client, node, sessionid=None, action=None, fields=None):
    """A <command/> whose submitted form may carry several values per
    field (list-multi), which harness.Client.command cannot send."""
    attrs = f"xmlns='{NS_COMMANDS}' node='{node}'"
    if action:
        attrs += f" action='{action}'"
    if sessionid:
        attrs += f" sessionid='{sessionid}'"
    body = ""
    if fields is not None:
        body = f"<x xmlns='{NS_DATA}' type='submit'>" + "".join(
            f"<field var='{k}'>" + "".join(f"<value>{v}</value>" for v in vs) + "</field>"
            for k, vs in fields.items()) + "</x>"
    resp = await client.iq("set", COMPONENT, f"<command {attrs}>{body}</command>")
    return resp.find(f"{{{NS_COMMANDS}}}command")


def options(cmd, var="invites"):
    x = cmd.find(f"{{{NS_DATA}}}x")
    for f in x.findall(f"{{{NS_DATA}}}field"):
        if f.get("var") == var:
            return {o.find(f"{{{NS_DATA}}}value").text: o.get("label")
                    for o in f.findall(f"{{{NS_DATA}}}option")}
    return {}


def notes(cmd):
    return [(n.get("type"), n.text or "") for n in cmd.findall(f"{{{NS_COMMANDS}}}note")]


async def mint(client):
    cmd = await client.command(COMPONENT, NODE_INVITE)
    assert cmd.get("status") == "completed", notes(cmd)
    return form_values(cmd)["landing-url"][0]


def register(url, username, password=NEW_PASSWORD):
    status, _, page = Http.request(url + "/register")
    if status != 200:
        return status, page
    status, _, page = Http.request(url + "/register", {
        "csrf": Http.csrf(page), "username": username,
        "password": password, "confirm": password})
    return status, page


def test_users_list_and_revoke_their_own_admins_anyones(prosody, component_factory):
    comp = component_factory(allow_user_invites=True)

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        bob = await login(prosody, "bob@localhost")
        carol = await login(prosody, "carol@localhost")
        try:
            bob_url = await mint(bob)
            carol_url = await mint(carol)

            # Bob sees his own invite only.
            cmd = await command_raw(bob, NODE_LIST, action="execute")
            assert cmd.get("status") == "executing"
            mine = options(cmd)
            assert len(mine) == 1, mine
            (bob_id, label), = mine.items()
            assert "contact" in label and "1 of 1 uses left" in label and "expires" in label
            sid = cmd.get("sessionid")

            # Carol's invite id, from her own list.
            ccmd = await command_raw(carol, NODE_LIST, action="execute")
            (carol_id, _), = options(ccmd).items()
            await command_raw(carol, NODE_LIST, sessionid=ccmd.get("sessionid"), action="cancel")

            # A forged list value (carol's id) is refused and revokes nothing.
            cmd = await command_raw(bob, NODE_LIST, sessionid=sid, action="next",
                                    fields={"invites": [carol_id]})
            assert cmd.get("status") == "executing"
            assert any(t == "error" and "not one of the invites listed" in x for t, x in notes(cmd))
            # A forged session id: carol cannot drive bob's session.
            with pytest.raises(StanzaError) as e:
                await command_raw(carol, NODE_LIST, sessionid=sid, action="next",
                                  fields={"invites": [bob_id]})
            assert e.value.condition == "bad-request"
            assert Http.request(carol_url)[0] == 200

            # Select, confirm, revoked.
            cmd = await command_raw(bob, NODE_LIST, sessionid=sid, action="next",
                                    fields={"invites": [bob_id]})
            assert cmd.get("status") == "executing"
            cmd = await command_raw(bob, NODE_LIST, sessionid=sid, action="complete", fields={})
            assert cmd.get("status") == "completed"
            assert any(f"#{bob_id}" in x for _, x in notes(cmd)), notes(cmd)

            # Revoked: the page is 404 and its token registers nothing.
            assert Http.request(bob_url)[0] == 404
            status, _ = register(bob_url, "viarevoked")
            assert status == 404
            assert not prosody.account_exists("viarevoked")
            # The row records who and when.
            shown = cli(comp, "invite", "show", bob_id, "--json")
            assert shown["revoked_by"] == "bob@localhost" and shown["revoked"]
            assert shown["state"] == "revoked"

            # Nothing left for bob; carol's still live.
            cmd = await command_raw(bob, NODE_LIST, action="execute")
            assert cmd.get("status") == "completed"
            assert Http.request(carol_url)[0] == 200

            # The admin sees everyone's, filters by creator, and revokes carol's.
            cmd = await command_raw(admin, NODE_LIST, action="execute")
            sid = cmd.get("sessionid")
            assert set(options(cmd, "kind")) >= {"any", "contact", "account"}
            cmd = await command_raw(admin, NODE_LIST, sessionid=sid, action="next",
                                    fields={"creator": ["carol@localhost"], "kind": ["any"]})
            listed = options(cmd)
            assert list(listed) == [carol_id], listed
            assert "by carol@localhost" in listed[carol_id]
            cmd = await command_raw(admin, NODE_LIST, sessionid=sid, action="next",
                                    fields={"invites": [carol_id]})
            cmd = await command_raw(admin, NODE_LIST, sessionid=sid, action="complete", fields={})
            assert cmd.get("status") == "completed"
            assert Http.request(carol_url)[0] == 404
            assert cli(comp, "invite", "show", carol_id, "--json")["revoked_by"] == "admin@localhost"
        finally:
            for c in (admin, bob, carol):
                await c.disconnect()

    run(scenario())


def test_quotas_trigger_with_a_note_and_admins_are_exempt(prosody, component_factory):
    comp = component_factory(allow_contact_invites=True)
    comp.stop()
    set_component_option(comp, "allow_contact_invites",
                         "true\nmax_live_invites_per_user = 2\nmax_invites_per_user_per_day = 3")
    start_component_again(comp)

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        bob = await login(prosody, "bob@localhost")
        try:
            first = await mint(bob)
            await mint(bob)
            # The live limit: an error note naming it, nothing minted.
            cmd = await bob.command(COMPONENT, NODE_INVITE)
            assert cmd.get("status") == "completed"
            assert form_values(cmd) == {}
            (kind, text), = notes(cmd)
            assert kind == "error" and "2 live invites" in text and "expires" in text, text
            assert len(cli(comp, "invite", "list", "--creator", "bob@localhost", "--json")) == 2

            # Revoking one frees a live slot; the third of the day is allowed.
            bob_ids = [r["id"] for r in cli(comp, "invite", "list", "--creator", "bob@localhost", "--json")]
            subprocess.run([str(BINARY), "invite", "--config", str(comp.config), "revoke", bob_ids[-1]],
                           check=True, capture_output=True)
            assert Http.request(first)[0] == 404
            await mint(bob)
            # Now the daily limit (3 created today, one of them revoked).
            await bob_revoke_all(bob)
            cmd = await bob.command(COMPONENT, NODE_INVITE)
            (kind, text), = notes(cmd)
            assert kind == "error" and "3 invites in the last 24 hours" in text, text
            assert form_values(cmd) == {}
            assert len(cli(comp, "invite", "list", "--all", "--creator", "bob@localhost", "--json")) == 3

            # Admins are exempt.
            for _ in range(4):
                await mint(admin)
        finally:
            for c in (admin, bob):
                await c.disconnect()

    run(scenario())


async def bob_revoke_all(bob):
    cmd = await command_raw(bob, NODE_LIST, action="execute")
    ids = list(options(cmd))
    sid = cmd.get("sessionid")
    await command_raw(bob, NODE_LIST, sessionid=sid, action="next", fields={"invites": ids})
    cmd = await command_raw(bob, NODE_LIST, sessionid=sid, action="complete", fields={})
    assert cmd.get("status") == "completed"


def test_policy_is_checked_again_at_redemption(prosody, component_factory):
    comp = component_factory(allow_user_invites=True)

    async def scenario():
        bob = await login(prosody, "bob@localhost")
        try:
            return await mint(bob)
        finally:
            await bob.disconnect()

    url = run(scenario())
    assert "/register" in Http.request(url)[2]
    # allow_user_invites turned off: the invite is a contact invite now.
    comp.stop()
    set_component_option(comp, "allow_user_invites", "false")
    start_component_again(comp)
    status, page = register(url, "latecomer")
    assert status == 404, page
    assert not prosody.account_exists("latecomer")
    assert Http.request(url)[0] == 200, "the contact part stays"


def cli(comp, *args):
    out = subprocess.run([str(BINARY), args[0], "--config", str(comp.config), *args[1:]],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if "--json" in args else out.stdout


def test_cli_on_the_running_services_database(prosody, component_factory):
    comp = component_factory()

    # create --account: its links work end to end.
    made = cli(comp, "invite", "create", "--account", "--uses", "2", "--note", "for the choir",
               "--lifetime", "1d", "--json")
    assert made["kind"] == "account" and made["uri"].startswith("xmpp:localhost?register;preauth=")
    assert Http.request(made["landing_url"])[0] == 200
    assert register(made["landing_url"], "clijoiner")[0] == 200
    assert prosody.account_exists("clijoiner")

    # show: uses left and who joined.
    shown = cli(comp, "invite", "show", made["id"], "--json")
    assert shown["uses"] == 1 and shown["uses_left"] == 1 and shown["note"] == "for the choir"
    assert [r["jid"] for r in shown["redemptions"]] == ["clijoiner@localhost"]
    assert shown["creator"] == "localhost" and shown["state"] == "live"

    # create --contact for a user: a contact invite from them.
    contact = cli(comp, "invite", "create", "--contact", "bob@localhost", "--json")
    assert contact["kind"] == "contact" and contact["uri"].startswith("xmpp:bob@localhost?roster;preauth=")
    assert Http.request(contact["landing_url"])[0] == 200

    # Plain text output names uri and landing-url.
    text = cli(comp, "invite", "create", "--account")
    assert "uri: xmpp:localhost?register;preauth=" in text and "landing-url: http" in text

    # list: filters, --all.
    listed = cli(comp, "invite", "list", "--json")
    assert {r["id"] for r in listed} >= {made["id"], contact["id"]}
    assert [r["id"] for r in cli(comp, "invite", "list", "--kind", "contact", "--json")] == [contact["id"]]
    assert cli(comp, "invite", "list", "--creator", "carol@localhost", "--json") == []

    # revoke, while the service runs: a use remains, the link dies at once.
    out = cli(comp, "invite", "revoke", made["id"])
    assert f"{made['id']}: revoked" in out
    assert Http.request(made["landing_url"])[0] == 404
    assert register(made["landing_url"], "clisecond")[0] == 404
    assert made["id"] not in {r["id"] for r in cli(comp, "invite", "list", "--json")}
    assert made["id"] in {r["id"] for r in cli(comp, "invite", "list", "--all", "--json")}
    assert cli(comp, "invite", "show", made["id"], "--json")["revoked_by"] == "operator (command line)"

    # Errors are clear and exit non-zero.
    bad = subprocess.run([str(BINARY), "invite", "--config", str(comp.config), "show", "999999"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "no invite 999999" in bad.stderr
    bad = subprocess.run([str(BINARY), "invite", "--config", str(comp.config), "revoke", "x1"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "not an invite id" in bad.stderr

    # purge: nothing ended long enough ago yet.
    out = cli(comp, "purge")
    assert "purged 0 invite(s)" in out


def test_a_flood_from_one_user_is_bounded_and_others_are_served(prosody, component_factory):
    component_factory()

    async def scenario():
        import asyncio
        import time
        bob = await login(prosody, "bob@localhost")
        carol = await login(prosody, "carol@localhost")
        try:
            async def one():
                try:
                    await bob.iq("get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#info'/>",
                                 timeout=30)
                    return "result"
                except StanzaError as e:
                    return e.condition
            flood = [asyncio.ensure_future(one()) for _ in range(300)]
            # Carol is served while bob's flood is in progress.
            started = time.monotonic()
            url = await mint(carol)
            assert time.monotonic() - started < 5
            assert Http.request(url)[0] == 200
            answers = await asyncio.gather(*flood)
            # Every request is answered: a result, or at once resource-constraint.
            assert set(answers) <= {"result", "resource-constraint"}, set(answers)
            assert "result" in answers
        finally:
            for c in (bob, carol):
                await c.disconnect()

    run(scenario())
