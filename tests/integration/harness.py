"""Real servers and a real client for the integration tests and the demo.

Starts Debian's Prosody on free loopback ports in a private directory,
starts the xmpp-invites binary against it, and talks to both over c2s with
slixmpp (a client library that is not ours). Only processes started here are
ever stopped, by PID.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / "server-modules" / "prosody"
BINARY = Path(os.environ.get("XMPP_INVITES_BIN", ROOT / "target" / "debug" / "xmpp-invites"))

NS_COMMANDS = "http://jabber.org/protocol/commands"
NS_DATA = "jabber:x:data"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NODE_INVITE = "urn:xmpp:invite#invite"
NODE_CREATE = "urn:xmpp:invite#create-account"
NODE_LIST = "urn:xmpp-invites:0#list"
NODE_RESET = "urn:xmpp-invites:0#reset"
NODE_GROUP = "urn:xmpp-invites:0#group"

# The source address of the tests' own calls to ejabberd's API, so that its
# permissions can tell them from the component's (on 127.0.0.1).
HARNESS_IP = "127.0.0.2"

# Where Debian's ejabberd package puts its Erlang applications (ejabberdctl
# sets ERL_LIBS to this).
EJABBERD_LIBS = Path("/usr/lib/x86_64-linux-gnu")


_handed_out: set[int] = set()


def free_port() -> int:
    """A port nothing listens on now. The kernel picks it; a port already
    handed out by this process (to a server that may be stopped for a
    restart) is never handed out again, so two of our servers cannot be
    given the same one."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def wait_port(port: int, timeout: float = 10.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def require_ejabberd() -> None:
    if shutil.which("erl") is None or not any(EJABBERD_LIBS.glob("ejabberd-*/ebin/ejabberd.app")):
        raise RuntimeError(
            "ejabberd is not installed: run `apt-get install -y ejabberd` "
            "(scripts/test does this for you)"
        )


def require_prosody() -> None:
    if shutil.which("prosody") is None or not Path("/usr/lib/prosody/modules/mod_privilege").exists():
        raise RuntimeError(
            "Prosody is not installed: run `apt-get install -y prosody prosody-modules` "
            "(scripts/test does this for you)"
        )


