@rfc9112
Feature: Persistent connections, pipelining and closing (RFC 9112 §9)
  An HTTP/1.1 connection carries request after request until one side says "close"; an
  HTTP/1.0 one closes after each response unless the client asks to keep it alive and the
  server agrees. Requests may be pipelined: answered in the order they came, and not at all
  after the connection ends. Every scenario here but one asks only GET or HEAD of "/", so it
  runs on any server; the bundled server's exact answers (its Connection fields, statuses and
  bodies) are features/bundled/connection.feature.

  @rfc9112-9.5 @should
  Scenario: An HTTP/1.1 connection persists by default
    RFC 9112 §9.5: "A server SHOULD sustain persistent connections, when possible, and allow the underlying transport's flow-control mechanisms to resolve temporary overloads, rather than terminate connections with the expectation that clients will retry." By §9.3 a request without "close" leaves the connection persistent; no Connection field is asked of the response.

    When the "rfc9112/connection/get-root" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "rfc9112/connection/get-root" request is sent
    Then the response matches the fixture

  @rfc9112-9.6 @must
  Scenario: Connection: close closes the connection after the response
    RFC 9112 §9.6: "A server that receives a "close" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the "close" connection option." That the response says "close" is a SHOULD of the same paragraph (a warning).

    When the "rfc9112/connection/get-root-close" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-6.3 @must
  Scenario: Nothing pipelined behind a request with invalid framing is answered
    RFC 9112 §6.3: "If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad Request) status code and then close the connection." So the GET pipelined behind it gets no response (§9.6: "The server MUST NOT process any further requests received on that connection"); the harness itself never sends after a "close".

    When the requests "rfc9112/connection/invalid-length-then-get" and "rfc9112/connection/get-root" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    And the server closes the connection after the response

  @rfc9112-9.3 @should
  Scenario: An HTTP/1.0 connection closes after the response by default
    RFC 9112 §9.3: "If the received protocol is HTTP/1.0, the "keep-alive" connection option is present, either the recipient is not a proxy or the message is a response, and the recipient wishes to honor the HTTP/1.0 "keep-alive" mechanism, the connection will persist after the current response; otherwise, the connection will close after the current response." The sentence has no requirement keyword, so a connection left open is a warning, not a failure; no Connection field is asked of the response (the HTTP/1.0 client already knows).

    When the "rfc9112/connection/http10-get" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-9.3 @may
  Scenario: An HTTP/1.0 connection with Connection: keep-alive may persist
    RFC 9112 §9.3: "If the received protocol is HTTP/1.0, the "keep-alive" connection option is present, either the recipient is not a proxy or the message is a response, and the recipient wishes to honor the HTTP/1.0 "keep-alive" mechanism, the connection will persist after the current response". Honouring it is the server's wish: both a kept connection and a closed one are allowed, and the scenario only informs.

    When the "rfc9112/connection/http10-keep-alive" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "rfc9112/connection/http10-keep-alive" request is sent
    Then the response matches the fixture

  @rfc9112-9.3.2 @should
  Scenario: Pipelined requests are answered in the order they were sent, and nothing more
    RFC 9112 §9.5: "A server SHOULD sustain persistent connections, when possible, and allow the underlying transport's flow-control mechanisms to resolve temporary overloads, rather than terminate connections with the expectation that clients will retry." And §9.3.2: "A server MAY process a sequence of pipelined requests in parallel if they all have safe methods (Section 9.2.1 of [HTTP]), but it MUST send the corresponding responses in the same order that the requests were received." A server may still close before answering them all (the client "SHOULD retry unanswered requests"), and the harness cannot yet tell that close from a response out of order, so the scenario judges at SHOULD. GET and HEAD alternate: a HEAD's response has no body, so a response out of order breaks the framing of those after it.

    When the requests "rfc9112/connection/get-root", "rfc9112/connection/head-root", "rfc9112/connection/get-root" and "rfc9112/connection/head-root" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-9.3.2 @should
  Scenario: Pipelined requests take effect in the order they were sent
    RFC 9112 §9.5: "A server SHOULD sustain persistent connections, when possible, and allow the underlying transport's flow-control mechanisms to resolve temporary overloads, rather than terminate connections with the expectation that clients will retry." And §9.3.2: "A server MAY process a sequence of pipelined requests in parallel if they all have safe methods (Section 9.2.1 of [HTTP]), but it MUST send the corresponding responses in the same order that the requests were received." POST is not safe, so two pipelined POSTs are processed in order; the message store is the oracle (n/a on a target without it). A server that closes before answering all is allowed, and not yet told apart, hence SHOULD.

    Given the message store is empty
    When the requests "rfc9112/connection/post-first", "rfc9112/connection/post-second" and "rfc9112/connection/get-root-first-second" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9112-9.3.2 @should
  Scenario: Fifty pipelined requests get fifty responses
    RFC 9112 §9.5: "A server SHOULD sustain persistent connections, when possible, and allow the underlying transport's flow-control mechanisms to resolve temporary overloads, rather than terminate connections with the expectation that clients will retry." And §9.3.2: "A server MAY process a sequence of pipelined requests in parallel if they all have safe methods (Section 9.2.1 of [HTTP]), but it MUST send the corresponding responses in the same order that the requests were received." Fifty GETs of "/" in one write get fifty responses, and no more; a close before the fiftieth is allowed but not sustained, hence SHOULD.

    When 50 copies of the "rfc9112/connection/get-root" request are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-9.6 @should
  Scenario: The server closes only after its response is out, even with input it never reads
    RFC 9112 §9.6: "If a server performs an immediate close of a TCP connection, there is a significant risk that the client will not be able to read the last HTTP response." The 400 and the close are MUSTs of §6.3 (the fixture says `level: must`); a reset instead of an orderly close, or a missing "close" in the 400, is a warning.

    When the "rfc9112/connection/malformed-with-unread-input" request is sent with its body padded to 65536 bytes
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response
