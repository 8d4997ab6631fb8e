@rfc9110
Feature: Methods (RFC 9110 §9) on the message server
  The server serves GET, HEAD, POST and DELETE; HEAD is GET without the content. Every other
  method is answered 405 with an Allow field naming those four.

  Background:
    Given the message store is empty

  @rfc9110-9.3.1 @must
  Scenario: GET / transfers the stored messages
    RFC 9110 §9.3.1: "The GET method requests transfer of a current selected representation for the target resource."

    When the "rfc9110/methods/get-root" request is sent
    Then the response matches the fixture

  @rfc9110-9.3.2 @must
  Scenario: HEAD is answered like GET, without content
    RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send content in the response."

    When the "rfc9110/methods/get-root" request is sent
    And the "rfc9110/methods/head-root" request is sent
    Then the response matches the fixture
    And no bytes follow the response
    And the header "Content-Length" is the same as in the previous response

  @rfc9110-9.3.2 @should
  Scenario: HEAD sends the header fields GET would send
    RFC 9110 §9.3.2: "The server SHOULD send the same header fields in response to a HEAD request as it would have sent if the request method had been GET."

    When the "rfc9110/methods/get-root" request is sent
    And the "rfc9110/methods/head-root" request is sent
    Then the header "Content-Type" is the same as in the previous response
    And the header "Connection" is the same as in the previous response

  @rfc9110-9.3.2 @must
  Scenario: HEAD on another path is 404, without content
    RFC 9110 §9.3.2: "the server MUST NOT send content in the response", whatever the status.

    When the "rfc9110/methods/head-wrong-path" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-9.3.3 @must
  Scenario: POST / stores the enclosed message
    RFC 9110 §9.3.3: "The POST method requests that the target resource process the representation enclosed in the request."

    When the "rfc9110/methods/post-root" request is sent
    Then the response matches the fixture

  @rfc9110-9.3.5 @must
  Scenario: DELETE on any path empties the store
    RFC 9110 §9.3.5: "The DELETE method requests that the origin server remove the association between the target resource and its current functionality."

    Given the "rfc9110/methods/post-root" request is sent
    When the "rfc9110/methods/delete-other-path" request is sent
    Then the response matches the fixture
    When the "rfc9110/methods/get-root" request is sent
    Then the response matches the fixture

  @rfc9110-15.5.6 @must
  Scenario Outline: A method the server does not serve is 405, with Allow
    RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods."

    When the "rfc9110/methods/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture      |
      | put-root     |
      | patch-root   |
      | options-root |
      | trace-root   |

  @rfc9110-15.5.1 @should
  Scenario: POST / with empty content is refused, and nothing is stored
    RFC 9110 §15.5.1: "The 400 (Bad Request) status code indicates that the server cannot or will not process the request due to something that is perceived to be a client error."

    When the "rfc9110/methods/post-empty-body" request is sent
    Then the response matches the fixture
    When the "rfc9110/methods/get-root" request is sent
    Then the response matches the fixture
