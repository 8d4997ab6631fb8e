@robustness
Feature: Connections beyond the limit (SPEC §2.4)
  The server serves up to 1,024 connections at once. A connection past the limit is accepted
  and closed at once (or answered 503); the connections already open are not disturbed. Against
  the bundled server the scenario gets a dedicated server with a limit of two.

  @rfc9112-9.4 @should
  Scenario: A connection past the limit is turned away, and the others are still served
    RFC 9112 §9.4: "A server might reject traffic that it deems abusive or characteristic of a denial-of-service attack, such as an excessive number of open connections from a single client."

    Given the server accepts at most 2 connections
    And the server's connection limit is reached
    Given a new connection
    When the "robustness/connections/get-root-over-limit" request is sent
    Then the response matches the fixture
    And the held connections are still served
