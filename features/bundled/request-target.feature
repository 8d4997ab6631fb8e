@bundled
Feature: The bundled server's request targets and method lengths (SPEC §2.2, docs/behaviour.md)
  The bundled server takes a target only in the characters RFC 3986 allows in a path or query,
  with every "%" starting a percent-encoding, and answers any other with 400 and a close, as a
  malformed request line. A well-formed asterisk-form or authority-form target with a method it
  is not for is a routing answer instead: 400 with the method's body, the connection kept. A
  method longer than any it implements is 501. Judged on the bundled server only; the RFC's own
  rules are features/rfc9112/request-line.feature, and the request-line choices (GET with "*" or
  an authority among them) features/bundled/request-line.feature.

  @rfc9112-3.2 @must
  Scenario Outline: A target with a byte RFC 3986 does not allow there is 400, then close
    SPEC §2.2: "A target with bytes that RFC 3986 does not allow in a path or query (`#`, `\`, a space, a control byte, raw non-ASCII): `400`"; it breaks the request line, so the connection closes (SPEC §2.1: "a malformed request line: `400`, then close").

    When the "bundled/request-target/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture       |
      | fragment      |
      | backslash     |
      | raw-non-ascii |
      | brace         |

  @rfc9112-3.2 @must
  Scenario Outline: A "%" that does not start a percent-encoding is 400, then close
    SPEC §2.2: a target with bytes "RFC 3986 does not allow in a path or query" is 400; docs/behaviour.md ("Request line and targets"): every "%" in a target is "%" and two hex digits, RFC 3986 §2.1's pct-encoded; a stray one is not guessed at (RFC 9112 §3: an invalid request-line SHOULD get 400), and it breaks the request line, so the connection closes (SPEC §2.1).

    When the "bundled/request-target/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture         |
      | percent-alone   |
      | percent-not-hex |

  @rfc9112-3.2.1 @must
  Scenario: A percent-encoded NUL is three characters of a path, not a NUL: 404, the connection kept
    SPEC §2.2: "any other path is “not root” (404 for GET/POST)"; docs/behaviour.md ("Request line and targets"): percent-encodings are kept as sent, never decoded (RFC 3986 §2.1), so "/%00" is a path other than the root.

    When the "bundled/request-target/percent-nul" request is sent
    Then the response matches the fixture
    And the connection stays open

  @rfc9112-3.2 @must
  Scenario Outline: "*" or an authority with a method it is not for is 400 with the method's body, changes nothing, and the connection stays open
    SPEC §2.2: "A form used with the wrong method (`*` on a method other than OPTIONS, authority-form on one other than CONNECT): `400`"; docs/behaviour.md ("Routes"): a routing answer, so the connection stays open. DELETE empties the store "on any path" (SPEC §1 case 5), but "*" and an authority are no paths: the message posted first is still listed after it, and a POST's body is not stored.

    Given the message store is empty
    When the requests "bundled/request-target/post-kept", "bundled/request-target/<fixture>" and "bundled/request-target/get-root-kept" are sent in one write
    Then the responses match their fixtures, in order
    And the connection stays open

    Examples:
      | fixture               |
      | asterisk-form-delete  |
      | authority-form-delete |
      | asterisk-form-post    |

  @rfc9112-3 @must
  Scenario: A method one byte longer than OPTIONS is 501, then close
    SPEC §2.2: "A method token longer than any the server implements: `501`" (RFC 9112 §3: "A server that receives a method longer than any that it implements SHOULD respond with a 501 (Not Implemented) status code"); OPTIONS, for "OPTIONS *", is the longest the bundled server implements. A protocol error, so the connection closes (docs/behaviour.md, "Protocol errors").

    When the "bundled/request-target/long-method" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-3 @must
  Scenario: A 100 KiB method is 501, not 414, then close
    SPEC §2.2: a method longer than any the server implements is 501, decided as soon as its eighth byte arrives: a hundred KiB of it with no space is not read as an overlong request line (SPEC §2.4's 414, which a long target still gets: features/bundled/limits.feature). Its kibibyte, a hundred times in one write, is the method; only the first is answered, and the server closes after the 501.

    When 100 copies of the "bundled/request-target/method-kibibyte" request are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
