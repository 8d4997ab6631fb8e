@seed
Feature: The message server's documented cases
  wirecheck began as a socket-programming assignment: a TCP server that keeps text messages
  in memory, and a client that sends hand-typed requests over a raw socket. These scenarios
  are the assignment's own documented transcripts (SPEC §1). Every response body follows one
  rule: "HTTP {METHOD} Method ({Success|Failed})", a blank line, then the payload.
  The status and the body are the documented case and must match; the four documented headers
  (Server, Date, Content-Type: text/plain, Connection) are checked at SHOULD level, each response
  against its `seed/<case>-headers` fixture; the reason phrase is not compared (RFC 9112 §4: a
  client SHOULD ignore it). They check only what the assignment documented, so they pass against
  the assignment's own server too: one response per connection, no Content-Length, a local-time
  Date. A target without the message store makes them not applicable.

  Background:
    Given the message store is empty

  Scenario: GET / lists the stored messages (case 1)
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"

  Scenario: GET on any other path is not found (case 2)
    When the "seed/get-wrong-path" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-wrong-path-headers"

  Scenario: POST / stores the message and echoes it (case 3)
    When the "seed/post-root" request is sent
    Then the response matches the fixture
    And the response matches "seed/post-root-headers"
    When the "seed/get-root-after-post" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"

  Scenario: Messages are stored and returned byte for byte, Korean included (case 3)
    When the "seed/post-root-korean" request is sent
    Then the response matches the fixture
    And the response matches "seed/post-root-headers"
    When the "seed/get-root-after-korean-post" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"

  Scenario: POST on any other path is not found and stores nothing (case 4)
    When the "seed/post-wrong-path" request is sent
    Then the response matches the fixture
    And the response matches "seed/post-wrong-path-headers"
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"

  Scenario: DELETE empties the store (case 5)
    Given the "seed/post-root" request is sent
    When the "seed/delete-root" request is sent
    Then the response matches the fixture
    And the response matches "seed/delete-root-headers"
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"

  Scenario: Any other method is not allowed (case 6)
    When the "seed/put-root" request is sent
    Then the response matches the fixture
    And the response matches "seed/put-root-headers"

  Scenario: A Postman-style GET / is served like any other (case 7)
    When the "seed/get-root-postman" request is sent
    Then the response matches the fixture
    And the response matches "seed/get-root-headers"
