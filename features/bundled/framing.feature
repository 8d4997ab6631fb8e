@bundled
Feature: The bundled server's framing choices (SPEC §2.1)
  Where RFC 9112 §6 and §7 allow a server several answers, the bundled server makes one choice,
  written in SPEC §2.1 and docs/behaviour.md. These scenarios pin those choices; they are not RFC
  rules and are judged on the bundled server only (the RFC rules are in rfc9112/framing).

  @rfc9112-6.3 @must
  Scenario Outline: An invalid Content-Length is 400 with Connection: close and a Content-Length, then close
    SPEC §2.1: "Invalid or conflicting Content-Length values, or a malformed chunk: 400, then close." Sixteen digits are refused too (docs/behaviour.md: "More than 15 digits is 400"), where RFC 9110 §8.6 would allow 413 or waiting; duplicates are refused even when equal (docs/behaviour.md).

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

    Examples:
      | fixture                             |
      | content-length-plus-sign            |
      | content-length-hex                  |
      | content-length-negative             |
      | content-length-underscore           |
      | content-length-empty                |
      | content-length-two-numbers          |
      | content-length-sixteen-digits       |
      | content-length-list-of-different    |
      | content-length-two-different-fields |

  @rfc9112-6.1 @must
  Scenario: Content-Length with Transfer-Encoding is 400, then close
    SPEC §2.1: "Both Content-Length and Transfer-Encoding, or Transfer-Encoding in an HTTP/1.0 request: 400, then close." RFC 9112 §6.1 would also let the server process the request by Transfer-Encoding alone; the bundled server rejects it (docs/behaviour.md).

    When the "rfc9112/framing/content-length-and-transfer-encoding" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

  @rfc9112-6.1 @must
  Scenario: Transfer-Encoding in an HTTP/1.0 request is 400, then close
    SPEC §2.1: "Both Content-Length and Transfer-Encoding, or Transfer-Encoding in an HTTP/1.0 request: 400, then close." RFC 9112 §6.1 asks only that the framing be treated as faulty and the connection closed; the status is the bundled server's choice.

    When the "rfc9112/framing/transfer-encoding-in-http10" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

  @rfc9112-7.1 @must
  Scenario Outline: A malformed chunk, or chunked not last, is 400 with Connection: close, then close
    SPEC §2.1: "Invalid or conflicting Content-Length values, or a malformed chunk: 400, then close." RFC 9112 §2.2 says this at SHOULD level; the bundled server makes it a rule (docs/behaviour.md, "Chunked coding").

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

    Examples:
      | fixture                      |
      | chunk-size-hex-prefix        |
      | chunk-size-plus-sign         |
      | chunk-size-not-hex           |
      | chunk-size-missing           |
      | chunk-size-trailing-space    |
      | chunk-data-longer-than-size  |
      | chunk-data-without-crlf      |
      | chunk-extension-control-byte |
      | chunked-then-gzip            |
      | transfer-encoding-empty      |

  @rfc9112-7 @must
  Scenario: chunked applied twice is 400 with Connection: close, then close
    SPEC §2.1: "`chunked` anywhere but last ... `400`" (docs/behaviour.md, "Transfer codings": `chunked, chunked` is refused). RFC 9112 §7: "A sender MUST NOT apply the chunked transfer coding more than once to a message body"; the bundled server refuses such a request rather than guess.

    When the "rfc9112/smuggling/te-list-chunked-twice" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

  @rfc9112-7.1.1 @must
  Scenario Outline: A chunk extension outside RFC 9112 §7.1.1's grammar is 400 with Connection: close, then close
    SPEC §2.1: "A chunk extension must be `;` token [`=` token / quoted-string]: a bare `;` or an invalid token is `400`, then close." RFC 9112 §7.1.1 gives the grammar (chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )) and §2.2 says a message that does not match it SHOULD get 400 and a close; the bundled server makes it a rule (docs/behaviour.md, "Chunked coding").

    When the "bundled/framing/<fixture>" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

    Examples:
      | fixture                                |
      | chunk-extension-bare-semicolon         |
      | chunk-extension-invalid-name           |
      | chunk-extension-missing-value          |
      | chunk-extension-unterminated-quote     |
      | chunk-extension-control-byte-in-quotes |

  @rfc9112-7.1.1 @must
  Scenario: Chunk extensions in the grammar, token and quoted-string values alike, are ignored
    SPEC §2.1: a chunk extension is `;` token [`=` token / quoted-string]; RFC 9112 §7.1.1: "A recipient MUST ignore unrecognized chunk extensions." Whitespace around `;` and `=`, a name alone, a quoted-string with `;`, spaces and quoted-pairs: the body is stored as sent.

    Given the message store is empty
    When the "bundled/framing/chunk-extensions-valid" request is sent
    Then the response matches the fixture
    And the connection stays open

  @rfc9112-7.1 @must
  Scenario Outline: A line of chunked framing that ends in LF or CR alone is 400 with Connection: close, then close
    SPEC §2.1: "A bare LF is accepted as a line end in the request line and the header section only; inside chunked framing (chunk-size lines, the CRLF after chunk data, the last chunk, trailers) only CRLF is accepted, anything else is `400`, then close." RFC 9112 §2.2 lets a recipient take LF alone as a line end (a MAY); the bundled server does so in the head only (docs/behaviour.md, "Bare LF").

    When the "bundled/framing/<fixture>" request is sent
    Then the response matches "bundled/framing/protocol-error-400"
    And the server closes the connection after the response

    Examples:
      | fixture                 |
      | chunk-size-line-bare-lf |
      | chunk-data-bare-lf      |
      | chunk-data-bare-cr      |
      | last-chunk-bare-lf      |
      | trailer-bare-lf         |
      | final-line-bare-lf      |

  @rfc9112-7.1 @must
  Scenario: A chunk size one too large lets no request behind it through
    SPEC §2.1: only CRLF ends a line inside chunked framing, "anything else is `400`, then close". Size 6 over "hello" takes the CR after the data as data, and the LF left over is no CRLF: the 400 comes, the connection closes, and the POST sent behind it in the same write is neither answered nor stored (RFC 9112 §11.2: request smuggling).

    Given the message store is empty
    When the requests "bundled/framing/chunk-size-one-too-large" and "bundled/framing/post-smuggled" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    Given a new connection
    When the "bundled/framing/get-root-nothing-stored" request is sent
    Then the response matches the fixture

  @rfc9112-7.1 @must
  Scenario: A chunk size too large for any integer is 413, then close
    SPEC §2.4: "Body over 1 MiB: 413, then close", and an 18-digit chunk size announces one (docs/behaviour.md, "Chunked coding"). RFC 9112 §7.1 asks only that the size not overflow.

    When the "rfc9112/framing/chunk-size-overflow" request is sent
    Then the response matches "bundled/framing/chunk-size-overflow-413"
    And the server closes the connection after the response

  @rfc9112-6.1 @must
  Scenario: A coding other than chunked, before chunked, is 501, then close
    SPEC §2.1: "chunked last with a coding before it that the server does not implement (gzip, chunked): 501", and docs/behaviour.md: "A 501 also closes the connection". RFC 9112 §6.1 asks for 501 at SHOULD level and no close.

    When the "rfc9112/framing/transfer-coding-gzip-then-chunked" request is sent
    Then the response matches "bundled/framing/unsupported-coding-501"
    And the server closes the connection after the response

  @rfc9112-6.3 @must
  Scenario: A POST / with no length is the empty message, refused with 400, and the connection kept
    SPEC §2.2: "POST / with an empty body: 400, body HTTP POST Method (Failed)\n\n, nothing stored"; docs/behaviour.md: this is a routing answer, so the connection stays open (RFC 9112 §6.3 step 7: no length means no body).

    Given the message store is empty
    When the requests "bundled/framing/post-without-length" and "bundled/framing/get-root-empty" are sent in one write
    Then the responses match their fixtures, in order
    And the connection stays open

  @rfc9112-6.3 @must
  Scenario Outline: Every response carries Content-Length
    SPEC §2.1: "Every response has Content-Length (HEAD: the length GET would have had, no body)." RFC 9112 §6.3 would let a response before a close be framed by the close alone; the bundled server never does that.

    When the "bundled/framing/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture       |
      | length-of-200 |
      | length-of-404 |
      | length-of-405 |
      | length-of-400 |
