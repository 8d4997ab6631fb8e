@robustness
Feature: Many connections at once (RFC 9112 §9.4)
  RFC 9112 §9.4 lets a server limit the connections it serves and sets no number. This scenario
  holds as many connections as the target's limit (the bundled server gets a dedicated server
  with a limit of two; another server is assumed to take the documented 1,024, each connection
  asked for a GET /), then opens one more. Turning it away and serving it are both allowed, so
  the scenario only informs: it never fails. The bundled server's own limit is in
  `features/bundled/connections.feature`.

  @rfc9112-9.4 @may
  Scenario: A connection past many held ones may be turned away; the held ones are still served
    RFC 9112 §9.4: "A server might reject traffic that it deems abusive or characteristic of a denial-of-service attack, such as an excessive number of open connections from a single client." A permission (MAY-level: no keyword obliges either way), so a 2xx, a 503 or a close are all conformant; what the server did is shown in the report.

    Given the server accepts at most 2 connections
    And the server's connection limit is reached
    Given a new connection
    When the "robustness/connections/get-root-past-held" request is sent
    Then the response matches the fixture
    And the held connections are still served
