@robustness
Feature: Limits (SPEC §2.4)
  The server bounds what it reads: a request line up to 8 KiB, a header section up to 16 KiB
  and 100 fields, a body up to 1 MiB, a store of 10,000 messages or 16 MiB. Past a limit it
  answers with the status that names it (414, 431, 413, 507) and, where framing is at stake,
  closes. Requests this large are a fixture's request padded by the step to the size it names.

  Background:
    Given the message store is empty

  @rfc9112-3 @should
  Scenario: A request line of 8000 octets is served
    RFC 9112 §3: "It is RECOMMENDED that all HTTP senders and recipients support, at a minimum, request-line lengths of 8000 octets."

    When the "robustness/limits/get-root-long-target" request is sent with its request line padded to 8000 bytes
    Then the response matches the fixture

  @rfc9112-3 @should
  Scenario: A request line of exactly 8 KiB is served
    RFC 9112 §3: "It is RECOMMENDED that all HTTP senders and recipients support, at a minimum, request-line lengths of 8000 octets", and SPEC §2.4 serves up to 8 KiB.

    When the "robustness/limits/get-root-long-target" request is sent with its request line padded to 8192 bytes
    Then the response matches the fixture

  @rfc9112-3 @must
  Scenario Outline: A request line over 8 KiB is refused with 414, and the connection closed
    RFC 9112 §3: "A server that receives a request-target longer than any URI it wishes to parse MUST respond with a 414 (URI Too Long) status code."

    When the "robustness/limits/get-root-too-long-target" request is sent with its request line padded to <bytes> bytes
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | bytes |
      | 8193  |
      | 65536 |

  @rfc6585-5 @should
  Scenario: A request with 100 header fields is served
    RFC 6585 §5: 431 is for a request whose "header fields are too large", and SPEC §2.4 serves up to 100 of them.

    When the "robustness/limits/get-root-many-fields" request is sent with 100 header fields in all
    Then the response matches the fixture

  @rfc6585-5 @should
  Scenario: A request with 101 header fields is refused with 431, and the connection closed
    RFC 6585 §5: "The 431 status code indicates that the server is unwilling to process the request because its header fields are too large."

    When the "robustness/limits/get-root-too-many-fields" request is sent with 101 header fields in all
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc6585-5 @should
  Scenario: A header section of 16,000 bytes is served
    RFC 6585 §5: 431 is for a request whose "header fields are too large", and SPEC §2.4 serves header sections up to 16 KiB.

    When the "robustness/limits/get-root-large-header-section" request is sent with its header section padded to 16000 bytes
    Then the response matches the fixture

  @rfc6585-5 @should
  Scenario: A header section over 16 KiB is refused with 431, and the connection closed
    RFC 6585 §5: "The 431 status code indicates that the server is unwilling to process the request because its header fields are too large."

    When the "robustness/limits/get-root-too-large-header-section" request is sent with its header section padded to 17000 bytes
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc9110-15.5.14 @should
  Scenario: A body of exactly 1 MiB is stored
    RFC 9110 §15.5.14: 413 is for "request content ... larger than the server is willing or able to process", and SPEC §2.4 takes up to 1 MiB.

    When the "robustness/limits/post-root-largest-body" request is sent with its body padded to 1048576 bytes
    Then the response matches the fixture

  @rfc9110-15.5.14 @should
  Scenario Outline: A body over 1 MiB is refused with 413, and the connection closed
    RFC 9110 §15.5.14: "The 413 (Content Too Large) status code indicates that the server is refusing to process a request because the request content is larger than the server is willing or able to process."

    When the "robustness/limits/<fixture>" request is sent with its body padded to 1048577 bytes
    Then the response matches the fixture
    And the server closes the connection after the response

    Examples:
      | fixture                          | framing        |
      | post-root-too-large-body         | Content-Length |
      | post-root-too-large-chunked-body | chunked        |

  @rfc9110-15.5.14 @should
  Scenario: A Content-Length over 1 MiB is refused from the head alone
    RFC 9110 §15.5.14: "The server MAY terminate the request, if the protocol version in use allows it; otherwise, the server MAY close the connection."

    When the "robustness/limits/post-root-announced-too-large" request is sent
    Then the response matches the fixture
    And the server closes the connection after the response

  @rfc4918-11.5 @should
  Scenario: A POST to a full store is refused with 507, and nothing is stored
    RFC 4918 §11.5: "The 507 (Insufficient Storage) status code means the method could not be performed on the resource because the server is unable to store the representation needed to successfully complete the request."

    Given the message store is full
    When the "robustness/limits/post-root-store-full" request is sent
    Then the response matches the fixture
    When the "robustness/limits/get-root-after-store-full" request is sent
    Then the response matches the fixture
    And the body does not contain "overflow marker"
