@rfc9112
Feature: Where a request body ends (RFC 9112 §6 and §7)
  A request body is framed by Content-Length or by the chunked transfer coding, and by nothing
  else: without either there is no body. When the framing is ambiguous or malformed, the server
  cannot know where the next request begins, so it answers 400 (or 501 for a coding it does not
  know) and closes the connection. Every response carries its own Content-Length, so a client
  can always find where it ends.

  Background:
    Given the message store is empty

  @rfc9112-6.2 @must
  Scenario: Content-Length frames the body, and what follows is the next request
    RFC 9112 §6.2: "a Content-Length header field ... provides the anticipated size, as a decimal number of octets, for potential content."

    When the requests "rfc9112/framing/post-content-length" and "rfc9112/framing/get-root-lists-hello" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-6.3 @must
  Scenario: A request with neither Content-Length nor Transfer-Encoding has no body
    RFC 9112 §6.3: "If this is a request message and none of the above are true, then the message body length is zero (no message body is present)."

    When the requests "rfc9112/framing/post-without-length" and "rfc9112/framing/get-root-empty" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9112-6.2 @must @timing
  Scenario: The server waits for the whole body before it answers
    RFC 9112 §6.2: Content-Length gives "the anticipated size, as a decimal number of octets, for potential content", and the request is not complete before that many have arrived.

    When the "rfc9112/framing/post-root-body-later" request is sent except its last 16 bytes
    Then the server sends nothing for 200 ms
    When the rest of the request is sent
    Then the response matches the fixture
    And the server answered only after the last byte of the request
    And no bytes follow the response

  @rfc9112-7.1 @must
  Scenario: A chunked body is decoded
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding."

    When the "rfc9112/framing/post-chunked" request is sent
    Then the response matches the fixture

  @rfc9112-7.1.1 @must
  Scenario: Chunk extensions are ignored
    RFC 9112 §7.1.1: "A recipient MUST ignore unrecognized chunk extensions."

    When the "rfc9112/framing/chunk-extensions" request is sent
    Then the response matches the fixture

  @rfc9112-7.1.2 @must
  Scenario: A trailer section after the last chunk is read and dropped
    RFC 9112 §7.1.2: "A recipient that removes the chunked coding from a message MAY selectively retain or discard the received trailer fields."

    When the "rfc9112/framing/chunked-trailer" request is sent
    Then the response matches the fixture

  @rfc9112-7 @must
  Scenario: Transfer coding names are case-insensitive
    RFC 9112 §7: "All transfer-coding names are case-insensitive."

    When the "rfc9112/framing/chunked-any-case" request is sent
    Then the response matches the fixture

  @rfc9112-6.3 @must
  Scenario: Content-Length with Transfer-Encoding is refused, and the connection closed
    RFC 9112 §6.3: "A server MAY reject a request that contains both Content-Length and Transfer-Encoding ... Regardless, the server MUST close the connection after responding to such a request."

    When the "rfc9112/framing/content-length-and-transfer-encoding" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-6.3 @must
  Scenario Outline: An invalid Content-Length is refused, and the connection closed
    RFC 9112 §6.3: "If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad Request) status code and then close the connection."

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                             | value                  |
      | content-length-plus-sign            | +5                     |
      | content-length-hex                  | 0x5                    |
      | content-length-negative             | -1                     |
      | content-length-underscore           | 1_0                    |
      | content-length-empty                | (empty)                |
      | content-length-two-numbers          | 5 5                    |
      | content-length-sixteen-digits       | 1000000000000000       |
      | content-length-list-of-different    | 5, 6                   |
      | content-length-two-different-fields | 5 and 6, in two fields |

  @rfc9112-7.1 @must
  Scenario Outline: A malformed chunk is refused, and the connection closed
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding", and a chunk outside its grammar cannot be framed.

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
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

  @rfc9112-7.1 @must
  Scenario: A chunk size too large for any integer is refused, and the connection closed
    RFC 9112 §7.1: "Recipients MUST anticipate potentially large hexadecimal numerals and prevent parsing errors due to integer conversion overflows or precision loss due to integer representation."

    When the "rfc9112/framing/chunk-size-overflow" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-6.1 @should
  Scenario Outline: A transfer coding other than chunked is not implemented
    RFC 9112 §6.1: "A server that receives a request message with a transfer coding it does not understand SHOULD respond with 501 (Not Implemented)."

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                           |
      | transfer-coding-gzip              |
      | transfer-coding-gzip-then-chunked |

  @rfc9112-6.3 @must
  Scenario Outline: Chunked that is not the final coding is refused, and the connection closed
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present in a request and the chunked transfer coding is not the final encoding, ... the server MUST respond with the 400 (Bad Request) status code and then close the connection."

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture          |
      | chunked-then-gzip |
      | chunked-twice    |

  @rfc9112-6.1 @should
  Scenario: An empty Transfer-Encoding is refused, and the connection closed
    RFC 9112 §6.1: "Transfer-Encoding = #transfer-coding" lists the codings applied, and an empty list frames nothing.

    When the "rfc9112/framing/transfer-encoding-empty" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-6.1 @must
  Scenario: Transfer-Encoding in an HTTP/1.0 request is refused, and the connection closed
    RFC 9112 §6.1: "A server or client that receives an HTTP/1.0 message containing a Transfer-Encoding header field MUST treat the message as if the framing is faulty ... and close the connection after processing the message."

    When the "rfc9112/framing/transfer-encoding-in-http10" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-9.3 @must
  Scenario Outline: Every response carries its own length
    RFC 9112 §9.3: "In order to remain persistent, all messages on a connection need to have a self-defined message length."

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture       |
      | length-of-200 |
      | length-of-404 |
      | length-of-405 |
      | length-of-400 |
