"""Email invites against a real SMTP server (aiosmtpd on loopback, STARTTLS
required, AUTH required, a self-signed certificate made here with the
openssl CLI) and a real Prosody: both parts, the link, the escaped personal
message, the sender, the copy, a temporary refusal then acceptance, a
permanent refusal shown in #list, the limits per inviter and per recipient,
resend, and the address never in the log or on the landing page."""
import asyncio
import email
import email.policy
import ssl
import subprocess
import threading
import time
from xml.sax.saxutils import escape as xml_escape

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import PASSWORD, login, run
from harness import (NODE_CREATE, NODE_INVITE, NODE_LIST, NS_COMMANDS, Client, Component, Http,
                     form_values, free_port)

COMPONENT = "invites.localhost"
SMTP_USER = "relay-user"
SMTP_PASSWORD = "relay password 42"
SENDER = "invites@example.org"


class Handler:
    """Records every accepted message; refuses recipients as told."""

    def __init__(self):
        self.messages = []  # (mail_from, rcpt_tos, EmailMessage)
        self.temporary = {}  # address -> how many more 451s
        self.permanent = set()
        self.refused = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if address in self.permanent:
                self.refused.append((address, 550))
                return f"550 5.1.1 <{address}>: Recipient address rejected"
            if self.temporary.get(address, 0) > 0:
                self.temporary[address] -= 1
                self.refused.append((address, 451))
                return f"451 4.7.1 <{address}>: try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [m for f, r, m in self.messages if address in r]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login == SMTP_USER.encode()
          and auth_data.password == SMTP_PASSWORD.encode())
    return AuthResult(success=ok)



@pytest.fixture(scope="module")
def server_kind():
    """Email goes from the component to an SMTP server: the XMPP server
    plays no part in it, so these tests run against Prosody only (their
    SMTP server is shared by the module's tests)."""
    return "prosody"

@pytest.fixture(scope="module")
def smtp(workdir):
    d = workdir / "smtp"
    d.mkdir(exist_ok=True)
    # A private CA and a server certificate it signs (rustls refuses a
    # self-signed certificate used as its own CA).
    ca, ca_key = d / "ca.pem", d / "ca-key.pem"
    cert, key, csr = d / "cert.pem", d / "key.pem", d / "cert.csr"
    ext = d / "ext.cnf"
    ext.write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                   "extendedKeyUsage=serverAuth\n")
    for cmd in (
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", str(ca_key),
         "-out", str(ca), "-subj", "/CN=xmpp-invites test CA"],
        ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr),
         "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "1", "-out", str(cert), "-extfile", str(ext)],
    ):
        subprocess.run(["openssl", *cmd], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(str(cert), str(key))
    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=ctx,
                            require_starttls=True, auth_required=True,
                            authenticator=authenticator)
    controller.start()
    yield handler, port, ca
    controller.stop()


@pytest.fixture(scope="module")
def component(prosody, workdir, smtp):
    _, port, cert = smtp
    c = Component(prosody, workdir, extra="")
    creds = c.dir / "smtp-credentials"
    creds.write_text(f"{SMTP_USER}\n{SMTP_PASSWORD}\n")
    creds.chmod(0o600)
    with open(c.config, "a") as f:
        f.write("\n[email]\n"
                'host = "127.0.0.1"\n'
                f"port = {port}\n"
                'tls = "starttls"\n'
                f'credentials_file = "{creds}"\n'
                f'ca_file = "{cert}"\n'
                f'from_address = "{SENDER}"\n'
                'from_name = "Localhost invites"\n'
                "per_inviter_per_day = 4\n"
                "per_recipient_per_day = 2\n")
    c.start()
    yield c
    assert c.stop() == 0


def notes(cmd):
    return [(n.get("type"), n.text or "") for n in cmd.findall(f"{{{NS_COMMANDS}}}note")]


