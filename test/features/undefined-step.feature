@seed @must
Feature: A step written with a typo
  Used by test/e2e/cucumber-habits.test.ts: the second step has no definition, and its author
  is to be told the closest defined step, not the code Cucumber would have one write.

  Scenario: request is misspelt
    Given the message store is empty
    When the "seed/get-root-empty" reqest is sent
    Then the response matches the fixture
