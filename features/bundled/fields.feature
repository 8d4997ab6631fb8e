@bundled
Feature: The bundled server's field-value choices (SPEC §2.1)
  RFC 9110 §5.5 lets a recipient reject CR, LF or NUL in a field value or replace each with SP,
  and retain other control characters or not. The bundled server refuses every control byte
  inside a value with 400 and closes (SPEC §2.1, docs/behaviour.md "Field values"), serves
  obs-text, and says "Connection: close" when asked to close in any case. Judged on the bundled
  server only; the RFC rules are in rfc9110/fields.

  @rfc9110-5.5 @must
  Scenario Outline: A control byte inside a field value is 400 with Connection: close, then close
    SPEC §2.1: "control characters (NUL, CR or LF alone) inside a field value ...: 400, then close"; docs/behaviour.md: "any other control byte (NUL, CR, LF, DEL, …) inside is 400". RFC 9110 §5.5 allows it: "MUST either reject the message or replace each of those characters with SP", and other CTLs "are also invalid; however, recipients MAY retain such characters".

    When the "rfc9110/fields/<fixture>" request is sent
    Then the response matches "bundled/fields/control-byte-refused"
    And the server closes the connection after the response

    Examples:
      | fixture      |
      | nul-in-value |
      | cr-in-value  |
      | ctl-in-value |
      | del-in-value |

  @rfc9110-5.5 @must
  Scenario: obs-text in a field value leaves GET / served with its listing
    SPEC §1 case 1 and docs/behaviour.md ("Field names and values are kept as the bytes sent"): a value with obs-text is kept and GET / is answered with its listing.

    When the "rfc9110/fields/obs-text-in-value" request is sent
    Then the response matches "bundled/fields/get-root-listing"

  @rfc9110-7.6.1 @must
  Scenario: Connection: CLOSE is answered with Connection: close, then close
    SPEC §2.3: "The response's Connection header says which happens, and the server does what it says": the close option in any case gets "Connection: close" (a SHOULD for RFC 9112 §9.6, always done here).

    When the "rfc9110/fields/connection-close-any-case" request is sent
    Then the response matches "bundled/fields/get-root-closed"
    And the server closes the connection after the response
