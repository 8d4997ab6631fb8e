@rfc9112
Feature: Reading a request off the wire (RFC 9112 §2)
  A request is a sequence of octets: a request line, field lines, an empty line, and maybe a
  body. TCP delivers it in whatever pieces it likes, so the server reads incrementally and
  answers only once the message is complete. Line ends are CRLF, with a named leniency for a
  bare LF; anything that does not fit the grammar is refused with 400 and the connection closed.
  Every request here but the chunked POST (which needs the message store) is a GET / or no request
  at all, so any server that serves / can be judged;
  the bundled server's own choices are in bundled/message-parsing.

  @rfc9112-2.2 @must
  Scenario: A request split into one-byte segments is one request, answered once
    RFC 9112 §2.2: "A recipient MUST parse an HTTP message as a sequence of octets", however the octets are segmented.

    When the "rfc9112/message-parsing/get-root" request is sent in 1-byte fragments
    Then the response matches the fixture
    And the server answered only after the last byte of the request
    And no bytes follow the response

  @rfc9112-2.2 @must @timing
  Scenario: The server waits for the rest of a request head that stops halfway
    RFC 9112 §2.2: "A recipient MUST parse an HTTP message as a sequence of octets", so half a head is not yet a request.

    When only the first 10 bytes of the "rfc9112/message-parsing/get-root" request are sent
    Then the server sends nothing for 200 ms
    When the rest of the request is sent
    Then the response matches the fixture
    And the server answered only after the last byte of the request
    And no bytes follow the response

  @rfc9112-2.2 @must @timing
  Scenario: The first bytes, a pause, then the rest make one request
    RFC 9112 §2.2: "A recipient MUST parse an HTTP message as a sequence of octets", whatever pauses separate them.

    When the first 10 bytes of the "rfc9112/message-parsing/get-root" request are sent, then after 200 ms the rest
    Then the response matches the fixture
    And the server answered only after the last byte of the request
    And no bytes follow the response

  @rfc9112-2.2 @must
  Scenario: A chunked body in one-byte segments is decoded whole
    RFC 9112 §2.2: "A recipient MUST parse an HTTP message as a sequence of octets", the chunk lines and chunk data included.

    Given the target returns the request body
    When the "rfc9112/message-parsing/post-root-chunked" request is sent in 1-byte fragments
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9112-2.2 @should
  Scenario: Empty lines before the request line are ignored
    RFC 9112 §2.2: "a server that is expecting to receive and parse a request-line SHOULD ignore at least one empty line (CRLF) received prior to the request-line."

    When the "rfc9112/message-parsing/empty-lines-before-request-line" request is sent
    Then the response matches the fixture

  @rfc9112-2.2 @may
  Scenario: A bare LF may end a line as CRLF does
    RFC 9112 §2.2: "Although the line terminator for the start-line and fields is the sequence CRLF, a recipient MAY recognize a single LF as a line terminator and ignore any preceding CR." A MAY: it informs, it never fails; the bundled server's acceptance (SPEC §2.1) is pinned in bundled/message-parsing.

    When the "rfc9112/message-parsing/bare-lf-line-ends" request is sent
    Then the response matches the fixture

  @rfc9112-2.2 @must
  Scenario: A bare CR is not taken as a line end
    RFC 9112 §2.2: "A recipient of such a bare CR MUST consider that element to be invalid or replace each bare CR with SP before processing the element or forwarding the message." Either way the request line is malformed here: a 4xx or a close passes, a 2xx does not.

    When the "rfc9112/message-parsing/bare-cr" request is sent
    Then the response matches the fixture

  @rfc9112-2.2 @must
  Scenario: A whitespace-preceded line before the first field is refused or ignored
    RFC 9112 §2.2: "A recipient that receives whitespace between the start-line and the first header field MUST either reject the message as invalid or consume each whitespace-preceded line without further processing of it." A 4xx, a close, or GET / served all pass.

    When the "rfc9112/message-parsing/whitespace-before-first-field" request is sent
    Then the response matches the fixture

  @rfc9112-2.2 @should
  Scenario: Bytes that are no request line are answered 400, and the connection closed
    RFC 9112 §2.2: "When a server listening only for HTTP request messages, or processing what appears from the start-line to be an HTTP request message, receives a sequence of octets that does not match the HTTP-message grammar aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) response and close the connection."

    When the "rfc9112/message-parsing/not-a-request-line" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-2.3 @should
  Scenario Outline: A version that is not HTTP/DIGIT.DIGIT is refused, and the connection closed
    RFC 9112 §2.3: "HTTP-version = HTTP-name "/" DIGIT "." DIGIT" (the name case-sensitive), and for a request line outside the grammar §2.2 says "the server SHOULD respond with a 400 (Bad Request) response and close the connection."

    When the "rfc9112/message-parsing/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                 | version   |
      | version-lower-case      | http/1.1  |
      | version-two-digit-major | HTTP/11   |
      | version-two-digit-minor | HTTP/1.10 |
      | version-no-minor        | HTTP/1    |
