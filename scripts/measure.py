"""Quick timings on a throwaway Prosody: how long minting an invite and a
full web redemption take, next to a baseline measured in the same run (an
XEP-0199 ping to the component through the same Prosody, i.e. the cost of
the round trip alone). Not a benchmark suite: a figure for the notes.

    cargo build --release && XMPP_INVITES_BIN=target/release/xmpp-invites python3 scripts/measure.py
"""
import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))
from harness import NODE_INVITE, Client, Component, Http, Prosody, form_values  # noqa: E402


def summary(name, xs):
    xs = sorted(xs)
    p = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]  # noqa: E731
    return (f"{name:<28} n={len(xs):<5} mean={statistics.mean(xs) * 1000:7.2f} ms  "
            f"p50={p(0.5) * 1000:7.2f} ms  p95={p(0.95) * 1000:7.2f} ms"), statistics.mean(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mints", type=int, default=500)
    ap.add_argument("--redemptions", type=int, default=50)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xmpp-invites-measure-"))
    prosody = Prosody(work)
    prosody.register("admin", prosody.domain, "pw")
    prosody.start()
    comp = Component(prosody, work)
    comp.start()
    try:
        async def xmpp_side():
            admin = await Client("admin@localhost", "pw", prosody.c2s_port).connect()
            try:
                for _ in range(20):  # warm-up
                    await admin.iq("get", prosody.component, "<ping xmlns='urn:xmpp:ping'/>")
                pings, mints, urls = [], [], []
                for _ in range(args.mints):
                    t = time.perf_counter()
                    await admin.iq("get", prosody.component, "<ping xmlns='urn:xmpp:ping'/>")
                    pings.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    cmd = await admin.command(prosody.component, NODE_INVITE)
                    mints.append(time.perf_counter() - t)
                    urls.append(form_values(cmd)["landing-url"][0])
                return pings, mints, urls
            finally:
                await admin.disconnect()

        pings, mints, urls = asyncio.run(xmpp_side())
        t0 = time.perf_counter()
        reds, posts = [], []
        for i, url in enumerate(urls[: args.redemptions]):
            t = time.perf_counter()
            assert Http.request(url)[0] == 200
            status, _, page = Http.request(url + "/register")
            tp = time.perf_counter()
            status, _, page = Http.request(url + "/register", {
                "csrf": Http.csrf(page), "username": f"m{i}", "password": "measure pass", "confirm": "measure pass"})
            assert status == 200, page
            posts.append(time.perf_counter() - tp)
            reds.append(time.perf_counter() - t)
        line_p, base = summary("baseline: ping component", pings)
        line_m, mint = summary("mint (#invite)", mints)
        line_r, red = summary("redemption (3 HTTP requests)", reds)
        line_s, post = summary("  of which registration POST", posts)
        print(f"binary: {comp.proc.args[0]}")
        print(line_p)
        print(line_m + f"  = {mint / base:.1f}x baseline, {len(mints) / sum(mints):.0f} invites/s sequential")
        print(line_r + f"  = {red / base:.1f}x baseline")
        print(line_s + "  (add-user over XEP-0133 + both roster writes + notification, before answering)")
        print(f"invites stored: {len(urls)}; redemptions: {len(reds)} in {time.perf_counter() - t0:.1f}s")
    finally:
        comp.stop()
        prosody.stop()


if __name__ == "__main__":
    main()
