%%% mod_xmpp_invites: makes the xmpp-invites component's invites work inside
%%% the apps people use, on ejabberd. The counterpart of
%%% server-modules/prosody/mod_xmpp_invites.lua, speaking the same protocol
%%% (version 0, namespace urn:xmpp-invites:module:0, see ARCHITECTURE.md).
%%% A thin relay: every decision (who may invite, whether a token is good,
%%% which name it registers) is the component's; this module carries the
%%% requests over the component link and applies the answer where only the
%%% server can (in-band registration, roster approval).
%%%
%%%   modules:
%%%     mod_xmpp_invites:
%%%       component: "invites.example.org"
%%%
%%% For ejabberd 23.01 (Debian bookworm) and later. Its xmpp library (1.6.1)
%%% has no records for XEP-0445 and XEP-0379, so those elements are matched
%%% and built as raw #xmlel{}. Nothing here waits: every question to the
%%% component is an ejabberd_router:route_iq/4 whose answer comes back as a
%%% message, to the user's own c2s process (c2s_handle_info) or to a short
%%% process of its own (PARS). Do not load it together with ejabberd 26's
%%% mod_invites: both answer the same nodes and stream features.
-module(mod_xmpp_invites).

-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_opt_type/1, mod_options/1, mod_doc/0]).
-export([process_iq/1, decode_iq_subel/1, adhoc_local_items/4, user_send_packet/1, c2s_handle_info/2,
         c2s_pre_auth_features/2, c2s_unauthenticated_packet/2, sm_receive_packet/1]).

-include("logger.hrl").
-include("xmpp.hrl").

-define(NS, <<"urn:xmpp-invites:module:0">>).
-define(VERSION, <<"0">>).
-define(NS_IBR_TOKEN, <<"urn:xmpp:ibr-token:0">>).
-define(NS_PARS_, <<"urn:xmpp:pars:0">>).
-define(UNAVAILABLE, <<"The invitation service is not available right now; try again later.">>).
-define(INVITE_ONLY, <<"Registration on this server is by invitation only.">>).
%% The component's items for one disco#items answer, read by the
%% adhoc_local_items hook while mod_disco builds it in the same process.
-define(ITEMS_KEY, {?MODULE, items}).

%%%===================================================================
%%% gen_mod
%%%===================================================================
start(Host, _Opts) ->
    gen_iq_handler:add_iq_handler(ejabberd_local, Host, ?NS, ?MODULE, process_iq),
    ejabberd_hooks:add(adhoc_local_items, Host, ?MODULE, adhoc_local_items, 60),
    ejabberd_hooks:add(user_send_packet, Host, ?MODULE, user_send_packet, 40),
    %% Below ejabberd_sm (50) and ejabberd_c2s (100, which logs what nobody took).
    ejabberd_hooks:add(c2s_handle_info, Host, ?MODULE, c2s_handle_info, 40),
    %% After mod_register (50), to add the IBR feature only if it did not.
    ejabberd_hooks:add(c2s_pre_auth_features, Host, ?MODULE, c2s_pre_auth_features, 60),
    %% Before mod_register (50): a token registration must not reach it.
    ejabberd_hooks:add(c2s_unauthenticated_packet, Host, ?MODULE, c2s_unauthenticated_packet, 10),
    ejabberd_hooks:add(sm_receive_packet, Host, ?MODULE, sm_receive_packet, 40),
    %% Loaded while the component runs: say so at once.
    tell(Host, #xmlel{name = <<"hello">>, attrs = [{<<"xmlns">>, ?NS}, {<<"version">>, ?VERSION}]}),
    ok.

stop(Host) ->
    tell(Host, #xmlel{name = <<"bye">>, attrs = [{<<"xmlns">>, ?NS}]}),
    ejabberd_hooks:delete(sm_receive_packet, Host, ?MODULE, sm_receive_packet, 40),
    ejabberd_hooks:delete(c2s_unauthenticated_packet, Host, ?MODULE, c2s_unauthenticated_packet, 10),
    ejabberd_hooks:delete(c2s_pre_auth_features, Host, ?MODULE, c2s_pre_auth_features, 60),
    ejabberd_hooks:delete(c2s_handle_info, Host, ?MODULE, c2s_handle_info, 40),
    ejabberd_hooks:delete(user_send_packet, Host, ?MODULE, user_send_packet, 40),
    ejabberd_hooks:delete(adhoc_local_items, Host, ?MODULE, adhoc_local_items, 60),
    gen_iq_handler:remove_iq_handler(ejabberd_local, Host, ?NS),
    ok.

reload(_Host, _NewOpts, _OldOpts) ->
    ok.

%% The listing goes through mod_adhoc's command list.
depends(_Host, _Opts) ->
    [{mod_adhoc, hard}].

mod_opt_type(component) -> econf:domain();
mod_opt_type(timeout) -> econf:timeout(second).

%% `component` has no default: ejabberd refuses to start the module without it.
mod_options(_Host) ->
    [component,
     %% Conversations gives up on #invite after 2 s; nothing may wait longer
     %% than a few seconds, whatever the component does.
     {timeout, timer:seconds(3)}].

mod_doc() ->
    #{desc => [<<"Relays the xmpp-invites component's invites into the apps: command "
                 "listing and execution at the domain, XEP-0445 registration, XEP-0379.">>],
      opts => [{component, #{value => <<"Domain">>, desc => <<"The component's address.">>}},
               {timeout, #{value => <<"timeout()">>,
                           desc => <<"How long to wait for the component (3 s).">>}}]}.

