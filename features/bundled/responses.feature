@bundled
Feature: What every bundled response carries (SPEC §1, §2.1, §2.3)
  Every response of the bundled server carries Date, Content-Type text/plain (a charset=utf-8
  parameter is fine), Content-Length and Connection: keep-alive, or Connection: close on a
  response after which it closes (SPEC §1, §2.1, §2.3, docs/behaviour.md). The RFC requires
  Date only; the rest is the SPEC's choice. Judged on the bundled server only; the RFC rules are
  in rfc9110/responses.

  Background:
    Given the message store is empty

  @rfc9112-9.3 @must
  Scenario Outline: Every response carries Date, text/plain, Content-Length and the Connection it means
    SPEC §1: "Every response carries Server, Date, Content-Type: text/plain ..., Connection"; SPEC §2.1: "Every response has Content-Length"; SPEC §2.3: "The response's Connection header says which happens" (RFC 9112 §9.3 makes persistence the default, so keep-alive is the SPEC's, not the RFC's).

    When the "bundled/responses/<fixture>" request is sent
    Then the response matches the fixture

    Examples:
      | fixture      |
      | response-200 |
      | response-201 |
      | response-404 |
      | response-405 |
      | response-400 |
