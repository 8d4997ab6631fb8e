@rfc9110
Feature: What a server makes of the fields it reads (RFC 9110 §5)
  A field line that is odd but not refused reaches the application as the server reads it, and
  what it reads can differ from what a proxy in front of it read: a NUL kept, a line dropped, a
  folded value cut, a cookie shortened. A field echo shows what the server made of each line
  (the echo path returns the request's field lines, `name: value` each), so these scenarios are
  judged only where the target echoes the request's fields (--echo-path naming one that does), and
  n/a elsewhere. A refusal is judged by the status; a request served is judged by its echo.

  @rfc9110-5.5 @must
  Scenario Outline: CR or NUL inside a field value is refused or read as SP: <case>
    RFC 9110 §5.5: "a recipient of CR, LF, or NUL within a field value MUST either reject the message or replace each of those characters with SP before further processing or forwarding of that message." Refused (a 4xx, or a close without a response) passes; served, the echo must hold the value with a space where the byte was.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds the "<field>" field with each CR, LF and NUL replaced by SP

    Examples:
      | case                          | fixture            | field    |
      | a NUL between two cookies     | nul-in-cookie      | Cookie   |
      | a CR between two cookies      | cr-in-cookie       | Cookie   |
      | a NUL inside an unknown field | nul-in-field-value | X-Custom |

  @rfc9110-5.5 @may
  Scenario Outline: Another control character inside a cookie may be retained: <case>
    RFC 9110 §5.5: "Field values containing other CTL characters are also invalid; however, recipients MAY retain such characters for the sake of robustness." The check is the MAY's option, the Cookie served and echoed as sent; a refusal is allowed too and only informed.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds the "Cookie" field as sent

    Examples:
      | case          | fixture       |
      | the byte 0x01 | ctl-in-cookie |
      | a DEL         | del-in-cookie |

  @rfc9112-2.2 @must
  Scenario Outline: A line of whitespace before the first field is refused or passed over: <case>
    RFC 9112 §2.2: "A recipient that receives whitespace between the start-line and the first header field MUST either reject the message as invalid or consume each whitespace-preceded line without further processing of it (i.e., ignore the entire line, along with any subsequent lines preceded by whitespace, until a properly formed header field is received or the header section is terminated)." Refused passes; served, the echo must not hold the field that line named.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds no "X-Injected" field

    Examples:
      | case          | fixture                  |
      | a space first | space-before-first-field |
      | a tab first   | tab-before-first-field   |

  @rfc9112-5.2 @must
  Scenario Outline: An obsolete line folding is refused or read as spaces: <case>
    RFC 9112 §5.2: "A server that receives an obs-fold in a request message that is not within a "message/http" container MUST either reject the message by sending a 400 (Bad Request), preferably with a representation explaining that obsolete line folding is unacceptable, or replace each received obs-fold with one or more SP octets prior to interpreting the field value or forwarding the message downstream." A 400 passes; served, the echo must hold both parts of the value with spaces between, the second part not lost.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds the "X-Folded" field with each CR, LF and NUL replaced by SP

    Examples:
      | case                 | fixture        |
      | folded after a space | obs-fold-space |
      | folded after a tab   | obs-fold-tab   |

  @rfc9110-5.4 @must
  Scenario Outline: A large cookie is refused or read whole: <size>
    RFC 9110 §5.4: "A server that receives a request header field line, field value, or set of fields larger than it wishes to process MUST respond with an appropriate 4xx (Client Error) status code." So a Cookie is refused (a 4xx, or a close without a response) or served whole: the echo must hold every byte of it, not a part, nor none.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/grown-cookie" request is sent with a Cookie of <size>
    Then the response matches the fixture
    And if served, the echo holds the "Cookie" field as sent

    Examples:
      | size        |
      | 4096 bytes  |
      | 8192 bytes  |
      | 16384 bytes |
      | 65536 bytes |
      | 100 pairs   |
      | 1000 pairs  |
      | 5000 pairs  |

  @rfc9110-5.1 @may
  Scenario Outline: A field name with an underscore is a name of its own: <case>
    RFC 9110 §5.6.2: "tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA", so X_Custom is a valid field name, and not X-Custom. The check is that it reaches the application as sent, beside X-Custom with its own value; a server may also drop a field it does not recognize (RFC 9110 §5.1: "Other recipients SHOULD ignore unrecognized header and trailer fields.") or refuse it, which is only informed. Read as X-Custom, it would be a field the sender never sent.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds the "X_Custom" field as sent
    And if served, the echo holds <x-custom>

    Examples:
      | case            | fixture                | x-custom                     |
      | beside X-Custom | underscore-beside-dash | the "X-Custom" field as sent |
      | alone           | underscore-alone       | no "X-Custom" field          |

  @rfc9110-5.3 @may
  Scenario Outline: Field lines of one name are kept in order, or combined in order: <field>
    RFC 9110 §5.3: "A recipient MAY combine multiple field lines within a field section that have the same field name into one field line, without changing the semantics of the message, by appending each subsequent field line value to the initial field line value in order, separated by a comma (",") and optional whitespace". The echo must hold both values in the order sent, on two lines or one; for a field that is not a list (User-Agent, Authorization) the sender broke a MUST, and a refusal is allowed too. Only informed.

    Given the target echoes the request's fields
    When the "rfc9110/normalization/<fixture>" request is sent
    Then the response matches the fixture
    And if served, the echo holds the "<field>" field as sent

    Examples:
      | field         | fixture             |
      | X-Custom      | x-custom-twice      |
      | User-Agent    | user-agent-twice    |
      | Authorization | authorization-twice |