def wait(predicate, timeout=20.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = predicate()
        if v:
            return v
        time.sleep(0.1)
    raise TimeoutError(f"timed out waiting for {what}")


async def invite_by_email(client, address, message=None, copy_to=None):
    """#invite: the first answer already holds the invite, the submission
    emails it."""
    first = await client.command(COMPONENT, NODE_INVITE)
    assert first.get("status") == "executing", notes(first)
    values = form_values(first)
    assert values["uri"][0].startswith("xmpp:") and values["landing-url"][0].startswith("http")
    fields = {"invite-token": values["invite-token"][0], "email": address}
    if message:
        fields["message"] = message
    if copy_to:
        fields["copy-to"] = copy_to
    done = await client.command(COMPONENT, NODE_INVITE, action="complete",
                                sessionid=first.get("sessionid"), fields=fields)
    return values["landing-url"][0], done


async def list_summaries(client):
    cmd = await client.command(COMPONENT, NODE_LIST)
    x = cmd.find("{jabber:x:data}x")
    labels = [o.get("label") for o in x.iter("{jabber:x:data}option")]
    await client.command(COMPONENT, NODE_LIST, action="cancel", sessionid=cmd.get("sessionid"))
    return cmd, labels


def test_create_account_with_email_sends_one_message_with_both_parts_and_a_copy(
        prosody, component, smtp):
    handler, _, _ = smtp
    offset = component.log_offset()
    message = "<b>Hi</b> & welcome, \"Dave\"!"

    async def go():
        admin = await login(prosody, "admin@localhost")
        first = await admin.command(COMPONENT, NODE_CREATE)
        assert {"email", "message", "copy-to"} <= set(form_values(first))
        done = await admin.command(COMPONENT, NODE_CREATE, action="complete",
                                   sessionid=first.get("sessionid"), fields={
                                       "email": "dave@example.net", "message": xml_escape(message),
                                       "copy-to": "admin-mail@example.org"})
        await admin.disconnect()
        return done

    done = run(go())
    assert done.get("status") == "completed", notes(done)
    link = form_values(done)["landing-url"][0]
    msgs = wait(lambda: handler.to("dave@example.net"), what="the invitation")
    copies = wait(lambda: handler.to("admin-mail@example.org"), what="the copy")
    time.sleep(1)
    assert len(handler.to("dave@example.net")) == 1
    assert len(handler.to("admin-mail@example.org")) == 1
    msg = msgs[0]
    assert msg["From"].addresses[0].addr_spec == SENDER
    assert msg["From"].addresses[0].display_name == "Localhost invites"
    assert "admin@localhost" in msg["Subject"]
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert link in text and f'href="{link}"' in html
    assert "> " + message in text
    assert "&lt;b&gt;Hi&lt;/b&gt; &amp; welcome, &quot;Dave&quot;!" in html
    assert "<b>Hi</b>" not in html
    assert "XMPP" in text and "admin@localhost" in text
    copy_text = copies[0].get_body(("plain",)).get_content()
    assert copy_text.startswith("This is a copy") and link in copy_text

    # The address is on neither the landing page nor in the log.
    status, _, page = Http.request(link)
    assert status == 200
    assert "dave@example.net" not in page and "admin-mail" not in page
    log = component.log_since(offset)
    assert "invitation email queued" in log
    assert "dave@example.net" not in log and "admin-mail@example.org" not in log


def test_the_email_is_worded_in_the_inviters_language(prosody, component, smtp):
    """Issue 14: the invitee's language is unknown, so the email speaks the
    inviter's (who wrote the personal message), as their app last asked."""
    handler, _, _ = smtp
    # An inviter of their own: the other tests count emails against theirs.
    prosody.register("gustav", prosody.domain, PASSWORD)

    async def go():
        gustav = await Client("gustav@localhost", PASSWORD, prosody.c2s_port, lang="de").connect()
        try:
            return await invite_by_email(gustav, "grete@example.net", copy_to="gustav-mail@example.org")
        finally:
            await gustav.disconnect()

    link, done = run(go())
    assert done.get("status") == "completed", notes(done)
    msg = wait(lambda: handler.to("grete@example.net"), what="the invitation")[0]
    assert msg["Subject"] == "gustav@localhost lädt dich zum Chatten auf localhost ein", msg["Subject"]
    text = msg.get_body(("plain",)).get_content()
    assert "möchte mit dir auf localhost chatten" in text and link in text
    copy = wait(lambda: handler.to("gustav-mail@example.org"), what="the copy")[0]
    assert copy.get_body(("plain",)).get_content().startswith("Dies ist eine Kopie der Einladung")


def test_a_temporary_refusal_then_acceptance_delivers_exactly_once(prosody, component, smtp):
    handler, _, _ = smtp
    handler.temporary["temp@example.net"] = 1
    offset = component.log_offset()

    async def go():
        bob = await login(prosody, "bob@localhost")
        link, done = await invite_by_email(bob, "temp@example.net", message="see you")
        assert done.get("status") == "completed", notes(done)
        msgs = await bob.wait_for(lambda: handler.to("temp@example.net"), timeout=30,
                                  what="the retried message")
        await asyncio.sleep(3)
        _, labels = await list_summaries(bob)
        await bob.disconnect()
        return link, msgs, labels

    link, msgs, labels = run(go())
    assert ("temp@example.net", 451) in handler.refused
    assert len(handler.to("temp@example.net")) == 1
    assert link in msgs[0].get_body(("plain",)).get_content()
    [mine] = [lbl for lbl in labels if "temp@example.net" in lbl]
    assert ": sent " in mine, mine
    log = component.log_since(offset)
    assert "effect not delivered yet" in log
    assert "temp@example.net" not in log


def test_a_permanent_refusal_is_recorded_and_shown(prosody, component, smtp):
    handler, _, _ = smtp
    handler.permanent.add("nobody@example.net")
    offset = component.log_offset()

    async def go():
        bob = await login(prosody, "bob@localhost")
        _, done = await invite_by_email(bob, "nobody@example.net")
        assert done.get("status") == "completed", notes(done)
        await bob.wait_for(lambda: ("nobody@example.net", 550) in handler.refused,
                           timeout=20, what="the refusal")
        await asyncio.sleep(1)
        _, labels = await list_summaries(bob)
        await bob.disconnect()
        return labels

    labels = run(go())
    [mine] = [lbl for lbl in labels if "nobody@example.net" in lbl]
    assert "FAILED: " in mine and "550" in mine, mine
    assert handler.refused.count(("nobody@example.net", 550)) == 1, "never retried"
    log = component.log_since(offset)
    assert "refused for good" in log and "550" in log
    assert "nobody@example.net" not in log


def test_limits_per_recipient_and_per_inviter(prosody, component, smtp):
    async def go():
        carol = await login(prosody, "carol@localhost")
        admin = await login(prosody, "admin@localhost")
        results = []
        for who, address in [(carol, "popular@example.net"), (carol, "popular@example.net"),
                             (admin, "popular@example.net")]:
            _, done = await invite_by_email(who, address)
            results.append(done)
        # carol has sent two; two more reach her limit of four.
        for address in ["c1@example.net", "c2@example.net", "c3@example.net"]:
            _, done = await invite_by_email(carol, address)
            results.append(done)
        await carol.disconnect()
        await admin.disconnect()
        return results

    r = run(go())
    status = [d.get("status") for d in r]
    assert status == ["completed", "completed", "executing",
                      "completed", "completed", "executing"], [notes(d) for d in r]
    assert any("This address has received 2 invitation emails" in t for _, t in notes(r[2]))
    assert any("You have sent 4 invitation emails" in t for _, t in notes(r[5]))


def test_resend_sends_a_new_link_and_the_old_one_stops_working(prosody, component, smtp):
    handler, _, _ = smtp

    async def go():
        bob = await login(prosody, "bob@localhost")
        first_link = None
        cmd = await bob.command(COMPONENT, NODE_LIST)
        x = cmd.find("{jabber:x:data}x")
        opts = {o.get("label"): o.find("{jabber:x:data}value").text
                for o in x.iter("{jabber:x:data}option")}
        [(label, value)] = [(k, v) for k, v in opts.items() if k and "temp@example.net" in k]
        confirm = await bob.command(COMPONENT, NODE_LIST, action="next",
                                    sessionid=cmd.get("sessionid"),
                                    fields={"invites": value, "action": "resend"})
        assert confirm.get("status") == "executing", notes(confirm)
        done = await bob.command(COMPONENT, NODE_LIST, action="complete",
                                 sessionid=cmd.get("sessionid"), fields={})
        await bob.disconnect()
        return first_link, done

    before = handler.to("temp@example.net")
    old_link = [w for w in before[0].get_body(("plain",)).get_content().split()
                if w.startswith("http")][0]
    _, done = run(go())
    assert any("Sending again" in t for _, t in notes(done)), notes(done)
    msgs = wait(lambda: len(handler.to("temp@example.net")) == 2 and handler.to("temp@example.net"),
                what="the second message")
    new_text = msgs[1].get_body(("plain",)).get_content()
    new_link = [w for w in new_text.split() if w.startswith("http")][0]
    assert new_link != old_link
    assert Http.request(new_link)[0] == 200
    assert Http.request(old_link)[0] == 404


def test_the_address_never_reaches_the_log(component):
    log = component.log.read_text(errors="replace")
    for address in ["dave@example.net", "admin-mail@example.org", "temp@example.net",
                    "nobody@example.net", "popular@example.net", "c1@example.net"]:
        assert address not in log
    assert SMTP_PASSWORD not in log
