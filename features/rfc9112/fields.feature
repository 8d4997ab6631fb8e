@rfc9112
Feature: Field lines (RFC 9112 §5)
  Each field line is a name, a colon, optional whitespace, the value, optional whitespace. The
  name is a token and touches its colon; a line that starts with whitespace is the obsolete line
  folding. Whitespace before the colon MUST get a 400; obs-fold MUST get a 400 or be replaced by
  SP; any other line outside the grammar SHOULD get a 400 and a close (§2.2). The bundled
  server's choice to close after each of these is features/bundled/fields.feature.

  @rfc9112-5.1 @must
  Scenario Outline: Whitespace between a field name and its colon is refused
    RFC 9112 §5.1: "A server MUST reject, with a response status code of 400 (Bad Request), any received request message that contains whitespace between a header field name and colon." Only the 400 is asked: the sentence says nothing of the connection.

    When the "rfc9112/fields/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture            |
      | space-before-colon |
      | tab-before-colon   |

  @rfc9112-5.2 @must
  Scenario: Obsolete line folding is refused, or replaced by spaces
    RFC 9112 §5.2: "A server that receives an obs-fold in a request message that is not within a "message/http" container MUST either reject the message by sending a 400 (Bad Request), preferably with a representation explaining that obsolete line folding is unacceptable, or replace each received obs-fold with one or more SP octets prior to interpreting the field value or forwarding the message downstream." Both pass: a 400, or the GET served.

    When the "rfc9112/fields/obs-fold" request is sent
    Then the response matches the fixture

  @rfc9112-5.1 @must
  Scenario: Whitespace around a field value is not part of it
    RFC 9112 §9.6: "A server that receives a "close" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the "close" connection option." The option here is "Connection: \t close \t", and by §5.1 "OWS occurring before the first non-whitespace octet of the field line value, or after the last non-whitespace octet of the field line value, is excluded by parsers when extracting the field line value from a field line." That the response says "close" is a SHOULD (a warning).

    When the "rfc9112/fields/ows-around-value" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-5.1 @should
  Scenario Outline: A field line without a valid name is refused
    RFC 9112 §2.2: "When a server listening only for HTTP request messages, or processing what appears from the start-line to be an HTTP request message, receives a sequence of octets that does not match the HTTP-message grammar aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) response and close the connection." Here the line breaks "field-line = field-name ":" OWS field-value OWS" (§5.1).

    When the "rfc9112/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                    |
      | empty-field-name           |
      | brace-in-field-name        |
      | control-byte-in-field-name |
      | field-line-without-colon   |
