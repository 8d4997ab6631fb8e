@bundled
Feature: The bundled server's Content-Length choices (SPEC §2.1)
  RFC 9110 §8.6 lets a recipient either reject a Content-Length repeated with the same value or
  read it as that one value. The bundled server rejects it (docs/behaviour.md, "Duplicate
  Content-Length"): a length stated twice is a smuggling vector and costs an honest client
  nothing. Judged on the bundled server only; the RFC rule is in rfc9110/content-length.

  @rfc9110-8.6 @must
  Scenario Outline: A Content-Length repeated with the same value is 400 with Connection: close, then close
    SPEC §2.1: "Invalid or conflicting Content-Length values ... 400, then close"; docs/behaviour.md: "Duplicate Content-Length is rejected with 400 even when the values agree", the rejection RFC 9110 §8.6 allows ("MAY either reject the message as invalid or replace that invalid field value").

    When the "rfc9110/content-length/<fixture>" request is sent
    Then the response matches "bundled/content-length/duplicate-refused"
    And the server closes the connection after the response

    Examples:
      | fixture              |
      | two-equal-fields     |
      | list-of-equal-values |
