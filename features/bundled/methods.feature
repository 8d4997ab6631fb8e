@bundled
Feature: The bundled server's methods (SPEC §1, §2.2)
  The bundled server serves GET, HEAD, POST and DELETE with the assignment's bodies; HEAD is GET
  without the body, Content-Length included; every other method on / is 405 with
  "Allow: GET, HEAD, POST, DELETE"; an empty POST is 400 (SPEC §1, §2.2, docs/behaviour.md
  "Routes"). RFC 9110 §9 defines the methods, not these answers. Judged on the bundled server
  only; the RFC rules are in rfc9110/methods.

  Background:
    Given the message store is empty

  @rfc9110-9.3.1 @must
  Scenario: GET / lists the stored messages
    SPEC §1 case 1: GET / is 200 with "HTTP GET Method (Success)\n\n" and the stored messages, text/plain (SPEC §1).

    When the "bundled/methods/get-root" request is sent
    Then the response matches the fixture

  @rfc9110-9.3.2 @must
  Scenario: HEAD / is GET / without the body, its Content-Length and Content-Type included
    SPEC §2 (docs/behaviour.md): "HEAD answers exactly what GET would, headers and Content-Length included, with no body" (RFC 9110 §9.3.2 and §8.6 let a server omit Content-Length in a HEAD response; SPEC §2.1 sends it always).

    When the "bundled/methods/get-root" request is sent
    And the "bundled/methods/head-root" request is sent
    Then the response matches the fixture
    And no bytes follow the response
    And the header "Content-Length" is the same as in the previous response
    And the header "Content-Type" is the same as in the previous response

  @rfc9110-9.3.2 @must
  Scenario: HEAD on another path is 404, without content
    SPEC §1 case 2 and §2.2: a path other than / is 404 for GET, so for HEAD too, with no body.

    When the "bundled/methods/head-wrong-path" request is sent
    Then the response matches the fixture
    And no bytes follow the response

  @rfc9110-9.3.3 @must
  Scenario: POST / stores the enclosed message
    SPEC §1 case 3: POST / with a non-empty body is 201 with "HTTP POST Method (Success)\n\n" and the message, which is appended to the store.

    When the "bundled/methods/post-root" request is sent
    Then the response matches the fixture

  @rfc9110-9.3.5 @must
  Scenario: DELETE on any path empties the store
    SPEC §1 case 5: DELETE on any path is 200 with "HTTP DELETE Method (Success)\n\n", and the store is emptied (docs/behaviour.md).

    Given the "bundled/methods/post-root" request is sent
    When the "bundled/methods/delete-other-path" request is sent
    Then the response matches the fixture
    When the "bundled/methods/get-root" request is sent
    Then the response matches the fixture

  @rfc9110-15.5.6 @must
  Scenario Outline: A method the server does not serve is 405 with Allow: GET, HEAD, POST, DELETE
    SPEC §2.2: "Every other method: 405 with Allow: GET, HEAD, POST, DELETE", with the seed body "HTTP {METHOD} Method (Failed)\n\n" (SPEC §1 case 6). OPTIONS / is among them (RFC 9110 §9.3.7 would allow serving it).

    When the "bundled/methods/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture      |
      | put-root     |
      | patch-root   |
      | options-root |
      | trace-root   |

  @rfc9110-15.5.1 @must
  Scenario: POST / with empty content is 400, and nothing is stored
    SPEC §2.2: "POST / with an empty body: 400, body HTTP POST Method (Failed)\n\n, nothing stored", an application rule of the bundled server.

    When the "bundled/methods/post-empty-body" request is sent
    Then the response matches the fixture
    When the "bundled/methods/get-root" request is sent
    Then the response matches the fixture
