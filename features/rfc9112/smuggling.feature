@rfc9112
Feature: Request smuggling: where one request ends and the next begins (RFC 9112 §5.1, §6, §7)
  A request is smuggled when a server reads a request's body by other rules than the sender
  meant, and the bytes it did not count as body are read as a request of their own. Every
  scenario here hides a whole request, GET /smuggled, where only a server that misreads the
  framing would find it: in a chunk, behind a Content-Length it ignored, in the content of a
  request it answered early. The oracle is what comes back on the wire: an extra response, or a
  response to GET /smuggled in the place of the GET pipelined behind, is a failure; a server may
  instead refuse a request, or close, wherever the RFC lets it. Requests are GETs of the target's
  GET path (or HEAD, OPTIONS, a method no server implements, or a missing path where that is the
  point), so every server is judged, and none is sent where it could store or change anything.

  @rfc9112-6.3 @must
  Scenario Outline: Transfer-Encoding: chunked however it is spelt frames the body, and nothing inside the body is answered
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present and the chunked transfer coding (Section 7.1) is the final encoding, the message body length is determined by reading and decoding the chunked data until the transfer coding indicates the data is complete." Each row spells the field or chunked another way the RFC allows (RFC 9110 §5.1: "Field names are case-insensitive."; RFC 9112 §7: "All transfer-coding names are case-insensitive"; optional whitespace and empty list elements are no part of the value), or adds a parameter to chunked. The chunk is GET /smuggled; the GET pipelined behind must be answered as itself, or not at all after a close. RFC 9110 §9.3.1 lets a server refuse a GET's content ("might lead some implementations to reject the request and close the connection"), so any status passes for the first request, and a 501 for a spelling it does not recognise as chunked is a refusal too.

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                | Transfer-Encoding field line   |
      | te-name-lower-case     | transfer-encoding: chunked     |
      | te-name-upper-case     | TRANSFER-ENCODING: chunked     |
      | te-value-upper-case    | Transfer-Encoding: CHUNKED     |
      | te-without-space       | Transfer-Encoding:chunked      |
      | te-tabs-around-value   | chunked between tabs           |
      | te-leading-empty-item  | Transfer-Encoding: , chunked   |
      | te-trailing-empty-item | Transfer-Encoding: chunked,    |
      | te-chunked-parameter   | Transfer-Encoding: chunked;q=1 |

  @rfc9112-6.1 @must
  Scenario Outline: Transfer-Encoding: chunked however it is spelt, with Content-Length too, is refused or framed by chunked alone, and the connection closed
    RFC 9112 §6.1: "A server MAY reject a request that contains both Content-Length and Transfer-Encoding or process such a request in accordance with the Transfer-Encoding alone. Regardless, the server MUST close the connection after responding to such a request to avoid the potential attacks." Content-Length: 4 counts only the chunk-size line, so a server that frames by it answers GET /smuggled before it closes, if it closes at all. Any status passes; the close, with nothing sent between the response and it, is the MUST. Both orders of the two fields.

    When the "rfc9112/smuggling/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                                      |
      | te-name-lower-case-before-content-length     |
      | te-name-lower-case-after-content-length      |
      | te-name-upper-case-before-content-length     |
      | te-name-upper-case-after-content-length      |
      | te-value-upper-case-before-content-length    |
      | te-value-upper-case-after-content-length     |
      | te-without-space-before-content-length       |
      | te-without-space-after-content-length        |
      | te-tabs-around-value-before-content-length   |
      | te-tabs-around-value-after-content-length    |
      | te-leading-empty-item-before-content-length  |
      | te-leading-empty-item-after-content-length   |
      | te-trailing-empty-item-before-content-length |
      | te-trailing-empty-item-after-content-length  |
      | te-chunked-parameter-before-content-length   |
      | te-chunked-parameter-after-content-length    |

  @rfc9112-6.3 @must
  Scenario Outline: A Transfer-Encoding that only looks like chunked is refused with 400, and the connection closed
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present in a request and the chunked transfer coding is not the final encoding, the message body length cannot be determined reliably; the server MUST respond with the 400 (Bad Request) status code and then close the connection." chunKed with a Kelvin sign is no chunked to an ASCII comparison, and a vertical tab or a form feed is no whitespace to HTTP (OWS is SP and HTAB), so none of these is chunked: alone, and before or after a Content-Length (Transfer-Encoding overrides it, RFC 9112 §6.3). A 501 is not the 400 this sentence asks for. Saying "close" in the 400 is a SHOULD (§9.6), judged as a warning.

    When the "rfc9112/smuggling/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                               |
      | te-kelvin-sign                        |
      | te-kelvin-sign-before-content-length  |
      | te-kelvin-sign-after-content-length   |
      | te-vertical-tab                       |
      | te-vertical-tab-before-content-length |
      | te-vertical-tab-after-content-length  |
      | te-form-feed                          |
      | te-form-feed-before-content-length    |
      | te-form-feed-after-content-length     |

  @rfc9112-5.1 @must
  Scenario Outline: Whitespace before the colon of a framing field is refused with 400, and nothing inside the body is answered
    RFC 9112 §5.1: "A server MUST reject, with a response status code of 400 (Bad Request), any received request message that contains whitespace between a header field name and colon." The body holds GET /smuggled, which a server that refused the request has no framing left to find; so after the 400 nothing more may come (the sentence does not ask for a close, and none is judged). Transfer-Encoding alone, before or after Content-Length: 4, and Content-Length itself.

    When the "rfc9112/smuggling/<fixture>" request is sent
    Then the response matches the fixture
    And no bytes follow the response

    Examples:
      | fixture                                     |
      | te-space-before-colon                       |
      | te-space-before-colon-before-content-length |
      | te-space-before-colon-after-content-length  |
      | te-tab-before-colon                         |
      | te-tab-before-colon-before-content-length   |
      | te-tab-before-colon-after-content-length    |
      | content-length-space-before-colon           |

  @rfc9112-6.3 @must
  Scenario Outline: A field named like a framing field with an underscore is just another field
    RFC 9112 §6.3: "If this is a request message and none of the above are true, then the message body length is zero (no message body is present)." The body's length comes from Transfer-Encoding and Content-Length, and from nothing else. Transfer_Encoding and Content_Length are fields of other names (a name is a token, and "_" is not "-"). Alone, the GET has no body and the GET behind is the next request, so both are answered (RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD."); beside the real other framing field, that field alone frames the body, and GET /smuggled, where only the look-alike would put it, is not answered (the first request may then be refused, as any GET with content).

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                                  |
      | te-underscore-name                       |
      | te-underscore-name-before-content-length |
      | te-underscore-name-after-content-length  |
      | content-length-underscore-name           |
      | content-length-underscore-name-before-te |
      | content-length-underscore-name-after-te  |

  @rfc9112-6.2 @must
  Scenario Outline: Content-Length however it is spelt frames the body, and nothing inside it is answered
    RFC 9112 §6.2: Content-Length gives "the anticipated size, as a decimal number of octets, for potential content". Each row spells the field another way the RFC allows (RFC 9110 §5.1: "Field names are case-insensitive."; optional whitespace is no part of the value); the 43 bytes it counts are GET /smuggled, which a server that missed the field answers. Any status passes for the first request (RFC 9110 §9.3.1 lets a server refuse a GET's content); the GET behind is answered as itself, or not at all after a close.

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                          | Content-Length field line |
      | content-length-name-lower-case   | content-length: 43        |
      | content-length-name-upper-case   | CONTENT-LENGTH: 43        |
      | content-length-without-space     | Content-Length:43         |
      | content-length-tabs-around-value | 43 between tabs           |

  @rfc9112-6.3 @must
  Scenario Outline: A Content-Length with a control character in it is refused with 400, and the connection closed
    RFC 9112 §6.3: "If the unrecoverable error is in a request message, the server MUST respond with a 400 (Bad Request) status code and then close the connection." A vertical tab or a form feed is no whitespace to HTTP, so "\x0b43" and "43\x0c" are not 1*DIGIT: an invalid Content-Length, the unrecoverable error. A server that strips them as whitespace reads 43 bytes, which is not the 400. Saying "close" in the 400 is a SHOULD (§9.6), judged as a warning.

    When the "rfc9112/smuggling/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                     |
      | content-length-vertical-tab |
      | content-length-form-feed    |

  @rfc9112-6 @must
  Scenario Outline: A body is framed on any method and any status, and a request inside it is never answered (CL.0, TE.0)
    RFC 9112 §6: "The presence of a message body in a request is signaled by a Content-Length or Transfer-Encoding header field. Request message framing is independent of method semantics." The body is GET /smuggled, framed by Content-Length or as one chunk, on methods and resources a server often answers without reading a body: GET, OPTIONS, a missing resource (404), a method it does not implement (405, 501). A server that answers and then reads the body as the next request answers GET /smuggled in the place of the GET behind. Any status passes for the first request; the GET behind is answered as itself, or not at all after a close.

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                                 |
      | get-with-content-length-body            |
      | get-with-chunked-body                   |
      | options-with-content-length-body        |
      | options-with-chunked-body               |
      | get-missing-with-content-length-body    |
      | get-missing-with-chunked-body           |
      | unknown-method-with-content-length-body |
      | unknown-method-with-chunked-body        |

  @rfc9112-6 @must
  Scenario Outline: A HEAD with a body is framed like any request, and the request inside the body is never answered
    RFC 9112 §6: "The presence of a message body in a request is signaled by a Content-Length or Transfer-Encoding header field. Request message framing is independent of method semantics." The HEAD's body is GET /smuggled, framed by Content-Length or as one chunk; a server that answers the HEAD and then reads its body as the next request answers GET /smuggled in the place of the GET behind. The HEAD's response is read without content, as RFC 9110 §9.3.2 has it ("The HEAD method is identical to GET except that the server MUST NOT send content in the response."): content sent anyway would be read as the next response, and fails too. Any status passes for the HEAD; the GET behind is answered as itself, or not at all after a close.

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                       |
      | head-with-content-length-body |
      | head-with-chunked-body        |

  @rfc9110-10.1.1 @must
  Scenario Outline: Expect: 100-continue answered early: the content that follows anyway is content, not a request
    RFC 9110 §10.1.1: "A client that sends a 100-continue expectation is not required to wait for any specific length of time; such a client MAY proceed to send the content even if it has not yet received a response." The head goes first and the content, GET /smuggled, 150 ms later, whatever the server said meanwhile. A server may send 100 and read the content, or send a final status at once and then close or read the content ("A server that responds with a final status code before reading the entire request content SHOULD indicate whether it intends to close the connection ... or continue reading the request content."; that indication is not judged). The content is still framed by its Content-Length or chunks (RFC 9112 §6: "Request message framing is independent of method semantics."), so answering GET /smuggled is the one wrong answer. Any final status passes.

    When the "rfc9112/smuggling/<fixture>" request is sent except its last <content bytes> bytes
    And the rest of the request is sent 150 ms later
    Then the response matches the fixture
    And no bytes follow the response

    Examples:
      | fixture                              | content bytes |
      | post-missing-expect-continue         | 43            |
      | unknown-method-expect-continue       | 43            |
      | get-expect-continue                  | 43            |
      | post-missing-expect-continue-chunked | 54            |

  @rfc9112-7.1.2 @must
  Scenario Outline: Framing fields in a chunked trailer do not reframe the message
    RFC 9112 §7.1.2: "A recipient MUST NOT merge a received trailer field into the header section unless its corresponding header field definition explicitly permits and instructs how the trailer field value can be safely merged." No definition lets Content-Length or Transfer-Encoding be merged: the message ends with its trailer section, and the GET pipelined behind is the next request. A server that took a trailer Content-Length: 1000 as framing swallows that GET and falls silent, the failure; one that answered early may refuse the trailer with a 400 in the GET's place before it closes, which passes (RFC 9112 §7.1.2 lets a recipient "selectively retain or discard" trailer fields, and nothing obliges it to serve a message that sends framing fields there).

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next-after-trailer" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                                      |
      | trailer-content-length                       |
      | trailer-transfer-encoding                    |
      | trailer-content-length-and-transfer-encoding |

  @rfc9112-6.3 @must
  Scenario Outline: Transfer-Encoding over two field lines is one list: chunked before another coding is refused with 400, and the connection closed
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present in a request and the chunked transfer coding is not the final encoding, the message body length cannot be determined reliably; the server MUST respond with the 400 (Bad Request) status code and then close the connection." Two field lines of one name are one field, their values a list in order (RFC 9110 §5.2), so chunked on the first line and another coding on the second is chunked before that coding; a server that reads the first line only frames the body as chunked. Saying "close" in the 400 is a SHOULD (§9.6), judged as a warning.

    When the "rfc9112/smuggling/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "rfc9112/connection/announces-close"
    And the server closes the connection after the response

    Examples:
      | fixture                        | field lines            |
      | te-lines-chunked-then-gzip     | chunked, then gzip     |
      | te-lines-chunked-then-identity | chunked, then identity |

  @rfc9112-6.3 @must
  Scenario Outline: Transfer-Encoding over two field lines with chunked last frames the body by chunked, and nothing inside it is answered
    RFC 9112 §6.3: "If a Transfer-Encoding header field is present and the chunked transfer coding (Section 7.1) is the final encoding, the message body length is determined by reading and decoding the chunked data until the transfer coding indicates the data is complete." Two field lines of one name are one list in order (RFC 9110 §5.2), and each list here ends in chunked: after identity (a coding the server may answer 501, RFC 9112 §6.1), after chunked (applied twice, which a sender must not do, so it may be refused), or before an empty value (an empty element, ignored). Any status passes for the first request; what is judged is that GET /smuggled, the chunk, is not answered, and the GET behind is answered as itself or not at all after a close.

    When the requests "rfc9112/smuggling/<fixture>" and "rfc9112/smuggling/get-next" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

    Examples:
      | fixture                        | field lines                  |
      | te-lines-identity-then-chunked | identity, then chunked       |
      | te-lines-chunked-twice         | chunked, then chunked        |
      | te-list-chunked-twice          | chunked, chunked on one line |
      | te-lines-chunked-then-empty    | chunked, then an empty value |
