@rfc9110
Feature: Content-Length values (RFC 9110 §8.6)
  Content-Length is one decimal number. RFC 9110 lets a recipient accept the same number
  repeated; wirecheck refuses it, as a length stated twice is a smuggling vector and costs an
  honest client nothing (docs/behaviour.md).

  @rfc9110-8.6 @should
  Scenario Outline: A Content-Length repeated with the same value is refused
    RFC 9110 §8.6: "a recipient of a Content-Length header field value consisting of the same decimal value repeated as a comma-separated list ... MAY either reject the message as invalid or replace that invalid field value with a single instance of the decimal value."

    When the "rfc9110/content-length/<fixture>" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture              |
      | two-equal-fields     |
      | list-of-equal-values |

  @rfc9110-8.6 @must
  Scenario: Leading zeros are digits of a valid length
    RFC 9110 §8.6: "Content-Length = 1*DIGIT".

    Given the message store is empty
    When the "rfc9110/content-length/leading-zeros" request is sent
    Then the response matches the fixture