class Prosody:
    """One Prosody 0.12 instance with two VirtualHosts and our component."""

    kind = "prosody"

    def __init__(self, workdir: Path, domain: str = "localhost",
                 other_domain: str = "other.localhost",
                 component: str = "invites.localhost",
                 privileged: bool = True, ip: str = "127.0.0.1",
                 s2s_hosts: Path | None = None, module: bool = False,
                 component_admin: bool = True, component_privilege: bool = True) -> None:
        """With `s2s_hosts` (a hosts file), server-to-server is enabled on
        ip:5269 and names are resolved from that file only, so two
        instances on different loopback addresses federate. With `module`,
        the VirtualHost loads this repository's mod_xmpp_invites
        (server-modules/prosody) for the component."""
        require_prosody()
        self.dir = workdir / f"prosody-{uuid.uuid4().hex[:8]}"
        self.dir.mkdir(parents=True)
        (self.dir / "data").mkdir()
        self.domain = domain
        self.other_domain = other_domain
        self.component = component
        self.secret = uuid.uuid4().hex
        self.c2s_port = free_port()
        self.component_port = free_port()
        self.config = self.dir / "prosody.cfg.lua"
        self.log = self.dir / "prosody.log"
        self.proc: subprocess.Popen | None = None
        self.privileged = privileged
        self.ip = ip
        self.s2s_hosts = s2s_hosts
        self.module = module
        # Misconfigurations `doctor` must name: the component not an admin
        # of the host, no mod_privilege under the Component block.
        self.component_admin = component_admin
        self.component_privilege = component_privilege
        self._write_config()

    def set_privileged(self, privileged: bool) -> None:
        """Grant (or not) the component XEP-0356 roster and message rights;
        takes effect at the next start."""
        self.privileged = privileged
        self._write_config()

    # What the component says when roster writes are refused (see
    # set_roster_writes).
    roster_refusal = "privileged roster write"
    # What the server logs for each component session it accepts.
    component_login_line = "External component successfully authenticated"

    def set_roster_writes(self, allowed: bool) -> None:
        """Allow (or not) the component's roster writes, the way an operator
        would get it wrong on this server: here, XEP-0356 privileges."""
        self.set_privileged(allowed)

    def account_exists(self, user: str, host: str | None = None) -> bool:
        host = host or self.domain
        return (self.dir / "data" / host.replace(".", "%2e") / "accounts" / f"{user}.dat").exists()

    def _write_config(self) -> None:
        d = self.dir
        if self.s2s_hosts:
            # Nothing answers DNS on this port: lookups fail at once and
            # names come from the hosts file.
            (d / "resolv.conf").write_text("nameserver 127.0.0.1\n")
            # 5269 is fixed: without SRV records (the resolver here only reads
            # a hosts file) a server connects to a peer on 5269. The two
            # federating instances listen on different loopback addresses
            # (127.0.0.1, 127.0.0.2), so they never collide; Debian's own
            # Prosody service is kept from starting by scripts/lib.sh.
            s2s = f"""
s2s_ports = {{ 5269 }}
s2s_interfaces = {{ "{self.ip}" }}
s2s_require_encryption = false
s2s_secure_auth = false

unbound = {{ hoststxt = "{self.s2s_hosts}"; resolvconf = "{d}/resolv.conf" }}
"""
            disabled = ""
        else:
            s2s, disabled = "", '"s2s"'
        module = (f'  modules_enabled = {{ "xmpp_invites" }}\n'
                  f'  xmpp_invites_component = "{self.component}"\n' if self.module else "")
        privileges = (f'privileged_entities = {{ ["{self.component}"] = {{ roster = "both"; message = "outgoing" }} }}'
                      if self.privileged else "")
        self.config.write_text(f"""
run_as_root = true
pidfile = "{d}/prosody.pid"
data_path = "{d}/data"
certificates = "{d}/certs"
log = {{ {{ levels = {{ min = "debug" }}, to = "file", filename = "{self.log}" }} }}
interfaces = {{ "{self.ip}" }}
c2s_ports = {{ {self.c2s_port} }}
component_interfaces = {{ "{self.ip}" }}
component_ports = {{ {self.component_port} }}
http_ports = {{ }}
https_ports = {{ }}
modules_disabled = {{ {disabled} }}
plugin_paths = {{ "{MODULES}" }}
{s2s}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "internal"
modules_enabled = {{ "roster"; "saslauth"; "disco"; "ping"; "version"; "adhoc"; "admin_adhoc"; "privilege"; "presence"{'; "dialback"' if self.s2s_hosts else ""} }}
{privileges}

VirtualHost "{self.domain}"
  admins = {{ {f'"{self.component}"' if self.component_admin else ""} }}
{module}
{f'VirtualHost "{self.other_domain}"' if self.other_domain else ""}

Component "{self.component}"
  component_secret = "{self.secret}"
  modules_enabled = {{ {'"privilege"' if self.component_privilege else ""} }}
""")

    def start(self) -> None:
        # A port free_port() found free can be taken before Prosody binds
        # it (by another test worker, or as the local port of an outgoing
        # connection: both come from the kernel's ephemeral range). On a
        # first start, nobody depends on the ports yet, so new ones are
        # picked and the start tried again; a restart keeps its ports.
        for attempt in range(3):
            seen = self.log.stat().st_size if self.log.exists() else 0
            self.proc = subprocess.Popen(
                ["prosody", "-F", "--config", str(self.config)],
                stdout=subprocess.DEVNULL, stderr=open(self.dir / "stderr.log", "ab"),
            )
            try:
                wait_port(self.c2s_port, host=self.ip)
                wait_port(self.component_port, host=self.ip)
                self._started = True
                return
            except TimeoutError:
                self.stop()
                with open(self.log, "rb") as f:
                    f.seek(seen)
                    taken = b"this port is in use" in f.read()
                if taken and not getattr(self, "_started", False) and attempt < 2:
                    self.c2s_port = free_port()
                    self.component_port = free_port()
                    self._write_config()
                    continue
                raise RuntimeError(f"Prosody did not start; see {self.log} and {self.dir}/stderr.log")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def register(self, user: str, host: str, password: str) -> str:
        subprocess.run(
            ["prosodyctl", "--config", str(self.config), "register", user, host, password],
            check=True, capture_output=True,
        )
        return f"{user}@{host}"

    def unregister(self, user: str, host: str | None = None) -> None:
        """Deletes an account, as an operator would."""
        subprocess.run(["prosodyctl", "--config", str(self.config), "deluser", f"{user}@{host or self.domain}"],
                       check=True, capture_output=True)

    def accounts(self, host: str | None = None) -> set[str]:
        """The usernames Prosody has accounts for on `host`, from its data dir."""
        host = host or self.domain
        d = self.dir / "data" / host.replace(".", "%2e") / "accounts"
        return {p.stem for p in d.glob("*.dat")} if d.exists() else set()


def _yaml(value) -> str:
    """A YAML flow value: JSON is a subset of YAML, so json.dumps is exact
    quoting for any string a test passes in."""
    import json
    return json.dumps(value)


