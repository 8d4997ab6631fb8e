@rfc9112
Feature: Persistent connections, pipelining and closing (RFC 9112 §9)
  An HTTP/1.1 connection carries request after request until one side says "close"; an
  HTTP/1.0 one closes after each response unless the client asks to keep it alive. The
  response's Connection field says which happens, and the server does what it says. Requests
  may be pipelined: answered in the order they came, and not at all after a close.

  Background:
    Given the message store is empty

  @rfc9112-9.3 @must
  Scenario: An HTTP/1.1 connection persists by default
    RFC 9112 §9.3: "If the received protocol is HTTP/1.1 (or later), the connection will persist after the current response" unless "close" is present.

    When the "rfc9112/connection/get-root" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "rfc9112/connection/get-root" request is sent
    Then the response matches the fixture

  @rfc9112-9.6 @must
  Scenario: Connection: close closes the connection after the response
    RFC 9112 §9.6: "A server that receives a "close" connection option MUST initiate closure of the connection after it sends the final response to the request that contained the "close" connection option."

    When the "rfc9112/connection/get-root-close" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-9.6 @must
  Scenario: No request after Connection: close is processed
    RFC 9112 §9.6: "The server MUST NOT process any further requests received on that connection."

    When the requests "rfc9112/connection/get-root-close" and "rfc9112/connection/post-after-close" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    Given a new connection
    When the "rfc9112/connection/get-root-not-stored" request is sent
    Then the response matches the fixture

  @rfc9112-9.3 @must
  Scenario: An HTTP/1.0 connection closes after the response by default
    RFC 9112 §9.3: "If the received protocol is HTTP/1.0, ... otherwise, the connection will close after the current response" unless keep-alive is honoured.

    When the "rfc9112/connection/http10-get" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-9.3 @should
  Scenario: An HTTP/1.0 connection with Connection: keep-alive persists
    RFC 9112 §9.3: "If the received protocol is HTTP/1.0, the "keep-alive" connection option is present, ... and the recipient wishes to honor the HTTP/1.0 "keep-alive" mechanism, the connection will persist."

    When the "rfc9112/connection/http10-keep-alive" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "rfc9112/connection/http10-keep-alive" request is sent
    Then the response matches the fixture

  @rfc9112-9.3.2 @must
  Scenario: Pipelined requests are answered in the order they were sent, and nothing more
    RFC 9112 §9.3.2: "A server ... MUST send the corresponding responses in the same order that the requests were received."

    When the requests "rfc9112/connection/get-root", "rfc9112/connection/get-wrong-path", "rfc9112/connection/put-root" and "rfc9112/connection/head-root" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-9.3.2 @must
  Scenario: Pipelined requests take effect in the order they were sent
    RFC 9112 §9.3.2: "A server MAY process a sequence of pipelined requests in parallel if they all have safe methods", and POST is not safe.

    When the requests "rfc9112/connection/post-first", "rfc9112/connection/post-second" and "rfc9112/connection/get-root-first-second" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9112-9.3.2 @must
  Scenario: Fifty pipelined requests get fifty responses
    RFC 9112 §9.3.2: "A client that supports persistent connections MAY "pipeline" its requests (i.e., send multiple requests without waiting for each response)."

    When 50 copies of the "rfc9112/connection/get-root" request are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-9.6 @must
  Scenario: Nothing after a malformed request is answered
    RFC 9112 §9.6: "A server that sends a "close" connection option MUST initiate closure of the connection ... and MUST NOT process any further requests received on that connection."

    When the requests "rfc9112/connection/malformed-then-get" and "rfc9112/connection/get-root" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    And the server closes the connection after the response

  @rfc9112-9.6 @should
  Scenario: The server closes only after its response is out, even with input it never reads
    RFC 9112 §9.6: "To avoid the TCP reset problem, servers typically close a connection in stages", so that the client can read the last response.

    When the "rfc9112/connection/malformed-with-unread-input" request is sent with its body padded to 65536 bytes
    Then the response matches the fixture
    And the server closes the connection after the response
