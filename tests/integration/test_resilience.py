"""Resilience end to end: invitees whose connection vanishes mid-post, the
component killed with SIGKILL in the middle of redemptions, and Prosody
restarted while invites are minted and redeemed.

After each fault the store, Prosody's accounts and the rosters must agree
once the dust settles: every invite's `uses` equals its redemptions, no
claim is left pending, every redemption's account exists and logs in with
the password that was posted, no account was created without a redemption,
rosters asked for hold each other with subscription `both`, every inviter
got one notification per redemption, the outbox is empty, and no token or
password reached the log. The tests poll for that (a generous deadline, the
time it took is printed) and print summary lines with the counts before
asserting, so a failing run still reports every number.
"""
from __future__ import annotations

import asyncio
import hashlib
import http.client
import os
import random
import re
import socket
import sqlite3
import struct
import time
import urllib.error
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from conftest import PASSWORD, run
from harness import (NODE_CREATE, NODE_INVITE, Client, Component, Http, Prosody, StanzaError, make_server,
                     accounts_of, form_values, kill_component, set_component_option,
                     start_component_again)

COMPONENT = "invites.localhost"
ADMIN = "admin@localhost"
BOB = "bob@localhost"
# Short, so that reconciliation (claims older than about twice this) is
# quick; account creation on a loopback Prosody takes milliseconds.
REQUEST_TIMEOUT = '"3s"'
# How long the invariants may take to hold after a fault.
SETTLE_DEADLINE = 60.0
# After normal registrations on released invites: no fault to recover from.
AGAIN_DEADLINE = 20.0
# How long the invariants must hold unchanged to count as settled (see
# settle()): twice REQUEST_TIMEOUT.
QUIET = 6.0


def password_for(username: str) -> str:
    # One password per account, so a login proves which post created it.
    return f"pass of {username}!"


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


# --- Environment ---------------------------------------------------------

class Env:
    """A private server (Prosody or ejabberd) and component per test: faults
    here must not touch the other tests' servers."""

    def __init__(self, workdir, kind: str, users=("admin", "bob")) -> None:
        self.prosody = make_server(kind, workdir)
        for u in users:
            self.prosody.register(u, self.prosody.domain, PASSWORD)
        self.prosody.start()
        self.comp = Component(self.prosody, workdir)
        set_component_option(self.comp, "request_timeout", REQUEST_TIMEOUT)
        self.comp.start()

    def close(self) -> int | None:
        try:
            return self.comp.stop()
        finally:
            self.prosody.stop()


@pytest.fixture
def env_factory(workdir, server_kind):
    made = []

    def make(**kwargs):
        e = Env(workdir, server_kind, **kwargs)
        made.append(e)
        return e

    yield make
    for e in made:
        code = e.close()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {e.comp.log}"


# --- Minting -------------------------------------------------------------

@dataclass
class Minted:
    url: str
    token: str
    node: str
    creator: str
    roster: bool  # both rosters are expected (admin contact invite or roster-subscription)
    note: str | None = None


async def mint_one(client: Client, creator: str, node: str, roster: bool = False,
                   note: str | None = None, timeout: float = 10.0) -> Minted:
    if node == NODE_INVITE:
        cmd = await client.command(COMPONENT, NODE_INVITE, timeout=timeout)
    else:
        first = await client.command(COMPONENT, NODE_CREATE, timeout=timeout)
        fields = {"roster-subscription": "true" if roster else "false"}
        if note:
            fields["note"] = note
        cmd = await client.command(COMPONENT, NODE_CREATE, action="complete",
                                   sessionid=first.get("sessionid"), fields=fields, timeout=timeout)
    values = form_values(cmd)
    if "uri" not in values:
        raise AssertionError(f"no result form: {values}")
    m = re.search(r"preauth=([A-Za-z0-9_-]+)", values["uri"][0])
    assert m, values["uri"]
    token = m.group(1)
    url = values["landing-url"][0] if values.get("landing-url") else ""
    assert not url or url.endswith("/invite/" + token), (url, token)
    return Minted(url=url, token=token, node=node, creator=creator,
                  roster=roster or (node == NODE_INVITE and creator == ADMIN), note=note)


