@rfc9110
Feature: Protocol versions (RFC 9110 §2.5)
  HTTP/1.0 and HTTP/1.1 are served, and answered in HTTP/1.1; a later HTTP/1.x is served as
  HTTP/1.1; another major version is refused with 505.

  @rfc9110-2.5 @should
  Scenario: A higher minor version is served as HTTP/1.1
    RFC 9110 §2.5: "A recipient that receives a message with a major version number that it implements and a minor version number higher than what it implements SHOULD process the message as if it were in the highest minor version within that major version to which the recipient is conformant."

    When the "rfc9110/protocol-version/http12" request is sent
    Then the response matches the fixture
    And the response version is "HTTP/1.1"

  @rfc9110-2.5 @should
  Scenario: An HTTP/1.0 request is answered in HTTP/1.1
    RFC 9110 §2.5: "A server SHOULD send a response version equal to the highest version to which the server is conformant that has a major version less than or equal to the one received in the request."

    When the "rfc9110/protocol-version/http10" request is sent
    Then the response matches the fixture
    And the response version is "HTTP/1.1"

  @rfc9110-15.6.6 @should
  Scenario Outline: Another major version is refused with 505, and the connection closed
    RFC 9110 §15.6.6: "The 505 (HTTP Version Not Supported) status code indicates that the server does not support, or refuses to support, the major version of HTTP that was used in the request message."

    When the "rfc9110/protocol-version/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture |
      | http20  |
      | http30  |
