"""The component speaks the requester's language over XMPP: a real Prosody
(with this repository's server module), xmpp-invites, slixmpp clients whose
streams say xml:lang='de' (or nothing), and the landing pages for a web
registration whose inviter is told in the language they last used."""

import asyncio
import sqlite3
import uuid

import pytest

from conftest import PASSWORD, run
from harness import (NODE_CREATE, NODE_INVITE, NS_COMMANDS, NS_DATA, NS_DISCO_ITEMS, Client, Component,
                     Http, Prosody, StanzaError, Unauthenticated, accounts_of, error_of)

DOMAIN = "localhost"
COMPONENT = "invites.localhost"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NEW_PASSWORD = "a fresh passphrase"


# Prosody only: the relay through the server module is Prosody's, and what
# Prosody writes on each stanza (the stream's xml:lang) is what is tested.
@pytest.fixture(scope="module")
def server(workdir):
    p = Prosody(workdir, module=True)
    for name in ("admin", "bob"):
        p.register(name, p.domain, PASSWORD)
    p.start()
    yield p
    p.stop()


@pytest.fixture
def component(server, workdir):
    c = Component(server, workdir)
    c.start()
    c.wait_log("the server module answers")
    yield c
    assert c.stop() == 0


async def client(server, name, lang, available=False):
    return await Client(f"{name}@{DOMAIN}", PASSWORD, server.c2s_port, lang=lang).connect(available=available)


def notes(cmd):
    return [(n.get("type"), n.text) for n in cmd.findall(f"{{{NS_COMMANDS}}}note")]


def form(cmd):
    return cmd.find(f"{{{NS_DATA}}}x")


def labels(cmd):
    return {f.get("var"): f.get("label") for f in form(cmd).findall(f"{{{NS_DATA}}}field")}


def option_labels(cmd, var):
    field = [f for f in form(cmd).findall(f"{{{NS_DATA}}}field") if f.get("var") == var][0]
    return {o.findtext(f"{{{NS_DATA}}}value"): o.get("label") for o in field.findall(f"{{{NS_DATA}}}option")}


def stored_language(comp, jid):
    db = sqlite3.connect(comp.database)
    try:
        row = db.execute("SELECT lang FROM user_languages WHERE jid = ?", (jid,)).fetchone()
    finally:
        db.close()
    return row[0] if row else None


def register(url, username):
    status, _, page = Http.request(url + "/register")
    assert status == 200, page
    return Http.request(url + "/register", {
        "csrf": Http.csrf(page), "username": username,
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})


def test_a_german_client_gets_german_notes_labels_and_errors(server, component):
    async def scenario():
        admin = await client(server, "admin", "de")
        bob = await client(server, "bob", "de")
        try:
            # The command names a client lists are German; the nodes are not.
            items = await admin.iq("get", COMPONENT, f"<query xmlns='{NS_DISCO_ITEMS}' node='{NS_COMMANDS}'/>")
            names = {i.get("node"): i.get("name") for i in items.iter(f"{{{NS_DISCO_ITEMS}}}item")}
            assert names[NODE_INVITE] == "Jemanden einladen", names
            assert names[NODE_CREATE] == "Konto anlegen", names

            cmd = await admin.command(COMPONENT, NODE_INVITE)
            assert cmd.get("status") == "completed"
            assert cmd.get(XML_LANG) == "de"
            [(kind, text)] = notes(cmd)
            assert kind == "info"
            assert text.startswith("Einladung erstellt. Schick diesen Link an die Person, die du einlädst: "), text
            assert labels(cmd)["uri"] == "Einladungs-URI"
            assert labels(cmd)["landing-url"] == "Einladungslink"

            # A two-stage command: the form, then a refused value shown
            # again in German (note and instructions).
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            assert form(cmd).findtext(f"{{{NS_DATA}}}title") == "Einladung für ein neues Konto"
            assert labels(cmd)["username"] == "Benutzername (optional; für diese Einladung reserviert)"
            assert option_labels(cmd, "lifetime")["7d"] == "1 Woche"
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete",
                                      sessionid=cmd.get("sessionid"), fields={"uses": "viele"})
            assert cmd.get("status") == "executing"
            assert notes(cmd) == [("error", "uses: „viele“ ist keine ganze Zahl")], notes(cmd)
            assert form(cmd).findtext(f"{{{NS_DATA}}}instructions").startswith("uses: „viele“ ist keine ganze Zahl")

            # A refusal as a stanza error, its text in German and saying so.
            with pytest.raises(StanzaError) as e:
                await bob.command(COMPONENT, NODE_CREATE)
            assert e.value.condition == "forbidden"
            assert e.value.text == "Nur Admins von localhost können Einladungen für neue Konten erstellen."
            text = e.value.iq.find("{jabber:client}error/{urn:ietf:params:xml:ns:xmpp-stanzas}text")
            assert text.get(XML_LANG) == "de"
        finally:
            await admin.disconnect()
            await bob.disconnect()
        assert stored_language(component, "admin@localhost") == "de"

    run(scenario())


