@rfc9110
Feature: Field names and values (RFC 9110 §5)
  Field names are case-insensitive tokens; field values are visible characters, spaces, tabs
  and obs-text. CR, LF and NUL inside a value are the stuff of header injection: the bundled
  server refuses them, and the other control characters too.

  @rfc9110-5.1 @must
  Scenario: Field names are case-insensitive
    RFC 9110 §5.1: "Field names are case-insensitive."

    Given the message store is empty
    When the "rfc9110/fields/field-names-any-case" request is sent
    Then the response matches the fixture

  @rfc9110-5.5 @must
  Scenario Outline: NUL or CR inside a field value is refused
    RFC 9110 §5.5: "a recipient of CR, LF, or NUL within a field value MUST either reject the message or replace each of those characters with SP before further processing or forwarding of that message."

    When the "rfc9110/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture     |
      | nul-in-value |
      | cr-in-value |

  @rfc9110-5.5 @should
  Scenario Outline: Other control characters inside a field value are refused
    RFC 9110 §5.5: "Field values containing other CTL characters are also invalid; however, recipients MAY retain such characters for the sake of robustness."

    When the "rfc9110/fields/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture      |
      | ctl-in-value |
      | del-in-value |

  @rfc9110-5.5 @should
  Scenario: Bytes beyond ASCII (obs-text) are allowed in a field value
    RFC 9110 §5.5: "field-vchar = VCHAR / obs-text".

    When the "rfc9110/fields/obs-text-in-value" request is sent
    Then the response matches the fixture

  @rfc9110-7.6.1 @must
  Scenario: Connection options are case-insensitive
    RFC 9110 §7.6.1: "Connection options are case-insensitive."

    When the "rfc9110/fields/connection-close-any-case" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response
