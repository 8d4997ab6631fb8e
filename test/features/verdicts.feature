@verdicts
Feature: One scenario for each verdict
  Run by test/e2e/verdicts.test.ts against a foreign target (the node:http peer), so that every
  report can be checked to count the same five verdicts. Not part of the suite.

  @rfc9110-9.3.1 @must
  Scenario: pass — GET / is answered 200
    When this raw request is sent:
      """
      GET / HTTP/1.1
      Host: {authority}
      \r\n
      """
    Then the status is 200

  @rfc9110-9.3.1 @must
  Scenario: fail — a MUST-level expectation the target does not meet
    When this raw request is sent:
      """
      GET / HTTP/1.1
      Host: {authority}
      \r\n
      """
    Then the status is 418

  @rfc9110-9.3.1 @should
  Scenario: warn — a SHOULD-level expectation the target does not meet
    When this raw request is sent:
      """
      GET / HTTP/1.1
      Host: {authority}
      \r\n
      """
    Then the status is 418

  @rfc9110-9.3.1 @must
  Scenario: n/a — the scenario needs what a foreign target lacks
    Given the server can be configured
    When this raw request is sent:
      """
      GET / HTTP/1.1
      Host: {authority}
      \r\n
      """
    Then the status is 418

  @rfc9110-9.3.1 @must
  Scenario: error — the harness cannot load the fixture it is given
    When the "no-such-area/no-such-fixture" request is sent
    Then the response matches the fixture
