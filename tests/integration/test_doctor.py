"""`xmpp-invites doctor` against real Prosody instances: one configured
right, and one per thing an operator forgets. Each failure must name the
exact problem and print the configuration that fixes it."""

import json
import subprocess

import pytest

from conftest import PASSWORD
from harness import BINARY, Component, Ejabberd, Prosody


def doctor(component, *args):
    proc = subprocess.run([str(BINARY), "doctor", "--config", str(component.config), *args],
                          capture_output=True, text=True, timeout=60)
    return proc


def report(component):
    proc = doctor(component, "--json")
    data = json.loads(proc.stdout)
    return proc.returncode, {c["name"]: c for c in data["checks"]}, data


@pytest.fixture(scope="module")
def good(workdir):
    p = Prosody(workdir, module=True)
    p.register("admin", p.domain, PASSWORD)
    p.start()
    yield p
    p.stop()


def test_a_correct_setup_passes(good, workdir):
    comp = Component(good, workdir, server_extra="module = true")
    code, checks, data = report(comp)
    assert code == 0 and data["ok"], data
    for name in ("database", "public_url", "handshake", "privileges", "account creation", "server module"):
        assert checks[name]["status"] == "ok", checks[name]
    # With the service stopped, doctor answered public_url itself.
    assert "one-off page" in checks["public_url"]["detail"]
    assert "roster both" in checks["privileges"]["detail"]
    # The module writes rosters: the privileges are named as its fallback.
    assert "XEP-0356 is its fallback" in checks["privileges"]["detail"]
    # Nothing was created on the server by checking add-user.
    assert not any(p.name.startswith("doctor") for p in (good.dir / "data").rglob("*.dat"))
    # The human report says the same.
    proc = doctor(comp)
    assert proc.returncode == 0 and "All needed checks passed." in proc.stdout


def test_a_wrong_secret_is_named_with_its_fix(good, workdir):
    comp = Component(good, workdir, secret="not-the-secret")
    code, checks, _ = report(comp)
    assert code == 1
    assert checks["handshake"]["status"] == "fail" and "not-authorized" in checks["handshake"]["detail"]
    assert "component_secret" in checks["handshake"]["fix"]
    assert checks["privileges"]["status"] == "skip"


def test_an_unknown_component_is_named(good, workdir):
    comp = Component(good, workdir, jid="nope.localhost")
    code, checks, _ = report(comp)
    assert code == 1
    assert checks["handshake"]["status"] == "fail"
    assert 'Component "nope.localhost"' in checks["handshake"]["fix"]


def test_nothing_listening_is_named(good, workdir):
    comp = Component(good, workdir)
    text = comp.config.read_text().replace(f":{good.component_port}\"", ":1\"")
    comp.config.write_text(text)
    code, checks, _ = report(comp)
    assert code == 1
    assert "connect" in checks["handshake"]["detail"]
    assert "component_ports" in checks["handshake"]["fix"]


def test_a_missing_server_module_is_a_failure_only_when_expected(good, workdir):
    plain = Prosody(workdir)
    plain.start()
    try:
        code, checks, _ = report(Component(plain, workdir))
        assert code == 0 and checks["server module"]["status"] == "warn"
        code, checks, _ = report(Component(plain, workdir, server_extra="module = true"))
        assert code == 1 and checks["server module"]["status"] == "fail"
        assert "xmpp_invites_component" in checks["server module"]["fix"]
    finally:
        plain.stop()


@pytest.mark.parametrize("what", ["not admin", "no privilege on the component"])
def test_each_missing_server_setting_is_named_with_its_fix(workdir, what):
    p = Prosody(workdir, component_admin=(what != "not admin"),
                component_privilege=(what != "no privilege on the component"))
    p.start()
    try:
        code, checks, _ = report(Component(p, workdir))
        assert code == 1
        if what == "not admin":
            assert checks["account creation"]["status"] == "fail"
            assert 'admins = { "invites.localhost" }' in checks["account creation"]["fix"]
            assert checks["privileges"]["status"] == "ok"
        else:
            assert checks["privileges"]["status"] == "fail"
            assert 'Component "invites.localhost"' in checks["privileges"]["fix"]
            assert 'modules_enabled = { "privilege" }' in checks["privileges"]["fix"]
    finally:
        p.stop()


def test_without_roster_privileges_a_module_that_writes_rosters_is_a_warning(workdir):
    p = Prosody(workdir, module=True, privileged=False)
    p.start()
    try:
        code, checks, data = report(Component(p, workdir, server_extra="module = true"))
        assert checks["server module"]["status"] == "ok", checks
        assert checks["privileges"]["status"] == "warn", checks["privileges"]
        assert "the server module writes rosters" in checks["privileges"]["detail"]
        assert 'modules_enabled = { "privilege" }' in checks["privileges"]["fix"]
        # Nothing else is missing: the setup works, so doctor passes.
        assert code == 0 and data["ok"], checks
    finally:
        p.stop()


def test_a_public_url_that_reaches_elsewhere_is_named(good, workdir):
    comp = Component(good, workdir)
    text = comp.config.read_text().replace(f'public_url = "{comp.public_url}"',
                                           'public_url = "http://127.0.0.1:1"')
    comp.config.write_text(text)
    code, checks, _ = report(comp)
    assert code == 1 and checks["public_url"]["status"] == "fail"
    assert "reverse proxy" in checks["public_url"]["fix"]
    # The XMPP side is still checked.
    assert checks["handshake"]["status"] == "ok"


@pytest.mark.parametrize("what", ["right", "api not allowed", "not admin"])
def test_ejabberd_setups(workdir, what):
    e = Ejabberd(workdir, api_allowed=(what != "api not allowed"), component_admin=(what != "not admin"))
    e.start()
    try:
        code, checks, data = report(Component(e, workdir))
        if what == "right":
            assert checks["ejabberd API"]["status"] == "ok", checks
            assert checks["privileges"]["status"] == "ok" and checks["account creation"]["status"] == "ok", checks
            # No server module for ejabberd is expected here: a warning only.
            assert code == 0 and data["ok"], checks
        elif what == "api not allowed":
            assert code == 1 and checks["ejabberd API"]["status"] == "fail"
            assert "api_permissions" in checks["ejabberd API"]["fix"]
        else:
            assert code == 1 and checks["account creation"]["status"] == "fail"
            assert "host_config" in checks["account creation"]["fix"]
            assert "configure: [{allow: admin}, {allow: invites_component}]" in checks["account creation"]["fix"]
    finally:
        e.stop()
