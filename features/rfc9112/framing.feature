@rfc9112
Feature: Where a request body ends (RFC 9112 §6 and §7)
  A request body is framed by Content-Length or by the chunked transfer coding, and by nothing
  else: without either there is no body. When the framing is ambiguous or malformed, the server
  cannot know where the next request begins, so it refuses the request and closes the connection.
  The refusals are sent as GET / so that they can be judged on any server that serves /: only the
  framing can make such a request an error. Scenarios whose oracle is the body as the server read
  it run only where the target returns it (a declared echo, or the message store's POST /).

  @rfc9112-6.2 @must
  Scenario: Content-Length frames the body, and what follows is the next request
    RFC 9112 §6.2: "a Content-Length header field ... provides the anticipated size, as a decimal number of octets, for potential content." The body echo is the oracle: the POST's answer holds "hello", and the GET behind it is answered as a request of its own (a server that read more or fewer bytes would break it).

    Given the target returns the request body
    When the requests "rfc9112/framing/post-content-length" and "rfc9112/framing/get-root-after-body" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-6.3 @must
  Scenario: A request with neither Content-Length nor Transfer-Encoding has no body
    RFC 9112 §6.3: "If this is a request message and none of the above are true, then the message body length is zero (no message body is present)." Any answer to the empty POST passes, as long as the GET after it is read as a request of its own, with a 2xx.

    When the requests "rfc9112/framing/post-without-length" and "rfc9112/framing/get-after-bodiless-post" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9112-6.2 @must @timing
  Scenario: The server waits for the whole body before it answers
    RFC 9112 §6.2: Content-Length gives "the anticipated size, as a decimal number of octets, for potential content", and the request is not complete before that many have arrived. The body echo is the oracle: its answer holds the 16 bytes, the last of which came in a write of their own. (Whether anything is sent before them is not judged: the RFC does not forbid an answer that starts early.)

    Given the target returns the request body
    When the "rfc9112/framing/post-root-body-later" request is sent except its last 16 bytes
    And the rest of the request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9112-7.1 @must
  Scenario: A chunked body is decoded
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding."

    Given the target returns the request body
    When the "rfc9112/framing/post-chunked" request is sent
    Then the response matches the fixture

  @rfc9112-7.1.1 @must
  Scenario: Chunk extensions are ignored
    RFC 9112 §7.1.1: "A recipient MUST ignore unrecognized chunk extensions."

    Given the target returns the request body
    When the "rfc9112/framing/chunk-extensions" request is sent
    Then the response matches the fixture

  @rfc9112-7.1 @must
  Scenario: A trailer section after the last chunk is read, and the body is the chunks' data
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding", whose grammar ends with "trailer-section CRLF"; §7.1.2 lets the recipient keep or discard the trailer fields ("MAY selectively retain or discard"), so only the body is judged.

    Given the target returns the request body
    When the "rfc9112/framing/chunked-trailer" request is sent
    Then the response matches the fixture

  @rfc9112-7 @must
  Scenario: Transfer coding names are case-insensitive
    RFC 9112 §7: "All transfer-coding names are case-insensitive", so "Chunked" is the chunked coding, which "A recipient MUST be able to parse and decode" (§7.1).

    Given the target returns the request body
    When the "rfc9112/framing/chunked-any-case" request is sent
    Then the response matches the fixture

  @rfc9112-6.1 @must
  Scenario: Content-Length with Transfer-Encoding is refused or framed by chunked alone, and the connection closed
    RFC 9112 §6.1: "A server MAY reject a request that contains both Content-Length and Transfer-Encoding or process such a request in accordance with the Transfer-Encoding alone. Regardless, the server MUST close the connection after responding to such a request to avoid the potential attacks." A 4xx or a 2xx to GET / both pass; the close is the MUST, and saying "close" first a SHOULD (§9.6).

    When the "rfc9112/framing/content-length-and-transfer-encoding" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-6.3 @must
  Scenario Outline: An invalid Content-Length is refused with 400, and the connection closed
    RFC 9112 §6.3: "If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad Request) status code and then close the connection." Saying "close" in the 400 is a SHOULD (§9.6), judged as a warning.

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                             | value                  |
      | content-length-plus-sign            | +5                     |
      | content-length-hex                  | 0x5                    |
      | content-length-negative             | -1                     |
      | content-length-underscore           | 1_0                    |
      | content-length-empty                | (empty)                |
      | content-length-two-numbers          | 5 5                    |
      | content-length-list-of-different    | 5, 6                   |
      | content-length-two-different-fields | 5 and 6, in two fields |

  @rfc9110-8.6 @must
  Scenario: A Content-Length too large for any body is refused or awaited, never misread
    RFC 9110 §8.6: "Recipients MUST anticipate potentially large decimal numerals and prevent parsing errors due to integer conversion overflows or precision loss due to integer representation." 1000000000000000 may get 400, 413 or a close, or an early 2xx to GET / while the server waits for the body; the 5 bytes sent after the head must not be answered as a request.

    When the "rfc9112/framing/content-length-sixteen-digits" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9112-2.2 @should
  Scenario Outline: A malformed chunk is answered 400, or after an early answer, and the connection closed
    RFC 9112 §2.2: "When a server listening only for HTTP request messages, or processing what appears from the start-line to be an HTTP request message, receives a sequence of octets that does not match the HTTP-message grammar aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) response and close the connection." The chunked grammar is RFC 9112 §7.1. The request is a GET, whose answer does not depend on its content: a server may answer it 2xx before it reads the body, and then meets the malformed chunk after its answer is out; what it should do then is answer 400 and close, which is what a 400 after the early answer is. So a 400, or an early 2xx (and maybe its 400), then the close. The bundled server's 400 and close (SPEC §2.1) are pinned at MUST in bundled/framing.

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And if the status is 400, the response matches "rfc9112/connection/announces-close"
    And the server closes the connection

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
  Scenario: A chunk size too large for any integer is refused or parsed exactly, never overflowed
    RFC 9112 §7.1: "Recipients MUST anticipate potentially large hexadecimal numerals and prevent parsing errors due to integer conversion overflows or precision loss due to integer representation." An 18-digit size may get 400, 413 or a close, or an early 2xx to GET / while the server waits for the chunk; the bytes after the size line must not be answered as a request.

    When the "rfc9112/framing/chunk-size-overflow" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9112-6.1 @should
  Scenario: A transfer coding the server does not implement, before chunked, is answered 501
    RFC 9112 §6.1: "A server that receives a request message with a transfer coding it does not understand SHOULD respond with 501 (Not Implemented)."

    When the "rfc9112/framing/transfer-coding-gzip-then-chunked" request is sent
    Then the response matches the fixture

  @rfc9112-6.3 @must
  Scenario Outline: Transfer-Encoding without chunked as its final coding is refused with 400, and the connection closed
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present in a request and the chunked transfer coding is not the final encoding, the message body length cannot be determined reliably; the server MUST respond with the 400 (Bad Request) status code and then close the connection." This includes a coding alone (gzip) and an empty list; saying "close" in the 400 is a SHOULD (§9.6).

    When the "rfc9112/framing/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                 | Transfer-Encoding |
      | chunked-then-gzip       | chunked, gzip     |
      | transfer-coding-gzip    | gzip              |
      | transfer-encoding-empty | (empty)           |

  @rfc9112-6.1 @must
  Scenario: Transfer-Encoding in an HTTP/1.0 request makes the server close the connection
    RFC 9112 §6.1: "A server or client that receives an HTTP/1.0 message containing a Transfer-Encoding header field MUST treat the message as if the framing is faulty, even if a Content-Length is present, and close the connection after processing the message." The request asks for keep-alive; any 2xx or 4xx passes, the close is the MUST.

    When the "rfc9112/framing/transfer-encoding-in-http10" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response
