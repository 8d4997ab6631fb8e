@rfc9110
Feature: Byte ranges (RFC 9110 §14)
  A GET may ask for parts of a representation with Range; a server that serves them answers 206
  (Partial Content) with the bytes asked, and a server may as well ignore Range and send all of it
  (200). The rules are judged where the target serves byte ranges of its GET path (a probe: a GET
  with "Range: bytes=0-0" gets 206), and n/a elsewhere. Each answer is compared with the
  representation the probe got: a 200 must be all of it, a 206 exactly the bytes its
  Content-Range (or each multipart/byteranges part) names, covering every byte asked.

  @rfc9110-14.2 @may
  Scenario: A GET with a satisfiable Range may be answered 206
    RFC 9110 §14.2: "A server MAY ignore the Range header field." bytes=0-4 of the GET path: a 206 shows the target serves ranges, a 200 that it does not; only informed. The scenarios below judge the ranges where it serves them.

    When the "rfc9110/ranges/range-may-be-served" request is sent
    Then the response matches the fixture

  @rfc9110-15.3.7 @must
  Scenario Outline: A 206 holds exactly the bytes asked: <ranges>
    RFC 9110 §15.3.7: "If a single part is being transferred, the server generating the 206 response MUST generate a Content-Range header field, describing what range of the selected representation is enclosed, and a content consisting of the range." Several parts are a multipart/byteranges, each with its own Content-Range; "a server MAY coalesce any of the ranges that overlap, or that are separated by a gap that is smaller than the overhead of sending multiple parts, regardless of the order in which the corresponding range-spec appeared in the received Range header field." A 200 with all of the content passes too (a server MAY ignore Range, §14.2).

    Given the target serves byte ranges
    When the "rfc9110/ranges/<fixture>" request is sent
    Then the response matches the fixture
    And the content is the requested range of the representation, or all of it

    Examples:
      | ranges                          | fixture                    |
      | the first five bytes            | first-five-bytes           |
      | the first byte                  | first-byte                 |
      | the last five bytes             | last-five-bytes            |
      | from the second byte on         | from-second-byte           |
      | a last position past the end    | past-the-end               |
      | a suffix longer than the content | suffix-longer-than-content |
      | two ranges with a gap           | two-ranges                 |
      | two ranges, a space after the comma | two-ranges-with-spaces |
      | two overlapping ranges          | overlapping-ranges         |
      | two ranges in descending order  | descending-ranges          |

  @rfc9110-14.2 @should
  Scenario: A range that begins past the end is answered 416
    RFC 9110 §14.2: where the server supports Range for the target resource and the ranges asked are unsatisfiable, "the server SHOULD send a 416 (Range Not Satisfiable) response." bytes=99999999- begins past the end of the GET path's content.

    Given the target serves byte ranges
    When the "rfc9110/ranges/unsatisfiable" request is sent
    Then the response matches the fixture

  @rfc9110-14.4 @should
  Scenario: A 416 names the representation's length in Content-Range
    RFC 9110 §14.4: "A server generating a 416 (Range Not Satisfiable) response to a byte-range request SHOULD send a Content-Range header field with an unsatisfied-range value". Judged when the answer is 416: "bytes */" and the length.

    Given the target serves byte ranges
    When the "rfc9110/ranges/unsatisfiable" request is sent
    Then if the status is 416, the response matches "rfc9110/ranges/unsatisfied-range"

  @rfc9110-14.2 @may
  Scenario Outline: An invalid range may be ignored or refused, never served: <ranges>
    RFC 9110 §14.2: "A server that supports range requests MAY ignore or reject a Range header field that contains an invalid ranges-specifier". Ignored, it is a 200 with all of the content; rejected, a 416. A 206 would serve a range never validly asked.

    Given the target serves byte ranges
    When the "rfc9110/ranges/<fixture>" request is sent
    Then the response matches the fixture
    And the content is the requested range of the representation, or all of it

    Examples:
      | ranges                       | fixture           |
      | a last position before the first | last-before-first |
      | letters for positions        | not-a-number      |

  @rfc9110-14.2 @must
  Scenario: A Range in a unit the server does not know is ignored
    RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range unit it does not understand." "pages=0-4": the GET is answered as without Range, 200 with all of the content. Judged where the target serves byte ranges (elsewhere every Range is ignored anyway).

    Given the target serves byte ranges
    When the "rfc9110/ranges/unknown-unit" request is sent
    Then the response matches the fixture
    And the content is all of the representation

  @rfc9110-14.2 @must
  Scenario: A Range on HEAD is ignored
    RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request method that is unrecognized or for which range handling is not defined. For this specification, GET is the only method for which range handling is defined." HEAD with bytes=0-4 is answered as HEAD without Range: not 206. Judged where the target serves byte ranges on GET.

    Given the target serves byte ranges
    When the "rfc9110/ranges/head-with-range" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-14.2 @must
  Scenario: A Range on POST is ignored
    RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request method that is unrecognized or for which range handling is not defined. For this specification, GET is the only method for which range handling is defined." A POST with bytes=0-0 to a path that returns the body sent: a 2xx other than 206, with the whole body (n/a on a target without a body echo).

    Given the target returns the request body
    When the "rfc9110/ranges/post-with-range" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.5 @must
  Scenario Outline: A Range whose If-Range does not match is ignored: <validator>
    RFC 9110 §13.1.5: "A recipient of an If-Range header field MUST ignore the Range header field if the If-Range condition evaluates to false." An entity-tag is compared strongly, a date must exactly match the Last-Modified; neither does here, so bytes=0-4 is ignored: 200 with all of the content.

    Given the target serves byte ranges
    When the "rfc9110/ranges/<fixture>" request is sent
    Then the response matches the fixture
    And the content is all of the representation

    Examples:
      | validator                | fixture             |
      | an entity-tag not its own | if-range-other-etag |
      | a date of 1994           | if-range-old-date   |

  @rfc9110-13.1.5 @must
  Scenario: A Range whose If-Range names the ETag marked weak is ignored
    RFC 9110 §13.1.5: "A recipient of an If-Range header field MUST ignore the Range header field if the If-Range condition evaluates to false." An entity-tag is compared with the strong comparison function, which never matches a weak tag (§8.8.3.2): the target's own ETag marked W/ makes the condition false, so bytes=0-4 is ignored: 200 with all of the content.

    Given the target serves byte ranges
    And the target's GET response carries an ETag
    When the "rfc9110/ranges/if-range-weak-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And the content is all of the representation

  @rfc9110-13.1.5 @should
  Scenario: A Range whose If-Range names the representation's strong ETag is served
    RFC 9110 §13.1.5: "A recipient of an If-Range header field MUST ignore the Range header field if the If-Range condition evaluates to false. Otherwise, the recipient SHOULD process the Range header field as requested." The target's own strong ETag makes the condition true: 206 with bytes 0-4.

    Given the target serves byte ranges
    And the target's GET response carries a strong ETag
    When the "rfc9110/ranges/if-range-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And the content is the requested range of the representation, or all of it
