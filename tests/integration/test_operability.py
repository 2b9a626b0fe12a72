"""Operating the service: /healthz and /metrics on their own listener,
JSON logs, the online backup, SIGHUP reloads and the systemd unit, all
against a real Prosody and the real binary."""
import asyncio
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import threading
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import PASSWORD, login, run
from harness import (BINARY, NODE_CREATE, NODE_INVITE, ROOT, Http, StanzaError,
                     form_values, free_port)

COMPONENT = "invites.localhost"
NEW_PASSWORD = "a fresh passphrase"


def with_metrics():
    port = free_port()
    return port, f'\n[metrics]\nlisten = "127.0.0.1:{port}"\n'


def scrape(port):
    """Sample (name, sorted labels) -> value, parsed by prometheus_client's
    text-format parser (it raises on anything it cannot read)."""
    status, headers, body = Http.request(f"http://127.0.0.1:{port}/metrics")
    assert status == 200, body
    assert {k.lower(): v for k, v in headers.items()}["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def delta(before, after, name, **labels):
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0) - before.get(key, 0)


def health(port):
    status, _, body = Http.request(f"http://127.0.0.1:{port}/healthz")
    return status, body


def wait_until(what, cond, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"timed out waiting for {what}")


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


def existing(url, address):
    status, _, page = Http.request(url + "/existing")
    assert status == 200, page
    return Http.request(url + "/existing", {"csrf": Http.csrf(page), "address": address})


def test_metrics_parse_and_move_by_exactly_what_happened(prosody, component_factory):
    port, extra = with_metrics()
    component_factory(extra=extra)
    wait_until("healthy", lambda: health(port)[0] == 200)
    before = scrape(port)

    account_url = run(mint(prosody, node=NODE_CREATE))          # kind account
    admin_contact_url = run(mint(prosody))                      # account-and-contact (admin)
    bob_contact_url = run(mint(prosody, who="bob@localhost"))   # contact
    status, _, page = register(account_url, "metered")
    assert status == 200, page
    status, _, page = existing(bob_contact_url, "eve@other.localhost")
    assert status == 200, page
    # Two refused registrations that reach the pipeline: the form's
    # confirmation does not match.
    for _ in range(2):
        status, _, page = register(admin_contact_url, "mismatch", confirm="something else")
        assert status == 422, page
    # A landing page of a used invite: counted by route and status.
    assert Http.request(account_url)[0] == 410

    after = scrape(port)
    minted = "xmpp_invites_invites_minted_total"
    assert delta(before, after, minted, kind="account") == 1
    assert delta(before, after, minted, kind="account-and-contact") == 1
    assert delta(before, after, minted, kind="contact") == 1
    redeemed = "xmpp_invites_redemptions_total"
    assert delta(before, after, redeemed, path="web", kind="account") == 1
    assert delta(before, after, redeemed, path="existing", kind="contact") == 1
    assert delta(before, after, redeemed, path="web", kind="account-and-contact") == 0
    failures = "xmpp_invites_redemption_failures_total"
    assert delta(before, after, failures, path="web", reason="invalid_form") == 2
    assert sum(v for (n, _), v in after.items() if n == failures) \
        - sum(v for (n, _), v in before.items() if n == failures) == 2
    http = "xmpp_invites_http_responses_total"
    assert delta(before, after, http, route="/invite/{token}/register", status="422") == 2
    assert delta(before, after, http, route="/invite/{token}", status="410") == 1
    # The templates, never a token, label the routes.
    token = account_url.rsplit("/", 1)[1]
    assert not any(token in v for (_, labels), _ in after.items() for _, v in labels)
    # Histograms: one per command stage (create-account has two).
    cmd = "xmpp_invites_command_duration_seconds_count"
    assert delta(before, after, cmd, node=NODE_CREATE) == 2
    assert delta(before, after, cmd, node=NODE_INVITE) == 2
    assert after[("xmpp_invites_link_up", ())] == 1
    assert ("xmpp_invites_outbox_depth", ()) in after
    assert ("xmpp_invites_outbox_oldest_age_seconds", ()) in after
    assert after[("xmpp_invites_link_seconds_since_up", ())] >= 0


