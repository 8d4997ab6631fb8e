@rfc9112
Feature: The chunked transfer coding, byte by byte (RFC 9112 §7.1)
  A chunked body is a series of chunks, each a hexadecimal size, optional extensions, CRLF, the
  data and CRLF, then a last chunk of size zero, a trailer section and an empty line. Whatever
  the grammar allows is decoded; whatever it does not is a message the server cannot frame, so it
  refuses it and closes the connection. The valid spellings are judged by a GET written right
  after the body: a server that read the chunks otherwise sees other bytes where that GET begins,
  so it cannot answer it as a request of its own (n/a on a target without a path that takes a
  body). The malformed ones are sent as GET, whose answer does not depend on its content, so that
  any server can be judged. features/rfc9112/framing.feature has the first cases of each kind.

  @rfc9112-7.1 @must
  Scenario Outline: A chunk size in any valid spelling is decoded
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding." There "chunk-size = 1*HEXDIG" and "last-chunk = 1*("0") [ chunk-ext ] CRLF". The POST's answer may be any 2xx, or a 411 (a server may want Content-Length); then the GET written after the body is answered 2xx. A server may close after the POST's answer, and then only that answer is judged.

    Given the target takes a request body
    When the requests "rfc9112/chunked/<fixture>" and "rfc9112/chunked/get-after-chunked-body" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                             | chunk size  |
      | size-upper-case-hex                 | A           |
      | size-lower-case-hex                 | a           |
      | size-leading-zeros                  | 0005        |
      | size-twenty-digits-of-leading-zeros | 0…05        |
      | last-chunk-of-several-zeros         | 000 (last)  |

  @rfc9112-7.1.1 @must
  Scenario Outline: A chunk extension the grammar allows is ignored
    RFC 9112 §7.1.1: "A recipient MUST ignore unrecognized chunk extensions." The grammar is "chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )", with a token for the name and a token or quoted-string for the value. The POST's answer may be any 2xx, or a 411; then the GET written after the body is answered 2xx.

    Given the target takes a request body
    When the requests "rfc9112/chunked/<fixture>" and "rfc9112/chunked/get-after-chunked-body" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                            | chunk line                 |
      | extension-quoted-pair              | 5;name="a\"b\\c"           |
      | extension-with-bad-whitespace      | 5 ; name = value           |
      | several-extensions                 | 5;a=1;b="two";c            |
      | extension-of-every-token-character | 5;!#$%&'*+-.^_`\|~09AZaz=… |
      | extension-empty-quoted-value       | 5;name=""                  |

  @rfc9112-7.1.2 @must
  Scenario Outline: Trailer fields are read, and the request ends after them
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding", whose body ends "last-chunk trailer-section CRLF", with "trailer-section = *( field-line CRLF )" (§7.1.2). The recipient may keep or drop the fields; what is judged is that the GET written after the empty line is answered 2xx, as a request of its own.

    Given the target takes a request body
    When the requests "rfc9112/chunked/<fixture>" and "rfc9112/chunked/get-after-chunked-body" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                        | trailer section                   |
      | two-trailer-fields             | X-Checksum: 5d41402a, X-Other: 1  |
      | trailer-field-with-empty-value | X-Empty:                          |

  @rfc9112-2.2 @should
  Scenario Outline: Malformed chunked framing is answered 400, or after an early answer, and the connection closed
    RFC 9112 §2.2: "When a server listening only for HTTP request messages, or processing what appears from the start-line to be an HTTP request message, receives a sequence of octets that does not match the HTTP-message grammar aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) response and close the connection." The chunked grammar is RFC 9112 §7.1; the bare LF that §2.2 lets a recipient take as a line end is for the start-line and fields, not for the chunk lines. A server may answer the GET 2xx before it reads the body and meet the malformed chunk after its answer is out (and then answer 400): so a 400, or an early 2xx, then the close.

    When the "rfc9112/chunked/<fixture>" request is sent
    Then the response matches the fixture
    And if the status is 400, the response matches "rfc9112/connection/announces-close"
    And the server closes the connection

    Examples:
      | fixture                      | what is wrong                      |
      | extension-bare-semicolon     | 5;                                 |
      | extension-invalid-token      | 5;bad[=x                           |
      | extension-unterminated-quote | 5;name="abc                        |
      | extension-without-name       | 5;=value                           |
      | extension-without-value      | 5;name=                            |
      | size-line-ending-in-bare-lf  | 5 LF                               |
      | size-line-ending-in-bare-cr  | 5 CR                               |
      | data-ending-in-bare-lf       | hello LF                           |
      | data-ending-in-bare-cr       | hello CR                           |
      | last-chunk-ending-in-bare-lf | 0 LF                               |
      | trailer-line-without-colon   | a trailer line without a colon     |
      | trailer-name-not-a-token     | X[T]: 1                            |

  @rfc9112-7.1 @must
  Scenario Outline: A chunk size past any integer is never read as a small one
    RFC 9112 §7.1: "Recipients MUST anticipate potentially large hexadecimal numerals and prevent parsing errors due to integer conversion overflows or precision loss due to integer representation." Each size is 5 once it overflows an integer; a GET is written after "hello" and the last chunk. The size may be refused (400, 413, a close) or parsed exactly (an early 2xx, or nothing yet while the server waits for the chunk); a server that overflowed it answers the GET too, and that second 2xx fails. A 400 after an early 2xx is the server refusing the size, which is allowed.

    When the "rfc9112/chunked/<fixture>" request is sent
    Then the response matches the fixture
    And no 2xx response follows the response

    Examples:
      | fixture                                   | chunk size                        |
      | size-wrapping-to-five-in-32-bits          | 100000005                         |
      | size-wrapping-to-five-in-64-bits          | 10000000000000005                 |
      | size-wrapping-to-five-after-leading-zeros | 000000000000000010000000000000005 |

  @rfc9112-7.1 @must
  Scenario: A chunked body without its last chunk does not end at the next request
    RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding", and "chunked-body = *chunk last-chunk trailer-section CRLF": the body ends only at its last chunk. A GET written right after the chunk "hello", with no last chunk, stands where a chunk-size line must be: a 400, an early 2xx (and then the 400), or a close pass; a server that answers that GET as a request of its own (a second 2xx) fails.

    When the "rfc9112/chunked/missing-last-chunk" request is sent
    Then the response matches the fixture
    And no 2xx response follows the response
