@bundled
Feature: The bundled server's limits (SPEC §2.4)
  The RFCs set no size limits; they let a server choose them and name the statuses that refuse
  (RFC 9112 §3, RFC 9110 §15.5.14, RFC 6585 §5, RFC 4918 §11.5). These are the bundled server's
  own choices (SPEC §2.4, docs/behaviour.md): a request line up to 8 KiB, a header section up to
  16 KiB and 100 fields, a body up to 1 MiB, a store of 10,000 messages or 16 MiB; past a limit
  the status that names it (414, 431, 413, 507), and a close where the rest of the request is
  not read. Judged on the bundled server only; `features/robustness/limits.feature` holds what
  any server should do.

  Background:
    Given the message store is empty

  @rfc9112-3 @must
  Scenario: A request line of exactly 8 KiB is served
    SPEC §2.4: the request line may be up to 8 KiB (RFC 9112 §3 recommends at least 8000 octets and sets no upper limit); 8,192 bytes are served.

    When the "bundled/limits/get-root-long-target" request is sent with its request line padded to 8192 bytes
    Then the response matches the fixture

  @rfc9112-3 @must
  Scenario Outline: A request line over 8 KiB is refused with 414, and the connection closed
    SPEC §2.4: a request line over 8 KiB is 414 (RFC 9112 §3 names 414 for a target longer than the server wishes to parse), and the bundled server closes, since it stops reading the request (docs/behaviour.md).

    When the "bundled/limits/get-root-too-long-target" request is sent with its request line padded to <bytes> bytes
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | bytes |
      | 8193  |
      | 65536 |

  @rfc6585-5 @must
  Scenario: A request with 100 header fields is served
    SPEC §2.4: up to 100 header fields are served (RFC 6585 §5 leaves "too large" to the server).

    When the "bundled/limits/get-root-many-fields" request is sent with 100 header fields in all
    Then the response matches the fixture

  @rfc6585-5 @must
  Scenario: A request with 101 header fields is refused with 431, and the connection closed
    SPEC §2.4: over 100 header fields is 431 (RFC 6585 §5), then close.

    When the "bundled/limits/get-root-too-many-fields" request is sent with 101 header fields in all
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc6585-5 @must
  Scenario: A header section of 16,000 bytes is served
    SPEC §2.4: header sections up to 16 KiB are served (RFC 6585 §5 leaves "too large" to the server).

    When the "bundled/limits/get-root-large-header-section" request is sent with its header section padded to 16000 bytes
    Then the response matches the fixture

  @rfc6585-5 @must
  Scenario: A header section over 16 KiB is refused with 431, and the connection closed
    SPEC §2.4: a header section over 16 KiB is 431 (RFC 6585 §5), then close.

    When the "bundled/limits/get-root-too-large-header-section" request is sent with its header section padded to 17000 bytes
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9110-15.5.14 @must
  Scenario: A body of exactly 1 MiB is stored
    SPEC §2.4: bodies up to 1 MiB are taken (RFC 9110 §15.5.14 leaves the size to the server).

    When the "bundled/limits/post-root-largest-body" request is sent with its body padded to 1048576 bytes
    Then the response matches the fixture

  @rfc9110-15.5.14 @must
  Scenario Outline: A body over 1 MiB is refused with 413, and the connection closed
    SPEC §2.4: a body over 1 MiB is 413, then close (RFC 9110 §15.5.14: the server "MAY close the connection"), whether its length was announced or it is chunked.

    When the "bundled/limits/<fixture>" request is sent with its body padded to 1048577 bytes
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                          | framing        |
      | post-root-too-large-body         | Content-Length |
      | post-root-too-large-chunked-body | chunked        |

  @rfc9110-15.5.14 @must
  Scenario: A Content-Length over 1 MiB is refused from the head alone
    SPEC §2.4: a Content-Length over 1 MiB is answered 413 from the head, before any of the body is sent, then close (RFC 9110 §15.5.14 lets the server choose 413 and the close; docs/behaviour.md).

    When the "bundled/limits/post-root-announced-too-large" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc4918-11.5 @must
  Scenario: A POST to a full store is refused with 507, and nothing is stored
    SPEC §2.4: a store over 10,000 messages or 16 MiB refuses the next POST with 507 and stores nothing (RFC 4918 §11.5 defines 507; the body is the seed's failure line, docs/behaviour.md).

    Given the message store is full
    When the "bundled/limits/post-root-store-full" request is sent
    Then the response matches the fixture
    When the "bundled/limits/get-root-after-store-full" request is sent
    Then the response matches the fixture
    And the body does not contain "overflow marker"
