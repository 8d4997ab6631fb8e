@rfc9112
Feature: The request line and the target (RFC 9112 §3)
  A request line is a method, a target and a version, separated by single spaces (a recipient
  MAY parse on whitespace instead). The method is a case-sensitive token; the target is
  origin-form, absolute-form, authority-form (CONNECT only) or asterisk-form (OPTIONS only);
  HTTP/1.1 requests name their host in exactly one valid Host field. An invalid request line
  SHOULD get 400 or 301, then a close. Every request is a GET, HEAD or OPTIONS, so each scenario
  runs on any server; the bundled server's exact answers are features/bundled/request-line.feature.

  @rfc9112-3 @must
  Scenario: A well-formed request line is served
    RFC 9112 §3: "request-line = method SP request-target SP HTTP-version". A GET of "/" answers 2xx.

    When the "rfc9112/request-line/get-root" request is sent
    Then the response matches the fixture

  @rfc9112-3 @should
  Scenario Outline: Method, target and version are separated by exactly one space, or parsed on whitespace
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." Yet "recipients MAY instead parse on whitespace-delimited word boundaries and, aside from the CRLF terminator, treat any form of whitespace as the SP separator while ignoring preceding or trailing whitespace": a 400, a 301 or the GET served all pass.

    When the "rfc9112/request-line/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                   |
      | two-spaces-after-method   |
      | two-spaces-before-version |
      | tab-separator             |
      | leading-space             |

  @rfc9112-3 @should
  Scenario: A request line without a version is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." Then the connection SHOULD be closed (§2.2), and the response SHOULD say so (§9.6).

    When the "rfc9112/request-line/no-version" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-3.1 @should
  Scenario Outline: A method that is not a token is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." Here "method = token" (§3.1) is broken; then the connection SHOULD be closed (§2.2).

    When the "rfc9112/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                 |
      | method-with-parenthesis |
      | method-with-at-sign     |
      | method-with-slash       |

  @rfc9112-3.1 @should
  Scenario: The method is case-sensitive
    RFC 9112 §3.1: "The request method is case-sensitive." The sentence has no keyword; the one that acts on it is RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code." So "get" is not served as GET: any 4xx or 5xx passes, a 2xx is a warning.

    When the "rfc9112/request-line/method-lower-case" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @should
  Scenario: Whitespace inside the target is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." §3.2: "No whitespace is allowed in the request-target."

    When the "rfc9112/request-line/space-in-target" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-3.2 @should
  Scenario: A control byte inside the target is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded."
    The target is one of the URI forms of §3.2, which hold no control byte.

    When the "rfc9112/request-line/control-byte-in-target" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

  @rfc9112-3.2 @must
  Scenario: A request with two Host fields is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/two-hosts" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @must
  Scenario: An HTTP/1.1 request without Host is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/missing-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @must
  Scenario: A Host with an invalid value is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/invalid-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @may
  Scenario: An HTTP/1.0 request without Host may be served
    RFC 9112 §3.2: "A client MUST send a Host header field in all HTTP/1.1 request messages." Nothing asks it of HTTP/1.0 ones, nor asks a server to serve them: whether the GET of "/" is served only informs.

    When the "rfc9112/request-line/http10-without-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.1 @must
  Scenario: Origin-form with a query is not refused as malformed
    RFC 9112 §3.2.1: "origin-form = absolute-path [ "?" query ]". The query makes it another resource than "/" (RFC 9110 §4.2), so any 2xx, 3xx or 4xx but 400 passes.

    When the "rfc9112/request-line/origin-form-with-query" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @must
  Scenario: Absolute-form is accepted
    RFC 9112 §3.2.2: "To allow for transition to the absolute-form for all requests in some future version of HTTP, a server MUST accept the absolute-form in requests, even though HTTP/1.1 clients will only send them in requests to proxies." A GET of "http://host:port/" is a GET of "/": 2xx.

    When the "rfc9112/request-line/absolute-form" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @should
  Scenario: Absolute-form with an empty path addresses the root
    RFC 9110 §4.2.3: "an empty path component is equivalent to an absolute path of "/"". The sentence has no requirement keyword: a server that answers "http://host:port" otherwise than "/" gets a warning.

    When the "rfc9112/request-line/absolute-form-empty-path" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.3 @should
  Scenario: Authority-form is refused outside CONNECT
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." §3.2.3: "The authority-form of request-target is only used for CONNECT requests."

    When the "rfc9112/request-line/authority-form-get" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.4 @should
  Scenario: Asterisk-form is refused on a method other than OPTIONS
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." §3.2.4: "The asterisk-form of request-target is only used for a server-wide OPTIONS request."

    When the "rfc9112/request-line/asterisk-form-get" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.4 @may
  Scenario: Server-wide OPTIONS may be served
    RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD. All other methods are OPTIONAL." So "OPTIONS *" (RFC 9112 §3.2.4) may get 200, 405 or 501; a 400 to this valid request line only informs.

    When the "rfc9112/request-line/asterisk-form-options" request is sent
    Then the response matches the fixture
