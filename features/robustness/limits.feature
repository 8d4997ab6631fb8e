@robustness
Feature: Limits any server should keep (RFC 9110 §2.3)
  HTTP sets no limit on the length of a request line, a header section or a body; a server picks
  its own. These scenarios do not guess a server's limits: they send what no reasonable buffer
  holds (a 100 KiB request line, a 1 MiB header section, 10,000 fields, a 64 MiB body) and accept
  any refusal the RFCs name, a 4xx (414, 431, 413, 400, …) or a close, and then check that the
  server is still serving. They are hardening checks at SHOULD level: a server that takes the
  input is not in breach of a MUST. The bundled server's exact limits and statuses are in
  `features/bundled/limits.feature`.

  @rfc9112-3 @should
  Scenario: A request line of 8000 octets is served
    RFC 9112 §3: "It is RECOMMENDED that all HTTP senders and recipients support, at a minimum, request-line lengths of 8000 octets." Any 2xx shows the line was taken (the padding is a query string on `/`).

    When the "robustness/limits/get-root-long-target" request is sent with its request line padded to 8000 bytes
    Then the response matches the fixture

  @rfc9112-3 @should
  Scenario: A request line of 100 KiB is served or refused, and the server lives on
    RFC 9110 §2.3: "A recipient SHOULD parse a received protocol element defensively, with only marginal expectations that the element will conform to its ABNF grammar and fit within a reasonable buffer size." RFC 9112 §3 sets no limit and names 414 for a target longer than the server wishes to parse; a server that cuts the line off at a buffer may also answer 400 or 431, or close (RFC 9112 §9.5); one that has room serves it. All are accepted: what is judged is that the server lives on.

    When the "robustness/limits/get-root-huge-target" request is sent with its request line padded to 102400 bytes
    Then the response matches the fixture
    Given a new connection
    When the "robustness/limits/get-root" request is sent
    Then the response matches the fixture

  @rfc6585-5 @should
  Scenario Outline: A header section no reasonable buffer holds is served or refused, and the server lives on
    RFC 9110 §2.3: "A recipient SHOULD parse a received protocol element defensively, with only marginal expectations that the element will conform to its ABNF grammar and fit within a reasonable buffer size." A refusal may be 431 (RFC 6585 §5), 400, another 4xx (RFC 9110 §5.4: "an appropriate 4xx (Client Error) status code"), or a close; a server with room serves it. What is judged is that the server lives on.

    When the "robustness/limits/<fixture>" request is sent with <size>
    Then the response matches the fixture
    Given a new connection
    When the "robustness/limits/get-root" request is sent
    Then the response matches the fixture

    Examples:
      | fixture                     | size                                         |
      | get-root-huge-field         | its header section padded to 1048576 bytes   |
      | get-root-huge-field-count   | 10000 header fields in all                   |

  @rfc9110-15.5.14 @should
  Scenario: A body of 64 MiB to a path that stores it is taken or refused, and the server lives on
    RFC 9110 §2.3: "A recipient SHOULD parse a received protocol element defensively, with only marginal expectations that the element will conform to its ABNF grammar and fit within a reasonable buffer size." A refusal may be 413 (RFC 9110 §15.5.14, after which "the server MAY close the connection"), another 4xx, or a close; a store with room takes it. What is judged is that the server lives on. Needs a path that takes a body (the body path): a POST refused for its method would pass for the wrong reason.

    Given the target takes a request body
    When the "robustness/limits/post-root-huge-body" request is sent with its body padded to 67108864 bytes
    Then the response matches the fixture
    Given a new connection
    When the "robustness/limits/get-root" request is sent
    Then the response matches the fixture
