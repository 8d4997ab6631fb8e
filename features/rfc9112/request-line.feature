@rfc9112
Feature: The request line and the target (RFC 9112 §3)
  A request line is a method, a target and a version, separated by single spaces. The method is
  a case-sensitive token; the target is origin-form ("/", with a query or not) or absolute-form
  ("http://host:port/"); HTTP/1.1 requests name their host in exactly one Host field.

  @rfc9112-3 @must
  Scenario: A well-formed request line is served
    RFC 9112 §3: "request-line = method SP request-target SP HTTP-version".

    When the "rfc9112/request-line/get-root" request is sent
    Then the response matches the fixture

  @rfc9112-3 @should
  Scenario Outline: Method, target and version are separated by exactly one space
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect."

    When the "rfc9112/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                   |
      | two-spaces-after-method   |
      | two-spaces-before-version |
      | tab-separator             |
      | leading-space             |

  @rfc9112-3 @should
  Scenario: A request line without a version is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect."

    When the "rfc9112/request-line/no-version" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-3.1 @should
  Scenario Outline: A method that is not a token is refused
    RFC 9112 §3.1: "method = token", and an invalid request-line SHOULD be answered with 400 (Bad Request).

    When the "rfc9112/request-line/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                 |
      | method-with-parenthesis |
      | method-with-at-sign     |
      | method-with-slash       |

  @rfc9112-3.1 @must
  Scenario: The method is case-sensitive
    RFC 9112 §3.1: "The request method is case-sensitive", so "get" is not GET.

    When the "rfc9112/request-line/method-lower-case" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @should
  Scenario: Whitespace inside the target is refused
    RFC 9112 §3.2: "No whitespace is allowed in the request-target."

    When the "rfc9112/request-line/space-in-target" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-3.2 @should
  Scenario: A control byte inside the target is refused
    RFC 9112 §3.2: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect."

    When the "rfc9112/request-line/control-byte-in-target" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-3.2 @must
  Scenario: An HTTP/1.1 request without Host is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/missing-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @must
  Scenario: A request with two Host fields is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/two-hosts" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @must
  Scenario: A Host with an invalid value is refused
    RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."

    When the "rfc9112/request-line/invalid-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2 @should
  Scenario: An HTTP/1.0 request without Host is served
    RFC 9112 §3.2: "A client MUST send a Host header field in all HTTP/1.1 request messages", which asks nothing of HTTP/1.0 ones.

    When the "rfc9112/request-line/http10-without-host" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.1 @must
  Scenario: Origin-form with a query addresses the root
    RFC 9112 §3.2.1: "origin-form = absolute-path [ "?" query ]".

    When the "rfc9112/request-line/origin-form-with-query" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @must
  Scenario: Absolute-form is accepted
    RFC 9112 §3.2.2: "a server MUST accept the absolute-form in requests", though clients send it mostly to proxies.

    When the "rfc9112/request-line/absolute-form" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @should
  Scenario: Absolute-form with an empty path addresses the root
    RFC 9112 §3.2.2: "absolute-form = absolute-URI", whose empty path stands for "/" (RFC 9110 §4.2.3).

    When the "rfc9112/request-line/absolute-form-empty-path" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.2 @must
  Scenario: Absolute-form with another path is not the root
    RFC 9112 §3.2.2: "a server MUST accept the absolute-form in requests", and its path is the path of the request.

    When the "rfc9112/request-line/absolute-form-other-path" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.3 @should
  Scenario: Authority-form is refused outside CONNECT
    RFC 9112 §3.2.3: "The authority-form of request-target is only used for CONNECT requests."

    When the "rfc9112/request-line/authority-form-get" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.4 @should
  Scenario Outline: Asterisk-form is refused, as server-wide OPTIONS is not served
    RFC 9112 §3.2.4: "The asterisk-form of request-target is only used for a server-wide OPTIONS request."

    When the "rfc9112/request-line/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture               |
      | asterisk-form-options |
      | asterisk-form-get     |
