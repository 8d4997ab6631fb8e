@bundled
Feature: The bundled server's field-line errors (SPEC §2.1, docs/behaviour.md)
  The bundled server answers every malformed field line, obs-fold included, with 400 and
  "Connection: close", then closes (RFC 9112 §5.1 and §5.2 ask the 400 only, or allow obs-fold
  to be replaced by SP), and trims spaces and tabs around a field value. Judged on the bundled
  server only; the RFC's own rules are features/rfc9112/fields.feature.

  @rfc9112-5.1 @must
  Scenario Outline: Whitespace before the colon is 400 with Connection: close, then close
    SPEC §2.1: "Obs-fold, whitespace between a field name and its colon, control characters (NUL, CR or LF alone) inside a field value, an invalid method token, or a malformed request line: `400`, then close."

    When the "bundled/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture            |
      | space-before-colon |
      | tab-before-colon   |

  @rfc9112-5.2 @must
  Scenario: Obs-fold is rejected with 400 and Connection: close, then close
    SPEC §2.1: "Obs-fold, whitespace between a field name and its colon, ...: `400`, then close." Of the two answers RFC 9112 §5.2 allows, the bundled server takes the 400.

    When the "bundled/fields/obs-fold" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-5.1 @must
  Scenario: A value's surrounding whitespace is trimmed, so Connection: close is honoured
    SPEC §2.3: "The response's `Connection` header says which happens, and the server does what it says"; docs/behaviour.md: field values "are trimmed of leading and trailing spaces and tabs".

    When the "bundled/fields/ows-around-value" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-5.1 @must
  Scenario Outline: A field line without a valid name is 400 with Connection: close, then close
    SPEC §2.3: "After any response that ends the connection (400-class framing errors, ...) the server closes the socket only after the response is flushed"; docs/behaviour.md: "Every protocol error response closes the connection (`Connection: close`)".

    When the "bundled/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                    |
      | empty-field-name           |
      | brace-in-field-name        |
      | control-byte-in-field-name |
      | field-line-without-colon   |
