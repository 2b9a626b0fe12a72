import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from harness import Client, Component, Prosody  # noqa: E402

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("xi")


@pytest.fixture(scope="module")
def prosody(workdir):
    p = Prosody(workdir)
    p.register("admin", p.domain, PASSWORD)
    p.register("bob", p.domain, PASSWORD)
    p.register("carol", p.domain, PASSWORD)
    p.register("eve", p.other_domain, PASSWORD)
    p.start()
    yield p
    p.stop()


@pytest.fixture
def component_factory(prosody, workdir):
    started = []

    def make(**kwargs):
        c = Component(prosody, workdir, **kwargs)
        c.start()
        started.append(c)
        return c

    yield make
    for c in started:
        code = c.stop()
        assert code == 0, f"xmpp-invites exited with {code} on SIGTERM; see {c.log}"


def run(coro):
    return asyncio.run(coro)


async def login(prosody, jid, password=PASSWORD):
    return await Client(jid, password, prosody.c2s_port).connect()
