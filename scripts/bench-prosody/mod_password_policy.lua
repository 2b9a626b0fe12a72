-- Stand-in for prosody-modules' mod_password_policy, which Debian's
-- prosody-modules package leaves out although mod_invites_register_web
-- depends on it. Only for scripts/bench: the same two functions the
-- register page calls, with the module's default rule (a minimum length,
-- `password_policy = { length = N }`, 8 unless set).

local policy = module:get_option("password_policy", {});
local length = policy.length or 8;

function get_policy() -- luacheck: ignore 131
	return { length = length };
end

function check_password(password, _) -- luacheck: ignore 131
	if not password or #password < length then
		return nil, ("Password is too short (minimum %d characters)"):format(length), "length";
	end
	return true;
end
