import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from harness import Client, Component, make_server  # noqa: E402

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("xi")


# Every server kind the component supports. The end-to-end suites run once
# per kind through this fixture (named `prosody` for history: it is
# whichever server the parameter says). A test that is about one server only
# asks for `server_kind` and skips the others, saying why.
SERVER_KINDS = ["prosody", "ejabberd"]


@pytest.fixture(scope="module", params=SERVER_KINDS)
def server_kind(request):
    return request.param


@pytest.fixture(scope="module")
def prosody(workdir, server_kind):
    p = make_server(server_kind, workdir)
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
