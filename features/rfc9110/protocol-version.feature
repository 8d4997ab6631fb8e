@rfc9110
Feature: Protocol versions (RFC 9110 §2.5)
  A later HTTP/1.x is processed as the highest 1.x the server conforms to. Another major version
  in an HTTP/1 request line may be refused with 505 (or 400); no RFC sentence demands it, so that
  scenario only informs. The bundled server's versions (HTTP/1.1 responses, 505 then close) are in
  bundled/protocol-version.

  @rfc9110-2.5 @should
  Scenario: A higher minor version is served as the highest one the server implements
    RFC 9110 §2.5: "A recipient that receives a message with a major version number that it implements and a minor version number higher than what it implements SHOULD process the message as if it were in the highest minor version within that major version to which the recipient is conformant." GET / HTTP/1.2 is served as GET / is (2xx).

    When the "rfc9110/protocol-version/http12" request is sent
    Then the response matches the fixture

  @rfc9110-15.6.6 @may
  Scenario Outline: Another major version may be refused with 505
    RFC 9110 §15.6.6: "The 505 (HTTP Version Not Supported) status code indicates that the server does not support, or refuses to support, the major version of HTTP that was used in the request message." A server can send it (RFC 9112 §2.3), or 400; no sentence demands a refusal, so this scenario only informs whether the target refuses (505, 400 or a close).

    When the "rfc9110/protocol-version/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture |
      | http20  |
      | http30  |
