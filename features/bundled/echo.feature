@bundled
Feature: The bundled server's echo resource (docs/behaviour.md "Routes")
  Started with --echo-path /echo, as the suite starts it, the bundled server answers any method
  on /echo with 200 and the request as it understood it: each field line as "name: value" CRLF
  in the order received, then CRLF, then the body's bytes as decoded. Without the flag the path
  is 404 like any other. It is the harness's echo contract; judged here on the bundled server only.

  @rfc9112-5.1 @must
  Scenario: The echo returns the field lines as received, values trimmed, then the body
    SPEC §3 (docs/behaviour.md "Routes"): the echo is 200 text/plain with each field line as "name: value" CRLF in received order (names as sent, duplicates kept, values trimmed), CRLF, then the body.

    When the "bundled/echo/post-fields-and-body" request is sent
    Then the response matches the fixture
    And the connection stays open

  @rfc9112-7.1 @must
  Scenario: A chunked body is echoed as its decoded data
    SPEC §3 (docs/behaviour.md "Routes"): the body echoed is the body as the server decoded it; chunk framing and trailer fields are not part of it.

    When the "bundled/echo/post-chunked" request is sent
    Then the response matches the fixture

  @rfc9112-3.1 @must
  Scenario: Any method on the echo path is 200, a query included
    SPEC §3 (docs/behaviour.md "Routes"): every method is echoed, PUT too, which the store answers 405; with no body the echo ends with the CRLF after the fields.

    When the "bundled/echo/put-no-body" request is sent
    Then the response matches the fixture

  @rfc9110-9.3.2 @must
  Scenario: HEAD on the echo path has the Content-Length of GET's echo and no body
    SPEC §2.1: "Every response has Content-Length (HEAD: the length GET would have had, no body)".

    When the "bundled/echo/get-fields" request is sent
    And the "bundled/echo/head-fields" request is sent
    Then the response matches the fixture
    And no bytes follow the response
    And the header "Content-Length" is the same as in the previous response
