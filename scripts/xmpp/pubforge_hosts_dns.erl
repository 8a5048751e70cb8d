%% A DNS responder for ONE test pair, run inside ejabberd's own Erlang VM by scripts/xmpp.sh.
%%
%% Why: ejabberd's s2s (p1_xmpp 1.6's xmpp_stream_out) finds a peer with an SRV query through
%% inet_res (DNS only: neither /etc/hosts nor ERL_INETRC's host entries), then resolves the SRV
%% target with the system's getaddrinfo. So the pair's .test names need a name server, and its
%% SRV answers name the peer's address itself as the target ("127.0.0.4", which getaddrinfo
%% takes as a numeric address without asking anyone): no /etc/hosts entry, nothing shared
%% between pairs, nothing leaves the machine. This responder listens on the server's own
%% loopback address (UDP), answers `_xmpp-server._tcp.NAME` SRV and `NAME` A queries for the
%% names in the pair's hosts file, NXDOMAIN for every other name. ERL_INETRC points inet_res
%% at it.
-module(pubforge_hosts_dns).
-export([start/1]).

%% erl -run pubforge_hosts_dns start 127.0.0.5 10053 /path/hosts
start([IpText, PortText, HostsFile]) ->
    {ok, Ip} = inet:parse_address(IpText),
    Hosts = read_hosts(HostsFile),
    Parent = self(),
    Pid = spawn(fun() ->
        {ok, Socket} = gen_udp:open(list_to_integer(PortText), [binary, {ip, Ip}, {active, true}]),
        Parent ! {self(), listening},
        loop(Socket, Hosts)
    end),
    receive {Pid, listening} -> ok after 5000 -> erlang:halt(1) end,
    register(?MODULE, Pid),
    ok.

read_hosts(File) ->
    {ok, Text} = file:read_file(File),
    lists:foldl(fun(Line, Acc) ->
        case string:lexemes(hd(string:split(Line, "#")), " \t") of
            [IpText | Names] when Names =/= [] ->
                case inet:parse_ipv4_address(binary_to_list(IpText)) of
                    {ok, Ip} -> [{string:lowercase(binary_to_list(N)), Ip} || N <- Names] ++ Acc;
                    _ -> Acc
                end;
            _ -> Acc
        end
    end, [], string:split(Text, "\n", all)).

loop(Socket, Hosts) ->
    receive
        {udp, Socket, From, FromPort, Packet} ->
            case inet_dns:decode(Packet) of
                {ok, Query} -> gen_udp:send(Socket, From, FromPort, inet_dns:encode(answer(Query, Hosts)));
                _ -> ok
            end,
            loop(Socket, Hosts);
        _ -> loop(Socket, Hosts)
    end.

answer(Query, Hosts) ->
    Questions = [{inet_dns:dns_query(Q, type), inet_dns:dns_query(Q, domain)}
                 || Q <- inet_dns:msg(Query, qdlist)],
    Answers = lists:append([records(Type, Name, Hosts) || {Type, Name} <- Questions]),
    Found = lists:any(fun({_, Name}) -> host_of(Name) =/= false andalso
                                        lists:keymember(host_of(Name), 1, Hosts) end, Questions),
    Header = inet_dns:make_header(inet_dns:msg(Query, header),
                                  [{qr, true}, {aa, true}, {ra, false},
                                   {rcode, case Found of true -> 0; false -> 3 end}]),
    inet_dns:make_msg(Query, [{header, Header}, {anlist, Answers}]).

%% The pair name a question is about: "a.test" for both "a.test" and "_xmpp-server._tcp.a.test".
host_of(Name) ->
    case string:lowercase(Name) of
        "_xmpp-server._tcp." ++ Host -> Host;
        "_" ++ _ -> false;
        Host -> Host
    end.

records(Type, Name, Hosts) ->
    case {Type, string:lowercase(Name), lists:keyfind(host_of(Name), 1, Hosts)} of
        {_, _, false} -> [];
        {a, "_" ++ _, _} -> [];
        {a, _, {_, Ip}} -> [rr(Name, a, Ip)];
        {srv, "_xmpp-server._tcp." ++ _, {_, Ip}} -> [rr(Name, srv, {0, 0, 5269, inet:ntoa(Ip)})];
        _ -> []
    end.

rr(Name, Type, Data) ->
    inet_dns:make_rr([{domain, Name}, {type, Type}, {class, in}, {ttl, 60}, {data, Data}]).
