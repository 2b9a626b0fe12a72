"""Accept by code against the real binary: the front page's form takes a
pasted landing link, bare token or xmpp: URI and leads to that invite's
page; garbage and dead invites get the landing page's own answers."""
import http.client
import json
import subprocess
import urllib.parse

from harness import BINARY, Http


def cli(comp, *args):
    out = subprocess.run([str(BINARY), args[0], "--config", str(comp.config), *args[1:]],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if "--json" in args else out.stdout


def accept(comp, code):
    """GET /accept without following the redirect (urllib would)."""
    conn = http.client.HTTPConnection("127.0.0.1", comp.web_port, timeout=30)
    try:
        conn.request("GET", "/accept?" + urllib.parse.urlencode({"code": code}))
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
    finally:
        conn.close()


def test_link_token_and_uri_each_lead_to_the_invite(prosody, component_factory):
    comp = component_factory()
    status, _, index = Http.request(comp.public_url + "/")
    assert status == 200
    # A plain GET form, no script needed.
    assert 'action="/accept"' in index and 'name="code"' in index and "<script" not in index

    made = cli(comp, "invite", "create", "--contact", "bob@localhost", "--json")
    url = made["landing_url"]
    token = url.rsplit("/", 1)[1]
    other = cli(comp, "invite", "create", "--account", "--json")
    for pasted in (url, f"  {url}?platform=android\n", token, made["uri"], f"<{made['uri']}>"):
        status, headers, _ = accept(comp, pasted)
        assert status == 303, pasted
        assert headers["location"] == f"/invite/{token}", pasted
        # And the page it leads to is that invite's.
        status, _, page = Http.request(comp.public_url + headers["location"])
        assert status == 200 and "bob@localhost invites you to chat" in page
    status, headers, _ = accept(comp, other["uri"])
    assert status == 303 and headers["location"] == "/invite/" + other["landing_url"].rsplit("/", 1)[1]


def test_garbage_and_dead_invites_get_the_usual_answers(prosody, component_factory):
    comp = component_factory()
    status, _, page = accept(comp, "")
    assert status == 400 and "Paste an invite link or code first." in page
    status, _, page = accept(comp, "hello <b>there</b>")
    assert status == 404 and "This is not an invite link or code." in page
    # What was typed is shown back escaped.
    assert "<b>" not in page and "there" in page
    status, _, page = accept(comp, "x" * 5000)
    assert status == 400

    # Well-formed but unknown: the landing page's 404.
    unknown_status, _, unknown_page = Http.request(comp.public_url + "/invite/AAAAAAAAAAAAAAAAAAAAAAAA")
    status, _, page = accept(comp, "AAAAAAAAAAAAAAAAAAAAAAAA")
    assert (status, page) == (unknown_status, unknown_page) and status == 404

    # Revoked: the same answer as unknown, by link, token and URI.
    made = cli(comp, "invite", "create", "--account", "--json")
    cli(comp, "invite", "revoke", made["id"])
    for pasted in (made["landing_url"], made["landing_url"].rsplit("/", 1)[1], made["uri"]):
        assert accept(comp, pasted)[:1] == (404,), pasted
        assert accept(comp, pasted)[2] == unknown_page

    # Used up: 410, as on the landing page.
    used = cli(comp, "invite", "create", "--account", "--json")
    status, _, page = Http.request(used["landing_url"] + "/register")
    status, _, page = Http.request(used["landing_url"] + "/register", {
        "csrf": Http.csrf(page), "username": "pasted", "password": "a good passphrase",
        "confirm": "a good passphrase"})
    assert status == 200, page
    assert accept(comp, used["uri"])[0] == 410 == Http.request(used["landing_url"])[0]


def test_guessing_codes_here_is_rate_limited_like_the_landing_page(prosody, component_factory):
    comp = component_factory(web_defaults=True, web_extra="failed_requests_per_minute = 2\nfailed_requests_burst = 3")
    statuses = [accept(comp, "AAAAAAAAAAAAAAAAAAAAAAA" + c)[0] for c in "ABCDEFGH"]
    assert 429 in statuses, statuses
    # The network is blocked for the landing page too: one limiter.
    assert Http.request(comp.public_url + "/invite/AAAAAAAAAAAAAAAAAAAAAAAB")[0] == 429
