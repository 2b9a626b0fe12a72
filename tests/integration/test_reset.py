"""Password-reset invites against a real Prosody: minted with #reset (admins
only) or `invite create --reset`, redeemed on their landing page, which sets
the password with XEP-0133 change-user-password. Logins over c2s prove it."""
import json
import re
import subprocess

import pytest

from conftest import PASSWORD, login, run
from harness import (BINARY, NODE_RESET, NS_COMMANDS, Client, Http, StanzaError, form_values,
                     start_component_again)

COMPONENT = "invites.localhost"
NEW_PASSWORD = "a brand new passphrase"


def notes(cmd):
    return [(n.get("type"), n.text or "") for n in cmd.findall(f"{{{NS_COMMANDS}}}note")]


async def reset_command(client, account):
    """Runs #reset for `account` to its end; returns the last <command/>."""
    cmd = await client.command(COMPONENT, NODE_RESET)
    assert cmd.get("status") == "executing", notes(cmd)
    return await client.command(COMPONENT, NODE_RESET, action="complete",
                                sessionid=cmd.get("sessionid"), fields={"account": account})


async def can_log_in(prosody, jid, password):
    client = Client(jid, password, prosody.c2s_port)
    try:
        await client.connect()
    except RuntimeError:
        return False
    finally:
        await client.disconnect()
    return True


def post_reset(url, password, confirm=None):
    """GETs the landing page (the form) and posts the new password."""
    status, _, page = Http.request(url)
    if status != 200:
        return status, page
    return Http.request(url + "/reset", {
        "csrf": Http.csrf(page), "password": password,
        "confirm": password if confirm is None else confirm})[::2]


def field_error(page, field):
    m = re.search(rf'<p id="{field}-error" class="error">([^<]*)</p>', page)
    return m.group(1) if m else None


def test_the_landing_page_refuses_bad_passwords_with_field_errors(prosody, component_factory):
    component_factory()
    prosody.register("davidsmith", prosody.domain, PASSWORD)

    async def mint():
        admin = await login(prosody, "admin@localhost")
        try:
            # Offered to the admin, for the account named.
            assert NODE_RESET in await admin.command_nodes(COMPONENT)
            cmd = await reset_command(admin, "DavidSmith@localhost")
            assert cmd.get("status") == "completed", notes(cmd)
            assert any("Password reset invite for davidsmith" in text for _, text in notes(cmd))
            return form_values(cmd)["landing-url"][0]
        finally:
            await admin.disconnect()

    url = run(mint())
    # The landing page is the form for that account, and nothing else.
    status, _, page = Http.request(url)
    assert status == 200
    assert "Set a new password for davidsmith@localhost" in page
    assert "xmpp:" not in page and "/register" not in page

    cases = [
        ("short", "short", "password", "The password must have at least 8 characters."),
        (NEW_PASSWORD, "something else entirely", "confirm", "The two passwords differ."),
        ("DavidSmith", "DavidSmith", "password", "The password must not be the username."),
    ]
    for password, confirm, field, error in cases:
        status, page = post_reset(url, password, confirm)
        assert status == 422, page
        assert field_error(page, field) == error, page
        assert "Please correct the fields marked below." in page
        assert "something else entirely" not in page and NEW_PASSWORD not in page
    # Nothing changed, and the link still works.
    assert run(can_log_in(prosody, "davidsmith@localhost", PASSWORD))
    assert Http.request(url)[0] == 200


def test_reset_then_old_password_fails_and_second_use_is_refused(prosody, component_factory):
    comp = component_factory()
    prosody.register("erin", prosody.domain, PASSWORD)

    async def scenario():
        admin = await login(prosody, "admin@localhost", PASSWORD)
        await admin.roster()
        admin.xmpp.send_presence()
        try:
            cmd = await reset_command(admin, "erin")
            assert cmd.get("status") == "completed", notes(cmd)
            url = form_values(cmd)["landing-url"][0]
            assert await can_log_in(prosody, "erin@localhost", PASSWORD)

            status, page = post_reset(url, NEW_PASSWORD)
            assert status == 200, page
            assert "Your new password is set" in page
            assert not await can_log_in(prosody, "erin@localhost", PASSWORD)
            assert await can_log_in(prosody, "erin@localhost", NEW_PASSWORD)

            # The admin is told, in a chat message from the component.
            await admin.wait_for(
                lambda: any("erin@localhost set a new password" in (m.findtext("{jabber:client}body") or "")
                            for m in admin.messages), what="the reset notification")

            # Spent: the page is gone and a post sets nothing.
            assert Http.request(url)[0] == 410
            status, _, page = Http.request(url + "/reset", {
                "csrf": "x", "password": "yet another passphrase", "confirm": "yet another passphrase"})
            assert status == 410
            assert await can_log_in(prosody, "erin@localhost", NEW_PASSWORD)
            assert not await can_log_in(prosody, "erin@localhost", "yet another passphrase")
            return url
        finally:
            await admin.disconnect()

    url = run(scenario())
    # Neither the new password nor the token reaches the log (debug level).
    log = comp.log.read_text(errors="replace")
    assert NEW_PASSWORD not in log
    assert url.rsplit("/", 1)[1] not in log


