@rfc9112
Feature: Field lines (RFC 9112 §5)
  Each field line is a name, a colon, optional whitespace, the value, optional whitespace. The
  name is a token and touches its colon; a line that starts with whitespace would be the
  obsolete line folding. Where framing and routing depend on fields, a server that guesses is a
  smuggling hazard: anything outside the grammar is refused with 400, and the connection closed.

  @rfc9112-5.1 @must
  Scenario Outline: Whitespace between a field name and its colon is refused
    RFC 9112 §5.1: "A server MUST reject, with a response status code of 400 (Bad Request), any received request message that contains whitespace between a header field name and colon."

    When the "rfc9112/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture            |
      | space-before-colon |
      | tab-before-colon   |

  @rfc9112-5.2 @must
  Scenario: Obsolete line folding is refused
    RFC 9112 §5.2: "A server that receives an obs-fold in a request message ... MUST either reject the message by sending a 400 (Bad Request) ... or replace each received obs-fold with one or more SP octets."

    When the "rfc9112/fields/obs-fold" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-5.1 @must
  Scenario: Whitespace around a field value is not part of it
    RFC 9112 §5.1: "OWS occurring before the first non-whitespace octet of the field line value, or after the last non-whitespace octet of the field line value, is excluded by parsers when extracting the field line value."

    When the "rfc9112/fields/ows-around-value" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-5.1 @should
  Scenario Outline: A field line without a valid name is refused
    RFC 9112 §5.1: "field-line = field-name ":" OWS field-value OWS", and a request outside the grammar SHOULD get 400 and a close (§2.2).

    When the "rfc9112/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                    |
      | empty-field-name           |
      | brace-in-field-name        |
      | control-byte-in-field-name |
      | field-line-without-colon   |
