@bundled
Feature: The bundled server's connection limit (SPEC §2.4)
  The bundled server serves up to 1,024 connections at once (SPEC §2.4, docs/behaviour.md). A
  connection past the limit is accepted and closed at once (or answered 503); the connections
  already open are not disturbed. The scenario gets a dedicated bundled server with a limit of
  two. Judged on the bundled server only.

  @rfc9112-9.4 @must
  Scenario: A connection past the limit is turned away, and the others are still served
    SPEC §2.4: over the connection limit a new connection is closed at once or answered 503, and the existing ones are still served (RFC 9112 §9.4 lets a server reject "an excessive number of open connections from a single client").

    Given the server accepts at most 2 connections
    And the server's connection limit is reached
    Given a new connection
    When the "bundled/connections/get-root-over-limit" request is sent
    Then the response matches the fixture
    And the held connections are still served