def test_metrics_are_off_by_default_and_never_on_the_public_site(component_factory):
    c = component_factory()
    assert Http.request(c.public_url + "/metrics")[0] == 404
    assert Http.request(c.public_url + "/healthz")[0] == 404
    assert "/healthz and /metrics served" not in c.log.read_text()


def test_healthz_follows_prosody_down_and_back(prosody, component_factory):
    port, extra = with_metrics()
    c = component_factory(extra=extra)
    assert wait_until("healthy", lambda: health(port)[0] == 200)
    assert health(port) == (200, "ok\n")
    before = scrape(port)
    ups = c.link_up_count()
    prosody.stop()
    try:
        status, body = wait_until("503", lambda: (lambda h: h if h[0] == 503 else None)(health(port)))
        assert body == "xmpp link down\n"
        assert scrape(port)[("xmpp_invites_link_up", ())] == 0
    finally:
        prosody.start()
    c.wait_link_up(count=ups + 1, timeout=90)
    assert wait_until("healthy again", lambda: health(port)[0] == 200, timeout=10)
    after = scrape(port)
    assert delta(before, after, "xmpp_invites_link_reconnects_total") == 1
    assert after[("xmpp_invites_link_up", ())] == 1


def test_json_logs_parse_and_hold_no_secret_of_a_full_flow(prosody, component_factory, monkeypatch):
    monkeypatch.setenv("XMPP_INVITES_LOG_FORMAT", "json")
    # Debug: the most the operator can ask for.
    c = component_factory(log_filter="debug")
    start = c.log_offset()
    secret = "json flow passphrase"
    account_url = run(mint(prosody, node=NODE_CREATE))
    contact_url = run(mint(prosody, who="bob@localhost"))
    local_url = run(mint(prosody, who="bob@localhost"))
    status, _, page = register(account_url, "jsonuser", password=secret)
    assert status == 200, page
    status, _, page = existing(contact_url, "eve@other.localhost")
    assert status == 200, page
    status, _, page = existing(local_url, "carol@localhost")
    assert status == 202, page   # a confirmation link is sent to carol
    # A used invite is refused before the pipeline: no redemption line.
    status, _, page = Http.request(account_url + "/register", {
        "csrf": "x", "username": "jsonuser2", "password": secret, "confirm": secret})
    assert status == 410, page
    c.wait_log('"outcome":"confirmation_sent"', since=start)

    text = c.log_since(start)
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    for line in lines:
        assert {"timestamp", "level", "target"} <= line.keys(), line
    for url in (account_url, contact_url, local_url):
        token = url.rsplit("/", 1)[1]
        assert token not in text
    for forbidden in (secret, "jsonuser", "eve@other.localhost", "carol@localhost"):
        assert forbidden not in text, forbidden
    # Each redemption logged once, with its outcome and invite id.
    redeemed = [l for l in lines if l.get("action") == "redeem"]
    assert [(l["path"], l["outcome"]) for l in redeemed] == [
        ("web", "registered"), ("existing", "accepted"), ("existing", "confirmation_sent")]
    assert all(isinstance(l["invite"], int) and l["invite"] > 0 for l in redeemed)
    mints = [l for l in lines if l.get("action") == "mint"]
    assert [(l["command"], l["by"], l["outcome"]) for l in mints] == [
        ("account", "admin", "minted"), ("contact", "user", "minted"), ("contact", "user", "minted")]
    assert {l["invite"] for l in mints} == {l["invite"] for l in redeemed}


