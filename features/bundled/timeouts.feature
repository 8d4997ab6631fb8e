@bundled @slow
Feature: The bundled server's timeouts (SPEC §2.3)
  The RFCs set no timeout values. The bundled server's choices (SPEC §2.3, docs/behaviour.md): a
  request must be complete within the request timeout, counted from its first byte (default
  10 s): a stalled head or body, or one trickled byte by byte, gets 408 with Connection: close,
  then the close. A kept-alive connection with no request in progress is closed after the idle
  timeout (default 5 s), with nothing sent. Each scenario gets a dedicated bundled server with
  short timeouts. Judged on the bundled server only.

  @rfc9110-15.5.9 @must
  Scenario: A request head that stalls is answered 408, and the connection closed
    SPEC §2.3: a started request head that stalls past the request timeout is answered 408 (RFC 9110 §15.5.9), then the connection is closed.

    Given the server's request timeout is at most 250 ms
    When only the first 20 bytes of the "bundled/timeouts/get-root" request are sent
    Then the server answers within its request timeout
    And the response matches "bundled/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @must
  Scenario: A request body that stalls is answered 408, and the connection closed
    SPEC §2.3: a request body that stalls past the request timeout is answered 408 (RFC 9110 §15.5.9), then the connection is closed.

    Given the message store is empty
    And the server's request timeout is at most 250 ms
    When the "bundled/timeouts/post-root" request is sent except its last 5 bytes
    Then the server answers within its request timeout
    And the response matches "bundled/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @must
  Scenario: A request trickled byte by byte is timed out as a whole
    SPEC §2.3: the request timeout counts from the request's first byte, so a trickling request (slowloris) gets 408 and a close like a stalled one (docs/behaviour.md).

    Given the server's request timeout is at most 250 ms
    When the "bundled/timeouts/get-root" request is trickled a byte at a time over twice the request timeout
    Then the response matches "bundled/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @must
  Scenario: A slow request that completes within the request timeout is served
    SPEC §2.3: 408 only once the request timeout has passed; a request that pauses 150 ms inside a 500 ms timeout is served.

    Given the server's request timeout is at most 500 ms
    When the first 20 bytes of the "bundled/timeouts/get-root" request are sent, then after 150 ms the rest
    Then the response matches the fixture

  @rfc9112-9.5 @must
  Scenario: An idle kept-alive connection is closed after the idle timeout, without a response
    SPEC §2.3: an HTTP/1.1 connection is kept alive (the response says Connection: keep-alive) and closed with no bytes sent once it has been idle for the idle timeout (RFC 9112 §9.5 leaves the value to the server).

    Given the server's idle timeout is at most 250 ms
    When the "bundled/timeouts/get-root" request is sent
    Then the response matches the fixture
    And the server closes the idle connection within its idle timeout, sending nothing

  @rfc9112-9.5 @must
  Scenario: A kept-alive connection is not closed before the idle timeout
    SPEC §2.3: the idle timeout is the only thing that closes a quiet kept-alive connection; within a 500 ms idle timeout it is still open after 250 ms.

    Given the server's idle timeout is at most 500 ms
    When the "bundled/timeouts/get-root" request is sent
    Then the response matches the fixture
    And the connection stays open for at least 250 ms