%%%===================================================================
%%% The component link
%%%===================================================================
component(Host) -> gen_mod:get_module_opt(Host, ?MODULE, component).

timeout(Host) -> gen_mod:get_module_opt(Host, ?MODULE, timeout).

%% Sends a request from the domain to the component. The answer (or
%% `timeout`) comes back as {iq_reply, Answer, Ctx} to `Proc` (a pid), or
%% runs `Ctx` (a fun) when Proc is undefined. A component that is not
%% connected has no route: the answer is then `unavailable` at once, rather
%% than after the router's attempt to reach it as a remote server.
ask(Host, Type, Payload, Ctx, Proc) ->
    Component = component(Host),
    case ejabberd_router:is_my_route(Component) of
        false ->
            unavailable;
        true ->
            IQ = #iq{type = Type, from = jid:make(Host), to = jid:make(Component),
                     sub_els = [Payload]},
            ejabberd_router:route_iq(IQ, Ctx, Proc, timeout(Host)),
            ok
    end.

%% Fire and forget (the answer is not needed).
tell(Host, Payload) ->
    ask(Host, set, Payload, fun(_) -> ok end, undefined).

el(Name, Attrs) ->
    #xmlel{name = Name, attrs = [{<<"xmlns">>, ?NS} | [{K, V} || {K, V} <- Attrs, V /= undefined]]}.

relay(From, Payload) ->
    (el(<<"relay">>, [{<<"from">>, jid:encode(From)}]))#xmlel{children = [Payload]}.

