@rfc9110
Feature: What every response carries (RFC 9110 §6.6.1, §8.3)
  Whatever the status, a response says when it was made, in the one date format senders must
  use, and what kind of text it carries.

  @rfc9110-6.6.1 @must
  Scenario Outline: Responses carry a Date in IMF-fixdate format
    RFC 9110 §6.6.1: "An origin server with a clock ... MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses."

    When the "rfc9110/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture     |
      | date-in-200 |
      | date-in-201 |
      | date-in-404 |
      | date-in-405 |
      | date-in-400 |

  @rfc9110-8.3 @should
  Scenario Outline: Responses with content carry a Content-Type
    RFC 9110 §8.3: "A sender that generates a message containing content SHOULD generate a Content-Type header field in that message."

    When the "rfc9110/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture             |
      | content-type-of-200 |
      | content-type-of-404 |
      | content-type-of-400 |
