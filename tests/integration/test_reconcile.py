"""Registrations left in the middle are settled against a real Prosody.

The component's SQLite file is prepared as a crash would leave it: a use of
an invite taken and a claim recorded for a username, but no redemption. On
start the component asks Prosody (XEP-0133 get-user-roster) whether each
account exists, then completes the redemption (rosters written, inviter
told) or gives the use back."""
import asyncio
import hashlib
import sqlite3
import time

from conftest import PASSWORD, login, run
from harness import NODE_CREATE, Client, form_values


def mint_account_invite(prosody, roster_subscription: bool) -> str:
    async def go():
        admin = await login(prosody, "admin@localhost")
        try:
            cmd = await admin.command("invites.localhost", NODE_CREATE)
            cmd = await admin.command("invites.localhost", NODE_CREATE, action="complete",
                                      sessionid=cmd.get("sessionid"),
                                      fields={"roster-subscription": "1" if roster_subscription else "0"})
            return form_values(cmd)["uri"][0].split("preauth=")[1]
        finally:
            await admin.disconnect()
    return run(go())


def token_row(db, token: str):
    h = hashlib.sha256(token.encode()).digest()
    return db.execute("SELECT id, uses FROM invites WHERE token_hash = ?", (h,)).fetchone()


def wait_until(cond, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.1)
    raise TimeoutError(f"timed out waiting for {what}")


def test_claims_left_by_a_crash_are_completed_or_released(prosody, component_factory):
    c = component_factory()
    with_account = mint_account_invite(prosody, roster_subscription=True)
    without = mint_account_invite(prosody, roster_subscription=False)
    assert c.stop() == 0
    # As a crash between the claim and the redemption leaves things: one
    # account Prosody did create ("survivor"), one it never got ("ghost").
    prosody.register("survivor", prosody.domain, PASSWORD)
    db = sqlite3.connect(c.database)
    old = int(time.time()) - 3600
    for token, name in ((with_account, "survivor"), (without, "ghost")):
        invite_id, _ = token_row(db, token)
        db.execute("UPDATE invites SET uses = uses + 1 WHERE id = ?", (invite_id,))
        db.execute("INSERT INTO claims (invite_id, localpart, registrant, created_at) VALUES (?, ?, ?, ?)",
                   (invite_id, name, b"\0" * 32, old))
    db.commit()

    c.start()
    wait_until(lambda: db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0,
               what="claims to be reconciled")
    survivor_id, survivor_uses = token_row(db, with_account)
    ghost_id, ghost_uses = token_row(db, without)
    assert survivor_uses == 1
    assert db.execute("SELECT jid FROM redemptions WHERE invite_id = ?", (survivor_id,)).fetchall() \
        == [("survivor@localhost",)]
    assert ghost_uses == 0, "no account was created: the use is given back"
    assert db.execute("SELECT count(*) FROM redemptions WHERE invite_id = ?", (ghost_id,)).fetchone()[0] == 0
    assert "reconciled: the account exists" in c.log.read_text()
    assert "reconciled: no account was created" in c.log.read_text()
    # The server was asked without creating anything.
    assert not prosody.account_exists("ghost")

    async def check():
        user = await Client("survivor@localhost", PASSWORD, prosody.c2s_port).connect()
        try:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                if (await user.roster()).get("admin@localhost") == "both":
                    return
                await asyncio.sleep(0.1)
            raise AssertionError(f"survivor's roster: {await user.roster()}")
        finally:
            await user.disconnect()

    run(check())
    wait_until(lambda: db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0,
               what="the outbox to empty")