%% The user's language goes with what is sent for them (the component
%% words its answers and refusals in it), unless the payload names its own.
with_lang(#xmlel{attrs = Attrs} = El, Lang) when is_binary(Lang), Lang /= <<>> ->
    case lists:keymember(<<"xml:lang">>, 1, Attrs) of
        true -> El;
        false -> El#xmlel{attrs = [{<<"xml:lang">>, Lang} | Attrs]}
    end;
with_lang(El, _) ->
    El.

%% The stanza's own xml:lang, else the stream's.
iq_lang(#iq{lang = <<>>}, StreamLang) -> StreamLang;
iq_lang(#iq{lang = Lang}, _) when is_binary(Lang) -> Lang;
iq_lang(_, StreamLang) -> StreamLang.

step(Name, #{token := Token, attempt := Attempt}, Username) ->
    el(Name, [{<<"token">>, Token}, {<<"username">>, Username}, {<<"attempt">>, Attempt}]).

%% An answer from the component: {ok, FirstChild | none} or {error, Why}.
answer(#iq{type = result, sub_els = Els}) ->
    {ok, first_element(Els)};
answer(#iq{type = error} = IQ) ->
    try xmpp:get_error(IQ) of
        #stanza_error{} = E -> {error, E};
        _ -> {error, undefined}
    catch _:_ -> {error, undefined}
    end;
answer(_Timeout) ->
    {error, unavailable}.

first_element([#xmlel{} = El | _]) -> El;
first_element([El | _]) when is_tuple(El) -> xmpp:encode(El);
first_element([_ | Rest]) -> first_element(Rest);
first_element([]) -> none.

children(#xmlel{children = Children}) -> [C || #xmlel{} = C <- Children];
children(none) -> [].

%% The error a user sees. A component that is away is said so clearly;
%% any other error is the component's own, XEP-0050 conditions included.
user_error(#stanza_error{reason = R}, Lang)
  when R == 'service-unavailable'; R == 'remote-server-timeout'; R == 'remote-server-not-found' ->
    xmpp:err_service_unavailable(?UNAVAILABLE, Lang);
user_error(#stanza_error{} = E, _Lang) ->
    E;
user_error(unavailable, Lang) ->
    xmpp:err_service_unavailable(?UNAVAILABLE, Lang);
user_error(undefined, Lang) ->
    xmpp:err_internal_server_error(<<"The invitation service failed; try again later.">>, Lang).

%% The component asks at every link-up whether this module is there (that
%% is how its landing page knows the in-app paths work); only it gets an
%% answer.
%% gen_iq_handler would decode the payload with the xmpp library, which
%% knows nothing of our namespace: keep it raw.
decode_iq_subel(El) ->
    El.

process_iq(#iq{type = get, from = From, to = #jid{lserver = Host}, sub_els = [El]} = IQ) ->
    Component = component(Host),
    case {jid:tolower(From), xmpp_name(El)} of
        {{<<>>, Component, <<>>}, <<"hello">>} ->
            xmpp:make_iq_result(IQ, el(<<"hello">>, [{<<"version">>, ?VERSION}]));
        _ ->
            xmpp:make_error(IQ, xmpp:err_service_unavailable())
    end;
process_iq(IQ) ->
    xmpp:make_error(IQ, xmpp:err_service_unavailable()).

xmpp_name(#xmlel{name = Name}) -> Name;
xmpp_name(El) when is_tuple(El) -> xmpp_name(xmpp:encode(El));
xmpp_name(_) -> undefined.

raw(#xmlel{} = El) -> El;
raw(El) when is_tuple(El) -> xmpp:encode(El).

%%%===================================================================
%%% Listing and executing the component's commands at the domain
%%%===================================================================
%% Commands relayed to the component when run at the domain (Monal and
%% yaxim run them only there): the XEP-0401 nodes and the component's own.
is_component_node(<<"urn:xmpp:invite#invite">>) -> true;
is_component_node(<<"urn:xmpp:invite#create-account">>) -> true;
is_component_node(<<"urn:xmpp-invites:", _/binary>>) -> true;
is_component_node(_) -> false.

%% What a local user sends to the domain itself and the component answers.
%% Taken here, before routing, because only here is the iq id known and the
%% user's own process free to wait for the answer as a message.
classify(#iq{type = set}, #xmlel{name = <<"command">>} = El) ->
    case {fxml:get_tag_attr_s(<<"xmlns">>, El), fxml:get_tag_attr_s(<<"node">>, El)} of
        {?NS_COMMANDS, Node} -> case is_component_node(Node) of true -> command; false -> no end;
        _ -> no
    end;
classify(#iq{type = get}, #xmlel{name = <<"query">>} = El) ->
    case {fxml:get_tag_attr_s(<<"xmlns">>, El), fxml:get_tag_attr_s(<<"node">>, El)} of
        {?NS_DISCO_ITEMS, ?NS_COMMANDS} -> items;
        {?NS_DISCO_INFO, Node} -> case is_component_node(Node) of true -> info; false -> no end;
        _ -> no
    end;
classify(_, _) ->
    no.

user_send_packet({#iq{from = From, to = #jid{luser = <<>>, lresource = <<>>, lserver = Host},
                      sub_els = [SubEl]} = IQ,
                  #{lserver := Host, lang := Lang} = State} = Acc) ->
    El = try raw(SubEl) catch _:_ -> none end,
    case El /= none andalso classify(IQ, El) of
        Kind when Kind == command; Kind == info; Kind == items ->
            case ask(Host, IQ#iq.type, relay(From, with_lang(El, iq_lang(IQ, Lang))),
                     {?MODULE, Kind, IQ}, self()) of
                ok ->
                    {stop, {drop, State}};
                unavailable when Kind == items ->
                    %% Without the component, the server's own commands are
                    %% still listed.
                    Acc;
                unavailable ->
                    Err = xmpp:make_error(IQ, user_error(unavailable, Lang)),
                    {stop, {drop, ejabberd_c2s:send(State, Err)}}
            end;
        _ ->
            Acc
    end;
user_send_packet(Acc) ->
    Acc.

%% The listing: the component's commands this requester may run, at the
%% domain's address (Monal drops items whose jid is not the domain;
%% Conversations runs each at its item's jid).
adhoc_local_items({error, _} = Acc, _From, _To, _Lang) ->
    Acc;
adhoc_local_items(Acc, _From, _To, _Lang) ->
    case get(?ITEMS_KEY) of
        Items when is_list(Items), Items /= [] ->
            Listed = case Acc of {result, I} -> I; _ -> [] end,
            {result, Listed ++ Items};
        _ ->
            Acc
    end.

listed_items(Host, Answer) ->
    Query = [Q || #xmlel{name = <<"query">>} = Q <- children(Answer)],
    [#disco_item{jid = jid:make(Host), node = fxml:get_tag_attr_s(<<"node">>, Item),
                 name = fxml:get_tag_attr_s(<<"name">>, Item)}
     || Q <- Query, #xmlel{name = <<"item">>} = Item <- children(Q),
        fxml:get_tag_attr_s(<<"node">>, Item) /= <<>>].

relayed(command, Res, IQ, #{lang := Lang} = State) ->
    Reply = case answer(Res) of
                {ok, Relay} ->
                    case children(Relay) of
                        [Inner | _] -> xmpp:make_iq_result(IQ, Inner);
                        [] -> xmpp:make_iq_result(IQ)
                    end;
                {error, Why} ->
                    xmpp:make_error(IQ, user_error(Why, Lang))
            end,
    ejabberd_c2s:send(State, Reply);
relayed(info, Res, IQ, State) ->
    relayed(command, Res, IQ, State);
relayed(items, Res, #iq{to = #jid{lserver = Host}, lang = Lang} = IQ, State) ->
    Items = case answer(Res) of
                {ok, Relay} -> listed_items(Host, Relay);
                {error, _} -> []
            end,
    %% mod_disco builds the answer as for any other listing (mod_adhoc's
    %% own commands and other modules' items too); our hook adds the items.
    put(?ITEMS_KEY, Items),
    Reply = try mod_disco:process_local_iq_items(xmpp:decode_els(IQ))
            catch _:{xmpp_codec, Why} ->
                    xmpp:make_error(IQ, xmpp:err_bad_request(xmpp:io_format_error(Why), Lang))
            after erase(?ITEMS_KEY)
            end,
    ejabberd_c2s:send(State, Reply).

%%%===================================================================
%%% Answers from the component, in the c2s process that asked
%%%===================================================================
c2s_handle_info(State, {iq_reply, Res, {?MODULE, Kind, Data}}) ->
    {stop, reply(Kind, Res, Data, State)};
c2s_handle_info(State, _Info) ->
    State.

reply(Kind, Res, IQ, State) when Kind == command; Kind == info; Kind == items ->
    relayed(Kind, Res, IQ, State);
reply(preauth, Res, {IQ, Token}, #{lang := Lang} = State) ->
    case answer(Res) of
        {ok, Invite} ->
            Username = case Invite of
                           #xmlel{} -> fxml:get_tag_attr_s(<<"username">>, Invite);
                           none -> <<>>
                       end,
            Inv = #{token => Token,
                    username => case Username of <<>> -> undefined; U -> U end,
                    %% Names this registration, so its reports find its own claim.
                    attempt => p1_rand:get_string()},
            send_unauth(State#{?MODULE => Inv}, xmpp:make_iq_result(IQ));
        {error, Why} ->
            %% XEP-0445: item-not-found for a bad token (the app may then try
            %% plain registration, which the server's own rules decide).
            send_unauth(State, xmpp:make_error(IQ, user_error(Why, Lang)))
    end;
reply(claim, Res, {IQ, Attempt}, #{lang := Lang, lserver := Host} = State) ->
    case maps:get(?MODULE, State, undefined) of
        #{attempt := Attempt, pending := {Username, Password}} = Inv0 ->
            Inv = maps:remove(pending, Inv0),
            case answer(Res) of
                {ok, _Claimed} ->
                    create_account(State, IQ, Inv, Username, Password);
                {error, Why} ->
                    %% No answer: the claim may have been taken all the same.
                    case Why of
                        unavailable -> tell(Host, step(<<"abandoned">>, Inv, Username));
                        _ -> ok
                    end,
                    send_unauth(State#{?MODULE => Inv}, xmpp:make_error(IQ, user_error(Why, Lang)))
            end;
        _ ->
            State
    end;
reply(registered, Res, {IQ, Username}, State) ->
    case answer(Res) of
        {ok, _} -> ok;
        {error, _} ->
            ?WARNING_MSG("The component did not record the registration of ~ts; "
                         "it will reconcile", [Username])
    end,
    send_unauth(State, xmpp:make_iq_result(IQ)).

send_unauth(#{server := Server} = State, IQ) ->
    ejabberd_c2s:send(State, xmpp:set_from_to(IQ, jid:make(Server), undefined)).

%%%===================================================================
%%% XEP-0445: pre-authenticated in-band registration
%%%===================================================================
c2s_pre_auth_features(Acc, _Host) ->
    Token = #xmlel{name = <<"register">>, attrs = [{<<"xmlns">>, ?NS_IBR_TOKEN}]},
    %% Apps register in-band (XEP-0077) with the token: the feature is there
    %% even where mod_register hides it (registration closed).
    case lists:any(fun(F) -> is_record(F, feature_register) end, Acc) of
        true -> Acc ++ [Token];
        false -> Acc ++ [#feature_register{}, Token]
    end.

c2s_unauthenticated_packet(State,
                           #iq{type = T, sub_els = [SubEl]} = IQ) when T == set; T == get ->
    El = try raw(SubEl) catch _:_ -> none end,
    case El of
        #xmlel{name = <<"preauth">>} when T == set ->
            case fxml:get_tag_attr_s(<<"xmlns">>, El) of
                ?NS_PARS_ -> {stop, preauth(State, IQ, fxml:get_tag_attr_s(<<"token">>, El))};
                _ -> State
            end;
        #xmlel{name = <<"query">>} ->
            case fxml:get_tag_attr_s(<<"xmlns">>, El) of
                ?NS_REGISTER -> registration(State, IQ, El);
                _ -> State
            end;
        _ ->
            State
    end;
c2s_unauthenticated_packet(State, _Pkt) ->
    State.

preauth(#{lang := Lang} = State, IQ, <<>>) ->
    send_unauth(State, xmpp:make_error(IQ, xmpp:err_bad_request(<<"The token is missing.">>, Lang)));
preauth(#{lserver := Host, lang := Lang} = State, IQ, Token) ->
    Check = with_lang(el(<<"check">>, [{<<"token">>, Token}]), iq_lang(IQ, Lang)),
    case ask(Host, get, Check, {?MODULE, preauth, {IQ, Token}}, self()) of
        ok -> State;
        unavailable -> send_unauth(State, xmpp:make_error(IQ, user_error(unavailable, Lang)))
    end.

registration(#{lang := Lang} = State, #iq{type = T} = IQ, El) ->
    Inv = maps:get(?MODULE, State, undefined),
    Register = try xmpp:decode(El) catch _:_ -> undefined end,
    case {Inv, Register, T} of
        {#{}, #register{}, get} ->
            Fixed = maps:get(username, Inv),
            Form = #register{instructions = <<"Choose a password for your new account.">>,
                             username = case Fixed of undefined -> <<>>; U -> U end,
                             password = <<>>},
            {stop, send_unauth(State, xmpp:make_iq_result(IQ, Form))};
        {#{pending := _}, #register{}, set} ->
            Txt = <<"A registration is already in progress on this stream.">>,
            {stop, send_unauth(State, xmpp:make_error(IQ, xmpp:err_resource_constraint(Txt, Lang)))};
        {#{}, #register{remove = false, username = U, password = P}, set}
          when is_binary(U), is_binary(P), P /= <<>> ->
            {stop, claim(State, IQ, Inv, U, P)};
        {#{}, #register{remove = false}, set} ->
            Txt = <<"The username and the password are both needed.">>,
            {stop, send_unauth(State, xmpp:make_error(IQ, xmpp:err_bad_request(Txt, Lang)))};
        {undefined, #register{username = U}, _} ->
            case open_registration(State, U) of
                true ->
                    State;
                false ->
                    Err = xmpp:err_not_acceptable(?INVITE_ONLY, Lang),
                    {stop, send_unauth(State, xmpp:make_error(IQ, Err))}
            end;
        _ ->
            State
    end.

%% Without a token, registration is mod_register's business where its own
%% access rule lets this name in (registration is open); anywhere else
%% (mod_register not loaded, or `access: none`) it is by invitation only.
open_registration(#{lserver := Host}, Username) ->
    gen_mod:is_loaded(Host, mod_register)
        andalso case Username of
                    U when is_binary(U), U /= <<>> ->
                        case jid:make(U, Host) of
                            error -> true;  % mod_register says what is wrong with it
                            JID -> acl:match_rule(Host, mod_register_opt:access(Host), JID) == allow
                        end;
                    _ ->
                        mod_register_opt:access(Host) /= none
                end.

claim(#{lserver := Host, lang := Lang} = State, IQ, Inv, Username0, Password) ->
    Fixed = maps:get(username, Inv),
    case jid:nodeprep(Username0) of
        error ->
            Err = xmpp:err_not_acceptable(<<"That username is not valid.">>, Lang),
            send_unauth(State, xmpp:make_error(IQ, Err));
        Username when Fixed /= undefined, Username /= Fixed ->
            Txt = <<"This invite can only create the account ", Fixed/binary, ".">>,
            send_unauth(State, xmpp:make_error(IQ, xmpp:err_not_acceptable(Txt, Lang)));
        Username ->
            %% Checked before claiming: a claim for an existing account would
            %% look, to the component, like a registration whose answer was
            %% lost.
            case ejabberd_auth:user_exists(Username, Host) of
                true ->
                    Txt = <<"The requested username already exists.">>,
                    send_unauth(State, xmpp:make_error(IQ, xmpp:err_conflict(Txt, Lang)));
                false ->
                    Attempt = maps:get(attempt, Inv),
                    Ctx = {?MODULE, claim, {IQ, Attempt}},
                    %% The answer goes to this stream if it is still there;
                    %% if it is gone, nobody will create the account: give
                    %% the use back.
                    Pid = self(),
                    Abandon = step(<<"abandoned">>, Inv, Username),
                    Deliver = fun(Res) ->
                                      case is_process_alive(Pid) of
                                          true -> Pid ! {iq_reply, Res, Ctx};
                                          false -> spawn(fun() -> tell(Host, Abandon) end)
                                      end
                              end,
                    Claim = with_lang(step(<<"claim">>, Inv, Username), iq_lang(IQ, Lang)),
                    case ask(Host, set, Claim, Deliver, undefined) of
                        ok ->
                            State#{?MODULE => Inv#{pending => {Username, Password}}};
                        unavailable ->
                            send_unauth(State, xmpp:make_error(IQ, user_error(unavailable, Lang)))
                    end
            end
    end.

%% The use is ours: create the account, bypassing mod_register's access
%% rules and registration_timeout (this path is for invitees), then report.
create_account(#{lserver := Host, lang := Lang} = State, IQ, Inv, Username, Password) ->
    case ejabberd_auth:try_register(Username, Host, Password) of
        ok ->
            ?INFO_MSG("Account ~ts@~ts registered with an invite", [Username, Host]),
            %% The register result waits for this report's answer: the
            %% component writes both rosters before the app logs in.
            Ctx = {?MODULE, registered, {IQ, Username}},
            Registered = with_lang(step(<<"registered">>, Inv, Username), iq_lang(IQ, Lang)),
            case ask(Host, set, Registered, Ctx, self()) of
                ok -> maps:remove(?MODULE, State);
                unavailable -> send_unauth(maps:remove(?MODULE, State), xmpp:make_iq_result(IQ))
            end;
        {error, Why} ->
            tell(Host, step(<<"abandoned">>, Inv, Username)),
            Err = case Why of
                      exists -> xmpp:err_conflict(<<"The requested username already exists.">>, Lang);
                      invalid_jid -> xmpp:err_jid_malformed(<<"That username is not valid.">>, Lang);
                      invalid_password -> xmpp:err_not_acceptable(<<"That password is not valid.">>, Lang);
                      not_allowed -> xmpp:err_not_allowed(<<"The server refused this account.">>, Lang);
                      _ -> xmpp:err_internal_server_error(<<"The account could not be created.">>, Lang)
                  end,
            send_unauth(State#{?MODULE => Inv}, xmpp:make_error(IQ, Err))
    end.

%%%===================================================================
%%% XEP-0379: pre-approved subscriptions
%%%===================================================================
%% A subscription request carrying a contact invite's token, to a user of
%% this host, is held back while the component is asked: approved at once if
%% the token is good for this inviter, otherwise delivered without the token
%% (manual approval), silently. This runs in the sender's process (its c2s,
%% or the s2s link of a remote server), so it never waits there.
sm_receive_packet(#presence{type = subscribe, from = #jid{} = From,
                            to = #jid{luser = LUser, lserver = Host} = To,
                            sub_els = Els} = Pres) when LUser /= <<>> ->
    case [E || #xmlel{name = <<"preauth">>} = E <- Els,
               fxml:get_tag_attr_s(<<"xmlns">>, E) == ?NS_PARS_] of
        [Preauth | _] ->
            Plain = Pres#presence{sub_els = Els -- [Preauth]},
            case fxml:get_tag_attr_s(<<"token">>, Preauth) of
                <<>> ->
                    Plain;
                Token ->
                    Inviter = jid:remove_resource(To),
                    Contact = jid:remove_resource(From),
                    Ask = el(<<"subscription">>, [{<<"token">>, Token},
                                                  {<<"inviter">>, jid:encode(Inviter)},
                                                  {<<"contact">>, jid:encode(Contact)}]),
                    Done = fun(Res) -> spawn(fun() -> subscription_answered(Res, Host, Plain) end) end,
                    case ask(Host, set, Ask, Done, undefined) of
                        ok -> {stop, drop};
                        unavailable -> Plain
                    end
            end;
        [] ->
            Pres
    end;
sm_receive_packet(Pkt) ->
    Pkt.

subscription_answered(Res, Host, #presence{from = From, to = To} = Plain) ->
    case answer(Res) of
        {ok, _} ->
            Inviter = jid:remove_resource(To),
            Contact = jid:remove_resource(From),
            %% What the server would do had the inviter approved by hand:
            %% the request recorded as pending, then the inviter's
            %% `subscribed` through mod_roster's state machine (roster
            %% pushed to the inviter's clients) and to the contact.
            ejabberd_hooks:run_fold(roster_in_subscription, Host, false, [Plain]),
            out_subscription(Host, subscribed, Inviter, Contact),
            %% Ask back, so that both see each other, as Prosody's
            %% mod_invites_register does.
            {Sub, Ask, _} = ejabberd_hooks:run_fold(roster_get_jid_info, Host, {none, none, []},
                                                    [Inviter#jid.luser, Host, Contact]),
            case Sub == none orelse Sub == from of
                true when Ask /= out, Ask /= both -> out_subscription(Host, subscribe, Inviter, Contact);
                _ -> ok
            end;
        {error, _} ->
            %% Not approved (bad token, or no answer): the request goes on
            %% to the inviter, without the token, so it is not asked again.
            ejabberd_router:route(Plain)
    end.

out_subscription(Host, Type, Inviter, Contact) ->
    Pres = #presence{type = Type, from = Inviter, to = Contact},
    ejabberd_hooks:run(roster_out_subscription, Host, [Pres]),
    ejabberd_router:route(Pres).
