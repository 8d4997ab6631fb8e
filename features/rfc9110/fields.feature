@rfc9110
Feature: Field names and values (RFC 9110 §5)
  Field names are case-insensitive tokens; field values are visible characters, spaces, tabs
  and obs-text. CR, LF and NUL inside a value are the stuff of header injection: a recipient
  rejects the message or replaces each with SP. Other control characters are invalid too, but a
  recipient may keep them. The bundled server refuses them all with 400 and a close
  (bundled/fields).

  @rfc9110-5.1 @must
  Scenario: Field names are case-insensitive: HOST is Host
    RFC 9110 §5.1: "Field names are case-insensitive." A "hOsT" field is the Host field, so the request is a complete HTTP/1.1 GET / and is served as GET / is (2xx), not refused for a missing Host (RFC 9112 §3.2).

    When the "rfc9110/fields/host-name-any-case" request is sent
    Then the response matches the fixture

  @rfc9110-5.1 @must
  Scenario: Field names are case-insensitive: content-length frames the body
    RFC 9110 §5.1: "Field names are case-insensitive." A "content-length" field frames the body as Content-Length does; the body echo shows the five bytes were read as the body (n/a on a target without one).

    Given the target returns the request body
    When the "rfc9110/fields/field-names-any-case" request is sent
    Then the response matches the fixture

  @rfc9110-5.5 @must
  Scenario Outline: NUL or CR inside a field value is refused or replaced with SP
    RFC 9110 §5.5: "a recipient of CR, LF, or NUL within a field value MUST either reject the message or replace each of those characters with SP before further processing or forwarding of that message." Allowed: a refusal (a 4xx, or a close without a response), or the character replaced and GET / served as usual (2xx).

    When the "rfc9110/fields/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture      |
      | nul-in-value |
      | cr-in-value  |

  @rfc9110-5.5 @may
  Scenario Outline: Other control characters inside a field value may be retained
    RFC 9110 §5.5: "Field values containing other CTL characters are also invalid; however, recipients MAY retain such characters for the sake of robustness." Allowed: the request served with the character kept (2xx), or refused as invalid; this scenario only informs whether the target retains it.

    When the "rfc9110/fields/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture      |
      | ctl-in-value |
      | del-in-value |

  @rfc9110-5.5 @should
  Scenario: Bytes beyond ASCII (obs-text) in a field value are opaque data
    RFC 9110 §5.5: "A recipient SHOULD treat other allowed octets in field content (i.e., obs-text) as opaque data." obs-text is allowed in a field value ("field-vchar = VCHAR / obs-text"), so GET / is served as usual (2xx).

    When the "rfc9110/fields/obs-text-in-value" request is sent
    Then the response matches the fixture

  @rfc9110-7.6.1 @must
  Scenario: Connection options are case-insensitive: CLOSE closes
    RFC 9110 §7.6.1: "Connection options are case-insensitive." So "Connection: CLOSE" is the close option, and RFC 9112 §9.6: "A server that receives a "close" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the "close" connection option." Announcing the close in the response is a SHOULD (RFC 9112 §9.6), checked at that level.

    When the "rfc9110/fields/connection-close-any-case" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response
