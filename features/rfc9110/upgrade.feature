@rfc9110
Feature: Upgrade: switching protocols only when asked, and only where the rule allows (RFC 9110 §7.8)
  A client may invite the server to switch the connection to another protocol with an Upgrade
  field, named in Connection. The server may always ignore the invitation and answer in
  HTTP/1.1; what it must not do is switch to a protocol the client did not offer, switch for a
  request the new protocol cannot carry, or switch at all for an HTTP/1.0 client. A switch shows
  as a 101 (Switching Protocols) and then no HTTP/1.1 response: the server speaks the new protocol,
  or waits for the client to, and 2 s later the answer that is due has not come. Every request is
  a GET or POST of the target's GET path, so any server can be judged.

  @rfc9110-7.8 @must
  Scenario Outline: No switch to a protocol the request did not offer
    RFC 9110 §7.8: "A server MUST NOT switch to a protocol that was not indicated by the client in the corresponding request's Upgrade header field." Here the request offers none the server can speak: the GET is answered in HTTP/1.1, served (2xx, the Upgrade ignored, as "A server MAY ignore a received Upgrade header field if it wishes to continue using the current protocol on that connection") or refused (4xx), with no 101 before it.

    When the "rfc9110/upgrade/<fixture>" request is sent
    Then the response matches the fixture
    And no 101 Switching Protocols came before the response

    Examples:
      | fixture                              | offered                          |
      | unknown-protocol                     | Upgrade: wirecheck-unknown/1.0   |
      | upgrade-option-without-upgrade-field | Connection: upgrade, no Upgrade  |
      | empty-upgrade-field                  | Upgrade: (empty)                 |

  @rfc9110-7.8 @must
  Scenario: A WebSocket handshake on a POST is answered in HTTP/1.1
    RFC 9110 §7.8: "A server MUST NOT switch protocols unless the received message semantics can be honored by the new protocol; an OPTIONS request can be honored by any protocol." WebSocket has no POST with content to carry (its handshake is a GET, RFC 6455 §4.1), so the POST is answered in HTTP/1.1, with any status (405 or 501 from a server that takes no POST), and no 101 before it.

    When the "rfc9110/upgrade/websocket-on-post" request is sent
    Then the response matches the fixture
    And no 101 Switching Protocols came before the response

  @rfc9110-7.8 @must
  Scenario Outline: An Upgrade in an HTTP/1.0 request is ignored
    RFC 9110 §7.8: "A server that receives an Upgrade header field in an HTTP/1.0 request MUST ignore that Upgrade field." And RFC 9110 §15.2: "Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT send a 1xx response to an HTTP/1.0 client." The GET is served as if it had no Upgrade (2xx), with no interim response at all before it.

    When the "rfc9110/upgrade/<fixture>" request is sent
    Then the response matches the fixture
    And no interim response came before the response

    Examples:
      | fixture             | offered                            |
      | websocket-in-http10 | Upgrade: websocket, version 13     |
      | h2c-in-http10       | Upgrade: h2c, with HTTP2-Settings  |

  @rfc9110-7.8 @must
  Scenario: A WebSocket handshake for a version no server has is not switched, and a 426 names what is
    RFC 9110 §7.8: "A server MUST NOT switch to a protocol that was not indicated by the client in the corresponding request's Upgrade header field." The handshake asks for WebSocket version 99: a switch could only be to a version the client did not ask for. The GET is served (the Upgrade ignored) or refused (4xx); and "A server that sends a 426 (Upgrade Required) response MUST send an Upgrade header field to indicate the acceptable protocols, in order of descending preference."

    When the "rfc9110/upgrade/websocket-unknown-version" request is sent
    Then the response matches the fixture
    And no 101 Switching Protocols came before the response
    And if the status is 426, the response matches "rfc9110/upgrade/426-names-upgrade"

  @rfc9110-7.8 @may
  Scenario Outline: An Upgrade without the upgrade connection option may be ignored
    RFC 9110 §7.8: "A sender of Upgrade MUST also send an "Upgrade" connection option in the Connection header field (Section 7.6.1) to inform intermediaries not to forward this field." Without it the Upgrade may have been forwarded by an intermediary that did not know it, and "A server MAY ignore a received Upgrade header field if it wishes to continue using the current protocol on that connection." Whether the target serves the GET (2xx) without a switch only informs.

    When the "rfc9110/upgrade/<fixture>" request is sent
    Then the response matches the fixture
    And no 101 Switching Protocols came before the response

    Examples:
      | fixture                          | offered                        |
      | websocket-without-upgrade-option | Upgrade: websocket, version 13 |
      | h2c-without-upgrade-option       | Upgrade: h2c                   |
