"""An answered mint is durable: once a client has the reply to `#invite`,
the invite is on disk, whatever happens to the process next.

Many users mint concurrently (the store commits concurrent mints together);
the component is killed with SIGKILL as soon as enough replies have arrived,
with more requests still in flight. After a restart on the same database,
every token a client was answered with must resolve on its landing page.
Requests that were never answered may or may not have been stored.

The store is the same for every server kind, so this runs against Prosody
only.
"""
import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

from slixmpp.exceptions import IqError, IqTimeout

from conftest import PASSWORD, run
from harness import (NODE_INVITE, Client, Component, Http, Prosody, StanzaError, form_values,
                     kill_component, start_component_again)

COMPONENT = "invites.localhost"
USERS = 8
# Each user keeps this many commands outstanding (the component admits
# four per sender).
PER_USER = 3
ANSWERED_BEFORE_KILL = 300


def test_every_answered_mint_survives_sigkill(workdir):
    prosody = Prosody(workdir)
    names = [f"minter{i}" for i in range(USERS)]
    for n in names:
        prosody.register(n, prosody.domain, PASSWORD)
    prosody.start()
    # Admins: exempt from the per-user quotas, so every request mints.
    comp = Component(prosody, workdir, admins=tuple(f"{n}@localhost" for n in names), log_filter="info")
    try:
        comp.start()
        answered, unanswered = run(mint_until_killed(prosody, comp, names))
        assert len(answered) >= ANSWERED_BEFORE_KILL
        # The kill must have cut requests off, or it tested nothing past
        # the last reply.
        assert unanswered > 0, "no request was in flight at the kill"
        start_component_again(comp)
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda url: Http.request(url)[0], answered))
        lost = [u for u, s in zip(answered, statuses) if s != 200]
        print(f"durability: {len(answered)} answered before/at the kill, {unanswered} cut off; "
              f"{len(answered) - len(lost)} resolve after restart")
        assert not lost, f"{len(lost)} of {len(answered)} answered invites are gone after SIGKILL"
    finally:
        comp.stop()
        prosody.stop()


async def mint_until_killed(prosody, comp, names):
    clients = [await Client(f"{n}@localhost", PASSWORD, prosody.c2s_port).connect() for n in names]
    answered: list[str] = []
    unanswered = 0
    killed = asyncio.Event()

    async def worker(client):
        nonlocal unanswered
        while not killed.is_set():
            try:
                cmd = await client.command(COMPONENT, NODE_INVITE, timeout=5)
            except (StanzaError, IqError, IqTimeout):
                if killed.is_set():
                    unanswered += 1
                    return
                raise
            url = form_values(cmd)["landing-url"][0]
            assert re.search(r"/invite/[A-Za-z0-9_-]+$", url), url
            answered.append(url)
            if len(answered) >= ANSWERED_BEFORE_KILL and not killed.is_set():
                # Right after this reply, with the other workers' requests
                # still outstanding.
                kill_component(comp)
                killed.set()
        # Stopped by the kill before sending another request.

    try:
        await asyncio.gather(*(worker(c) for c in clients for _ in range(PER_USER)))
    finally:
        for c in clients:
            await c.disconnect()
    return answered, unanswered
