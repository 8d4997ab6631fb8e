@bundled
Feature: The bundled server's connections (SPEC §2.3, docs/behaviour.md)
  What the bundled server chooses where RFC 9112 §9 leaves a choice or asks only a SHOULD: the
  Connection field it writes on every response, HTTP/1.0 keep-alive honoured, its SPEC statuses
  and bodies in a pipelined write, and a close after every protocol error. Judged on the
  bundled server only (n/a on any other target); the RFC's own rules are
  features/rfc9112/connection.feature.

  @rfc9112-9.3 @must
  Scenario: An HTTP/1.1 response says Connection: keep-alive, and the connection persists
    SPEC §2.3: "HTTP/1.1 connections persist unless the request says `Connection: close`; ... The response's `Connection` header says which happens, and the server does what it says." RFC 9112 §9.3 does not ask for the field (see docs/behaviour.md).

    When the "bundled/connection/get-root-keep-alive" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "bundled/connection/get-root-keep-alive" request is sent
    Then the response matches the fixture

  @rfc9112-9.6 @must
  Scenario: A request pipelined after Connection: close is neither answered nor stored
    SPEC §2.3: the server does what its Connection field says. The POST behind the "close" is one a client MUST NOT send (RFC 9112 §9.6), so only the bundled server is sent it, as a client breaking that rule; the server "MUST NOT process any further requests received on that connection", and the store shows it did not.

    Given the message store is empty
    When the requests "bundled/connection/get-root-close" and "bundled/connection/post-after-close" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    Given a new connection
    When the "bundled/connection/get-root-not-stored" request is sent
    Then the response matches the fixture

  @rfc9112-9.3 @must
  Scenario: An HTTP/1.0 response says Connection: close, and the connection closes
    SPEC §2.3: "HTTP/1.0 ones close unless it says `Connection: keep-alive`. The response's `Connection` header says which happens, and the server does what it says."

    Given the message store is empty
    When the "bundled/connection/http10-get" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9112-9.3 @must
  Scenario: HTTP/1.0 keep-alive is honoured and announced
    SPEC §2.3: an HTTP/1.0 connection whose request says `Connection: keep-alive` persists, and the response says keep-alive (RFC 9112 §9.3 leaves honouring it to the server).

    Given the message store is empty
    When the "bundled/connection/http10-keep-alive" request is sent
    Then the response matches the fixture
    And the connection stays open
    When the "bundled/connection/http10-keep-alive" request is sent
    Then the response matches the fixture

  @rfc9112-9.3.2 @must
  Scenario: Pipelined GET, GET of another path, PUT and HEAD get their SPEC answers in order
    SPEC §2.1: "several requests in one segment (pipelining), is handled; responses go out in request order", each with its SPEC §1 status and body and `Connection: keep-alive` (SPEC §2.3).

    When the requests "bundled/connection/get-root-keep-alive", "bundled/connection/get-wrong-path", "bundled/connection/put-root" and "bundled/connection/head-root" are sent in one write
    Then the responses match their fixtures, in order
    And no bytes follow the response

  @rfc9112-9.6 @must
  Scenario: Nothing pipelined behind a malformed field line is answered
    SPEC §2.1: whitespace between a field name and its colon is "`400`, then close", and the 400 says `Connection: close` (SPEC §2.3; docs/behaviour.md, "Protocol errors"), so the GET behind it is never answered. RFC 9112 §5.1 asks only the 400; closing is the SPEC's choice.

    When the requests "bundled/connection/malformed-then-get" and "bundled/connection/get-root-keep-alive" are sent in one write
    Then the server answered only the first 1 of them, as their fixtures say
    And the server closes the connection after the response
