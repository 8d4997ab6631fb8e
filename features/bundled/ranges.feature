@bundled
Feature: The bundled server's byte ranges (RFC 9110 §14; docs/behaviour.md)
  GET / says Accept-Ranges: bytes and serves one byte range, or ranges that coalesce into one,
  as a 206 with Content-Range; a range set it cannot satisfy is 416 with "bytes */length". A
  Range it cannot use (invalid, another unit, several parts apart) is ignored: 200 with the
  whole listing. Range is GET's alone; If-Range with the current ETag lets it through. The RFC
  lets a server ignore Range altogether; these are the bundled server's choices
  (docs/behaviour.md "Routes"). The empty store's listing, 27 bytes, is what is cut. Judged on
  the bundled server only.

  Background:
    Given the message store is empty

  @rfc9110-14.2 @must
  Scenario Outline: One satisfiable range of GET / is 206 with that part and Content-Range
    SPEC §2 (docs/behaviour.md "Routes"): one byte range of GET /, or ranges that overlap or touch, is 206 with Content-Range and only those bytes (RFC 9110 §14.2, §15.3.7).

    When the "bundled/ranges/<fixture>" request is sent
    Then the response matches the fixture
    And no bytes follow the response
    And the connection stays open

    Examples:
      | fixture               |
      | get-root-first-bytes  |
      | get-root-from-offset  |
      | get-root-suffix       |
      | get-root-past-the-end |
      | get-root-overlapping  |

  @rfc9110-15.5.17 @must
  Scenario Outline: A range set nothing of the listing satisfies is 416 with bytes */27
    SPEC §2 (docs/behaviour.md "Routes"): a Range none of whose ranges is satisfiable is 416 with "Content-Range: bytes */length" and the GET failure line.

    When the "bundled/ranges/<fixture>" request is sent
    Then the response matches the fixture
    And the connection stays open

    Examples:
      | fixture                |
      | get-root-unsatisfiable |
      | get-root-empty-suffix  |

  @rfc9110-14.2 @must
  Scenario Outline: A Range that cannot be used is ignored: 200 with the whole listing
    SPEC §2 (docs/behaviour.md "Routes"): an invalid Range, a unit other than bytes, or ranges that stay apart (no multipart/byteranges) are ignored, as RFC 9110 §14.2 allows.

    When the "bundled/ranges/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                   |
      | get-root-range-reversed   |
      | get-root-range-other-unit |
      | get-root-range-no-equals  |
      | get-root-range-two-parts  |

  @rfc9110-14.2 @must
  Scenario Outline: Range on a method other than GET is ignored
    SPEC §2 (docs/behaviour.md "Routes"): only GET / is served in parts (RFC 9110 §14.2: "GET is the only method for which range handling is defined"); HEAD and POST answer as without a Range.

    When the "bundled/ranges/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture         |
      | head-root-range |
      | post-root-range |

  @rfc9110-13.1.5 @must
  Scenario Outline: An If-Range that does not hold sends the whole listing
    SPEC §2 (docs/behaviour.md "Routes"): If-Range lets the Range through only with the current ETag; another tag, or a date (never taken for strong), makes the GET a 200 of the whole listing.

    When the "bundled/ranges/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                     |
      | get-root-if-range-other-tag |
      | get-root-if-range-date      |

  @rfc9110-13.2.2 @must
  Scenario: A false If-None-Match is 304 whatever the Range asks
    SPEC §2 (docs/behaviour.md "Routes"): the preconditions come before the Range (RFC 9110 §13.2.2).

    When the "bundled/ranges/get-root-range-not-modified" request is sent
    Then the response matches the fixture
    And no bytes follow the response