def test_resets_for_missing_accounts_and_by_users_are_refused(prosody, component_factory):
    component_factory(allow_user_invites=True)

    async def scenario():
        admin = await login(prosody, "admin@localhost")
        bob = await login(prosody, "bob@localhost")
        try:
            cmd = await reset_command(admin, "nobody")
            # Asked again, with the reason; nothing minted.
            assert cmd.get("status") == "executing"
            assert ("error", "There is no account nobody@localhost.") in notes(cmd)
            cmd = await reset_command(admin, "someone@other.localhost")
            assert cmd.get("status") == "executing"
            assert any("not an account of localhost" in t for _, t in notes(cmd)), notes(cmd)

            # Users may invite, but not reset passwords: not listed, refused.
            assert NODE_RESET not in await bob.command_nodes(COMPONENT)
            with pytest.raises(StanzaError) as e:
                await bob.command(COMPONENT, NODE_RESET)
            assert e.value.condition == "forbidden"
        finally:
            await admin.disconnect()
            await bob.disconnect()

    run(scenario())
    assert not prosody.account_exists("nobody")


def test_a_reset_for_an_account_deleted_since_creates_nothing(prosody, component_factory):
    component_factory()
    prosody.register("gina", prosody.domain, PASSWORD)

    async def mint():
        admin = await login(prosody, "admin@localhost")
        try:
            cmd = await reset_command(admin, "gina")
            assert cmd.get("status") == "completed", notes(cmd)
            return form_values(cmd)["landing-url"][0]
        finally:
            await admin.disconnect()

    url = run(mint())
    prosody.unregister("gina")
    assert not prosody.account_exists("gina")
    status, page = post_reset(url, NEW_PASSWORD)
    assert status == 410, page
    assert "This account no longer exists" in page
    # Changing the password never creates the account.
    assert not prosody.account_exists("gina")


def cli(comp, *args):
    return subprocess.run([str(BINARY), "invite", "--config", str(comp.config), *args],
                          capture_output=True, text=True, timeout=30)


def test_cli_reset_checks_the_account_through_the_running_service(prosody, component_factory):
    comp = component_factory()
    prosody.register("frank", prosody.domain, PASSWORD)

    out = cli(comp, "create", "--reset", "ghost@localhost")
    assert out.returncode != 0 and "there is no account ghost@localhost" in out.stderr, out.stderr
    out = cli(comp, "create", "--reset", "frank", "--uses", "2")
    assert out.returncode != 0 and "--reset takes no --username or --uses" in out.stderr

    out = cli(comp, "create", "--reset", "frank@localhost", "--lifetime", "2h", "--json")
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert made["kind"] == "reset" and made["uri"] == made["landing_url"]
    status, page = post_reset(made["landing_url"], NEW_PASSWORD)
    assert status == 200, page
    assert run(can_log_in(prosody, "frank@localhost", NEW_PASSWORD))
    assert not run(can_log_in(prosody, "frank@localhost", PASSWORD))
    shown = json.loads(cli(comp, "show", made["id"], "--json").stdout)
    assert shown["state"] == "used" and [r["jid"] for r in shown["redemptions"]] == ["frank@localhost"]

    # Without the running service there is nobody to ask: refused clearly,
    # and nothing minted.
    assert comp.stop() == 0
    before = json.loads(cli(comp, "list", "--all", "--json").stdout)
    out = cli(comp, "create", "--reset", "frank")
    assert out.returncode != 0 and "needs it running" in out.stderr, out.stderr
    assert json.loads(cli(comp, "list", "--all", "--json").stdout) == before
    start_component_again(comp)
