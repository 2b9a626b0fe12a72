-- mod_xmpp_invites: makes the xmpp-invites component's invites work inside
-- the apps people use. A thin relay: every decision (who may invite, whether
-- a token is good, which name it registers) is taken by the component; this
-- module only carries requests over the component link and applies the
-- answer where only the server can (in-band registration, roster approval).
--
--   VirtualHost "example.org"
--     modules_enabled = { "xmpp_invites" }
--     xmpp_invites_component = "invites.example.org"
--
-- Protocol (version 0, namespace urn:xmpp-invites:module:0, documented in
-- ARCHITECTURE.md): iqs from this host to the component. The component
-- trusts a relayed requester only on iqs from the host itself, which no
-- user can forge. One the other way: the component's roster writes
-- (features = "roster"), accepted from the component's address only.
--
-- For Prosody 0.12 (Debian) and 13. Do not load it together with
-- mod_invites_adhoc or mod_invites_register: they answer the same nodes and
-- stream features for Prosody's own invites.

local st = require "util.stanza";
local jid_split = require "util.jid".split;
local jid_bare = require "util.jid".bare;
local jid_host = require "util.jid".host;
local jid_prep = require "util.jid".prep;
local async = require "util.async";
local new_id = require "util.id".medium;
local usermanager = require "core.usermanager";
local rostermanager = require "core.rostermanager";

local NS = "urn:xmpp-invites:module:0";
local VERSION = "0";
-- What this module does beyond version 0's core (see ARCHITECTURE.md).
local FEATURES = "roster";
local xmlns_cmd = "http://jabber.org/protocol/commands";
local xmlns_disco_items = "http://jabber.org/protocol/disco#items";
local xmlns_disco_info = "http://jabber.org/protocol/disco#info";

local component = module:get_option_string("xmpp_invites_component");
if not component then
	error("mod_xmpp_invites needs xmpp_invites_component = \"invites." .. module.host .. "\" (the component's address)");
end
-- Conversations gives up on #invite after 2 s; nothing here may hang past a
-- few seconds, whatever the component does.
local timeout = module:get_option_number("xmpp_invites_timeout", 3);
local allow_registration = module:get_option_boolean("allow_registration", false);
local require_encryption = module:get_option_boolean("c2s_require_encryption",
	module:get_option_boolean("require_encryption", true));

-- In-band registration is what apps use with a token (XEP-0445); when the
-- server does not otherwise allow registration, only invitees may register.
module:depends("register_ibr");

local unavailable_text = "The invitation service is not available right now; try again later.";

-- Commands relayed to the component when run at the domain (Monal and yaxim
-- run them only there): the XEP-0401 nodes and the component's own.
local function is_component_node(node)
	return node == "urn:xmpp:invite#invite"
		or node == "urn:xmpp:invite#create-account"
		or (type(node) == "string" and node:sub(1, 17) == "urn:xmpp-invites:");
end

-- Sends `payload` to the component and waits (in the stanza's own thread)
-- for the answer. Returns the answer's first child element (or true for an
-- empty result), or nil and an error table {type, condition, text, stanza}.
local function ask(iq_type, payload)
	if not async.ready() then
		return nil, { type = "wait", condition = "internal-server-error", text = "not in an async context" };
	end
	local iq = st.iq({ type = iq_type, from = module.host, to = component, id = new_id() })
		:add_child(payload);
	local ret, err = async.wait_for(module:send_iq(iq, nil, timeout));
	local reply = (ret and ret.stanza) or (err and err.context and err.context.stanza);
	if reply and reply.attr.type == "result" then
		return reply.tags[1] or true;
	end
	if reply and reply.attr.type == "error" then
		local e_type, condition, text = reply:get_error();
		return nil, { type = e_type, condition = condition, text = text, stanza = reply };
	end
	-- A time-out, or anything that is not an answer: the component is away.
	module:log("warn", "no answer from %s: %s", component, err and (err.text or err.condition) or "?");
	return nil, { type = "wait", condition = "service-unavailable", text = unavailable_text };
