@rfc9110
Feature: Expect: 100-continue (RFC 9110 §10.1.1)
  A client with a large body can send the head alone with "Expect: 100-continue" and wait. The
  server either invites the body with 100 Continue at once, or, if the head alone decides the
  answer, sends that final response at once and closes, as it will not read the body.

  Background:
    Given the message store is empty

  @rfc9110-10.1.1 @must
  Scenario: 100 Continue comes before the body is sent
    RFC 9110 §10.1.1: "The origin server MUST NOT wait for the content before sending the 100 (Continue) response."

    When the "rfc9110/expect/post-root-continue" request is sent except its last 5 bytes
    Then a 100 Continue arrives within 1000 ms
    When the rest of the request is sent
    Then the response matches the fixture
    And a 100 Continue came before the response

  @rfc9110-10.1.1 @should
  Scenario Outline: A final status decided by the head is sent at once, without 100 Continue
    RFC 9110 §10.1.1: "An origin server MUST, upon receiving an HTTP/1.1 (or later) request that has a method, target URI, and complete header section that contains a 100-continue expectation and indicates a request content will follow, either send an immediate response with a final status code, if that status can be determined by examining just the method, target URI, and header fields, or send an immediate 100 (Continue) response." SPEC §2.1 asks for the final status; a 100 first is also allowed, so this is SHOULD-level.

    When the "rfc9110/expect/<fixture>" request is sent except its last 5 bytes
    Then the server answers within 1000 ms
    And the response matches the fixture
    And no 100 Continue came before the response

    Examples:
      | fixture                  | status |
      | post-wrong-path-continue | 404    |
      | put-continue             | 405    |
      | too-large-continue       | 413    |

  @rfc9110-10.1.1 @should
  Scenario Outline: After a final status sent instead of 100 Continue, the unread body's connection is closed
    RFC 9110 §10.1.1: "the origin server can either close the connection or continue to read and discard the rest of the request"; the bundled server closes, since the body may never come (docs/behaviour.md).

    When the "rfc9110/expect/<fixture>" request is sent except its last 5 bytes
    Then the server answers within 1000 ms
    And the header "Connection" is "close"
    And the server closes the connection after the response

    Examples:
      | fixture                  |
      | post-wrong-path-continue |
      | put-continue             |
      | too-large-continue       |

  @rfc9110-10.1.1 @must
  Scenario: 100-continue in an HTTP/1.0 request is ignored
    RFC 9110 §10.1.1: "A server that receives a 100-continue expectation in an HTTP/1.0 request MUST ignore that expectation."

    When the "rfc9110/expect/http10-continue" request is sent
    Then the response matches the fixture
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @should
  Scenario: A request without content gets no 100 Continue
    RFC 9110 §10.1.1: the origin server sends 100 Continue for a request that "indicates a request content will follow".

    When the "rfc9110/expect/get-continue" request is sent
    Then the response matches the fixture
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @should
  Scenario: An expectation other than 100-continue is ignored or refused with 417
    RFC 9110 §10.1.1: "A server that receives an Expect field value containing a member other than 100-continue MAY respond with a 417 (Expectation Failed) status code to indicate that the unexpected expectation cannot be met."

    When the "rfc9110/expect/unknown-expectation" request is sent
    Then the response matches the fixture
