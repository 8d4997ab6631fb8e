@bundled
Feature: The bundled server's protocol versions (SPEC §2.1)
  The bundled server answers HTTP/1.0 and any HTTP/1.x in HTTP/1.1, and refuses another major
  version with 505, then closes (SPEC §2.1, §2.3). Judged on the bundled server only; the RFC
  rules are in rfc9110/protocol-version.

  @rfc9110-2.5 @must
  Scenario Outline: HTTP/1.0 and HTTP/1.2 are served, in HTTP/1.1
    SPEC §2.1: "HTTP/1.0 and HTTP/1.1 are served; any other HTTP/1.x is served as 1.1"; the response version is HTTP/1.1, the highest the server conforms to (RFC 9110 §2.5: "A server SHOULD send a response version equal to the highest version to which the server is conformant that has a major version less than or equal to the one received in the request").

    When the "bundled/protocol-version/<fixture>" request is sent
    Then the response matches the fixture
    And the response version is "HTTP/1.1"

    Examples:
      | fixture |
      | http10  |
      | http12  |

  @rfc9110-15.6.6 @must
  Scenario Outline: Another major version is 505 with Connection: close, then close
    SPEC §2.1: "a major version other than 1: 505"; SPEC §2.3: a response that ends the connection is followed by the close. RFC 9110 §15.6.6 and RFC 9112 §2.3 allow 505 (or 400).

    When the "bundled/protocol-version/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture |
      | http20  |
      | http30  |
