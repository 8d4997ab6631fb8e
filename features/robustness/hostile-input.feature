@robustness
Feature: Hostile input (SPEC §2.4)
  No input can crash the server, grow its memory without bound, or corrupt the store: bytes
  that are no HTTP at all get a 400 or just a close, and the next connection is served as if
  nothing had happened.

  @rfc9112-2.2 @should
  Scenario Outline: Bytes that are no HTTP get 400 or a close, and the server lives on
    RFC 9112 §2.2: "When a server listening only for HTTP request messages ... receives a sequence of octets that does not match the HTTP-message grammar ..., the server SHOULD respond with a 400 (Bad Request) response and close the connection."

    When the "robustness/hostile-input/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection
    Given a new connection
    When the "robustness/hostile-input/get-root" request is sent
    Then the response matches the fixture

    Examples:
      | fixture          |
      | tls-client-hello |
      | nul-bytes        |

  @rfc9112-9.5 @should
  Scenario: A client that vanishes halfway through a request does not disturb the server
    RFC 9112 §9.5: "A client, server, or proxy MAY close the transport connection at any time."

    When only the first 20 bytes of the "robustness/hostile-input/get-root" request are sent
    Given a new connection
    When the "robustness/hostile-input/get-root" request is sent
    Then the response matches the fixture
