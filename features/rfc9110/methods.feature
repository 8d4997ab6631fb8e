@rfc9110
Feature: Methods (RFC 9110 §9)
  HEAD is GET without the content, on any target. A 405 names the methods the target supports in
  Allow, whenever a method is answered 405: a target may as well serve it, or answer 501. What GET,
  POST and DELETE do, the Allow list and the empty POST's 400 are the bundled server's
  (bundled/methods).

  @rfc9110-9.3.2 @must
  Scenario: HEAD is answered like GET, without content
    RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send content in the response." HEAD / gets the status class GET / gets (2xx) and no byte of content.

    When the "rfc9110/methods/get-root" request is sent
    And the "rfc9110/methods/head-root" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-9.3.2 @should
  Scenario: HEAD sends the header fields GET would send
    RFC 9110 §9.3.2: "The server SHOULD send the same header fields in response to a HEAD request as it would have sent if the request method had been GET." Content-Type and Connection are compared (absent in both is the same).

    When the "rfc9110/methods/get-root" request is sent
    And the "rfc9110/methods/head-root" request is sent
    Then the header "Content-Type" is the same as in the previous response
    And the header "Connection" is the same as in the previous response

  @rfc9110-9.3.2 @must
  Scenario: HEAD on another path gets no content, whatever its status
    RFC 9110 §9.3.2: "the server MUST NOT send content in the response", whatever the status (a 404 on most targets).

    When the "rfc9110/methods/head-wrong-path" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-15.5.6 @must
  Scenario Outline: A 405 carries Allow
    RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods." Judged when the method is answered 405, on any target; any list is accepted, and any other status leaves the rule unjudged.

    When the "rfc9110/methods/<fixture>" request is sent
    Then if the status is 405, the response matches "rfc9110/methods/allow-on-405"

    Examples:
      | fixture    |
      | put-root   |
      | patch-root |
      | trace-root |
