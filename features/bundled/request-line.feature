@bundled
Feature: The bundled server's request lines and targets (SPEC §2.1, §2.2, docs/behaviour.md)
  The bundled server takes exactly one space between the parts of the request line (not the
  whitespace parsing RFC 9112 §3 allows), answers every malformed request line with 400 and
  "Connection: close", then closes, answers targets and methods with its SPEC statuses and
  bodies (OPTIONS * 200 and CONNECT 405, each with Allow), and serves HTTP/1.0 without Host.
  Judged on the bundled server only; the RFC's own rules are features/rfc9112/request-line.feature.

  @rfc9112-3 @must
  Scenario Outline: A request line that is not three parts split by single spaces is 400, then close
    SPEC §2.1: "a malformed request line: `400`, then close"; docs/behaviour.md: "Exactly one space separates method, target and version; anything else is `400`", and "HTTP/0.9-style lines (`GET /` with no version) are `400`".

    When the "bundled/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                   |
      | two-spaces-after-method   |
      | two-spaces-before-version |
      | tab-separator             |
      | leading-space             |
      | no-version                |

  @rfc9112-3.1 @must
  Scenario Outline: A method that is not a token is 400, then close
    SPEC §2.1: "an invalid method token, or a malformed request line: `400`, then close."

    When the "bundled/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                 |
      | method-with-parenthesis |
      | method-with-at-sign     |
      | method-with-slash       |

  @rfc9112-3.1 @must
  Scenario: A lower-case method is an unknown one: 405 with Allow
    SPEC §2.2: "Methods are case-sensitive. ... Every other method: `405` with `Allow: GET, HEAD, POST, DELETE`", with the SPEC §1 case 6 body naming the method as sent.

    When the "bundled/request-line/method-lower-case" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @must
  Scenario Outline: A target with a space or a control byte is 400, then close
    SPEC §2.2: "A target with bytes that RFC 3986 does not allow in a path or query (`#`, `\`, a space, a control byte, raw non-ASCII): `400`"; it breaks the request line, so the connection closes (SPEC §2.1).

    When the "bundled/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                |
      | space-in-target        |
      | control-byte-in-target |

  @rfc9112-3.2 @must
  Scenario: An HTTP/1.0 request without Host is served
    SPEC §2.1: "`HTTP/1.0` and `HTTP/1.1` are served", and "HTTP/1.1 without `Host` ...: `400`" asks Host of HTTP/1.1 only.

    When the "bundled/request-line/http10-without-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.1 @must
  Scenario: Origin-form with a query addresses the root
    SPEC §2.2: "Origin-form `/` (a query string is allowed and ignored) ... address the root".

    When the "bundled/request-line/origin-form-with-query" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @must
  Scenario Outline: Absolute-form addresses the root or another path, as origin-form does
    SPEC §2.2: "absolute-form `http://host[:port]/` address the root; any other path is "not root" (404 for GET/POST)"; docs/behaviour.md: "`http://host` with no path is the root too".

    When the "bundled/request-line/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                  |
      | absolute-form            |
      | absolute-form-empty-path |
      | absolute-form-other-path |

  @rfc9112-3.2.3 @must
  Scenario: CONNECT with authority-form is 405 with Allow, and the connection stays open
    SPEC §2.2: "`CONNECT host:port` is the authority-form and is valid: `405` with `Allow`", with the SPEC §1 case 6 body naming the method; a routing answer, so the connection stays open.

    When the "bundled/request-line/authority-form-connect" request is sent
    Then the response matches the fixture
    And the connection stays open

  @rfc9112-3.2.3 @must
  Scenario: Authority-form outside CONNECT is 400 with the method's body, and the connection stays open
    SPEC §2.2: "A form used with the wrong method (`*` on a method other than OPTIONS, authority-form on one other than CONNECT): `400`"; docs/behaviour.md: "The request was framed correctly, so this is a routing answer, not a protocol error: the connection stays open."

    When the "bundled/request-line/authority-form-get" request is sent
    Then the response matches the fixture
    And the connection stays open

  @rfc9112-3.2.4 @must
  Scenario: OPTIONS * is 200 with Allow and no content, and the connection stays open
    SPEC §2.2: "`OPTIONS *` is the asterisk-form and is valid: `200` with `Allow`"; docs/behaviour.md ("Routes"): Allow: GET, HEAD, POST, DELETE and Content-Length: 0 (RFC 9110 §9.3.7).

    When the "bundled/request-line/asterisk-form-options" request is sent
    Then the response matches the fixture
    And no bytes follow the response
    And the connection stays open

  @rfc9112-3.2.4 @must
  Scenario: Asterisk-form on GET is 400 with the method's body, and the connection stays open
    SPEC §2.2: "`*` on a method other than OPTIONS ...: `400`"; docs/behaviour.md: a routing answer, so the connection stays open.

    When the "bundled/request-line/asterisk-form-get" request is sent
    Then the response matches the fixture
    And the connection stays open