def kind_plan(i: int) -> tuple[str, bool]:
    """A mix of the kinds that allow registration: an admin's contact
    invite (rosters both), an account invite with roster-subscription, and
    one without."""
    return [(NODE_INVITE, True), (NODE_CREATE, True), (NODE_CREATE, False)][i % 3]


async def mint_batch(prosody: Prosody, n: int) -> list[Minted]:
    c = await Client(ADMIN, PASSWORD, prosody.c2s_port).connect()
    try:
        out = []
        for i in range(n):
            node, roster = kind_plan(i)
            out.append(await mint_one(c, ADMIN, node, roster))
        return out
    finally:
        await c.disconnect()


# --- Posting -------------------------------------------------------------

@dataclass
class Attempt:
    invite: Minted
    username: str
    password: str
    variant: str = "whole"
    preexisting: bool = False  # the name existed before the post (taken)
    status: object = None  # HTTP status, or what happened to the connection


def csrf_of(url: str, path: str = "/register") -> str:
    status, _, page = Http.request(url + path)
    assert status == 200, (status, page[:300])
    return Http.csrf(page)


def raw_post(port: int, path: str, fields: dict, cut: str, reset: bool, linger: float) -> None:
    """Sends a form post over a raw socket and closes the connection
    `linger` seconds later, without reading the answer: `cut` is "whole"
    (the complete request), "half-body" or "in-headers". With `reset` the
    close is an RST (as when the kernel gives up on a dead connection),
    otherwise a FIN (tab closed)."""
    body = urllib.parse.urlencode(fields).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    data = {"whole": head + body, "half-body": head + body[:len(body) // 2],
            "in-headers": head[:len(head) // 2]}[cut]
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        if reset:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.sendall(data)
        # The fault's moment: 0 is "at once"; the others land while the
        # component validates, claims, creates the account or records it
        # (a whole registration takes some tens of milliseconds here).
        time.sleep(linger)
    finally:
        s.close()


def post_register(url: str, csrf: str, username: str, password: str, timeout: float = 20.0):
    """A registration post that reports a broken connection instead of raising."""
    try:
        return Http.request(url + "/register", {"csrf": csrf, "username": username,
                                                "password": password, "confirm": password},
                            timeout=timeout)[0]
    except urllib.error.URLError as e:
        return "refused" if isinstance(e.reason, ConnectionRefusedError) else "cut"
    except (OSError, http.client.HTTPException):
        return "cut"


# --- The invariants ------------------------------------------------------

@dataclass
class Audit:
    states: dict[str, str] = field(default_factory=dict)  # token -> unused/redeemed/burnt/...
    redeemed_by: dict[str, list[str]] = field(default_factory=dict)  # token -> JIDs
    claims: int | None = None  # None: no `claims` table
    outbox: int = 0
    orphans: list[str] = field(default_factory=list)  # accounts of ours without redemption
    created: int = 0
    total_uses: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def settled(self) -> bool:
        return not self.problems

    def count(self, state: str, tokens=None) -> int:
        return sum(1 for t, s in self.states.items() if s == state and (tokens is None or t in tokens))


def audit(env: Env, minted: list[Minted], attempts: list[Attempt]) -> Audit:
    a = Audit()
    db = sqlite3.connect(env.comp.database, timeout=10)
    try:
        db.execute("BEGIN")
        rows = {bytes(h): (i, uses) for i, h, uses in
                db.execute("SELECT id, token_hash, uses FROM invites")}
        reds: dict[int, list[str]] = {}
        for invite_id, jid in db.execute("SELECT invite_id, jid FROM redemptions"):
            reds.setdefault(invite_id, []).append(jid)
        has_claims = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'claims'").fetchone()[0]
        a.claims = db.execute("SELECT count(*) FROM claims").fetchone()[0] if has_claims else None
        a.outbox = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        db.execute("COMMIT")
    finally:
        db.close()
    accounts = accounts_of(env.prosody)
    local = "@" + env.prosody.domain
    for m in minted:
        row = rows.get(token_hash(m.token))
        if row is None:
            a.states[m.token] = "missing"
            a.problems.append(f"invite {m.token[:4]}… answered but not in the store")
            continue
        invite_id, uses = row
        jids = reds.get(invite_id, [])
        a.redeemed_by[m.token] = jids
        a.total_uses += uses
        missing = [j for j in jids if j.endswith(local) and j[:-len(local)] not in accounts]
        if uses > len(jids):
            state = "burnt"
        elif uses < len(jids):
            state = "overcounted"
        elif missing:
            state = "no-account"
        else:
            state = "redeemed" if uses else "unused"
        a.states[m.token] = state
        if state not in ("redeemed", "unused"):
            a.problems.append(f"invite #{invite_id}: {state} (uses {uses}, redemptions {jids}, "
                              f"accounts missing {missing})")
    redeemed_names = {j[:-len(local)] for js in a.redeemed_by.values() for j in js if j.endswith(local)}
    ours = {t.username for t in attempts if not t.preexisting}
    a.orphans = sorted((ours & accounts) - redeemed_names)
    a.created = len(ours & accounts)
    if a.orphans:
        a.problems.append(f"accounts without redemption: {a.orphans}")
    if a.created > a.total_uses:
        a.problems.append(f"{a.created} accounts created but only {a.total_uses} uses")
    if a.claims:
        a.problems.append(f"{a.claims} claims still pending")
    if a.outbox:
        a.problems.append(f"{a.outbox} outbox rows undelivered")
    return a


def settle(env: Env, minted, attempts, deadline: float = SETTLE_DEADLINE) -> tuple[Audit, float]:
    """Polls the invariants until they hold, unchanged, for QUIET seconds,
    or `deadline` passes; returns the last audit and when they first held.

    Nothing outside the component tells when a post it read is done (a
    dropped client gets no answer, and a registration still validating has
    not written anything yet), so holding is not enough: every step of a
    registration is bounded by request_timeout (the server calls) or is a
    short SQLite transaction, so a state that holds unchanged for twice
    request_timeout has no registration still under way behind it."""
    t0 = time.monotonic()
    held_since, last = None, None
    while True:
        a = audit(env, minted, attempts)
        now = time.monotonic()
        key = (tuple(sorted(a.states.items())), tuple(sorted((k, tuple(v)) for k, v in a.redeemed_by.items())),
               a.created, a.outbox, a.claims)
        if not a.settled:
            held_since = None
        elif held_since is None or key != last:
            held_since = now
        last = key
        if held_since is not None and now - held_since >= QUIET:
            return a, held_since - t0
        if now - t0 > deadline:
            a.problems.append(f"not settled after {deadline:.0f} s")
            return a, now - t0
        time.sleep(0.25)


async def check_accounts_and_rosters(env: Env, minted: list[Minted], attempts: list[Attempt],
                                     a: Audit, accepted: dict[str, str] | None = None) -> list[str]:
    """Logs in as every redeemed account with the password that was posted
    and as every inviter, and checks the rosters that were asked for.
    `accepted` maps addresses that accepted a contact invite to its inviter
    (their entry at the inviter has subscription `from`)."""
    problems = []
    passwords = {f"{t.username}@{env.prosody.domain}": t.password for t in attempts}
    expect: dict[str, dict[str, str]] = {}  # inviter -> contact -> subscription
    for m in minted:
        for jid in a.redeemed_by.get(m.token, []):
            if not jid.endswith("@" + env.prosody.domain):
                continue
            try:
                c = await Client(jid, passwords[jid], env.prosody.c2s_port).connect()
            except (KeyError, RuntimeError) as e:
                problems.append(f"{jid} cannot log in with the password posted ({e!r})")
                continue
            try:
                roster = await c.roster()
            finally:
                await c.disconnect()
            if m.roster:
                if roster.get(m.creator) != "both":
                    problems.append(f"{jid}'s roster has {m.creator} as {roster.get(m.creator)}")
                expect.setdefault(m.creator, {})[jid] = "both"
    for address, inviter in (accepted or {}).items():
        expect.setdefault(inviter, {})[address] = "from"
    for inviter, contacts in expect.items():
        c = await Client(inviter, PASSWORD, env.prosody.c2s_port).connect()
        try:
            roster = await c.roster()
        finally:
            await c.disconnect()
        for contact, sub in contacts.items():
            if roster.get(contact) != sub:
                problems.append(f"{inviter}'s roster has {contact} as {roster.get(contact)}, not {sub}")
    return problems


async def check_notifications(env: Env, minted: list[Minted], a: Audit) -> tuple[int, int, int]:
    """Every redemption tells its inviter, by a chat message from the
    component that Prosody keeps offline until the inviter comes online.
    Logs in as each inviter (available, so the offline messages are
    delivered) and returns (expected, missing, duplicated)."""
    expected: dict[str, Counter] = {}
    for m in minted:
        for jid in a.redeemed_by.get(m.token, []):
            expected.setdefault(m.creator, Counter())[f"{jid} accepted your invite."] += 1
    missing = dup = 0
    for inviter, bodies in expected.items():
        c = Client(inviter, PASSWORD, env.prosody.c2s_port)
        await c.connect(available=True)
        try:
            def got():
                return Counter(b.text for msg in c.messages if msg.get("from") == COMPONENT
                               for b in msg.findall("{jabber:client}body"))
            try:
                await c.wait_for(lambda: all(got()[b] >= n for b, n in bodies.items()),
                                 timeout=10, what="every notification")
            except TimeoutError:
                pass  # counted below
            received = got()
        finally:
            await c.disconnect()
        missing += sum(max(0, n - received[b]) for b, n in bodies.items())
        dup += sum(max(0, received[b] - n) for b, n in bodies.items())
    return sum(sum(b.values()) for b in expected.values()), missing, dup


def burnt_detail(a: Audit, attempts: list[Attempt]) -> str:
    """How many burnt invites did create the account (but recorded no
    redemption) and how many created nothing."""
    orphans = set(a.orphans)
    burnt = {t.invite.token for t in attempts if a.states.get(t.invite.token) == "burnt"}
    with_account = {t.invite.token for t in attempts if t.invite.token in burnt and t.username in orphans}
    return f"{len(burnt)} burnt ({len(with_account)} with an account, {len(burnt - with_account)} without)"


def secrets_in_log(env: Env, minted: list[Minted], attempts: list[Attempt]) -> list[str]:
    """Tokens and passwords must stay out of the log on fault paths too."""
    log = env.comp.log.read_text(errors="replace")
    return ([f"token of invite {i}" for i, m in enumerate(minted) if m.token in log]
            + [f"password of {t.username}" for t in attempts if t.password in log])


def fmt_claims(a: Audit) -> str:
    return "no claims table" if a.claims is None else f"claims {a.claims}"


def register_released(env: Env, minted: list[Minted], a: Audit, attempts: list[Attempt],
                      prefix: str) -> tuple[int, int]:
    """Registers again, normally, on every invite left unused: released
    invites must still work. Returns (tried, answered 200)."""
    released = [m for m in minted if a.states.get(m.token) == "unused"]
    ok = 0
    for i, m in enumerate(released):
        name = f"{prefix}{i}"
        t = Attempt(m, name, password_for(name), variant="again")
        status, _, page = Http.request(m.url + "/register")
        t.status = (post_register(m.url, Http.csrf(page), name, t.password) if status == 200
                    else f"form {status}")
        attempts.append(t)
        ok += t.status == 200
    return len(released), ok


# --- 1. Clients that vanish mid-post -------------------------------------

def test_clients_that_disconnect_mid_post(env_factory):
    taken = [f"taken{i}" for i in range(5)]
    env = env_factory(users=("admin", "bob", *taken))
    # (how the request is cut, RST instead of FIN, taken name, seconds
    # between sending and closing)
    plan = ([("whole", i % 2 == 1, None, (i // 2) * 0.006) for i in range(20)]
            + [("half-body", i % 2 == 1, None, 0.0) for i in range(5)]
            + [("in-headers", i % 2 == 1, None, 0.0) for i in range(5)]
            + [("whole", i % 2 == 1, taken[i], i * 0.01) for i in range(5)])
    minted = run(mint_batch(env.prosody, len(plan)))
    attempts = []
    for i, ((cut, _reset, name, _linger), m) in enumerate(zip(plan, minted)):
        username = name or f"vanish{i}"
        attempts.append(Attempt(m, username, password_for(username),
                                variant="taken" if name else cut, preexisting=name is not None))
    # Every form first (each invite its own CSRF token), then every post at
    # once, so several are in flight together.
    csrfs = [csrf_of(t.invite.url) for t in attempts]

    def drop(i):
        t, (cut, reset, _name, linger) = attempts[i], plan[i]
        raw_post(env.comp.web_port, f"/invite/{t.invite.token}/register",
                 {"csrf": csrfs[i], "username": t.username, "password": t.password, "confirm": t.password},
                 cut, reset, linger)
        t.status = f"dropped ({'RST' if reset else 'FIN'})"

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(drop, range(len(attempts))))

    a, took = settle(env, minted, attempts)
    by_variant = {}
    for variant in ("whole", "half-body", "in-headers", "taken"):
        tokens = {t.invite.token for t in attempts if t.variant == variant}
        by_variant[variant] = (len(tokens), a.count("redeemed", tokens), a.count("unused", tokens),
                               a.count("burnt", tokens))
    print(f"disconnects: {len(attempts)} posts dropped, {a.count('redeemed')} accounts, "
          f"{a.count('unused')} released, {burnt_detail(a, attempts)}, "
          f"{len(a.orphans)} accounts without redemption, {fmt_claims(a)}, outbox {a.outbox}; "
          f"{'settled' if a.settled else 'NOT settled'} after {took:.1f} s")
    for variant, (n, acc, rel, burnt) in by_variant.items():
        print(f"  {variant}: {n} posts, {acc} accounts, {rel} released, {burnt} burnt")

    # Released invites must still work, for the same invitee or another.
    tried, ok = register_released(env, minted, a, attempts, "again")
    a2, took2 = settle(env, minted, attempts, AGAIN_DEADLINE)
    roster_problems = run(check_accounts_and_rosters(env, minted, attempts, a2))
    notes = run(check_notifications(env, minted, a2))
    taken_login = []
    for name in taken:
        try:
            run(_login_and_leave(env, f"{name}@localhost", PASSWORD))
        except RuntimeError as e:
            taken_login.append(f"{name}: {e}")
    print(f"  released invites registered again: {ok} of {tried}; afterwards "
          f"{a2.count('redeemed')} of {len(minted)} invites redeemed, {a2.count('burnt')} burnt, "
          f"{len(a2.orphans)} accounts without redemption, roster/login problems {len(roster_problems)}, "
          f"notifications {notes[0]} expected, {notes[1]} missing, {notes[2]} duplicated, "
          f"taken accounts still logging in with their own password {len(taken) - len(taken_login)} of {len(taken)}, "
          f"secrets in the log {len(secrets_in_log(env, minted, attempts))} ({took2:.1f} s)")

    assert a.settled, a.problems
    # The handler never ran for these: nothing may have moved.
    assert by_variant["half-body"][2] == by_variant["half-body"][0], by_variant
    assert by_variant["in-headers"][2] == by_variant["in-headers"][0], by_variant
    # A taken name creates nothing and gives the use back.
    assert by_variant["taken"][2] == by_variant["taken"][0], by_variant
    assert ok == tried
    assert a2.settled, a2.problems
    assert a2.count("redeemed") == len(minted)
    assert not roster_problems, roster_problems
    assert notes[1] == 0, f"{notes[1]} of {notes[0]} notifications lost"
    assert not taken_login, taken_login
    assert not secrets_in_log(env, minted, attempts)


async def _login_and_leave(env: Env, jid: str, password: str) -> None:
    c = await Client(jid, password, env.prosody.c2s_port).connect()
    await c.disconnect()


# --- 2. SIGKILL in the middle of redemptions -----------------------------

def test_sigkill_in_the_middle_of_redemptions(env_factory):
    seed = int(os.environ.get("RESILIENCE_SEED", time.time_ns() % 2**31))
    print(f"kills: seed {seed} (RESILIENCE_SEED={seed} repeats the delays)")
    rng = random.Random(seed)
    env = env_factory()
    rounds, per_round = 3, 30
    minted = run(mint_batch(env.prosody, rounds * per_round))
    attempts: list[Attempt] = []
    kill_delays = []
    for r in range(rounds):
        batch = [Attempt(m, f"k{r}x{i}", password_for(f"k{r}x{i}"))
                 for i, m in enumerate(minted[r * per_round:(r + 1) * per_round])]
        attempts += batch
        csrfs = [csrf_of(t.invite.url) for t in batch]
        # The kill lands at a random moment; the posts start spread up to
        # just after it: some are done, most in flight, a few never connect.
        kill_at = rng.uniform(0.1, 0.8)
        starts = [rng.uniform(0.0, kill_at + 0.1) for _ in batch]
        kill_delays.append(kill_at)
        t0 = time.monotonic()

        def post_at(i):
            time.sleep(max(0.0, t0 + starts[i] - time.monotonic()))
            return post_register(batch[i].invite.url, csrfs[i], batch[i].username, batch[i].password)

        with ThreadPoolExecutor(per_round) as pool:
            futures = [pool.submit(post_at, i) for i in range(len(batch))]
            time.sleep(max(0.0, t0 + kill_at - time.monotonic()))  # the fault's random moment
            kill_component(env.comp)
            for t, f in zip(batch, futures):
                t.status = f.result()
        start_component_again(env.comp)

    statuses = Counter(t.status for t in attempts)
    a, took = settle(env, minted, attempts)
    told_ok_but_missing = [t.username for t in attempts if t.status == 200
                           and f"{t.username}@localhost" not in a.redeemed_by.get(t.invite.token, [])]
    print(f"kills: {rounds} rounds (killed at {', '.join(f'{d:.2f}' for d in kill_delays)} s), "
          f"{len(attempts)} registrations: {statuses.get(200, 0)} answered 200, "
          f"{statuses.get('cut', 0)} cut off, {statuses.get('refused', 0)} refused, "
          f"other {dict((k, v) for k, v in statuses.items() if k not in (200, 'cut', 'refused'))}; "
          f"after restart: {a.count('redeemed')} accounts, {a.count('unused')} released, "
          f"{burnt_detail(a, attempts)}, {len(a.orphans)} accounts without redemption, "
          f"{len(told_ok_but_missing)} told 200 without redemption, {fmt_claims(a)}, outbox {a.outbox}; "
          f"{'settled' if a.settled else 'NOT settled'} after {took:.1f} s")

    tried, ok = register_released(env, minted, a, attempts, "after")
    a2, took2 = settle(env, minted, attempts, AGAIN_DEADLINE)
    roster_problems = run(check_accounts_and_rosters(env, minted, attempts, a2))
    notes = run(check_notifications(env, minted, a2))
    print(f"  released invites registered again: {ok} of {tried}; afterwards "
          f"{a2.count('redeemed')} of {len(minted)} invites redeemed, {a2.count('burnt')} burnt, "
          f"{len(a2.orphans)} accounts without redemption, roster/login problems {len(roster_problems)}, "
          f"notifications {notes[0]} expected, {notes[1]} missing, {notes[2]} duplicated, "
          f"secrets in the log {len(secrets_in_log(env, minted, attempts))} ({took2:.1f} s)")

    assert a.settled, a.problems
    assert not told_ok_but_missing, told_ok_but_missing
    assert ok == tried
    assert a2.settled, a2.problems
    assert a2.count("redeemed") == len(minted)
    assert not roster_problems, roster_problems
    assert notes[1] == 0, f"{notes[1]} of {notes[0]} notifications lost"
    assert not secrets_in_log(env, minted, attempts)


# --- 3. Prosody restarts during mints and redemptions --------------------

async def connect_or_none(jid: str, port: int, timeout: float = 3.0) -> Client | None:
    c = Client(jid, PASSWORD, port)
    try:
        return await c.connect(timeout=timeout)
    except RuntimeError:
        abandon(c)
        return None


def abandon(c: Client) -> None:
    """Drops a client whose server went away, with its reconnection loop."""
    c.xmpp.cancel_connection_attempt()
    c.xmpp.abort()


def retrying(attempt, deadline: float):
    """Runs `attempt()` (an HTTP status, or what happened to the connection)
    until it gives a final answer (2xx or 4xx) or `deadline` passes: while
    Prosody restarts the component answers 503, or is not reachable."""
    status = None
    while time.monotonic() < deadline:
        status = attempt()
        if isinstance(status, int) and status < 500:
            return status
        time.sleep(0.3)  # the server is on its way back
    return status


def form_then_post(url: str, path: str, fields: dict, in_flight: list[int] | None = None):
    """GET the form, POST it with its CSRF token; `in_flight` holds one
    item per post under way (list.append/pop are atomic under the GIL)."""
    try:
        status, _, page = Http.request(url + path, timeout=20)
    except (OSError, http.client.HTTPException):
        return "cut"
    if status != 200:
        return status
    flight = in_flight if in_flight is not None else []
    flight.append(1)
    try:
        return Http.request(url + path, dict(fields, csrf=Http.csrf(page)), timeout=20)[0]
    except urllib.error.URLError as e:
        return "refused" if isinstance(e.reason, ConnectionRefusedError) else "cut"
    except (OSError, http.client.HTTPException):
        return "cut"
    finally:
        flight.pop()


def test_prosody_restarts_during_mints_and_redemptions(env_factory):
    env = env_factory()
    restarts, mints_between = 5, 15
    answered: list[Minted] = []
    lost = Counter()  # per minter: no answer (link or stream lost, timeout)
    refused = Counter()  # per minter: an error answer (e.g. the component not connected yet)
    answered_by = Counter()
    in_flight: list[int] = []  # one item per registration or acceptance post under way
    attempts: list[Attempt] = []
    accepted: dict[str, str] = {}  # address -> inviter, for acceptances answered 200
    outcomes = Counter()
    minters = {  # name -> (requester, node, kind stored, roster-subscription for the k-th mint)
        "admin-invite": (ADMIN, NODE_INVITE, "account-and-contact", lambda k: True),
        "admin-create": (ADMIN, NODE_CREATE, "account", lambda k: k % 2 == 0),
        "bob-invite": (BOB, NODE_INVITE, "contact", lambda k: False),
    }
    overall = time.monotonic() + 150

    async def scenario():
        stop = asyncio.Event()
        queue: asyncio.Queue[Minted] = asyncio.Queue()

        async def minter(name):
            who, node, _kind, roster_of = minters[name]
            client, gone, k = None, None, 0
            while not stop.is_set() and time.monotonic() < overall:
                if client is None:
                    client = await connect_or_none(who, env.prosody.c2s_port)
                    if client is None:
                        await asyncio.sleep(0.2)  # Prosody is restarting
                        continue
                    gone = asyncio.Event()
                    client.xmpp.add_event_handler("disconnected", lambda _e, g=gone: g.set())
                k += 1
                mint = asyncio.ensure_future(mint_one(client, who, node, roster_of(k),
                                                      note=f"{name}-{k}" if node == NODE_CREATE else None,
                                                      timeout=5))
                lost_link = asyncio.ensure_future(gone.wait())
                await asyncio.wait([mint, lost_link], return_when=asyncio.FIRST_COMPLETED)
                lost_link.cancel()
                if not mint.done():
                    mint.cancel()
                    lost[name] += 1
                    abandon(client)
                    client = None
                    continue
                try:
                    m = mint.result()
                except (StanzaError, AssertionError):
                    refused[name] += 1
                    await asyncio.sleep(0.1)  # the component is reconnecting
                    continue
                except Exception:  # noqa: BLE001 - timeout or stream error: no answer
                    lost[name] += 1
                    abandon(client)
                    client = None
                    continue
                answered.append(m)
                answered_by[name] += 1
                queue.put_nowait(m)
            if client is not None:
                await client.disconnect()

        async def redeemer(idx):
            n = 0
            while not stop.is_set():
                try:
                    m = await asyncio.wait_for(queue.get(), 0.5)
                except asyncio.TimeoutError:
                    continue
                n += 1
                if m.creator == BOB:
                    address = f"friend{idx}x{n}@{env.prosody.other_domain}"
                    status = await asyncio.to_thread(retrying, lambda: form_then_post(
                        m.url, "/existing", {"address": address}, in_flight), time.monotonic() + 30)
                    outcomes[("accept", status)] += 1
                    if status == 200:
                        accepted[address] = BOB
                else:
                    name = f"r{idx}x{n}"
                    t = Attempt(m, name, password_for(name), variant="restarts")
                    attempts.append(t)
                    t.status = await asyncio.to_thread(retrying, lambda: form_then_post(
                        m.url, "/register", {"username": name, "password": t.password,
                                             "confirm": t.password}, in_flight), time.monotonic() + 30)
                    outcomes[("register", t.status)] += 1

        async def until(cond, timeout, what):
            deadline = time.monotonic() + timeout
            while not cond():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"timed out waiting for {what}")
                await asyncio.sleep(0.05)

        async def restarter():
            try:
                for r in range(restarts):
                    target = len(answered) + mints_between
                    await until(lambda: len(answered) >= target, 60, f"{mints_between} mints before restart {r + 1}")
                    # Stop Prosody while a post is under way, so that some
                    # account creations and roster writes are cut.
                    await until(lambda: len(in_flight) > 0, 30, "a post under way")
                    ups = env.comp.link_up_count()
                    await asyncio.to_thread(env.prosody.restart)
                    await asyncio.to_thread(env.comp.wait_link_up, ups + 1, 70)
                target = len(answered) + mints_between
                await until(lambda: len(answered) >= target, 60, "mints after the last restart")
            finally:
                stop.set()

        tasks = [asyncio.ensure_future(minter(n)) for n in minters]
        tasks += [asyncio.ensure_future(redeemer(i)) for i in range(3)]
        restart_task = asyncio.ensure_future(restarter())
        await asyncio.gather(*tasks)
        await restart_task

    run(scenario())

    # Every mint that was answered is stored, once; nothing is stored twice.
    db = sqlite3.connect(env.comp.database, timeout=10)
    try:
        stored = {bytes(h) for (h,) in db.execute("SELECT token_hash FROM invites")}
        rows = Counter(db.execute("SELECT creator, kind FROM invites").fetchall())
        dup_notes = db.execute("SELECT note, count(*) FROM invites WHERE note IS NOT NULL "
                               "GROUP BY note HAVING count(*) > 1").fetchall()
        dup_hashes = db.execute("SELECT count(*) - count(DISTINCT token_hash) FROM invites").fetchone()[0]
    finally:
        db.close()
    found = sum(token_hash(m.token) in stored for m in answered)
    per_minter = {name: (answered_by[name], rows[(who, kind)], lost[name] + refused[name])
                  for name, (who, _node, kind, _r) in minters.items()}
    over = {n: v for n, v in per_minter.items() if not v[0] <= v[1] <= v[0] + v[2]}

    a, took = settle(env, answered, attempts)
    roster_problems = run(check_accounts_and_rosters(env, answered, attempts, a, accepted))
    notes = run(check_notifications(env, answered, a))
    reg = Counter(s for (what, s), n in outcomes.items() if what == "register" for _ in range(n))
    acc = Counter(s for (what, s), n in outcomes.items() if what == "accept" for _ in range(n))
    print(f"restarts: {restarts}, mints answered {len(answered)}, found {found}, "
          f"rows {sum(rows.values())}, duplicates {len(dup_notes) + dup_hashes}, "
          f"unanswered {sum(lost.values())} lost + {sum(refused.values())} refused; "
          f"registrations {sum(reg.values())} {dict(reg)}, acceptances {sum(acc.values())} {dict(acc)}; "
          f"after: {a.count('redeemed')} invites redeemed, {a.count('burnt')} burnt, "
          f"{len(a.orphans)} accounts without redemption, {fmt_claims(a)}, "
          f"effects pending after {a.outbox}; {'settled' if a.settled else 'NOT settled'} after {took:.1f} s; "
          f"roster/login problems {len(roster_problems)}, "
          f"notifications {notes[0]} expected, {notes[1]} missing, {notes[2]} duplicated, "
          f"secrets in the log {len(secrets_in_log(env, answered, attempts))}")
    for name, (got, n, unanswered) in per_minter.items():
        print(f"  {name}: answered {got}, rows {n}, unanswered {unanswered}")

    assert found == len(answered)
    assert not dup_notes and not dup_hashes
    assert not over, over
    assert a.settled, a.problems
    assert not roster_problems, roster_problems
    # Every registration ends with an answer, and a 200 means an account.
    assert set(reg) <= {200, 410, 422}, reg
    told_ok_but_missing = [t.username for t in attempts if t.status == 200
                           and f"{t.username}@localhost" not in a.redeemed_by.get(t.invite.token, [])]
    assert not told_ok_but_missing, told_ok_but_missing
    assert set(acc) <= {200}, acc
    assert notes[1] == 0, f"{notes[1]} of {notes[0]} notifications lost"
    assert not secrets_in_log(env, answered, attempts)
