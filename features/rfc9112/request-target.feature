@rfc9112
Feature: What a request target may hold, and its four forms (RFC 9112 §3.2)
  A request target is one of four forms: origin-form (a path and a query), absolute-form (a whole
  URI), authority-form (host:port, for CONNECT) and asterisk-form ("*", for a server-wide
  OPTIONS). Each is made of the characters a URI allows, ASCII only, with every other octet
  percent-encoded. A target outside the grammar makes the request line invalid; one inside it is
  a request like any other, however odd its bytes look once decoded, and the request written
  after it is answered as a request of its own. Every request is one any server can be judged on;
  features/rfc9112/request-line.feature has the first cases (a space or a control byte in the
  target, absolute-form for the target's own authority, "GET *", "GET host:port", "OPTIONS *").

  @rfc9112-3.2 @should
  Scenario Outline: A target with an octet no URI allows is refused
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." The target breaks "origin-form = absolute-path [ "?" query ]" (§3.2.1), whose characters are those of RFC 3986: a 400 or a 301 passes, serving it is a warning.

    When the "rfc9112/request-target/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                    | target            |
      | fragment                   | /#frag            |
      | backslash                  | /a\b              |
      | raw-utf-8                  | /café, raw UTF-8  |
      | overlong-utf-8             | / then C0 AF      |
      | angle-brackets             | /<a>              |
      | percent-without-hex-digits | /%zz              |

  @rfc9112-3.2 @must
  Scenario Outline: A percent-encoded NUL, CR or LF is three characters of the target, not a line end
    RFC 9112 §3: "request-line = method SP request-target SP HTTP-version", and the target's "pct-encoded = "%" HEXDIG HEXDIG" (RFC 3986 §2.1) is three characters of it: the request-line is valid and ends at its CRLF. Any status passes (what the resource makes of the path is its own), so long as no field in the response comes from the decoded bytes and the GET written after the request is answered 2xx, as a request of its own.

    When the requests "rfc9112/request-target/<fixture>" and "rfc9112/request-target/get-after-target" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                        | target                   |
      | percent-encoded-nul            | /%00                     |
      | percent-encoded-crlf-and-field | /%0d%0aX-Injected:%20yes |

  @rfc9112-3.2.2 @must
  Scenario Outline: Absolute-form for another authority is accepted as a request
    RFC 9112 §3.2.2: "To allow for transition to the absolute-form for all requests in some future version of HTTP, a server MUST accept the absolute-form in requests, even though HTTP/1.1 clients will only send them in requests to proxies." The target URI is the request-target's, not the Host field's; whether the server serves that authority is its own choice: a 2xx, a 3xx, or a 4xx such as 400, 404 or 421 all pass. A 5xx, or a request that breaks the framing (the GET written after it not answered 2xx), fails.

    When the requests "rfc9112/request-target/<fixture>" and "rfc9112/request-target/get-after-target" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                    | target                    |
      | absolute-form-another-host | http://wirecheck.invalid/ |
      | absolute-form-another-port | http://host:1/            |

  @rfc9112-3.2.2 @should
  Scenario: An absolute-form scheme in upper case names the same target
    RFC 9110 §4.2.3: "The scheme and host are case-insensitive and normally provided in lowercase; all other components are compared in a case-sensitive manner." So "HTTP://host:port/" is "http://host:port/", which the target serves (2xx), or may redirect to its lower-case spelling (3xx). The sentence has no requirement keyword: anything else is a warning.

    When the "rfc9112/request-target/absolute-form-upper-case-scheme" request is sent
    Then the response matches the fixture

  @rfc9110-4.2.4 @should
  Scenario: An absolute-form target with userinfo is refused
    RFC 9110 §4.2.4: "Before making use of an "http" URI reference received from an untrusted source, a recipient SHOULD parse for userinfo and treat its presence as an error; it is likely being used to obscure the authority for the sake of phishing attacks." "http://user@host:port/" is answered 4xx; serving it is a warning.

    When the "rfc9112/request-target/absolute-form-with-userinfo" request is sent
    Then the response matches the fixture

  @rfc9112-3.2.3 @should
  Scenario Outline: Authority-form is refused on any method but CONNECT
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." §3.2.3: "The authority-form of request-target is only used for CONNECT requests." A 400 or a 301 passes; so does a 501 to a method the server does not implement at all (RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code."), which it may answer before it looks at the target.

    When the "rfc9112/request-target/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                | request line           |
      | authority-form-head    | HEAD host:port         |
      | authority-form-post    | POST host:port         |
      | authority-form-options | OPTIONS host:port      |

  @rfc9112-3.2.4 @should
  Scenario Outline: Asterisk-form is refused on any method but OPTIONS
    RFC 9112 §3: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded." §3.2.4: "The asterisk-form of request-target is only used for a server-wide OPTIONS request." A 400 or a 301 passes; so does a 501 to a method the server does not implement at all (RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code."), which it may answer before it looks at the target.

    When the "rfc9112/request-target/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture              | request line |
      | asterisk-form-head   | HEAD *       |
      | asterisk-form-post   | POST *       |
      | asterisk-form-delete | DELETE *     |

  @rfc9112-3.2.4 @must
  Scenario: OPTIONS * is a request of its own, with no body, and the GET after it is answered
    RFC 9112 §3.2.4: "The asterisk-form of request-target is only used for a server-wide OPTIONS request", and "OPTIONS * HTTP/1.1" with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3: "If this is a request message and none of the above are true, then the message body length is zero (no message body is present)."). Whatever the server answers, the GET written after it is answered 2xx.

    When the requests "rfc9112/request-target/options-asterisk" and "rfc9112/request-target/get-after-target" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9112-3.2.3 @may
  Scenario: CONNECT host:port to an origin server may be refused
    RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD. All other methods are OPTIONAL." "CONNECT host:port" (authority-form, RFC 9112 §3.2.3) is a valid request-line that an origin server which does not tunnel answers 405 or 501 (or 403); a server that tunnels may answer 2xx. A 400 refuses a valid request-line and only informs.

    When the "rfc9112/request-target/connect-authority-form" request is sent
    Then the response matches the fixture
