#!/bin/sh
# Compiles mod_xmpp_invites.erl against the installed ejabberd and its xmpp
# library into OUTDIR (default: this directory). ejabberd then loads it with
# `-pa OUTDIR` (ERL_OPTIONS in /etc/default/ejabberd on Debian).
#
#   server-modules/ejabberd/build.sh [OUTDIR]
#
# The include dirs are found, not assumed: Debian names the xmpp app
# p1_xmpp-VERSION, so -include_lib("xmpp/...") cannot find it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
command -v erlc >/dev/null 2>&1 || { echo "erlc not found: install ejabberd (it brings erlang-base)" >&2; exit 1; }

first() { for d in "$@"; do [ -d "$d" ] && { echo "$d"; return 0; }; done; return 1; }
ej_inc=$(first /usr/lib/*/ejabberd-*/include /usr/lib/ejabberd-*/include /usr/lib/erlang/lib/ejabberd-*/include) ||
    { echo "ejabberd's include directory (logger.hrl) not found: is ejabberd installed?" >&2; exit 1; }
xmpp_inc=$(first /usr/lib/erlang/lib/p1_xmpp-*/include /usr/lib/erlang/lib/xmpp-*/include) ||
    { echo "the xmpp library's include directory (xmpp.hrl) not found" >&2; exit 1; }
xml_inc=$(first /usr/lib/erlang/lib/p1_xml-*/include /usr/lib/erlang/lib/fast_xml-*/include) ||
    { echo "the fast_xml library's include directory (fxml.hrl) not found" >&2; exit 1; }
ej_ebin=$(dirname "$ej_inc")/ebin

mkdir -p "$out"
# -pa ejabberd's ebin: its gen_mod behaviour is checked at compile time.
erlc -Werror -pa "$ej_ebin" -I "$ej_inc" -I "$xmpp_inc" -I "$xml_inc" -o "$out" "$here/mod_xmpp_invites.erl"
echo "$out/mod_xmpp_invites.beam"
