@seed
Feature: The message server's documented cases
  wirecheck began as a socket-programming assignment: a TCP server that keeps text messages
  in memory, and a client that sends hand-typed requests over a raw socket. These scenarios
  are the assignment's own documented transcripts (SPEC §1). Every response body follows one
  rule: "HTTP {METHOD} Method ({Success|Failed})", a blank line, then the payload.
  They check only what the assignment documented, so they pass against the assignment's own
  server too: one response per connection, no Content-Length, a local-time Date.

  Background:
    Given the message store is empty

  Scenario: GET / lists the stored messages (case 1)
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture

  Scenario: GET on any other path is not found (case 2)
    When the "seed/get-wrong-path" request is sent
    Then the response matches the fixture

  Scenario: POST / stores the message and echoes it (case 3)
    When the "seed/post-root" request is sent
    Then the response matches the fixture
    When the "seed/get-root-after-post" request is sent
    Then the response matches the fixture

  Scenario: Messages are stored and returned byte for byte, Korean included (case 3)
    When the "seed/post-root-korean" request is sent
    Then the response matches the fixture
    When the "seed/get-root-after-korean-post" request is sent
    Then the response matches the fixture

  Scenario: POST on any other path is not found and stores nothing (case 4)
    When the "seed/post-wrong-path" request is sent
    Then the response matches the fixture
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture

  Scenario: DELETE empties the store (case 5)
    Given the "seed/post-root" request is sent
    When the "seed/delete-root" request is sent
    Then the response matches the fixture
    When the "seed/get-root-empty" request is sent
    Then the response matches the fixture

  Scenario: Any other method is not allowed (case 6)
    When the "seed/put-root" request is sent
    Then the response matches the fixture

  Scenario: A Postman-style GET / is served like any other (case 7)
    When the "seed/get-root-postman" request is sent
    Then the response matches the fixture