def test_without_a_language_the_default_and_the_command_may_say_its_own(server, component):
    async def scenario():
        # No xml:lang on the stream: Prosody writes its own default ('en')
        # on the stanza, and English is what the component answers in.
        bob = await client(server, "bob", None)
        try:
            cmd = await bob.command(COMPONENT, NODE_INVITE)
            assert cmd.get(XML_LANG) == "en-US"
            [(_, text)] = notes(cmd)
            assert text.startswith("Invite created. Send this link to the person you are inviting: "), text
            with pytest.raises(StanzaError) as e:
                await bob.command(COMPONENT, NODE_CREATE)
            assert e.value.text == "Only administrators of localhost can create account invites."
            # The <command/>'s own xml:lang wins over the stanza's.
            resp = await bob.iq("set", COMPONENT,
                                f"<command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}' action='execute' xml:lang='de-AT'/>")
            cmd = resp.find(f"{{{NS_COMMANDS}}}command")
            assert cmd.get(XML_LANG) == "de"
            assert notes(cmd)[0][1].startswith("Einladung erstellt."), notes(cmd)
        finally:
            await bob.disconnect()
        # What was recorded is the catalogue's tag for the last one used.
        assert stored_language(component, "bob@localhost") == "de"

    run(scenario())


def test_the_inviter_is_told_in_the_language_they_last_used(server, component):
    async def invite_and_register(lang):
        admin = await client(server, "admin", lang, available=True)
        try:
            cmd = await admin.command(COMPONENT, NODE_INVITE)
            url = [v.findtext(f"{{{NS_DATA}}}value") for v in form(cmd).findall(f"{{{NS_DATA}}}field")
                   if v.get("var") == "landing-url"][0]
            name = "n" + uuid.uuid4().hex[:8]
            status, _, page = await asyncio.to_thread(register, url, name)
            assert status == 200, page
            note = await admin.wait_for(lambda: [m for m in admin.messages if m.get("from") == COMPONENT],
                                        what="the notification")
            return name, note[0].findtext("{jabber:client}body")
        finally:
            await admin.disconnect()

    async def scenario():
        name, body = await invite_and_register("de")
        assert body == f"{name}@localhost hat deine Einladung angenommen.", body
        # Back to English: the next notification follows.
        name, body = await invite_and_register("en")
        assert body == f"{name}@localhost accepted your invite.", body

    run(scenario())


def test_at_the_domain_through_the_server_module(server, component):
    async def scenario():
        bob = await client(server, "bob", "de")
        try:
            # Conversations: the domain's command list, names in German.
            items = await bob.iq("get", DOMAIN, f"<query xmlns='{NS_DISCO_ITEMS}' node='{NS_COMMANDS}'/>")
            names = {i.get("node"): i.get("name") for i in items.iter(f"{{{NS_DISCO_ITEMS}}}item")}
            assert names.get(NODE_INVITE) == "Jemanden einladen", names
            # Monal: executed at the domain, relayed to the component.
            resp = await bob.iq("set", DOMAIN, f"<command xmlns='{NS_COMMANDS}' node='{NODE_INVITE}' action='execute'/>")
            assert resp.get("from") == DOMAIN
            cmd = resp.find(f"{{{NS_COMMANDS}}}command")
            assert cmd.get(XML_LANG) == "de"
            assert notes(cmd)[0][1].startswith("Einladung erstellt."), notes(cmd)
            with pytest.raises(StanzaError) as e:
                await bob.command(DOMAIN, NODE_CREATE)
            assert e.value.text == "Nur Admins von localhost können Einladungen für neue Konten erstellen."
        finally:
            await bob.disconnect()
        assert stored_language(component, "bob@localhost") == "de"

    run(scenario())


def test_an_app_registering_in_german_reads_the_refusals_in_german(server, component):
    async def scenario():
        admin = await client(server, "admin", "en")
        try:
            cmd = await admin.command(COMPONENT, NODE_CREATE)
            cmd = await admin.command(COMPONENT, NODE_CREATE, action="complete",
                                      sessionid=cmd.get("sessionid"), fields={"uses": "2"})
            uri = [v.findtext(f"{{{NS_DATA}}}value") for v in form(cmd).findall(f"{{{NS_DATA}}}field")
                   if v.get("var") == "uri"][0]
        finally:
            await admin.disconnect()
        token = uri.split("preauth=")[1].split("&")[0].split(";")[0]
        # XEP-0445 from an app whose stream is German: a bad token, then a
        # name kept for the server's own roles, each refused in German by
        # the component (through the module).
        stream = Unauthenticated(server, lang="de")
        try:
            assert error_of(stream.preauth("A" * 24)) == (
                "item-not-found", "Der Einladungscode ist ungültig oder abgelaufen.")
            assert error_of(stream.preauth(token)) == (None, None)
            assert error_of(stream.register("postmaster", NEW_PASSWORD)) == (
                "not-acceptable", "Dieser Benutzername ist für den Server selbst reserviert; wähle einen anderen.")
        finally:
            stream.close()
        assert "postmaster" not in accounts_of(server)
        # The same without a language: English.
        stream = Unauthenticated(server)
        try:
            assert error_of(stream.preauth(token)) == (None, None)
            condition, text = error_of(stream.register("postmaster", NEW_PASSWORD))
            assert (condition, text) == (
                "not-acceptable", "This username is kept for the server's own use; choose another."), text
        finally:
            stream.close()

    run(scenario())
