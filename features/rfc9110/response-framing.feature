@rfc9110
Feature: How every response ends, and what every response carries (RFC 9112 §6, RFC 9110 §15)
  Whatever it answers, a server says where its response ends: by Content-Length, by the chunked
  coding, or by closing the connection, never by two of them at once, and never chunked to an
  HTTP/1.0 client, who cannot read it. An HTTP/1.0 client gets no interim response either. A 405
  names the methods the target has, whatever method it refused, and every 2xx, 3xx and 4xx says
  when it was made. The requests are ones any target answers somehow (a GET, a missing path, a
  method it may refuse, a malformed field, another version, a range, a condition), so each rule
  is judged on whatever status comes back. features/rfc9110/responses.feature and methods.feature
  have the first Date and Allow cases.

  @rfc9112-6.3 @must
  Scenario Outline: Every response is framed by Content-Length, chunked coding or the close
    RFC 9112 §6.2: "A sender MUST NOT send a Content-Length header field in any message that contains a Transfer-Encoding header field." By RFC 9112 §6.3 a response is then framed by its chunked coding, by its one Content-Length, or, with neither, by the close of the connection, which the server must then make. So: one valid Content-Length, or chunked, or the close; no byte beyond the end it marks; and an answer that ends within 2 s.

    When the "rfc9110/response-framing/<fixture>" request is sent
    Then the response matches the fixture
    And the response is framed by Content-Length, chunked coding or the close
    And no bytes follow the response

    Examples:
      | fixture               | request                       |
      | get-path              | GET of the GET path           |
      | get-missing-path      | GET of a missing path         |
      | head-path             | HEAD of the GET path          |
      | options-path          | OPTIONS of the GET path       |
      | post-path             | POST of five octets           |
      | put-path              | PUT of five octets            |
      | unknown-method        | WIRECHECK, an unknown method  |
      | malformed-field-line  | a field line with no colon    |
      | version-not-supported | HTTP/3.0                      |
      | range-first-byte      | Range: bytes=0-0              |

  @rfc9112-6.1 @must
  Scenario Outline: A response to an HTTP/1.0 request is never chunked
    RFC 9112 §6.1: "A server MUST NOT send a response containing Transfer-Encoding unless the corresponding request indicates HTTP/1.1 (or later minor revisions)." Any status; the response is framed by Content-Length or by the close.

    When the "rfc9110/response-framing/<fixture>" request is sent
    Then the response matches the fixture
    And the response is framed by Content-Length, chunked coding or the close

    Examples:
      | fixture                 | request                           |
      | http10-get-path         | GET of the GET path               |
      | http10-get-missing-path | GET of a missing path             |
      | http10-keep-alive-get   | GET with Connection: keep-alive   |

  @rfc9110-15.5.6 @must
  Scenario Outline: A 405 carries Allow, whatever the method it refuses
    RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods." Judged when the method is answered 405, on any target; any list is accepted, and any other status leaves the rule unjudged.

    When the "rfc9110/response-framing/<fixture>" request is sent
    Then if the status is 405, the response matches "rfc9110/methods/allow-on-405"

    Examples:
      | fixture           | request                      |
      | post-path         | POST of five octets          |
      | delete-path       | DELETE of the GET path       |
      | options-path      | OPTIONS of the GET path      |
      | unknown-method    | WIRECHECK, an unknown method |
      | connect-authority | CONNECT host:port            |

  @rfc9110-15.2 @must
  Scenario Outline: An HTTP/1.0 client gets no interim response
    RFC 9110 §15.2: "Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT send a 1xx response to an HTTP/1.0 client." Each request expects 100-continue (which RFC 9110 §10.1.1 has an HTTP/1.0 server ignore); any final status passes, with no 1xx before it. features/rfc9110/expect.feature has the plain HTTP/1.0 POST.

    When the "rfc9110/response-framing/<fixture>" request is sent
    Then the response matches the fixture
    And no interim response came before the response

    Examples:
      | fixture                       | request                                  |
      | http10-keep-alive-post-expect | POST with Connection: keep-alive         |
      | http10-put-expect             | PUT                                      |
      | http10-post-expect-any-case   | POST expecting 100-Continue              |
      | http10-get-expect             | GET, with no content                     |

  @rfc9110-6.6.1 @must
  Scenario Outline: A 2xx, 3xx or 4xx to any request carries a Date in IMF-fixdate format
    RFC 9110 §6.6.1: "An origin server with a clock ... MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses". The format is IMF-fixdate (RFC 9110 §5.6.7: "A sender MUST generate timestamps in the IMF-fixdate format"). Requests whose answers responses.feature does not see (a HEAD, an OPTIONS, a refused method, HTTP/1.0, a 206 or a 304 where the target serves them); a 5xx leaves the rule unjudged.

    When the "rfc9110/response-framing/<fixture>" request is sent
    Then unless the status is 5xx, the response matches "rfc9110/response-framing/carries-date"

    Examples:
      | fixture          | request                      |
      | head-path        | HEAD of the GET path         |
      | options-path     | OPTIONS of the GET path      |
      | options-asterisk | OPTIONS *                    |
      | post-path        | POST of five octets          |
      | unknown-method   | WIRECHECK, an unknown method |
      | http10-get-path  | HTTP/1.0 GET of the GET path |
      | range-first-byte | Range: bytes=0-0             |
      | conditional-any  | If-None-Match: *             |
