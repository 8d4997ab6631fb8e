@robustness @slow
Feature: A slow client is cut off eventually (RFC 9112 §9.5)
  A server that waits for ever on a client that sends nothing, or one byte now and then, can be
  exhausted by a few such clients. These scenarios check only that a stalled or trickling request
  is cut off, with a 4xx (408 names the case, RFC 9110 §15.5.9) or a close, and that an idle
  kept-alive connection is closed gracefully: the RFCs set no timeout value. The bundled server
  gets a dedicated server with short timeouts; another server is given its request timeout plus
  2 s, the documented 10 s by default (docs/steps.md), and its idle timeout plus 2 s (5 s). They
  wait because waiting is the rule. Since the RFCs name no time, and another server's own
  timeout cannot be told to the harness yet, a server still waiting when the wait ends (node:http
  waits 60 s for a head, nginx 75 s on an idle connection) is not in breach of anything: these
  scenarios are MAY-level and only inform. The bundled server's exact timeouts are in
  `features/bundled/timeouts.feature`.

  @rfc9112-9.5 @may
  Scenario: A request head that stalls is cut off with a 4xx or a close
    RFC 9112 §9.5: "A client, server, or proxy MAY close the transport connection at any time." How a timeout ends is a SHOULD of the same section ("A client or server that wishes to time out SHOULD issue a graceful close on the connection"), but when it comes is the server's choice. Either 408 (RFC 9110 §15.5.9) or any other 4xx before the close, or the close alone, is accepted.

    Given the server's request timeout is at most 250 ms
    When only the first 20 bytes of the "robustness/timeouts/get-root" request are sent
    Then the server answers within its request timeout
    And the response matches "robustness/timeouts/request-cut-off"
    And the server closes the connection

  @rfc9112-9.5 @may
  Scenario: A request body that stalls is cut off with a 4xx or a close
    RFC 9112 §9.5: "A client, server, or proxy MAY close the transport connection at any time." How a timeout ends is a SHOULD of the same section ("A client or server that wishes to time out SHOULD issue a graceful close on the connection"), but when it comes is the server's choice. Needs a path that takes a body (the body path): a POST refused for its method is answered before the body matters.

    Given the target takes a request body
    And the server's request timeout is at most 250 ms
    When the "robustness/timeouts/post-root" request is sent except its last 5 bytes
    Then the server answers within its request timeout
    And the response matches "robustness/timeouts/request-cut-off"
    And the server closes the connection

  @rfc9112-9.5 @may
  Scenario: A request trickled byte by byte is cut off with a 4xx or a close
    RFC 9112 §9.5: "A client, server, or proxy MAY close the transport connection at any time." How a timeout ends is a SHOULD of the same section ("A client or server that wishes to time out SHOULD issue a graceful close on the connection"), but when it comes is the server's choice. A client that keeps the line busy one byte at a time must not hold the server longer than a stalled one does.

    Given the server's request timeout is at most 250 ms
    When the "robustness/timeouts/get-root" request is trickled a byte at a time over twice the request timeout
    Then the response matches "robustness/timeouts/request-cut-off"
    And the server closes the connection

  @rfc9112-9.5 @may
  Scenario: An idle kept-alive connection is closed gracefully, without a response
    RFC 9112 §9.5: "A client, server, or proxy MAY close the transport connection at any time." How a timeout ends is a SHOULD of the same section ("A client or server that wishes to time out SHOULD issue a graceful close on the connection"), but when it comes is the server's choice. A server that closes after each response (HTTP/1.0 style) passes as well: nothing is sent on the idle connection either way.

    Given the server's idle timeout is at most 250 ms
    When the "robustness/timeouts/get-root" request is sent
    Then the response matches the fixture
    And the server closes the idle connection within its idle timeout, sending nothing
