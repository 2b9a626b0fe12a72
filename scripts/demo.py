"""The README's demo: a throwaway Prosody, xmpp-invites attached to it, and
one invite minted by an admin over XEP-0050, printed for you to open."""
import argparse
import asyncio
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))
from harness import NODE_INVITE, Client, Component, Prosody, form_values  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--once", action="store_true", help="exit right after printing the invite")
    args = ap.parse_args()
    keep = sys.stdin.isatty() and not args.once
    # SIGTERM too must run the clean-up below (stop Prosody and the component).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    work = Path(tempfile.mkdtemp(prefix="xmpp-invites-demo-"))
    prosody = Prosody(work)
    password = "demo-admin-password"
    prosody.register("admin", prosody.domain, password)
    prosody.start()
    component = Component(prosody, work)
    try:
        component.start()

        async def mint():
            admin = await Client(f"admin@{prosody.domain}", password, prosody.c2s_port).connect()
            try:
                t0 = time.perf_counter()
                cmd = await admin.command(prosody.component, NODE_INVITE)
                return form_values(cmd), time.perf_counter() - t0
            finally:
                await admin.disconnect()

        values, took = asyncio.run(mint())
        print(f"""
Prosody      127.0.0.1:{prosody.c2s_port} (c2s, plaintext), domain {prosody.domain}
component    {prosody.component} -> 127.0.0.1:{prosody.component_port}
admin        admin@{prosody.domain} / {password}
work dir     {work}

Invite minted by admin@{prosody.domain} with urn:xmpp:invite#invite in {took * 1000:.0f} ms:
  uri          {values['uri'][0]}
  landing-url  {values['landing-url'][0]}
  expire       {values['expire'][0]}
""")
        if keep:
            print("Serving; press Ctrl-C to stop.")
            try:
                while component.proc.poll() is None:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
        return 0
    finally:
        component.stop()
        prosody.stop()


if __name__ == "__main__":
    sys.exit(main())
