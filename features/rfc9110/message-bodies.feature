@rfc9110
Feature: Content where no method gives it meaning, and responses that have none (RFC 9110 §9.3, §8.6)
  A GET, HEAD, OPTIONS or DELETE may carry content that means nothing to it, but the content is
  framed like any other: the request ends where its Content-Length or its last chunk says, and
  the request written after it is answered as a request of its own. The server may serve the
  request as if it had none, or refuse it. A HEAD is answered as the GET would be, without the
  content: the same status, the same fields, and a Content-Length, if any, that counts the GET's
  content. A 204 has no content and says no length; a 2xx to OPTIONS without content says
  Content-Length: 0. features/rfc9110/methods.feature has the first HEAD cases.

  @rfc9110-9.3.1 @must
  Scenario Outline: Content in a GET is framed, and the request after it is answered
    RFC 9110 §9.3.1: "Although request message framing is independent of the method used, content received in a GET request has no generally defined semantics, cannot alter the meaning or target of the request, and might lead some implementations to reject the request and close the connection because of its potential as a request smuggling attack". The GET is served (2xx) or refused (4xx, and maybe a close); the content is never read as the next request: the GET written after it is answered 2xx, unless the server closed before it.

    When the requests "rfc9110/message-bodies/<fixture>" and "rfc9110/message-bodies/get-after-content" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                  | content framed by |
      | get-with-content-length  | Content-Length: 5 |
      | get-with-chunked-content | chunked           |

  @rfc9110-9.3.2 @must
  Scenario Outline: Content in a HEAD is framed, and the request after it is answered
    RFC 9110 §9.3.2: "Although request message framing is independent of the method used, content received in a HEAD request has no generally defined semantics, cannot alter the meaning or target of the request, and might lead some implementations to reject the request and close the connection because of its potential as a request smuggling attack". The HEAD is answered 2xx without content, or refused (4xx); the GET written after it is answered 2xx, unless the server closed before it.

    When the requests "rfc9110/message-bodies/<fixture>" and "rfc9110/message-bodies/get-after-content" are sent in one write
    Then the responses match their fixtures, in order

    Examples:
      | fixture                   | content framed by |
      | head-with-content-length  | Content-Length: 5 |
      | head-with-chunked-content | chunked           |

  @rfc9110-9.3.7 @must
  Scenario: Content in an OPTIONS is framed, and the request after it is answered
    RFC 9110 §9.3.7: "A client that generates an OPTIONS request containing content MUST send a valid Content-Type header field describing the representation media type. Note that this specification does not define any use for such content." The request does (text/plain, Content-Length: 5); whatever the answer (OPTIONS is optional: 2xx, 4xx or 501), the GET written after it is answered 2xx, unless the server closed before it.

    When the requests "rfc9110/message-bodies/options-with-content" and "rfc9110/message-bodies/get-after-content" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9110-9.3.5 @must
  Scenario: Content in a DELETE is framed, and the request after it is answered
    RFC 9110 §9.3.5: "Although request message framing is independent of the method used, content received in a DELETE request has no generally defined semantics, cannot alter the meaning or target of the request, and might lead some implementations to reject the request and close the connection because of its potential as a request smuggling attack". Whatever the answer (DELETE is optional: 2xx, 4xx or 501), the GET written after it is answered 2xx, unless the server closed before it.

    When the requests "rfc9110/message-bodies/delete-with-content" and "rfc9110/message-bodies/get-after-content" are sent in one write
    Then the responses match their fixtures, in order

  @rfc9110-9.3.2 @should
  Scenario Outline: HEAD sends the <field> GET sends
    RFC 9110 §9.3.2: "The server SHOULD send the same header fields in response to a HEAD request as it would have sent if the request method had been GET." GET and then HEAD of the target's GET path; the field is compared (absent in both is the same).

    When the "rfc9110/message-bodies/get-path" request is sent
    And the "rfc9110/message-bodies/head-path" request is sent
    Then the header "<field>" is the same as in the previous response

    Examples:
      | field         |
      | ETag          |
      | Last-Modified |
      | Accept-Ranges |
      | Cache-Control |
      | Vary          |

  @rfc9110-9.3.2 @should
  Scenario: HEAD of a missing path gets the status GET of it gets
    RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send content in the response." The keyword is for the content (judged in methods.feature); the status is the GET's by the same sentence without one, so a different status is a warning. A path the target does not have: a 404 on most targets, the same for both.

    When the "rfc9110/message-bodies/get-missing-path" request is sent
    And the "rfc9110/message-bodies/head-missing-path" request is sent
    Then the status is the same as in the previous response
    And the header "Content-Type" is the same as in the previous response

  @rfc9110-8.6 @must
  Scenario Outline: A Content-Length in a response to HEAD counts the content GET would get
    RFC 9110 §8.6: "A server MAY send a Content-Length header field in a response to a HEAD request (Section 9.3.2); a server MUST NOT send Content-Length in such a response unless its field value equals the decimal number of octets that would have been sent in the content of a response if the same request had used the GET method." GET, then HEAD of the same target; a HEAD response without Content-Length passes.

    When the "rfc9110/message-bodies/<get>" request is sent
    And the "rfc9110/message-bodies/<head>" request is sent
    Then if the response has a Content-Length, it is the length of the previous response's content
    And no bytes follow the response

    Examples:
      | get              | head              |
      | get-path         | head-path         |
      | get-missing-path | head-missing-path |

  @rfc9110-8.6 @must
  Scenario: A Content-Length in a 304 counts the content of the 200
    RFC 9110 §8.6: "A server MAY send a Content-Length header field in a 304 (Not Modified) response to a conditional GET request (Section 15.4.5); a server MUST NOT send Content-Length in such a response unless its field value equals the decimal number of octets that would have been sent in the content of a 200 (OK) response to the same request." GET of the target's GET path, then the same with "If-None-Match: *": a 304 (or a 200 from a server that does not evaluate it) whose Content-Length, if any, is the first 200's length.

    When the "rfc9110/message-bodies/get-path" request is sent
    And the "rfc9110/message-bodies/if-none-match-any" request is sent
    Then the response matches the fixture
    And if the response has a Content-Length, it is the length of the previous response's content

  @rfc9110-15.3.5 @must
  Scenario Outline: A 204 has neither content nor a length
    RFC 9110 §8.6: "A server MUST NOT send a Content-Length header field in any response with a status code of 1xx (Informational) or 204 (No Content)." RFC 9110 §15.3.5: "A 204 response is terminated by the end of the header section; it cannot contain content or trailers." Requests some servers answer 204; judged when the status is 204, and any other status leaves the rule unjudged. Nothing may follow the response's head either way.

    When the "rfc9110/message-bodies/<fixture>" request is sent
    Then if the status is 204, the response matches "rfc9110/message-bodies/no-content-204"
    And no bytes follow the response

    Examples:
      | fixture          | request               |
      | options-path     | OPTIONS of a GET path |
      | options-asterisk | OPTIONS *             |
      | delete-path      | DELETE of a GET path  |

  @rfc9110-9.3.7 @must
  Scenario Outline: A 2xx to OPTIONS without content says Content-Length: 0
    RFC 9110 §9.3.7: "A server MUST generate a Content-Length field with a value of "0" if no content is to be sent in the response." Judged on a 2xx other than 204 (which has no Content-Length at all, §8.6) that has no content; a response with content, or any other status, leaves the rule unjudged.

    When the "rfc9110/message-bodies/<fixture>" request is sent
    Then a 2xx response without content says Content-Length: 0

    Examples:
      | fixture          | request               |
      | options-path     | OPTIONS of a GET path |
      | options-asterisk | OPTIONS *             |
