"""The landing pages on the open internet, against the real binary and a real
Prosody: default rate limits let many invitees behind one address register
at once while a guesser is stopped; slow clients are cut off by the
deadlines while others are served; a connection cap holds; and no request,
however malformed, gets a 5xx answer.

Clients pick their source address in 127/8 (all loopback on Linux) to be
different networks to the server."""
import asyncio
import concurrent.futures
import http.client
import os
import random
import resource
import socket
import time
import urllib.parse

from conftest import PASSWORD, login, run
from harness import NODE_CREATE, Client, Http, form_values

COMPONENT = "invites.localhost"
NEW_PASSWORD = "a fresh passphrase"


def raise_nofile(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise RuntimeError(f"the open-files hard limit {hard} is below the {needed} this test needs")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


async def mint_many(prosody, n: int) -> list[str]:
    """n single-use account invites, minted by the admin with #create-account."""
    c = await login(prosody, "admin@localhost")
    try:
        urls = []
        for _ in range(n):
            cmd = await c.command(COMPONENT, NODE_CREATE)
            cmd = await c.command(COMPONENT, NODE_CREATE, action="complete",
                                  sessionid=cmd.get("sessionid"), fields={})
            urls.append(form_values(cmd)["landing-url"][0])
        return urls
    finally:
        await c.disconnect()


def random_token() -> str:
    """Shaped like a token (24 base64url characters), but nobody's."""
    return "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                   for _ in range(24))


def request(url: str, source: str = "127.0.0.1", method: str = "GET",
            fields: dict | None = None, timeout: float = 30.0):
    """One request from `source`: (status, headers with lower-case names, body)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout,
                                      source_address=(source, 0))
    try:
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        conn.request(method, u.path + (f"?{u.query}" if u.query else ""), body=body, headers=headers)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode(errors="replace")
    finally:
        conn.close()


def redeem(url: str, username: str, source: str = "127.0.0.1"):
    """What an invitee's browser does: the page, its stylesheet, the form, the post."""
    status, _, page = request(url, source)
    assert status == 200, (username, status, page[:300])
    base = url.split("/invite/")[0]
    assert request(base + "/static/style.css", source)[0] == 200
    status, _, form = request(url + "/register", source)
    assert status == 200, (username, status, form[:300])
    return request(url + "/register", source, "POST", {
        "csrf": Http.csrf(form), "username": username,
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})


def test_many_invitees_behind_one_address_all_register(prosody, component_factory):
    component_factory(web_defaults=True)
    n = 24
    urls = run(mint_many(prosody, n))
    assert len(set(urls)) == n
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        results = list(pool.map(lambda i: redeem(urls[i], f"crowd{i}"), range(n)))
    took = time.monotonic() - started
    statuses = [status for status, _, _ in results]
    print(f"{n} invitees behind 127.0.0.1, {4 * n} requests in {took:.1f} s: "
          f"{statuses.count(200)} registered, statuses {sorted(set(statuses))}")
    assert statuses == [200] * n, [(s, b[:200]) for s, _, b in results if s != 200]
    for i in range(n):
        assert prosody.account_exists(f"crowd{i}"), f"crowd{i}"

    async def log_in_some():
        for i in (0, n // 2, n - 1):
            c = await Client(f"crowd{i}@localhost", NEW_PASSWORD, prosody.c2s_port).connect()
            await c.disconnect()
    run(log_in_some())


def test_a_token_guesser_is_stopped_while_invitees_are_served(prosody, component_factory):
    comp = component_factory(web_defaults=True)
    [url, other] = run(mint_many(prosody, 2))
    base = comp.public_url
    guesser = "127.0.0.2"
    statuses = []
    for _ in range(100):
        status, headers, _ = request(f"{base}/invite/{random_token()}", guesser)
        statuses.append(status)
        if status == 429:
            break
    print(f"guesser at {guesser}: {statuses.count(404)} guesses answered 404, "
          f"then {statuses[-1]} with Retry-After {headers.get('retry-after')}")
    # The default allows 20 failures per network.
    assert statuses == [404] * 20 + [429], statuses
    assert int(headers["retry-after"]) >= 1
    assert headers["content-security-policy"].startswith("default-src 'none'")
    # Blocked, the guesser cannot even tell a valid link from a guess...
    assert request(url, guesser)[0] == 429
    # ...while an invitee elsewhere is served and registers.
    status, _, page = redeem(url, "notguessed", "127.0.0.1")
    assert status == 200, page
    assert prosody.account_exists("notguessed")
    # Pages without a token stay open to the guesser's network.
    assert request(base + "/", guesser)[0] == 200
    assert request(other, "127.0.0.3")[0] == 200


async def slow_client(host: str, port: int, source: str, head: bytes, trickle: bytes,
                      started: float, closed_at: list, stop_after: float) -> None:
    """Sends `head` at once, then `trickle` one byte a second, until the
    server closes the connection (recorded) or `stop_after` seconds."""
    reader, writer = await asyncio.open_connection(host, port, local_addr=(source, 0))
    try:
        writer.write(head)
        await writer.drain()
        for byte in trickle:
            if time.monotonic() - started > stop_after:
                return
            writer.write(bytes([byte]))
            await writer.drain()
            try:
                data = await asyncio.wait_for(reader.read(65536), timeout=1.0)
            except asyncio.TimeoutError:
                continue
            if data == b"":
                break
            # An answer (408) came; the close follows.
            while data:
                data = await asyncio.wait_for(reader.read(65536), timeout=stop_after)
            break
        closed_at.append(time.monotonic() - started)
    except (ConnectionError, OSError):
        closed_at.append(time.monotonic() - started)
    finally:
        writer.close()


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def test_slow_clients_are_cut_off_and_others_served(prosody, component_factory):
    comp = component_factory(web_defaults=True)
    [url] = run(mint_many(prosody, 1))
    port = comp.web_port
    token_path = urllib.parse.urlsplit(url).path
    n_head, n_body = 200, 100
    raise_nofile(4 * (n_head + n_body) + 256)
    header_timeout = body_timeout = 10.0   # the defaults
    bound = 30.0                           # generous: the deadline plus 20 s

    async def scenario():
        started = time.monotonic()
        closed: list[float] = []
        head = (f"GET {token_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").encode()
        def body_head(i):
            # Each to its own invite (one was capped at 20 posts at once,
            # before its body is read) or to /confirm.
            path = f"/invite/{random_token()}/register" if i % 2 else "/confirm"
            return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 1000\r\n\r\n").encode()
        tasks = [asyncio.create_task(slow_client("127.0.0.1", port, "127.0.0.4", head, b"a" * 120,
                                                 started, closed, bound + 5))
                 for _ in range(n_head)]
        tasks += [asyncio.create_task(slow_client("127.0.0.1", port, "127.0.0.5", body_head(i),
                                                  b"csrf=x&" + b"a" * 113, started, closed, bound + 5))
                  for i in range(n_body)]
        # Meanwhile a visitor opens the landing page, more than once.
        answered = []
        fds = []
        for _ in range(3):
            await asyncio.sleep(2)
            status, _, page = await asyncio.to_thread(request, url, "127.0.0.1")
            answered.append((round(time.monotonic() - started, 1), status))
            fds.append(open_fds(comp.proc.pid))
        await asyncio.gather(*tasks)
        return closed, answered, fds

    closed, answered, fds = run(scenario())
    closed.sort()
    marks = [5, header_timeout, header_timeout + 2, header_timeout + 5, bound]
    print(f"{n_head} connections trickling a header and {n_body} trickling a body "
          f"(one byte a second), deadlines {header_timeout:.0f} s / {body_timeout:.0f} s: closed by "
          + ", ".join(f"{m:.0f} s: {sum(1 for c in closed if c <= m)}" for m in marks)
          + f"; last closed at {closed[-1]:.1f} s")
    print(f"visitor answered meanwhile (at s, status): {answered}; server open fds: {fds}")
    assert all(status == 200 for _, status in answered), answered
    assert len(closed) == n_head + n_body
    assert closed[-1] <= bound, closed[-1]
    # Nobody was cut off before the deadline was reached.
    assert closed[0] >= min(header_timeout, body_timeout) - 1, closed[0]
    assert comp.proc.poll() is None
    assert request(url, "127.0.0.1")[0] == 200


def test_connections_over_the_cap_wait_and_do_not_take_the_server_down(prosody, component_factory):
    cap = 50
    comp = component_factory(web_defaults=True, web_extra=f"max_connections = {cap}")
    [url] = run(mint_many(prosody, 1))
    port = comp.web_port
    n = cap + 30
    raise_nofile(4 * n + 256)

    async def scenario():
        started = time.monotonic()
        closed: list[float] = []
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        tasks = [asyncio.create_task(slow_client("127.0.0.1", port, "127.0.0.6", head, b"a" * 120,
                                                 started, closed, 60))
                 for _ in range(n)]
        await asyncio.sleep(1)
        fds_full = open_fds(comp.proc.pid)
        # Over the cap: this visitor waits for a slot, and is then served.
        status, _, _ = await asyncio.to_thread(request, url, "127.0.0.1", timeout=60)
        waited = time.monotonic() - started
        await asyncio.gather(*tasks)
        return closed, status, waited, fds_full

    closed, status, waited, fds_full = run(scenario())
    print(f"cap {cap}, {n} slow connections: visitor answered {status} after {waited:.1f} s; "
          f"server open fds with the cap reached: {fds_full}; all {len(closed)} slow ones closed "
          f"by {max(closed):.1f} s")
    assert status == 200
    assert len(closed) == n
    # The connections over the cap held no descriptor of the server's.
    assert fds_full <= cap + 64, fds_full
    assert comp.proc.poll() is None
    assert request(url, "127.0.0.1")[0] == 200


# A bounded fuzzer of every route against the real binary.

ROUTES = ["/", "/static/style.css", "/invite/{t}", "/invite/{t}/register", "/invite/{t}/existing",
          "/confirm", "/confirm?invite={n}&address={a}&code={t}", "/nope", "/invite/", "/invite/{t}/x"]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "FOO", "G\x01T"]
JUNK = ["%", "%zz", "%00", "%ff%fe", "%ed%a0%80", "%c0%af", "\u202e", "\ufeff", "..", "%2e%2e%2f",
        "a" * 3000, "\x7f", "&&&", "=", "==", "%e2%80%ae", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]


def fuzz_request(rng: random.Random, token: str, csrf: str) -> bytes:
    def junk():
        return rng.choice(JUNK + [token, csrf, str(rng.randint(-2**63, 2**63)), ""])
    path = rng.choice(ROUTES).format(t=rng.choice([token, junk()]), n=junk(), a=junk())
    if rng.random() < 0.3:
        path += rng.choice(["?", "?platform=", "?platform=" + junk(), "#frag", "/" + junk()])
    method = rng.choice(METHODS)
    headers = [("Host", rng.choice(["127.0.0.1", "", "x" * 200, "[::1]"]))]
    for _ in range(rng.randint(0, 6)):
        headers.append(rng.choice([
            ("Content-Type", rng.choice(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data",
                                         "application/x-www-form-urlencoded; charset=latin1", junk()])),
            ("Accept-Language", rng.choice(["de", "*", "en-US;q=x", junk(), "a-" * 500])),
            ("User-Agent", junk()), ("Origin", rng.choice(["null", "http://evil", junk()])),
            ("Sec-Fetch-Site", rng.choice(["cross-site", "same-origin", junk()])),
            ("Cookie", junk()), ("X-Forwarded-For", junk()), ("Forwarded", "for=" + junk()),
            ("Content-Encoding", rng.choice(["gzip", "br", "identity", junk()])),
            ("Transfer-Encoding", rng.choice(["chunked", "gzip, chunked", junk()])),
            ("X-Huge", "h" * rng.choice([10, 8000, 70000])),
            ("Bad Header", "x"), ("X-Ctl", "a\x01b\x7f"),
        ]))
    fields = [("csrf", rng.choice([csrf, junk()])), ("username", junk()), ("password", junk()),
              ("confirm", junk()), ("address", junk()), ("invite", junk()), ("code", junk())]
    rng.shuffle(fields)
    fields += rng.sample(fields, rng.randint(0, 3))   # repeated fields
    body = "&".join(f"{k}={v}" for k, v in fields[:rng.randint(0, len(fields))]).encode("utf-8", "surrogateescape")
    if rng.random() < 0.2:
        body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if rng.random() < 0.1:
        body = b"x" * 20000
    chunked = any(k == "Transfer-Encoding" and "chunked" in v for k, v in headers)
    if chunked:
        if rng.random() < 0.8:
            body = b"".join(f"{len(body[i:i + 7]):x}\r\n".encode() + body[i:i + 7] + b"\r\n"
                            for i in range(0, len(body), 7)) + b"0\r\n\r\n"
    elif rng.random() < 0.9:
        headers.append(("Content-Length", str(len(body)) if rng.random() < 0.9 else rng.choice(["-1", "x", "99999999999999999999"])))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "Connection: close\r\n\r\n"
    return head.encode("utf-8", "surrogateescape") + body


