@robustness
Feature: Hostile input (RFC 9112 §2.2, RFC 9110 §2.3)
  Bytes that are no HTTP at all get a 400 and a close (or the close alone), and a client that
  vanishes halfway is forgotten: in each case the next connection is served as if nothing had
  happened. Only `GET /` with any 2xx is asked of the server, so these run on any target.

  @rfc9112-2.2 @should
  Scenario Outline: Bytes that are no HTTP get 400 or a close, and the server lives on
    RFC 9112 §2.2: "When a server listening only for HTTP request messages ... receives a sequence of octets that does not match the HTTP-message grammar ..., the server SHOULD respond with a 400 (Bad Request) response and close the connection." A close without the 400 is accepted too: a server cannot always tell such bytes from a request still arriving.

    When the "robustness/hostile-input/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection
    Given a new connection
    When the "robustness/hostile-input/get-root" request is sent
    Then the response matches the fixture

    Examples:
      | fixture          |
      | tls-client-hello |
      | nul-bytes        |

  @rfc9112-9.5 @should
  Scenario: A client that vanishes halfway through a request does not disturb the server
    RFC 9110 §2.3: "A recipient SHOULD parse a received protocol element defensively, with only marginal expectations that the element will conform to its ABNF grammar and fit within a reasonable buffer size." A request cut off by the client's close is such an element, and RFC 9112 §9.5 says "A client, server, or proxy MAY close the transport connection at any time": the server serves the next connection.

    When only the first 20 bytes of the "robustness/hostile-input/get-root" request are sent
    Given a new connection
    When the "robustness/hostile-input/get-root" request is sent
    Then the response matches the fixture
