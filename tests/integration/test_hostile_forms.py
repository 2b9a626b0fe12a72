"""Hostile registration posts through the whole stack (the binary, a real
Prosody): values no stanza can carry, and values longer than the server
takes. Each post carries a valid CSRF token, so it reaches the redemption
pipeline; each must get a field error and cost nothing, the component link
must never drop, and a normal registration must work afterwards."""
import sqlite3
import urllib.parse
import urllib.request
import urllib.error

from conftest import PASSWORD, run
from harness import Client, Http
from test_web_e2e import NEW_PASSWORD, mint
from harness import NODE_CREATE

# Every class of character a stanza cannot carry (RFC 6120 §11.1 / XML 1.0)
# or that nobody types: C0 controls, DEL, C1, non-characters.
BAD_CHARS = [chr(c) for c in range(0x00, 0x20)] + ["\x7f", "\x85", "\x9f", "\ufdd0", "\ufffe", "\uffff",
                                                     "\U0001fffe", "\U0010ffff"]


def post_raw(url: str, body: bytes):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def test_control_characters_and_long_fields_get_field_errors_and_the_link_stays_up(prosody, component_factory):
    comp = component_factory()
    url = run(mint(prosody, node=NODE_CREATE))
    status, _, form = Http.request(url + "/register")
    assert status == 200
    csrf = Http.csrf(form)

    def post(fields):
        return post_raw(url + "/register", urllib.parse.urlencode(fields).encode())

    statuses = {}
    sent = 0
    for bad in BAD_CHARS:
        for fields, where in (
            ({"username": "newbie", "password": f"abcd{bad}efgh", "confirm": f"abcd{bad}efgh"}, "password-error"),
            ({"username": f"new{bad}bie", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "username-error"),
        ):
            status, page = post({"csrf": csrf, **fields})
            sent += 1
            statuses[status] = statuses.get(status, 0) + 1
            assert status == 422, (repr(bad), status, page[:300])
            assert f'id="{where}"' in page, (repr(bad), where)
    # Bytes that are not UTF-8 at all (a lone surrogate's encoding, a stray
    # continuation byte): a clear refusal, not a server error.
    for raw in (b"%ED%A0%80", b"%C0%AF", b"%FF"):
        body = b"csrf=" + urllib.parse.quote(csrf).encode() + b"&username=newbie&password=abcd" + raw + \
            b"efgh&confirm=abcd" + raw + b"efgh"
        status, page = post_raw(url + "/register", body)
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        assert 400 <= status < 500, (raw, status, page[:300])
    # Lengths the form refuses instead of the server.
    for fields, where in (
        ({"username": "u" * 65, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "username-error"),
        ({"username": "u" * 1000, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "username-error"),
        ({"username": "newbie", "password": "p" * 257, "confirm": "p" * 257}, "password-error"),
        ({"username": "newbie", "password": "p" * 1024, "confirm": "p" * 1024}, "password-error"),
    ):
        status, page = post({"csrf": csrf, **fields})
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        assert status == 422, (len(fields["username"]), len(fields["password"]), status, page[:300])
        assert f'id="{where}"' in page
    log = comp.log.read_text(errors="replace")
    print(f"hostile registration posts: {sent} sent, answers {dict(sorted(statuses.items()))}, "
          f"link drops: {log.count('component link lost')}")
    assert "component link lost" not in log
    assert comp.link_up_count() == 1
    db = sqlite3.connect(comp.database)
    assert db.execute("SELECT uses FROM invites").fetchall() == [(0,)], "nothing was used"
    assert db.execute("SELECT count(*) FROM claims").fetchone() == (0,)

    # The longest values the form accepts are ones the server takes: the
    # account is created and logs in with that password.
    # Letters of any script and emoji (unassigned in the Unicode of
    # SASLprep, yet accepted by Prosody) are fine. ejabberd prepares
    # passwords as stored strings and refuses the emoji: the form says so
    # (its add-user would fail), and the same without it is taken.
    longest_name, longest_password = "u" * 64, "p" * 250 + "zoë✓密🙂"
    if prosody.kind == "ejabberd":
        status, page = post({"csrf": csrf, "username": longest_name, "password": longest_password,
                             "confirm": longest_password})
        assert status == 422, page[:500]
        assert "such as emoji" in page, page
        longest_password = "p" * 250 + "zoë✓密"
    status, page = post({"csrf": csrf, "username": longest_name, "password": longest_password,
                         "confirm": longest_password})
    assert status == 200, page[:500]

    async def login():
        c = await Client(f"{longest_name}@localhost", longest_password, prosody.c2s_port).connect()
        await c.disconnect()

    run(login())
    assert db.execute("SELECT uses FROM invites").fetchall() == [(1,)]
