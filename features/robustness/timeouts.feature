@robustness @slow
Feature: Timeouts (SPEC §2.3)
  A request must be complete within the request timeout, counted from its first byte (default
  10 s): a stalled head or body, or one trickled byte by byte, gets 408 and a close. A kept-alive
  connection with no request in progress is closed after the idle timeout (default 5 s), with
  nothing sent. Against the bundled server each scenario gets a dedicated server with short
  timeouts; against another server the documented defaults are assumed and waited out.

  @rfc9110-15.5.9 @should
  Scenario: A request head that stalls is answered 408, and the connection closed
    RFC 9110 §15.5.9: "The 408 (Request Timeout) status code indicates that the server did not receive a complete request message within the time that it was prepared to wait."

    Given the server's request timeout is at most 500 ms
    When only the first 20 bytes of the "robustness/timeouts/get-root" request are sent
    Then the server answers within its request timeout
    And the response matches "robustness/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @should
  Scenario: A request body that stalls is answered 408, and the connection closed
    RFC 9110 §15.5.9: "The 408 (Request Timeout) status code indicates that the server did not receive a complete request message within the time that it was prepared to wait."

    Given the server's request timeout is at most 500 ms
    When the "robustness/timeouts/post-root" request is sent except its last 5 bytes
    Then the server answers within its request timeout
    And the response matches "robustness/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @should
  Scenario: A request trickled byte by byte is timed out as a whole
    RFC 9110 §15.5.9: the server answers 408 when it "did not receive a complete request message within the time that it was prepared to wait", however busy the client keeps the line.

    Given the server's request timeout is at most 500 ms
    When the "robustness/timeouts/get-root" request is trickled a byte at a time over twice the request timeout
    Then the response matches "robustness/timeouts/request-timeout"
    And the server closes the connection after the response

  @rfc9110-15.5.9 @should
  Scenario: A slow request that completes within the request timeout is served
    RFC 9110 §15.5.9: 408 is for a request not complete "within the time that it was prepared to wait", and no sooner.

    Given the server's request timeout is at most 1000 ms
    When the first 20 bytes of the "robustness/timeouts/get-root" request are sent, then after 300 ms the rest
    Then the response matches the fixture

  @rfc9112-9.5 @should
  Scenario: An idle kept-alive connection is closed, without a response
    RFC 9112 §9.5: "A client or server that wishes to time out SHOULD issue a graceful close on the connection."

    Given the server's idle timeout is at most 500 ms
    When the "robustness/timeouts/get-root" request is sent
    Then the response matches the fixture
    And the header "Connection" is "keep-alive"
    And the server closes the idle connection within its idle timeout, sending nothing

  @rfc9112-9.5 @should
  Scenario: A kept-alive connection is not closed before the idle timeout
    RFC 9112 §9.5: "Servers will usually have some timeout value beyond which they will no longer maintain an inactive connection."

    Given the server's idle timeout is at most 1000 ms
    When the "robustness/timeouts/get-root" request is sent
    Then the response matches the fixture
    And the connection stays open for at least 500 ms
