@rfc9110
Feature: Expect: 100-continue (RFC 9110 §10.1.1)
  A client with a large body can send the head alone with "Expect: 100-continue" and wait. The
  server must answer at once: either a 100 Continue inviting the body, or, when the head alone
  decides it, the final status; both are allowed. Which of the two a target chooses for a given
  head cannot be known in advance, so the immediate 100 is judged where no final status can be
  decided from the head (a POST the message store takes), and the bundled server's choices
  (a final status at once for 404, 405 and 413, then a close) are in bundled/expect.

  @rfc9110-10.1.1 @must
  Scenario: 100 Continue comes before the body is sent
    RFC 9110 §10.1.1: "The origin server MUST NOT wait for the content before sending the 100 (Continue) response." RFC 9110 §10.1.1 lets the immediate answer be a final status only "if that status can be determined by examining just the method, target URI, and header fields": an answer that holds the body cannot, so the body echo's immediate answer can only be a 100 Continue, and its final answer shows the body was then read (n/a without a body echo).

    Given the target returns the request body
    When the "rfc9110/expect/post-root-continue" request is sent except its last 5 bytes
    Then a 100 Continue arrives within 1000 ms
    When the rest of the request is sent
    Then the response matches the fixture
    And a 100 Continue came before the response

  @rfc9110-10.1.1 @must
  Scenario: 100-continue in an HTTP/1.0 request is ignored
    RFC 9110 §10.1.1: "A server that receives a 100-continue expectation in an HTTP/1.0 request MUST ignore that expectation." Any final status is allowed (a static server may refuse the POST); what is judged is that no 100 Continue is sent to the HTTP/1.0 client.

    When the "rfc9110/expect/http10-continue" request is sent
    Then the response matches the fixture
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @may
  Scenario: A request without content may get no 100 Continue
    RFC 9110 §10.1.1: "A server MAY omit sending a 100 (Continue) response if it has already received some or all of the content for the corresponding request, or if the framing indicates that there is no content." Both a 100 before the final response and none are allowed; this scenario only informs whether the target omits it.

    When the "rfc9110/expect/get-continue" request is sent
    Then the response matches the fixture
    And no 100 Continue came before the response

  @rfc9110-10.1.1 @must
  Scenario: A request without content that expects 100-continue still gets its final answer
    RFC 9110 §10.1.1: "A server that sends a 100 (Continue) response MUST ultimately send a final status code, once it receives and processes the request content, unless the connection is closed prematurely." Without Content-Length or Transfer-Encoding the request has no content, so the final answer is due once the head is in; whether a 100 came first is not judged (the scenario above informs of it).

    When the "rfc9110/expect/get-continue-answered" request is sent
    Then the response matches the fixture

  @rfc9110-10.1.1 @may
  Scenario: An expectation other than 100-continue may be refused with 417
    RFC 9110 §10.1.1: "A server that receives an Expect field value containing a member other than 100-continue MAY respond with a 417 (Expectation Failed) status code to indicate that the unexpected expectation cannot be met." Allowed: 417, or the expectation ignored and GET / served as usual (2xx).

    When the "rfc9110/expect/unknown-expectation" request is sent
    Then the response matches the fixture
