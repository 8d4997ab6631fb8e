@bundled
Feature: The bundled server's validators and conditional requests (RFC 9110 §8.8, §13; docs/behaviour.md)
  GET / and HEAD / carry a strong ETag made of the message store's version and the time of its
  last change as Last-Modified. If-None-Match and If-Modified-Since make a GET or HEAD 304;
  If-Match, If-Unmodified-Since and If-None-Match make a POST or DELETE 412, so that a client can
  refuse to act on a store that changed under it. The RFC allows a server to have no validators
  at all; these are the bundled server's own choices (docs/behaviour.md "Routes"). Judged on the
  bundled server only.

  Background:
    Given the message store is empty

  @rfc9110-8.8.3 @must
  Scenario: GET / carries a strong ETag, Last-Modified and Accept-Ranges
    SPEC §2 (docs/behaviour.md "Routes"): GET / carries a strong ETag of the store's version, Last-Modified (the last change, an HTTP-date) and Accept-Ranges: bytes.

    When the "bundled/conditional/get-root-validators" request is sent
    Then the response matches the fixture

  @rfc9110-8.8.3 @must
  Scenario: The ETag and Last-Modified stay the same while the store does, and HEAD has GET's
    SPEC §2 (docs/behaviour.md "Routes"): the ETag changes with the store's version and only then; HEAD / answers what GET / would, validators included.

    When the "bundled/conditional/get-root-validators" request is sent
    And the "bundled/conditional/get-root-validators" request is sent
    Then the header "ETag" is the same as in the previous response
    And the header "Last-Modified" is the same as in the previous response
    When the "bundled/conditional/head-root-validators" request is sent
    Then the response matches the fixture
    And the header "ETag" is the same as in the previous response
    And the header "Last-Modified" is the same as in the previous response

  @rfc9110-13.1.2 @must
  Scenario: If-None-Match: * makes GET / 304 with the ETag and no content
    SPEC §2 (docs/behaviour.md "Routes"): a GET whose If-None-Match is false is 304, with the ETag of the 200, Date, the 200's Content-Length and no content (RFC 9110 §13.1.2, §15.4.5, §8.6).

    When the "bundled/conditional/get-root-validators" request is sent
    And the "bundled/conditional/get-root-if-none-match-any" request is sent
    Then the response matches the fixture
    And the header "ETag" is the same as in the previous response
    And no bytes follow the response
    And the connection stays open

  @rfc9110-13.1.2 @must
  Scenario: If-None-Match: * makes HEAD / 304 as well
    SPEC §2 (docs/behaviour.md "Routes"): HEAD is judged as GET; its 304 carries the ETag and GET's Content-Length.

    When the "bundled/conditional/head-root-if-none-match-any" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-13.1.2 @must
  Scenario Outline: An If-None-Match that lists no current tag lets GET / through
    SPEC §2 (docs/behaviour.md "Routes"): If-None-Match is compared weakly with the current ETag; other tags, weak or strong, and a value that is not a list of entity-tags match nothing, so the GET is 200.

    When the "bundled/conditional/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                        |
      | get-root-if-none-match-other   |
      | get-root-if-none-match-invalid |

  @rfc9110-13.1.3 @must
  Scenario Outline: An If-Modified-Since that is past, future or no date lets GET / through
    SPEC §2 (docs/behaviour.md "Routes"): If-Modified-Since is 304 only for a valid date at or after the last change and not later than the server's clock; a date before the change, a future date and a value that is no HTTP-date are 200.

    When the "bundled/conditional/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                          |
      | get-root-modified-since-long-ago |
      | get-root-modified-since-future   |
      | get-root-modified-since-invalid  |

  @rfc9110-13.2.2 @must
  Scenario: If-None-Match decides, and If-Modified-Since beside it is ignored
    SPEC §2 (docs/behaviour.md "Routes"): preconditions are judged in RFC 9110 §13.2.2's order; If-Modified-Since only when there is no If-None-Match.

    When the "bundled/conditional/get-root-if-none-match-wins" request is sent
    Then the response matches the fixture

  @rfc9110-13.2.1 @must
  Scenario: A precondition on another path is not judged: the 404 stands
    SPEC §1 case 2: GET of a path other than / is 404; RFC 9110 §13.2.1 has the preconditions ignored where the answer would not be 2xx.

    When the "bundled/conditional/get-wrong-path-if-none-match-any" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.1 @must
  Scenario: A POST whose If-Match names a stale tag is 412, and nothing is stored
    SPEC §2 (docs/behaviour.md "Routes"): If-Match is compared strongly with the store's ETag; when it fails, POST / answers 412 with its failure line and stores nothing.

    When the "bundled/conditional/post-root-if-match-stale" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "bundled/conditional/get-root-empty" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.1 @must
  Scenario: A POST with If-Match: * is stored
    SPEC §2 (docs/behaviour.md "Routes"): "If-Match: *" holds, since / always has a representation; the POST is served as SPEC §1 case 3.

    When the "bundled/conditional/post-root-if-match-any" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.2 @must
  Scenario: A POST with If-None-Match: * is 412, and nothing is stored
    SPEC §2 (docs/behaviour.md "Routes"): a false If-None-Match on a method other than GET or HEAD is 412 with the method's failure line.

    When the "bundled/conditional/post-root-if-none-match-any" request is sent
    Then the response matches the fixture
    When the "bundled/conditional/get-root-empty" request is sent
    Then the response matches the fixture

  @rfc9110-13.1.4 @must
  Scenario: A DELETE unmodified since long ago is 412, and the store keeps its messages
    SPEC §2 (docs/behaviour.md "Routes"): DELETE's preconditions are the store's; an If-Unmodified-Since before its last change makes it 412, and nothing is deleted.

    Given the "bundled/conditional/post-root" request is sent
    When the "bundled/conditional/delete-root-unmodified-since-long-ago" request is sent
    Then the response matches the fixture
    When the "bundled/conditional/get-root-one-message" request is sent
    Then the response matches the fixture
