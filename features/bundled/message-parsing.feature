@bundled
Feature: The bundled server's message-parsing choices (SPEC §2.1)
  Where RFC 9112 §2 lets a server choose (a bare LF, a whitespace-preceded line, how to refuse),
  the bundled server makes one choice, written in SPEC §2.1 and docs/behaviour.md. These scenarios
  pin those choices and are judged on the bundled server only (the RFC rules are in
  rfc9112/message-parsing).

  @rfc9112-2.2 @must
  Scenario: A bare LF is accepted as a line end in the head
    SPEC §2.1: "A bare LF is accepted as a line end in the request line and the header section only" (docs/behaviour.md, "Bare LF"); RFC 9112 §2.2 makes this a MAY.

    When the "bundled/message-parsing/bare-lf-line-ends" request is sent
    Then the response matches "bundled/message-parsing/get-root-listing"
    And the connection stays open

  @rfc9112-2.2 @must
  Scenario Outline: A malformed request line or head is 400 with Connection: close, then close
    SPEC §2.1: "a malformed request line: 400, then close", and "A version that is not HTTP/<digit>.<digit>: 400"; docs/behaviour.md: "A CR that is not followed by LF is 400", and a whitespace-preceded line before the first field is rejected, not ignored. RFC 9112 §2.2 allows a close alone, or ignoring the indented line, and says 400 at SHOULD level.

    When the "rfc9112/message-parsing/<fixture>" request is sent
    Then the response matches "bundled/message-parsing/protocol-error-400"
    And the server closes the connection after the response

    Examples:
      | fixture                       |
      | bare-cr                       |
      | whitespace-before-first-field |
      | not-a-request-line            |
      | version-lower-case            |
      | version-two-digit-major       |
      | version-two-digit-minor       |
      | version-no-minor              |
