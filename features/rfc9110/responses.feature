@rfc9110
Feature: What every response carries (RFC 9110 §6.6.1, §8.3)
  Whatever the status, a 2xx, 3xx or 4xx response says when it was made, in the one date format
  senders must use, and a response with content should say what kind of content it is. Any type
  and any framing header are allowed; the bundled server's (text/plain, Content-Length and
  Connection on every response) are in bundled/responses.

  @rfc9110-6.6.1 @must
  Scenario Outline: Responses carry a Date in IMF-fixdate format
    RFC 9110 §6.6.1: "An origin server with a clock ... MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses". The format is IMF-fixdate (RFC 9110 §5.6.7: "A sender MUST generate timestamps in the IMF-fixdate format"). Requests any target can answer: GET /, a missing path, a malformed field line.

    When the "rfc9110/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture     |
      | date-in-200 |
      | date-in-404 |
      | date-in-400 |

  @rfc9110-6.6.1 @must
  Scenario Outline: The message store's 201 and 405 carry a Date in IMF-fixdate format
    RFC 9110 §6.6.1: "An origin server with a clock ... MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses". Behind the message store, whose POST / is 201 and PUT / is 405 (SPEC §1 cases 3 and 6).

    Given the message store is empty
    When the "rfc9110/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture     |
      | date-in-201 |
      | date-in-405 |

  @rfc9110-8.3 @should
  Scenario Outline: Responses with content carry a Content-Type
    RFC 9110 §8.3: "A sender that generates a message containing content SHOULD generate a Content-Type header field in that message." Any media type is accepted.

    When the "rfc9110/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture             |
      | content-type-of-200 |
      | content-type-of-404 |
