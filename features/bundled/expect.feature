@bundled
Feature: The bundled server's Expect choices (SPEC §2.1)
  RFC 9110 §10.1.1 lets a server answer "Expect: 100-continue" with an immediate 100 or, when the
  head decides it, an immediate final status, and then either close or read and discard the body.
  The bundled server sends the final status at once and closes; it ignores 100-continue without a
  body and other expectations (SPEC §2.1, docs/behaviour.md). Judged on the bundled server only;
  the RFC rules are in rfc9110/expect.

  Background:
    Given the message store is empty

  @rfc9110-10.1.1 @must
  Scenario Outline: A final status decided by the head is sent at once, without 100 Continue, and the connection closed
    SPEC §2.1: "Expect: 100-continue: send 100 Continue before reading the body, unless the request is already answered with a final status (e.g. 404, 405, 413), in which case no body is awaited"; docs/behaviour.md: "that final response is sent at once without 100 Continue, and the connection closes". RFC 9110 §10.1.1 allows this ("either send an immediate response with a final status code ... or send an immediate 100 (Continue) response"; then "the origin server can either close the connection or continue to read and discard the rest of the request").

    When the "bundled/expect/<fixture>" request is sent except its last 5 bytes
    Then the server answers within 1000 ms
    And the response matches the fixture
    And no 100 Continue came before the response
    And the server closes the connection after the response

    Examples:
      | fixture                  |
      | post-wrong-path-continue |
      | put-continue             |
      | too-large-continue       |

  @rfc9110-10.1.1 @must
  Scenario: 100-continue in an HTTP/1.0 request is ignored and the POST stored
    SPEC §2.1: (and docs/behaviour.md) 100-continue is "Honoured only in HTTP/1.1 requests that have a body"; the HTTP/1.0 POST is read and stored (SPEC §1 case 3).

    When the "rfc9110/expect/http10-continue" request is sent
    Then the response matches "bundled/expect/http10-stored"
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @must
  Scenario: A GET with 100-continue gets its listing and no 100 Continue
    SPEC §2 (docs/behaviour.md): 100-continue is "Honoured only in HTTP/1.1 requests that have a body" (RFC 9110 §10.1.1: a server "MAY omit sending a 100 (Continue) response ... if the framing indicates that there is no content").

    When the "rfc9110/expect/get-continue" request is sent
    Then the response matches "bundled/expect/get-root-listing"
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @must
  Scenario: An expectation other than 100-continue is ignored
    SPEC §2 (docs/behaviour.md): "Other expectations are ignored (RFC 9110 allows 417; ignoring is the lenient choice)": the POST is stored.

    When the "bundled/expect/post-unknown-expectation" request is sent
    Then the response matches the fixture