def test_backup_while_registrations_run(prosody, component_factory):
    c = component_factory()
    url = run(mint(prosody, node=NODE_CREATE, fields={"uses": "100"}))
    answered = []          # usernames registered, in order of answers
    stop = threading.Event()

    def registrations():
        i = 0
        while not stop.is_set() and i < 100:
            name = f"bk{i}"
            status, _, page = register(url, name)
            assert status == 200, page
            answered.append(name)
            i += 1

    tokens = []

    async def minting():
        admin = await login(prosody, "admin@localhost")
        try:
            for _ in range(15):
                cmd = await admin.command(COMPONENT, NODE_INVITE)
                tokens.append(form_values(cmd)["landing-url"][0].rsplit("/", 1)[1])
        finally:
            await admin.disconnect()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        worker = pool.submit(registrations)
        wait_until("some registrations", lambda: len(answered) >= 3)
        run(minting())
        done_before = list(answered)
        tokens_before = list(tokens)
        dest = c.dir / "backup.sqlite3"
        out = subprocess.run([str(BINARY), "backup", "--config", str(c.config), str(dest)],
                             capture_output=True, text=True, timeout=60)
        stop.set()
        worker.result(timeout=60)
    assert out.returncode == 0, out.stderr
    assert "integrity ok" in out.stdout
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    # Registrations went on while it ran.
    assert len(answered) > len(done_before)

    db = sqlite3.connect(dest)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        redeemed = {r[0] for r in db.execute("SELECT jid FROM redemptions")}
        for name in done_before:
            assert f"{name}@localhost" in redeemed, name
        hashes = {r[0] for r in db.execute("SELECT token_hash FROM invites")}
        for t in tokens_before:
            assert hashlib.sha256(t.encode()).digest() in hashes
    finally:
        db.close()

    # Never over an existing file.
    again = subprocess.run([str(BINARY), "backup", "--config", str(c.config), str(dest)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode != 0
    assert "already exists" in again.stderr


def test_sighup_reloads_admins_without_dropping_the_link(prosody, component_factory):
    c = component_factory(admins=("admin@localhost",))

    async def create_account_as_bob():
        bob = await login(prosody, "bob@localhost")
        try:
            cmd = await bob.command(COMPONENT, NODE_CREATE)
            cmd = await bob.command(COMPONENT, NODE_CREATE, action="complete",
                                    sessionid=cmd.get("sessionid"), fields={})
            return form_values(cmd)["landing-url"][0]
        finally:
            await bob.disconnect()

    with pytest.raises(StanzaError) as refused:
        run(create_account_as_bob())
    assert refused.value.condition == "forbidden"

    original = c.config.read_text()
    ups = c.link_up_count()
    since = c.log_offset()
    c.config.write_text(original.replace('admins = ["admin@localhost"]',
                                         'admins = ["admin@localhost", "bob@localhost"]'))
    c.proc.send_signal(signal.SIGHUP)
    c.wait_log("configuration reloaded", since=since)
    assert run(create_account_as_bob()).startswith(c.public_url + "/invite/")

    # A broken file is refused and the running settings stay.
    since = c.log_offset()
    c.config.write_text(original.replace('admins = ["admin@localhost"]', 'admins = ["not a jid"]'))
    c.proc.send_signal(signal.SIGHUP)
    c.wait_log("configuration not reloaded", since=since)
    assert "invites.admins[0]" in c.log_since(since)
    assert run(create_account_as_bob()).startswith(c.public_url + "/invite/")

    # A change that needs a restart is named, and the rest still applies.
    since = c.log_offset()
    c.config.write_text(original.replace('ping_interval = "5s"', 'ping_interval = "6s"'))
    c.proc.send_signal(signal.SIGHUP)
    c.wait_log("take effect only after a restart", since=since)
    assert "component.ping_interval" in c.log_since(since)
    with pytest.raises(StanzaError):
        run(create_account_as_bob())

    # The link was never dropped.
    assert c.proc.poll() is None
    assert c.link_up_count() == ups
    assert "component link lost" not in c.log_since(0)


UNIT = ROOT / "contrib" / "xmpp-invites.service"


def test_the_systemd_unit_verifies(tmp_path):
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing (scripts/test installs the systemd package)"
    # verify checks that ExecStart exists: point it at the binary built here.
    unit = tmp_path / "xmpp-invites.service"
    text = UNIT.read_text()
    assert "ExecStart=/usr/local/bin/xmpp-invites " in text
    unit.write_text(text.replace("/usr/local/bin/xmpp-invites", str(BINARY)))
    out = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    # Warnings are printed too; a clean unit has none about itself.
    assert "xmpp-invites.service" not in out.stderr, out.stderr
    for key in ("ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes",
                "StateDirectory=xmpp-invites", "SystemCallFilter=@system-service",
                "RestrictAddressFamilies=", "LimitNOFILE=", "DynamicUser=", "ExecReload="):
        assert key in text, key
