@rfc9110
Feature: Conditional requests (RFC 9110 §13)
  A GET may carry the validators of a representation the client has already: If-None-Match its
  entity-tag, If-Modified-Since its date. A server that evaluates them answers 304 (Not Modified)
  instead of sending the content again. A server that does not implement conditional requests
  ignores these fields as it ignores any it does not recognize, and serves the GET; so the rules
  of evaluation are judged only where the target shows that it evaluates them (a probe: a GET
  naming the target's own ETag or Last-Modified gets 304), and n/a elsewhere. The probe's values
  fill the requests: {etag}, {weak-etag}, {strong-etag}, {last-modified}, {date} (docs/steps.md).

  @rfc9110-13.1.2 @may
  Scenario: A GET naming the target's own ETag in If-None-Match may be answered 304
    RFC 9110 §13.1.2: "If-None-Match is primarily used in conditional GET requests to enable efficient updates of cached information with a minimum amount of transaction overhead." A target that evaluates it answers 304; one that does not implement conditional requests serves the GET (RFC 9110 §5.1: "Other recipients SHOULD ignore unrecognized header and trailer fields."). This only informs which the target does; the scenarios below judge the rules where it answers 304.

    Given the target's GET response carries an ETag
    When the "rfc9110/conditional/if-none-match-etag" request is sent with the target's validators filled in
    Then the response matches the fixture

  @rfc9110-13.1.2 @must
  Scenario Outline: If-None-Match is compared weakly: <form> matches
    RFC 9110 §13.1.2: "A recipient MUST use the weak comparison function when comparing entity tags for If-None-Match". The weak comparison matches two entity-tags whose opaque-tags are the same, whether or not either is weak (§8.8.3.2); a false condition on GET gets 304: "the origin server MUST respond with either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412 (Precondition Failed) status code for all other request methods."

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/<fixture>" request is sent with the target's validators filled in
    Then the response matches the fixture

    Examples:
      | form                                    | fixture                    |
      | the ETag marked weak                    | if-none-match-weak-etag    |
      | the ETag without W/                     | if-none-match-strong-etag  |
      | the ETag second in a list of two        | if-none-match-among-others |

  @rfc9110-13.1.2 @must
  Scenario: If-None-Match "*" is answered 304 where there is a representation
    RFC 9110 §13.1.2: "If the field value is "*", the condition is false if the origin server has a current representation for the target resource." The GET path has one (it answers 2xx), so: "the origin server MUST respond with either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412 (Precondition Failed) status code for all other request methods."

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/if-none-match-star" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.2 @must
  Scenario: HEAD naming the ETag in If-None-Match is answered 304
    RFC 9110 §13.1.2: a false If-None-Match gets 304 for HEAD as for GET: "the origin server MUST respond with either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412 (Precondition Failed) status code for all other request methods." No content follows a response to HEAD.

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/head-if-none-match-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-13.2.2 @must
  Scenario: If-None-Match naming another entity-tag is served as usual
    RFC 9110 §13.2.2: "A recipient cache or origin server MUST evaluate the request preconditions defined by this specification in the following order:" and a true If-None-Match (no listed tag matches, §13.1.2) leads on to performing the method. A target that ignores the field serves the GET too: 2xx on any target, a 304 on none.

    When the "rfc9110/conditional/if-none-match-other-etag" request is sent
    Then the response matches the fixture

  @rfc9110-15.4.5 @must
  Scenario: A 304 carries the ETag a 200 carries
    RFC 9110 §15.4.5: "The server generating a 304 response MUST generate any of the following header fields that would have been sent in a 200 (OK) response to the same request: Content-Location, Date, ETag, and Vary". The ETag is the 200's, the same value.

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/get" request is sent
    And the "rfc9110/conditional/if-none-match-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And the header "ETag" is the same as in the previous response

  @rfc9110-15.4.5 @must
  Scenario Outline: A 304 carries the <field> a 200 carries
    RFC 9110 §15.4.5: "The server generating a 304 response MUST generate any of the following header fields that would have been sent in a 200 (OK) response to the same request: Content-Location, Date, ETag, and Vary". Judged by the 200 just before: a field it lacks is not asked of the 304.

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/get" request is sent
    And the "rfc9110/conditional/if-none-match-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And the header "<field>" is present if it was in the previous response

    Examples:
      | field            |
      | Date             |
      | Vary             |
      | Content-Location |

  @rfc9110-15.4.5 @must
  Scenario: A 304 has no content
    RFC 9110 §15.4.5: "A 304 response is terminated by the end of the header section; it cannot contain content or trailers." Nothing follows its empty line, whatever Content-Length it carries (RFC 9112 §6.3).

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/if-none-match-etag" request is sent with the target's validators filled in
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-13.1.3 @must
  Scenario: If-Modified-Since is ignored beside If-None-Match: a matching ETag is answered 304
    RFC 9110 §13.1.3: "A recipient MUST ignore If-Modified-Since if the request contains an If-None-Match header field". The ETag matches, so 304, though an If-Modified-Since of 1994 read alone would have the GET served.

    Given the target evaluates If-None-Match
    When the "rfc9110/conditional/if-none-match-etag-and-old-if-modified-since" request is sent with the target's validators filled in
    Then the response matches the fixture

  @rfc9110-13.1.3 @must
  Scenario: If-Modified-Since is ignored beside If-None-Match: another ETag is served
    RFC 9110 §13.1.3: "A recipient MUST ignore If-Modified-Since if the request contains an If-None-Match header field". No entity-tag matches, so the GET is served (2xx), though an If-Modified-Since of the target's own Last-Modified read alone would be answered 304. Judged where the target answers that date alone with 304.

    Given the target evaluates If-Modified-Since
    When the "rfc9110/conditional/if-none-match-other-and-if-modified-since-last-modified" request is sent with the target's validators filled in
    Then the response matches the fixture

  @rfc9110-13.1.3 @should
  Scenario: If-Modified-Since the Last-Modified date is answered 304
    RFC 9110 §13.1.3: the condition is false when the representation was last modified at or before the date given, and then "the origin server SHOULD generate a 304 (Not Modified) response, including only those metadata that are useful for identifying or updating a previously cached response." The date sent is the target's own Last-Modified. A target that sends Last-Modified but ignores If-Modified-Since is warned.

    Given the target's GET response carries a Last-Modified
    When the "rfc9110/conditional/if-modified-since-last-modified" request is sent with the target's validators filled in
    Then the response matches the fixture

  @rfc9110-13.1.3 @should
  Scenario: If-Modified-Since a date after the Last-Modified one is answered 304
    RFC 9110 §13.1.3: the condition is false when the representation was last modified at or before the date given, and then "the origin server SHOULD generate a 304 (Not Modified) response, including only those metadata that are useful for identifying or updating a previously cached response." The date sent is the Date of the target's own 200: not before its Last-Modified, not after its clock. A server that honours only the exact Last-Modified date answers 200 and is warned.

    Given the target's GET response carries a Last-Modified
    And the target's GET response carries a Date
    When the "rfc9110/conditional/if-modified-since-date" request is sent with the target's validators filled in
    Then the response matches the fixture

  @rfc9110-13.2.2 @must
  Scenario: If-Modified-Since a date long past is served as usual
    RFC 9110 §13.2.2: "A recipient cache or origin server MUST evaluate the request preconditions defined by this specification in the following order:" and a true If-Modified-Since (the representation changed after 1994, §13.1.3) leads on to performing the method. A target that ignores the field serves the GET too: 2xx on any target, a 304 on none.

    When the "rfc9110/conditional/if-modified-since-old" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.3 @must
  Scenario Outline: An If-Modified-Since that is not one valid HTTP-date is ignored: <value>
    RFC 9110 §13.1.3: "A recipient MUST ignore the If-Modified-Since header field if the received field value is not a valid HTTP-date, the field value has more than one member, or if the request method is neither GET nor HEAD." Ignored, the GET is served (2xx). Judged where the target answers its own Last-Modified with 304, so a 304 here is the field read, not ignored.

    Given the target evaluates If-Modified-Since
    When the "rfc9110/conditional/<fixture>" request is sent with the target's validators filled in
    Then the response matches the fixture

    Examples:
      | value                                  | fixture                       |
      | a word                                 | if-modified-since-not-a-date  |
      | the Last-Modified twice in one line    | if-modified-since-two-members |
      | the Last-Modified in two field lines   | if-modified-since-two-lines   |

  @rfc9110-13.1.3 @may
  Scenario: An If-Modified-Since in the future is answered 304 or served
    RFC 9110 §13.1.3: "A recipient MUST interpret an If-Modified-Since field value's timestamp in terms of the origin server's clock." A date in 2100 is after any Last-Modified, so the condition evaluates false (304); a server may as well take a date past its clock for one it cannot trust, and serve the GET (2xx). Either passes; this informs which.

    Given the target evaluates If-Modified-Since
    When the "rfc9110/conditional/if-modified-since-future" request is sent
    Then the response matches the fixture

  @rfc9110-13.2.1 @must
  Scenario Outline: Preconditions are ignored where the answer would not be 2xx: <field>
    RFC 9110 §13.2.1: "A server MUST ignore all received preconditions if its response to the same request without those conditions, prior to processing the request content, would have been a status code other than a 2xx (Successful) or 412 (Precondition Failed)." A path the target does not have is asked twice, without and with a precondition that would be false if evaluated: the status must be the same, unless the first was 2xx (a target that serves every path).

    When the "rfc9110/conditional/get-missing" request is sent
    And the "rfc9110/conditional/<fixture>" request is sent
    Then the status is the previous response's, unless that was 2xx or 412

    Examples:
      | field                            | fixture                          |
      | If-Match naming another tag      | get-missing-if-match             |
      | If-Match "*"                     | get-missing-if-match-star        |
      | If-Unmodified-Since 1994         | get-missing-if-unmodified-since  |
