@rfc9110
Feature: Content-Length values (RFC 9110 §8.6)
  Content-Length is one decimal number. A recipient may accept the same number repeated as that
  one length, or reject the message; both are allowed, so that scenario only informs. The bundled
  server's choice (it rejects) is pinned in features/bundled/content-length.feature.

  @rfc9110-8.6 @may
  Scenario Outline: A Content-Length repeated with the same value may be refused
    RFC 9110 §8.6: "a recipient of a Content-Length header field value consisting of the same decimal value repeated as a comma-separated list (e.g, "Content-Length: 42, 42") MAY either reject the message as invalid or replace that invalid field value with a single instance of the decimal value". Allowed: a refusal (a 4xx, or a close without a response), or the request read with a length of 5 and answered as any POST to / would be; this scenario only informs whether the target refuses.

    When the "rfc9110/content-length/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture              |
      | two-equal-fields     |
      | list-of-equal-values |

  @rfc9110-8.6 @must
  Scenario: Leading zeros are digits of a valid length
    RFC 9110 §8.6: "Content-Length = 1*DIGIT". "005" is a length of 5: the body echo holds the five bytes (n/a on a target without a body echo).

    Given the target returns the request body
    When the "rfc9110/content-length/leading-zeros" request is sent
    Then the response matches the fixture