end

-- A component that is not connected is bounced by Prosody itself with
-- "Component unavailable"; show users the same clear text either way.
local function user_error(stanza, err)
	if err.condition == "service-unavailable" or err.condition == "remote-server-timeout"
		or err.condition == "remote-server-not-found" then
		return st.error_reply(stanza, "wait", "service-unavailable", unavailable_text);
	end
	local reply = st.error_reply(stanza, err.type or "cancel", err.condition or "undefined-condition", err.text);
	-- Keep the XEP-0050 specific condition (bad-sessionid, ...), if any.
	local original = err.stanza and err.stanza:get_child("error");
	if original then
		local specific = original:get_child(nil, xmlns_cmd);
		if specific then
			reply:get_child("error"):add_child(st.clone(specific));
		end
	end
	return reply;
end

-- The user's language goes with what is relayed: Prosody writes the
-- client's stream xml:lang on each stanza it reads, and the component answers
-- in it (and remembers it for the user's notifications). It goes on the
-- payload, since the relay's own iq is the server's.
local function relay(requester, iq_type, payload, lang)
	local inner = st.clone(payload);
	if lang and not inner.attr["xml:lang"] then
		inner.attr["xml:lang"] = lang;
	end
	return ask(iq_type, st.stanza("relay", { xmlns = NS, from = requester }):add_child(inner));
end

-- Listing: the domain's command list shows the component's commands this
-- requester may run, at the domain's address (Monal drops items whose jid is
-- not the domain; Conversations runs each at its item's jid).
module:hook("host-disco-items-node", function (event)
	if event.node ~= xmlns_cmd then return; end
	local answer = relay(event.stanza.attr.from, "get",
		st.stanza("query", { xmlns = xmlns_disco_items, node = xmlns_cmd }),
		event.stanza.attr["xml:lang"]);
	if type(answer) == "table" then
		local query = answer:get_child("query", xmlns_disco_items);
		for item in (query and query:childtags("item") or function () end) do
			event.reply:tag("item", { jid = module.host, node = item.attr.node, name = item.attr.name }):up();
		end
	end
	-- Without the component, the server's own commands are still listed.
	event.exists = true;
end, -10);

module:hook("host-disco-info-node", function (event)
	if not is_component_node(event.node) then return; end
	local stanza = event.stanza;
	local answer, err = relay(stanza.attr.from, "get",
		st.stanza("query", { xmlns = xmlns_disco_info, node = event.node }),
		stanza.attr["xml:lang"]);
	if not answer then
		event.origin.send(user_error(stanza, err));
		return true;
	end
	local query = type(answer) == "table" and answer:get_child("query", xmlns_disco_info);
	for child in (query and query:childtags() or function () end) do
		event.reply:add_child(st.clone(child));
	end
	event.exists = true;
end);

-- Executing at the domain: every stage of the component's commands goes to
-- the component on behalf of the requester, and its answer comes back from
-- the domain. Above mod_adhoc (500), for our nodes only.
module:hook("iq-set/host/" .. xmlns_cmd .. ":command", function (event)
	local origin, stanza = event.origin, event.stanza;
	local command = stanza.tags[1];
	if not is_component_node(command.attr.node) then return; end
	local answer, err = relay(stanza.attr.from, "set", command, stanza.attr["xml:lang"]);
	if not answer then
		origin.send(user_error(stanza, err));
		return true;
	end
	local reply = st.reply(stanza);
	local inner = type(answer) == "table" and answer.tags[1];
	if inner then reply:add_child(st.clone(inner)); end
	origin.send(reply);
	return true;
end, 600);

-- The component asks at every link-up whether this module is there (that
-- is how its landing page knows the in-app paths work); only it gets an answer.
module:hook("iq-get/host/" .. NS .. ":hello", function (event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.from ~= component then
		origin.send(st.error_reply(stanza, "cancel", "service-unavailable"));
		return true;
	end
	origin.send(st.reply(stanza):tag("hello", { xmlns = NS, version = VERSION, features = FEATURES }));
	return true;
end);

-- Roster entries the component writes (both parties of a redemption, a
-- group's members), one entry at a time. mod_privilege (XEP-0356) saves the
-- owner's whole roster on every write, so an inviter's thousandth invitee
-- cost a thousand rows; this saves the one entry, as a client's own roster
-- set does. Only the component may ask.
local subscriptions = { both = true, from = true, to = true, none = true };
module:hook("iq-set/host/" .. NS .. ":roster", function (event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.from ~= component then
		origin.send(st.error_reply(stanza, "cancel", "forbidden"));
		return true;
	end
	local w = stanza.tags[1];
	local owner, contact = jid_prep(w.attr.owner), jid_prep(w.attr.jid);
	local node, host, resource = jid_split(owner);
	if not (node and host == module.host and not resource and contact and jid_bare(contact) == contact
			and contact ~= owner and subscriptions[w.attr.subscription]) then
		origin.send(st.error_reply(stanza, "modify", "bad-request", "a bare owner on this host, a bare contact, a subscription"));
		return true;
	end
	if not usermanager.user_exists(node, host) then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found", "no such account"));
		return true;
	end
	local roster = rostermanager.load_roster(node, host);
	if not roster then
		origin.send(st.error_reply(stanza, "wait", "internal-server-error", "the roster could not be loaded"));
		return true;
	end
	local old = roster[contact];
	local item = { subscription = w.attr.subscription, groups = {} };
	if w.attr.name and w.attr.name ~= "" then item.name = w.attr.name; end
	if w.attr.group and w.attr.group ~= "" then item.groups[w.attr.group] = true; end
	-- A pending request of the owner's stays pending (as mod_privilege keeps it).
	if item.subscription ~= "both" and item.subscription ~= "to" then item.ask = old and old.ask; end
	roster[contact] = item;
	if not rostermanager.save_roster(node, host, roster, contact) then
		roster[contact] = old;
		origin.send(st.error_reply(stanza, "wait", "internal-server-error", "the roster could not be saved"));
		return true;
	end
	origin.send(st.reply(stanza));
	rostermanager.roster_push(node, host, contact);
	return true;
end);

local function tell(payload)
	module:send(st.iq({ type = "set", from = module.host, to = component, id = new_id() }):add_child(payload));
end

-- Loaded while the component runs: say so at once (the answer is not needed).
tell(st.stanza("hello", { xmlns = NS, version = VERSION, features = FEATURES }));

function module.unload()
	tell(st.stanza("bye", { xmlns = NS }));
end

-- XEP-0445: pre-authenticated in-band registration.
module:hook("stream-features", function (event)
	local session, features = event.origin, event.features;
	if session.type ~= "c2s_unauthed" or (require_encryption and not session.secure) then
		return;
	end
	features:tag("register", { xmlns = "urn:xmpp:ibr-token:0" }):up();
end);

module:hook("stanza/iq/urn:xmpp:pars:0:preauth", function (event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.type ~= "set" then return; end
	local token = stanza.tags[1].attr.token;
	if not token or token == "" then
		origin.send(st.error_reply(stanza, "modify", "bad-request", "The token is missing."));
		return true;
	end
	-- The app's stream language, so that the component words its refusals
	-- (a used invite, a name not allowed) for the person registering.
	local lang = stanza.attr["xml:lang"];
	local answer, err = ask("get", st.stanza("check", { xmlns = NS, token = token, ["xml:lang"] = lang }));
	if not answer then
		-- XEP-0445: item-not-found for a bad token (the app may then try
		-- plain registration, which the server's own rules decide).
		origin.send(user_error(stanza, err));
		return true;
	end
	origin.xmpp_invites = {
		token = token;
		username = type(answer) == "table" and answer.attr.username or nil;
		-- Names this registration, so its report finds its own claim.
		attempt = new_id();
		lang = lang;
	};
	origin.send(st.reply(stanza));
	return true;
end);

local function step(name, state, username)
	return st.stanza(name, { xmlns = NS, token = state.token, username = username, attempt = state.attempt,
		["xml:lang"] = state.lang });
end

-- How long a claim may wait for its account before it is given back.
local abandon_after = module:get_option_number("xmpp_invites_abandon_after", 10);

module:hook("user-registering", function (event)
	local session = event.session;
	local state = session and session.xmpp_invites;
	if not state then
		if not allow_registration then
			event.allowed = false;
			event.reason = "Registration on this server is by invitation only.";
		end
		return;
	end
	local username = event.username;
	if state.username and state.username ~= username then
		event.allowed = false;
		event.error = { type = "modify", condition = "not-acceptable",
			text = "This invite can only create the account " .. state.username .. "." };
		return;
	end
	-- Checked before claiming: a claim for an existing account would look,
	-- to the component, like a registration whose answer was lost.
	if usermanager.user_exists(username, module.host) then
		event.allowed = false;
		event.error = { type = "cancel", condition = "conflict", text = "The requested username already exists." };
		return;
	end
	local answer, err = ask("set", step("claim", state, username));
	if not answer then
		event.allowed = false;
		event.error = { type = err.type or "cancel", condition = err.condition or "not-allowed",
			text = err.text or unavailable_text };
		return;
	end
	state.claimed = username;
	local claimed = state;
	module:add_timer(abandon_after, function ()
		if claimed.claimed == username and not claimed.registered
			and not usermanager.user_exists(username, module.host) then
			tell(step("abandoned", claimed, username));
		end
	end);
end);

module:hook("user-registered", function (event)
	local session = event.session;
	local state = session and session.xmpp_invites;
	if not state or state.claimed ~= event.username then return; end
	state.registered = true;
	session.xmpp_invites = nil;
	-- Waited for: the component writes both rosters before this stream
	-- goes on to log in.
	local _, err = ask("set", step("registered", state, event.username));
	if err then
		module:log("warn", "the component did not record the registration of %s: %s; it will reconcile",
			event.username, err.text or err.condition);
	end
end);

-- XEP-0379: a subscription request carrying a contact invite's token is
-- approved at once if the component says the token is good for this
-- inviter; otherwise it is passed on without the token (manual approval).
module:hook("presence/bare", function (event)
	local stanza = event.stanza;
	if stanza.attr.type ~= "subscribe" then return; end
	local preauth = stanza:get_child("preauth", "urn:xmpp:pars:0");
	local token = preauth and preauth.attr.token;
	if not token or token == "" then return; end
	local username, host = jid_split(stanza.attr.to);
	if host ~= module.host or not username then return; end
	local inviter, contact = username .. "@" .. host, jid_bare(stanza.attr.from);
	if not contact or not jid_host(contact) then return; end
	local answer = ask("set", st.stanza("subscription",
		{ xmlns = NS, token = token, inviter = inviter, contact = contact }));
	if not answer then
		-- Not approved: the request goes on to the inviter as an ordinary
		-- one, without a token that is dead or forged (as ejabberd's module
		-- does).
		stanza:remove_children("preauth", "urn:xmpp:pars:0");
		return;
	end
	if rostermanager.set_contact_pending_in(username, host, contact, stanza)
		and rostermanager.subscribed(username, host, contact) then
		rostermanager.roster_push(username, host, contact);
		-- mod_presence, next, answers `subscribed` to a contact already
		-- approved. Ask back, so that both see each other.
		if not rostermanager.is_user_subscribed(username, host, contact)
			and not rostermanager.is_contact_pending_out(username, host, contact)
			and rostermanager.set_contact_pending_out(username, host, contact) then
			rostermanager.roster_push(username, host, contact);
			module:send(st.presence({ type = "subscribe", from = inviter, to = contact }));
		end
	else
		module:log("warn", "could not approve %s's subscription to %s", contact, inviter);
	end
end, 1);