def send_raw(port: int, data: bytes, source: str) -> str:
    """Sends one raw request; the status code, or why there was none."""
    with socket.create_connection(("127.0.0.1", port), timeout=15, source_address=(source, 0)) as s:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass   # the server may answer and close before reading it all
        first = b""
        try:
            while b"\r\n" not in first and len(first) < 1000:
                chunk = s.recv(4096)
                if not chunk:
                    break
                first += chunk
        except ConnectionResetError:
            return "reset" if not first else first.split(b" ")[1].decode(errors="replace")
        except socket.timeout:
            return "timeout"
        if not first:
            return "closed"
        parts = first.split(b" ")
        return parts[1].decode(errors="replace") if len(parts) > 1 else "garbled"


def test_fuzzed_requests_never_get_a_server_error(prosody, component_factory):
    comp = component_factory()
    [url] = run(mint_many(prosody, 1))
    token = urllib.parse.urlsplit(url).path.rsplit("/", 1)[1]
    _, _, form = request(url + "/register")
    csrf = Http.csrf(form)
    rng = random.Random(int(os.environ.get("FUZZ_SEED", "20261201")))
    n = int(os.environ.get("FUZZ_REQUESTS", "1500"))
    counts: dict[str, int] = {}
    deadline = time.monotonic() + 120
    sent = 0
    requests = [fuzz_request(rng, token, csrf) for _ in range(n)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for status in pool.map(lambda r: send_raw(comp.web_port, r, "127.0.0.7"), requests):
            counts[status] = counts.get(status, 0) + 1
            sent += 1
            if time.monotonic() > deadline:
                break
    print(f"fuzz against the binary: {sent} requests sent; answers: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    server_errors = {k: v for k, v in counts.items() if k.startswith("5")}
    assert not server_errors, counts
    assert comp.proc.poll() is None
    status, _, page = request(url)
    assert status == 200, page
    assert "timeout" not in counts, counts