class Ejabberd:
    """One ejabberd 23.01 node (Debian's) with the same interface as
    `Prosody`: two hosts, our component, XEP-0133 for the component on the
    main host, XEP-0356 privileges, and mod_http_api on loopback for the
    component's roster writes and the tests' account checks.

    The VM is started with `erl` directly rather than through ejabberdctl,
    which would re-execute itself as the `ejabberd` user behind `su` and a
    shell: that way `self.proc` is beam.smp itself and SIGTERM stops it
    cleanly. Erlang distribution listens on 127.0.0.1 on a free port and no
    epmd is started (`-start_epmd false -erl_epmd_port`), so nothing listens
    on 0.0.0.0:4369. The node name and spool are kept across restarts
    (Mnesia's data belongs to the node name).

    `beam_dirs` are added to the code path (`-pa`) and `extra_modules`
    (name -> options) to the `modules:` section, so a test can load a
    module it compiled; `host_modules` go to the main host only.
    `api_allowed=False` leaves the API without permissions for loopback (a
    misconfiguration the component must report).

    With `s2s_hosts` (a hosts file, as for `Prosody`), server-to-server is
    enabled on ip:5269: dialback without TLS (`mod_s2s_dialback`,
    `s2s_use_starttls: false`), and names resolved from that file only.
    Debian's p1_xmpp 1.6.1 looks up SRV records with Erlang's own DNS client
    (`inet_res`, configured by `ERL_INETRC`) but A records with
    `net:getaddrinfo`, i.e. the machine's /etc/hosts, which is not ours to
    edit. So the node's only nameserver is a `SrvResponder` on loopback
    that answers `_xmpp-server._tcp.NAME` with the file's address for NAME
    as an IP-literal target, which getaddrinfo parses without a lookup."""

    kind = "ejabberd"

    def __init__(self, workdir: Path, domain: str = "localhost",
                 other_domain: str | None = "other.localhost",
                 component: str = "invites.localhost",
                 privileged: bool = True, ip: str = "127.0.0.1",
                 beam_dirs: tuple[Path, ...] = (), extra_modules: dict | None = None,
                 host_modules: dict | None = None, api_allowed: bool = True,
                 component_admin: bool = True, s2s_hosts: Path | None = None) -> None:
        require_ejabberd()
        self.dir = workdir / f"ejabberd-{uuid.uuid4().hex[:8]}"
        for sub in ("spool", "logs"):
            (self.dir / sub).mkdir(parents=True)
        self.domain = domain
        self.other_domain = other_domain
        self.component = component
        self.secret = uuid.uuid4().hex
        self.ip = ip
        self.c2s_port = free_port()
        self.component_port = free_port()
        self.api_port = free_port()
        self.dist_port = free_port()
        self.api_url = f"http://{ip}:{self.api_port}/api"
        self.node = f"xi{uuid.uuid4().hex[:8]}@localhost"
        self.cookie = uuid.uuid4().hex
        self.config = self.dir / "ejabberd.yml"
        self.log = self.dir / "logs" / "ejabberd.log"
        self.privileged = privileged
        self.beam_dirs = tuple(beam_dirs)
        self.extra_modules = dict(extra_modules or {})
        self.host_modules = dict(host_modules or {})
        self.api_allowed = api_allowed
        self.component_admin = component_admin
        self.s2s_hosts = s2s_hosts
        self.dns_port = free_port() if s2s_hosts else None
        self.dns: SrvResponder | None = None
        self.proc: subprocess.Popen | None = None
        # Accounts asked for before start(): ejabberd registers through the
        # running node (its API), Prosody's prosodyctl works offline. The
        # fixtures register first and start after, so queue them.
        self._pending: list[tuple[str, str, str]] = []
        self._write_config()

    def set_privileged(self, privileged: bool) -> None:
        """Grant (or not) the component XEP-0356 roster and message rights;
        takes effect at the next start."""
        self.privileged = privileged
        self._write_config()

    roster_refusal = "api_permissions"
    component_login_line = "Accepted external component handshake authentication"

    def set_roster_writes(self, allowed: bool) -> None:
        """Allow (or not) the component's roster writes: on ejabberd they go
        through the HTTP API, so this grants or withholds its permissions.
        Takes effect at the next start."""
        self.api_allowed = allowed
        self._write_config()

    def _write_config(self) -> None:
        # Log level info: at debug ejabberd formats every stanza into its
        # log, which for the hostile test's deeply nested ones took a
        # gigabyte and stalled the sender's session. XI_EJABBERD_LOGLEVEL=
        # debug shows the wire when a test needs looking into.
        hosts = [self.domain] + ([self.other_domain] if self.other_domain else [])
        # Per-host access_rules REPLACE the global ones for that host, so
        # every rule the host needs is repeated in host_config.
        common_rules = {
            "local": [{"allow": "local"}],
            "c2s": [{"deny": "blocked"}, {"allow": "all"}],
            "announce": [{"allow": "admin"}],
            "configure": [{"allow": "admin"}],
            "invites_privileged": [{"allow": "invites_component"}],
        }
        host_rules = dict(common_rules)
        if self.component_admin:
            host_rules["configure"] = [{"allow": "admin"}, {"allow": "invites_component"}]
        privilege = ({"roster": {"both": "invites_privileged"},
                      "message": {"outgoing": "invites_privileged"}}
                     if self.privileged else {})
        modules = {
            "mod_adhoc": {}, "mod_configure": {}, "mod_admin_extra": {},
            "mod_http_api": {}, "mod_roster": {}, "mod_disco": {}, "mod_ping": {},
            # As in a stock ejabberd.yml: messages to offline users are kept.
            "mod_offline": {}, "mod_last": {},
            "mod_privilege": privilege,
        }
        modules.update(self.extra_modules)
        # Two callers, told apart by source address (all of 127/8 is this
        # machine): the component on 127.0.0.1 gets what an operator would
        # grant it (nothing with api_allowed=False); the tests' own calls
        # come from 127.0.0.2 and may always register and read accounts.
        component_commands = ["add_rosteritem", "check_account", "change_password"]
        harness_commands = ["register", "check_account", "registered_users", "get_roster",
                            "add_rosteritem", "delete_rosteritem", "unregister"]
        component_rule = (f"""  "xmpp-invites":
    from: [mod_http_api]
    who: {{ip: "127.0.0.1/32"}}
    what: {_yaml(component_commands)}
""" if self.api_allowed else "")
        api = f"""api_permissions:
{component_rule}  "test harness":
    from: [mod_http_api]
    who: {{ip: "{HARNESS_IP}/32"}}
    what: {_yaml(harness_commands)}
"""
        if self.s2s_hosts:
            modules["mod_s2s_dialback"] = {}
            # 5269 is fixed for the reason given in Prosody._write_config.
            s2s_listener = f'  - {{port: 5269, ip: "{self.ip}", module: ejabberd_s2s_in}}\n'
            s2s = ("s2s_access: all\ns2s_use_starttls: false\n"
                   "outgoing_s2s_families: [ipv4]\n"
                   # One try (0 would mean none: every lookup fails), bounded.
                   "s2s_dns_timeout: 2\ns2s_dns_retries: 1\n")
        else:
            s2s_listener, s2s = "", "s2s_access: none\n"
        host_modules = (f"    modules:\n" + "".join(
            f"      {name}: {_yaml(opts)}\n" for name, opts in self.host_modules.items())
            if self.host_modules else "")
        self.config.write_text(f"""
hosts: {_yaml(hosts)}
loglevel: {os.environ.get("XI_EJABBERD_LOGLEVEL", "info")}
log_rotate_count: 0
auth_method: internal
registration_timeout: infinity
certfiles: []
{s2s}listen:
{s2s_listener}  - {{port: {self.c2s_port}, ip: "{self.ip}", module: ejabberd_c2s, starttls_required: false}}
  - {{port: {self.component_port}, ip: "{self.ip}", module: ejabberd_service, hosts: {{{_yaml(self.component)}: {{password: "{self.secret}"}}}}}}
  - {{port: {self.api_port}, ip: "{self.ip}", module: ejabberd_http, request_handlers: {{/api: mod_http_api}}}}
acl:
  admin: {{user: "admin-of-ejabberd@{self.domain}"}}
  invites_component: {{server: {_yaml(self.component)}}}
  loopback: {{ip: ["127.0.0.1/32", "::1/128"]}}
access_rules: {_yaml(common_rules)}
host_config:
  {_yaml(self.domain)}:
    access_rules: {_yaml(host_rules)}
{host_modules}{api}
modules:
""" + "".join(f"  {name}: {_yaml(opts)}\n" for name, opts in modules.items()))

    def _env(self) -> dict[str, str]:
        d = self.dir
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(d),
            "EJABBERD_CONFIG_PATH": str(self.config),
            "EJABBERD_LOG_PATH": str(self.log),
            "EJABBERD_PID_PATH": str(d / "ejabberd.pid"),
            "ERL_LIBS": str(EJABBERD_LIBS),
            "ERL_INETRC": str(self._inetrc()) if self.s2s_hosts else "/etc/ejabberd/inetrc",
            "ERL_CRASH_DUMP": str(d / "logs" / "erl_crash.dump"),
            "ERL_CRASH_DUMP_BYTES": "0",
            "CONTRIB_MODULES_PATH": str(d / "contrib"),
        }

    def _inetrc(self) -> Path:
        """Erlang's resolver configuration for s2s: our SrvResponder as the
        only nameserver (see the class comment), the machine's own
        resolv.conf not read."""
        d = self.dir
        (d / "resolv.conf").write_text("")
        lines = [f"{{resolv_conf, {_yaml(str(d / 'resolv.conf'))}}}.",
                 f"{{nameserver, {{127,0,0,1}}, {self.dns_port}}}."]
        path = d / "inetrc"
        path.write_text("\n".join(lines) + "\n")
        return path

    def start(self) -> None:
        cmd = ["erl", "-sname", self.node, "+K", "true", "+P", "250000",
               "-setcookie", self.cookie,
               # Distribution on loopback only, on our port, without epmd.
               "-kernel", "inet_dist_use_interface", "{127,0,0,1}",
               "-erl_epmd_port", str(self.dist_port), "-start_epmd", "false"]
        for d in self.beam_dirs:
            cmd += ["-pa", str(d)]
        if self.s2s_hosts and self.dns is None:
            self.dns = SrvResponder(self.s2s_hosts, self.dns_port)
        cmd += ["-mnesia", "dir", f'"{self.dir / "spool"}"', "-s", "ejabberd", "-noinput"]
        self.proc = subprocess.Popen(
            cmd, cwd=self.dir, env=self._env(),
            stdout=open(self.dir / "stdout.log", "ab"), stderr=subprocess.STDOUT,
        )
        try:
            # The HTTP listener starts after the others; the API answering
            # means the modules are loaded too.
            ports = (self.c2s_port, self.component_port, self.api_port) + ((5269,) if self.s2s_hosts else ())
            # Generous: on a loaded 2-core machine a restart's VM has been
            # seen to take 30 s before it even read its configuration. This
            # bounds a hang; it measures nothing.
            for port in ports:
                wait_port(port, timeout=60, host=self.ip)
            self._wait_api()
        except (TimeoutError, RuntimeError):
            self.stop()
            raise RuntimeError(f"ejabberd did not start; see {self.log} and {self.dir}/stdout.log")
        pending, self._pending = self._pending, []
        for user, host, password in pending:
            self.register(user, host, password)

    def _wait_api(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("ejabberd exited")
            try:
                self.api("registered_users", {"host": self.domain})
                return
            except (OSError, ApiError, ValueError):
                time.sleep(0.1)
        raise TimeoutError("ejabberd API not answering")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self.dns:
            self.dns.close()
            self.dns = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def api(self, command: str, args: dict, timeout: float = 10.0):
        """POSTs to mod_http_api as the test harness (from HARNESS_IP) and
        returns the decoded JSON answer; a non-200 answer raises ApiError."""
        import http.client
        import json
        conn = http.client.HTTPConnection(self.ip, self.api_port, timeout=timeout,
                                          source_address=(HARNESS_IP, 0))
        try:
            conn.request("POST", f"/api/{command}", body=json.dumps(args),
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            body = r.read()
        finally:
            conn.close()
        if r.status != 200:
            raise ApiError(f"{command}: HTTP {r.status}: {body.decode(errors='replace')}")
        return json.loads(body or b"null")

    def register(self, user: str, host: str, password: str) -> str:
        if self.proc is None:
            self._pending.append((user, host, password))
        else:
            self.api("register", {"user": user, "host": host, "password": password})
        return f"{user}@{host}"

    def unregister(self, user: str, host: str | None = None) -> None:
        """Deletes an account, as an operator would."""
        self.api("unregister", {"user": user, "host": host or self.domain})

    def account_exists(self, user: str, host: str | None = None) -> bool:
        # check_account answers like a shell: 0 when the account exists.
        # The tests' own calls are allowed even when the component's are
        # not (api_allowed=False): see _write_config.
        return self.api("check_account", {"user": user, "host": host or self.domain}) == 0

    def accounts(self, host: str | None = None) -> set[str]:
        return set(self.api("registered_users", {"host": host or self.domain}))

    def roster_of(self, user: str, host: str | None = None) -> dict[str, str]:
        """Contact JID -> subscription, read through the API (offline users too)."""
        items = self.api("get_roster", {"user": user, "host": host or self.domain})
        return {i["jid"]: i["subscription"] for i in items}


class SrvResponder:
    """A DNS server on 127.0.0.1:`port` (UDP, a thread of the test process)
    for one ejabberd node's s2s: `_xmpp-server._tcp.NAME` SRV gets port
    5269 and, as target, the address the hosts file gives NAME written as a
    name ("127.0.0.2"); everything else NXDOMAIN. Enough for Erlang's
    inet_res, nothing more (no compression in queries, one question)."""

    def __init__(self, hosts_file: Path, port: int) -> None:
        import threading
        self.names: dict[str, str] = {}
        for line in hosts_file.read_text().splitlines():
            fields = line.split("#", 1)[0].split()
            for name in fields[1:]:
                self.names[name.lower()] = fields[0]
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        # Closing a socket does not wake a recvfrom blocked in another
        # thread: poll, so close() returns at once.
        self.sock.settimeout(0.1)
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @staticmethod
    def _labels(name: str) -> bytes:
        return b"".join(bytes([len(l)]) + l.encode() for l in name.split(".") if l) + b"\0"

    def answer(self, query: bytes) -> bytes | None:
        import struct
        if len(query) < 12:
            return None
        qid, flags, qdcount = struct.unpack(">HHH", query[:6])
        # Response, authoritative, and the query's RD bit echoed: inet_res
        # rejects an answer whose RD differs from its question's.
        flags = 0x8400 | (flags & 0x0100)
        if qdcount != 1:
            return None
        i, labels = 12, []
        while i < len(query) and query[i]:
            n = query[i]
            labels.append(query[i + 1:i + 1 + n].decode(errors="replace"))
            i += 1 + n
        if i + 5 > len(query):
            return None
        qtype = struct.unpack(">H", query[i + 1:i + 3])[0]
        question = query[12:i + 5]
        name = ".".join(labels).lower()
        prefix = "_xmpp-server._tcp."
        target = self.names.get(name[len(prefix):]) if name.startswith(prefix) else None
        if qtype == 33 and target:  # SRV
            rdata = struct.pack(">HHH", 0, 0, 5269) + self._labels(target)
            # The answer's name points at the question's (offset 12).
            rr = struct.pack(">HHHIH", 0xC00C, 33, 1, 60, len(rdata)) + rdata
            return struct.pack(">HHHHHH", qid, flags, 1, 1, 0, 0) + question + rr
        return struct.pack(">HHHHHH", qid, flags | 3, 1, 0, 0, 0) + question  # NXDOMAIN

    def _serve(self) -> None:
        while not self.closing.is_set():
            try:
                query, peer = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            reply = self.answer(query)
            if reply:
                self.sock.sendto(reply, peer)

    def close(self) -> None:
        self.closing.set()
        self.thread.join(5)
        self.sock.close()


class ApiError(Exception):
    """ejabberd's HTTP API refused a command."""


def make_server(kind: str, workdir: Path, **kwargs):
    """A Prosody or an Ejabberd with the same constructor arguments (those
    only one of them knows are passed to that one only)."""
    if kind == "prosody":
        return Prosody(workdir, **kwargs)
    if kind == "ejabberd":
        return Ejabberd(workdir, **kwargs)
    raise ValueError(f"unknown server kind {kind!r}")


class Component:
    """The xmpp-invites binary, configured against a Prosody."""

    def __init__(self, prosody: Prosody, workdir: Path, admins=("admin@localhost",),
                 allow_user_invites: bool | None = None,
                 allow_contact_invites: bool | None = None,
                 extra: str = "", web_defaults: bool = False, web_extra: str = "",
                 server_extra: str = "", jid: str | None = None, secret: str | None = None,
                 log_filter: str = "debug") -> None:
        """`web_defaults` keeps the default rate limits; `web_extra` adds
        lines to the [web] table. `log_filter` is XMPP_INVITES_LOG as a user
        would set it: the binary itself keeps the wire (stanzas, hence
        secrets) out of it."""
        self.prosody = prosody
        self.log_filter = log_filter
        self.dir = workdir / f"component-{uuid.uuid4().hex[:8]}"
        self.dir.mkdir(parents=True)
        self.web_port = free_port()
        self.database = self.dir / "invites.sqlite3"
        self.public_url = f"http://127.0.0.1:{self.web_port}"
        lines = [
            "[component]",
            f'jid = "{jid or prosody.component}"',
            f'server = "{prosody.ip}:{prosody.component_port}"',
            'secret_file = "secret"',
            'ping_interval = "5s"',
            'request_timeout = "5s"',
            "[server]",
            f'domain = "{prosody.domain}"',
            f'kind = "{prosody.kind}"',
            server_extra,
        ]
        if prosody.kind == "ejabberd":
            lines.append(f'api_url = "{prosody.api_url}"')
        lines += [
            "[invites]",
            "admins = [" + ", ".join(f'"{a}"' for a in admins) + "]",
        ]
        if allow_user_invites is not None:
            lines.append(f"allow_user_invites = {str(allow_user_invites).lower()}")
        if allow_contact_invites is not None:
            lines.append(f"allow_contact_invites = {str(allow_contact_invites).lower()}")
        lines += [
            "[web]",
            f'listen = "127.0.0.1:{self.web_port}"',
            f'public_url = "{self.public_url}"',
        ]
        if not web_defaults:
            # The end-to-end tests fire many requests from one address; the
            # limiter itself is tested in-process and in test_web_hardening.
            lines += [
                "rate_limit_per_minute = 60000",
                "rate_limit_burst = 1000",
                "failed_requests_per_minute = 60000",
                "failed_requests_burst = 1000",
                "posts_per_invite_per_minute = 60000",
                "posts_per_invite_burst = 1000",
            ]
        lines += [
            web_extra,
            "[storage]",
            'database = "invites.sqlite3"',
        ]
        (self.dir / "secret").write_text((secret or prosody.secret) + "\n")
        self.config = self.dir / "config.toml"
        self.config.write_text("\n".join(lines) + "\n" + extra)
        self.log = self.dir / "xmpp-invites.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if not BINARY.exists():
            raise RuntimeError(f"{BINARY} is missing: run `cargo build` first")
        env = dict(os.environ, XMPP_INVITES_LOG=self.log_filter)
        env.pop("XMPP_INVITES_SECRET", None)
        # The log is appended to across restarts: wait for a link-up line
        # written by this process, not one left by the previous.
        before = self.link_up_count() if self.log.exists() else 0
        self.proc = subprocess.Popen(
            [str(BINARY), "run", "--config", str(self.config)],
            stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, env=env,
        )
        self.wait_link_up(count=before + 1)

    def link_up_count(self) -> int:
        return self.log.read_text(errors="replace").count("component link up")

    def wait_link_up(self, count: int, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.link_up_count() >= count:
                return
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"xmpp-invites exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.05)
        raise TimeoutError(f"component link not up {count} time(s) after {timeout}s; see {self.log}")

    def log_offset(self) -> int:
        """Where the log ends now: pass to `log_since` to read what follows."""
        return self.log.stat().st_size if self.log.exists() else 0

    def log_since(self, offset: int) -> str:
        with open(self.log, "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def wait_log(self, text: str, count: int = 1, since: int = 0, timeout: float = 30.0) -> None:
        """Waits until `text` appears `count` times in the log after `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log_since(since).count(text) >= count:
                return
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"xmpp-invites exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.05)
        raise TimeoutError(f"{text!r} not logged {count} time(s) within {timeout}s; see {self.log}")

    def stop(self) -> int | None:
        code = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait()
        elif self.proc:
            code = self.proc.returncode
        self.proc = None
        return code


class StanzaError(Exception):
    """An iq error reply, with its condition and app-specific element."""

    def __init__(self, iq: ET.Element) -> None:
        err = iq.find("{jabber:client}error")
        self.iq = iq
        self.condition = None
        self.specific = None
        self.text = None
        self.type = err.get("type") if err is not None else None
        for child in (err if err is not None else []):
            tag = child.tag
            if tag == f"{{{NS_STANZAS}}}text":
                self.text = child.text
            elif tag.startswith(f"{{{NS_STANZAS}}}"):
                self.condition = tag.split("}")[1]
            elif tag.startswith(f"{{{NS_COMMANDS}}}"):
                self.specific = tag.split("}")[1]
        super().__init__(f"{self.condition} ({self.specific}): {self.text}")


class Client:
    """A c2s client on top of slixmpp, for scripted requests."""

    def __init__(self, jid: str, password: str, port: int, host: str = "127.0.0.1",
                 lang: str | None = "en") -> None:
        """`lang` is the stream's xml:lang (slixmpp's default is "en");
        None opens the stream without one, as some clients do."""
        self.xmpp = slixmpp.ClientXMPP(jid, password, lang=lang or "en")
        if lang is None:
            self.xmpp.stream_header = self.xmpp.stream_header.replace(" xml:lang='en'", "")
        self.xmpp.enable_starttls = False
        self.xmpp.enable_direct_tls = False
        self.xmpp.enable_plaintext = True
        self.xmpp.plugin["feature_mechanisms"].unencrypted_plain = True
        self.port = port
        self.host = host
        self.messages: list[ET.Element] = []
        self.presences: list[ET.Element] = []
        self.xmpp.register_handler(slixmpp.xmlstream.handler.Callback(
            "all messages", slixmpp.xmlstream.matcher.MatchXPath("{jabber:client}message"),
            lambda m: self.messages.append(m.xml)))
        self.xmpp.register_handler(slixmpp.xmlstream.handler.Callback(
            "all presences", slixmpp.xmlstream.matcher.MatchXPath("{jabber:client}presence"),
            lambda p: self.presences.append(p.xml)))

    async def connect(self, timeout: float = 10.0, available: bool = False) -> "Client":
        started = asyncio.get_running_loop().create_future()
        failed = asyncio.get_running_loop().create_future()
        self.xmpp.add_event_handler("session_start", lambda _e: started.done() or started.set_result(True))
        self.xmpp.add_event_handler("failed_auth", lambda _e: failed.done() or failed.set_result(True))
        self.xmpp.connect(self.host, self.port)
        done, _ = await asyncio.wait([started, failed], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if started not in done:
            raise RuntimeError(f"{self.xmpp.boundjid} could not log in")
        if available:
            # As a real client does: fetch the roster (the server then
            # pushes subscription changes to us) and send initial presence
            # (it then delivers chat messages and broadcasts our presence).
            await self.roster()
            self.xmpp.send_presence()
        return self

    async def roster(self) -> dict[str, str]:
        """Contact JID -> subscription, straight from the server."""
        resp = await self.iq("get", None, "<query xmlns='jabber:iq:roster'/>")
        return {i.get("jid"): i.get("subscription")
                for i in resp.iter("{jabber:iq:roster}item")}

    async def wait_for(self, predicate, timeout: float = 10.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            await asyncio.sleep(0.05)
        raise TimeoutError(f"{self.xmpp.boundjid}: timed out waiting for {what}")

    async def disconnect(self) -> None:
        await self.xmpp.disconnect()

    async def iq(self, type_: str, to: str | None, payload: str, timeout: float = 10.0) -> ET.Element:
        iq = self.xmpp.make_iq(id=uuid.uuid4().hex, ito=to, itype=type_)
        iq.append(ET.fromstring(payload))
        try:
            resp = await iq.send(timeout=timeout)
        except IqError as e:
            raise StanzaError(e.iq.xml) from None
        return resp.xml

    async def command(self, to: str, node: str, action: str | None = "execute",
                      sessionid: str | None = None, fields: dict | None = None,
                      timeout: float = 10.0) -> ET.Element:
        attrs = f"xmlns='{NS_COMMANDS}' node='{node}'"
        if action:
            attrs += f" action='{action}'"
        if sessionid:
            attrs += f" sessionid='{sessionid}'"
        body = ""
        if fields is not None:
            body = f"<x xmlns='{NS_DATA}' type='submit'>" + "".join(
                f"<field var='{k}'><value>{v}</value></field>" for k, v in fields.items()) + "</x>"
        resp = await self.iq("set", to, f"<command {attrs}>{body}</command>", timeout)
        return resp.find(f"{{{NS_COMMANDS}}}command")

    async def command_nodes(self, to: str) -> list[str]:
        resp = await self.iq("get", to, f"<query xmlns='{NS_DISCO_ITEMS}' node='{NS_COMMANDS}'/>")
        return [i.get("node") for i in resp.iter(f"{{{NS_DISCO_ITEMS}}}item")]

    def send_raw(self, xml: str) -> None:
        self.xmpp.send_raw(xml)


def form_values(command: ET.Element) -> dict[str, list[str]]:
    """Field var → values of the data form in a <command/>."""
    x = command.find(f"{{{NS_DATA}}}x")
    if x is None:
        return {}
    return {f.get("var"): [v.text or "" for v in f.findall(f"{{{NS_DATA}}}value")]
            for f in x.findall(f"{{{NS_DATA}}}field")}


def form_field_types(command: ET.Element) -> dict[str, str | None]:
    x = command.find(f"{{{NS_DATA}}}x")
    return {f.get("var"): f.get("type") for f in x.findall(f"{{{NS_DATA}}}field")}


class Http:
    """Plain HTTP requests that return (status, headers, body) for every
    status instead of raising, and never follow redirects."""

    @staticmethod
    def request(url: str, fields: dict | None = None, headers: dict | None = None,
                timeout: float = 30.0):
        import urllib.error
        import urllib.parse
        import urllib.request
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    @staticmethod
    def csrf(html: str) -> str:
        import re
        m = re.search(r'name="csrf" value="([^"]+)"', html)
        if not m:
            raise AssertionError("no CSRF token in the page")
        return m.group(1)


# Fault injection for the resilience tests. Module-level helpers over the
# classes above, so the classes keep their behaviour.

def set_component_option(component: Component, key: str, value: str) -> None:
    """Replaces the value of `key` (e.g. `request_timeout`) in the
    component's config file; takes effect at the next start."""
    lines = component.config.read_text().splitlines()
    for i, line in enumerate(lines):
        if line.split("=", 1)[0].strip() == key:
            lines[i] = f"{key} = {value}"
            break
    else:
        raise KeyError(f"{key} is not in {component.config}")
    component.config.write_text("\n".join(lines) + "\n")


def kill_component(component: Component) -> None:
    """SIGKILL, as a crash or the OOM killer would: no clean shutdown."""
    if component.proc and component.proc.poll() is None:
        component.proc.send_signal(signal.SIGKILL)
    if component.proc:
        component.proc.wait()
    component.proc = None


def start_component_again(component: Component, timeout: float = 30.0) -> None:
    """Starts the binary again on the same config and database and waits
    for a link-up after the ones already in its log."""
    before = component.link_up_count()
    component.start()
    component.wait_link_up(count=before + 1, timeout=timeout)


def accounts_of(server, host: str | None = None) -> set[str]:
    """The usernames the server (Prosody or ejabberd) has accounts for on `host`."""
    return server.accounts(host)


class Unauthenticated:
    """A raw c2s stream before login, doing what Conversations, Monal and
    Siskin do with `xmpp:domain?register;preauth=TOKEN` (XEP-0445): read the
    stream features, send the token, then register in-band (XEP-0077)."""

    def __init__(self, prosody: Prosody, timeout: float = 10.0, lang: str | None = None) -> None:
        self.domain = prosody.domain
        self.sock = socket.create_connection((prosody.ip, prosody.c2s_port), timeout=timeout)
        self.parser = ET.XMLPullParser(events=("start", "end"))
        self.depth = 0
        self.pending: list[ET.Element] = []
        lang_attr = f" xml:lang='{lang}'" if lang else ""
        self.sock.sendall(
            f"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            f"xmlns:stream='http://etherx.jabber.org/streams' to='{self.domain}'{lang_attr} "
            "version='1.0'>".encode())
        self.features = self.next()

    def next(self) -> ET.Element:
        """The next top-level element of the stream."""
        while not self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the stream")
            self.parser.feed(data)
            for event, el in self.parser.read_events():
                if event == "start":
                    self.depth += 1
                else:
                    self.depth -= 1
                    if self.depth == 1:
                        self.pending.append(el)
        return self.pending.pop(0)

    def iq(self, type_: str, payload: str) -> ET.Element:
        """Sends an iq and returns its answer (result or error)."""
        iq_id = uuid.uuid4().hex
        self.sock.sendall(f"<iq type='{type_}' id='{iq_id}' to='{self.domain}'>{payload}</iq>".encode())
        while True:
            el = self.next()
            if el.tag == "{jabber:client}iq" and el.get("id") == iq_id:
                return el

    def offers_token_registration(self) -> bool:
        return self.features.find("{urn:xmpp:ibr-token:0}register") is not None

    def preauth(self, token: str) -> ET.Element:
        return self.iq("set", f"<preauth xmlns='urn:xmpp:pars:0' token='{token}'/>")

    def register(self, username: str, password: str) -> ET.Element:
        form = self.iq("get", "<query xmlns='jabber:iq:register'/>")
        if form.get("type") != "result":
            return form
        return self.iq("set", "<query xmlns='jabber:iq:register'>"
                              f"<username>{username}</username><password>{password}</password></query>")

    def close(self) -> None:
        try:
            self.sock.sendall(b"</stream:stream>")
        finally:
            self.sock.close()


def error_of(iq: ET.Element) -> tuple[str | None, str | None]:
    """(condition, text) of an iq error, (None, None) for a result."""
    if iq.get("type") != "error":
        return None, None
    e = StanzaError(iq)
    return e.condition, e.text
