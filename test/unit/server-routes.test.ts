/**
 * The server's application layer: every documented case of SPEC §1 and the target and method
 * rules of §2.2, checked on `Router` and its early results without a socket.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, mock, test } from 'node:test';
import { HTTP_1_1, type RequestHead } from '../../src/http1/index.js';
import type { Journal } from '../../src/server/journal.js';
import { MessageStore } from '../../src/server/message-store.js';
import { ALLOWED_METHODS, Router, type RouteResult } from '../../src/server/routes.js';

function head(method: string, target: string, headers: Array<[string, string]> = []): RequestHead {
  return { method, target, version: HTTP_1_1, headers: [['Host', '127.0.0.1:8080'], ...headers], expectContinue: false, keepAlive: true };
}

function newStore(limits: { maxMessages?: number; maxBytes?: number } = {}): MessageStore {
  return new MessageStore({ maxMessages: 10_000, maxBytes: 16 * 1024 * 1024, ...limits });
}

function send(store: MessageStore, method: string, target: string, body = ''): RouteResult {
  return new Router(store).route(head(method, target), Buffer.from(body, 'utf8'));
}

function bodyText(result: RouteResult): string {
  return result.body.toString('utf8');
}

/** The value of the result's field `name`, if it has one. */
function field(result: RouteResult | undefined, name: string): string | undefined {
  return result?.fields?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

function earlyResult(method: string, target: string): RouteResult | undefined {
  return new Router(newStore()).earlyResult(head(method, target));
}

describe('route: the documented cases of SPEC §1', () => {
  test('1. GET / on an empty store: 200 and the success line only', () => {
    const result = send(newStore(), 'GET', '/');
    assert.equal(result.status, 200);
    assert.equal(bodyText(result), 'HTTP GET Method (Success)\n\n');
    assert.equal(field(result, 'Allow'), undefined);
  });

  test('1. GET / lists the stored messages joined by \\n, in order', () => {
    const store = newStore();
    send(store, 'POST', '/', 'first');
    send(store, 'POST', '/', 'second');
    send(store, 'POST', '/', 'third');
    assert.equal(bodyText(send(store, 'GET', '/')), 'HTTP GET Method (Success)\n\nfirst\nsecond\nthird');
  });

  for (const target of ['/wrong/', '/wrong', '/index.html', '//', '/%2F']) {
    test(`2. GET ${target}: 404 with the failure line`, () => {
      const result = send(newStore(), 'GET', target);
      assert.equal(result.status, 404);
      assert.equal(bodyText(result), 'HTTP GET Method (Failed)\n\n');
    });
  }

  test('3. POST / with a body: 201, the message echoed and appended', () => {
    const store = newStore();
    const result = send(store, 'POST', '/', 'hello world');
    assert.equal(result.status, 201);
    assert.equal(bodyText(result), 'HTTP POST Method (Success)\n\nhello world');
    assert.deepEqual(store.all().map((m) => m.toString('utf8')), ['hello world']);
  });

  test('3. POST / keeps Korean text byte for byte', () => {
    const store = newStore();
    const korean = Buffer.from('안녕하세요, 세계!', 'utf8');
    const result = new Router(store).route(head('POST', '/'), korean);
    assert.equal(result.status, 201);
    assert.deepEqual(result.body, Buffer.concat([Buffer.from('HTTP POST Method (Success)\n\n'), korean]));
    assert.deepEqual(store.all()[0], korean);
  });

  test('4. POST /wrong/: 404 with the failure line, nothing stored', () => {
    const store = newStore();
    const result = send(store, 'POST', '/wrong/', 'not kept');
    assert.equal(result.status, 404);
    assert.equal(bodyText(result), 'HTTP POST Method (Failed)\n\n');
    assert.equal(store.size, 0);
  });

  for (const target of ['/', '/wrong/', '/anything?x=1']) {
    test(`5. DELETE ${target}: 200 and the store is emptied`, () => {
      const store = newStore();
      send(store, 'POST', '/', 'one');
      send(store, 'POST', '/', 'two');
      const result = send(store, 'DELETE', target);
      assert.equal(result.status, 200);
      assert.equal(bodyText(result), 'HTTP DELETE Method (Success)\n\n');
      assert.equal(store.size, 0);
      assert.equal(bodyText(send(store, 'GET', '/')), 'HTTP GET Method (Success)\n\n');
    });
  }

  for (const method of ['PUT', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'BREW']) {
    test(`6. ${method} /: 405 naming the method as sent, with Allow`, () => {
      const store = newStore();
      const result = send(store, method, '/', 'body');
      assert.equal(result.status, 405);
      assert.equal(bodyText(result), `HTTP ${method} Method (Failed)\n\n`);
      assert.equal(field(result, 'Allow'), 'GET, HEAD, POST, DELETE');
      assert.equal(store.size, 0);
    });
  }
});

describe('route: targets and methods of SPEC §2.2', () => {
  for (const target of ['/?', '/?q=1', '/?a=b&c=d', '/?path=/wrong/']) {
    test(`origin-form ${target}: the query is ignored, root is served`, () => {
      assert.equal(send(newStore(), 'GET', target).status, 200);
      const store = newStore();
      assert.equal(send(store, 'POST', target, 'm').status, 201);
      assert.equal(store.size, 1);
    });
  }

  test('a query does not make another path the root', () => {
    assert.equal(send(newStore(), 'GET', '/wrong?x=/').status, 404);
  });

  for (const target of ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080', 'http://localhost/?q=1', 'HTTP://EXAMPLE.COM/']) {
    test(`absolute-form ${target} addresses the root`, () => {
      const store = newStore();
      assert.equal(send(store, 'POST', target, 'via absolute-form').status, 201);
      const result = send(store, 'GET', target);
      assert.equal(result.status, 200);
      assert.equal(bodyText(result), 'HTTP GET Method (Success)\n\nvia absolute-form');
    });
  }

  test('absolute-form with another path is not the root: 404', () => {
    assert.equal(send(newStore(), 'GET', 'http://127.0.0.1:8080/wrong/').status, 404);
  });

  for (const [method, target] of [['GET', '*'], ['POST', '*'], ['DELETE', '*'], ['GET', '127.0.0.1:8080'], ['DELETE', 'example.com:443'], ['GET', 'http://'], ['GET', 'wrong']]) {
    test(`${method} ${target}: 400 (not a form of target this method may use)`, () => {
      const store = newStore();
      send(store, 'POST', '/', 'kept');
      const result = send(store, method!, target!, 'x');
      assert.equal(result.status, 400);
      assert.equal(bodyText(result), `HTTP ${method} Method (Failed)\n\n`);
      assert.equal(store.size, 1, 'a bad target neither stores nor deletes');
    });
  }

  test('OPTIONS *: 200 with Allow and no content (RFC 9110 §9.3.7); nothing stored or deleted', () => {
    const store = newStore();
    send(store, 'POST', '/', 'kept');
    const result = send(store, 'OPTIONS', '*', 'x');
    assert.equal(result.status, 200);
    assert.equal(field(result, 'Allow'), ALLOWED_METHODS);
    assert.equal(result.body.length, 0);
    assert.equal(store.size, 1);
  });

  test('CONNECT host:port: 405 with Allow and the method\'s failure line; nothing deleted', () => {
    const store = newStore();
    send(store, 'POST', '/', 'kept');
    const result = send(store, 'CONNECT', 'example.com:443');
    assert.equal(result.status, 405);
    assert.equal(field(result, 'Allow'), ALLOWED_METHODS);
    assert.equal(bodyText(result), 'HTTP CONNECT Method (Failed)\n\n');
    assert.equal(store.size, 1);
  });

  for (const method of ['get', 'Get', 'post', 'delete', 'head']) {
    test(`methods are case-sensitive: ${method} / is 405 with Allow`, () => {
      const store = newStore();
      send(store, 'POST', '/', 'kept');
      const result = send(store, method, '/', 'x');
      assert.equal(result.status, 405);
      assert.equal(field(result, 'Allow'), ALLOWED_METHODS);
      assert.equal(bodyText(result), `HTTP ${method} Method (Failed)\n\n`);
      assert.equal(store.size, 1);
    });
  }

  test('HEAD / answers what GET / would, same body and so the same length', () => {
    const store = newStore();
    send(store, 'POST', '/', '안녕');
    const get = send(store, 'GET', '/');
    const headResult = send(store, 'HEAD', '/');
    assert.equal(headResult.status, 200);
    assert.deepEqual(headResult.body, get.body);
  });

  test('HEAD /wrong/ answers what GET /wrong/ would', () => {
    const store = newStore();
    assert.deepEqual(send(store, 'HEAD', '/wrong/'), send(store, 'GET', '/wrong/'));
  });

  test('POST / with an empty body: 400 with the failure line, nothing stored', () => {
    const store = newStore();
    const result = send(store, 'POST', '/', '');
    assert.equal(result.status, 400);
    assert.equal(bodyText(result), 'HTTP POST Method (Failed)\n\n');
    assert.equal(store.size, 0);
  });
});

describe('route: the store limit (SPEC §2.4)', () => {
  test('507 when the store holds maxMessages already; nothing stored', () => {
    const store = newStore({ maxMessages: 2 });
    assert.equal(send(store, 'POST', '/', 'a').status, 201);
    assert.equal(send(store, 'POST', '/', 'b').status, 201);
    const result = send(store, 'POST', '/', 'c');
    assert.equal(result.status, 507);
    assert.equal(bodyText(result), 'HTTP POST Method (Failed)\n\n');
    assert.equal(bodyText(send(store, 'GET', '/')), 'HTTP GET Method (Success)\n\na\nb');
  });

  test('507 when the message would pass maxBytes; a smaller one still fits', () => {
    const store = newStore({ maxBytes: 10 });
    assert.equal(send(store, 'POST', '/', '123456').status, 201);
    assert.equal(send(store, 'POST', '/', '12345').status, 507);
    assert.equal(send(store, 'POST', '/', '1234').status, 201);
    assert.deepEqual(store.all().map((m) => m.toString()), ['123456', '1234']);
  });

  test('DELETE makes room again', () => {
    const store = newStore({ maxMessages: 1 });
    send(store, 'POST', '/', 'a');
    assert.equal(send(store, 'POST', '/', 'b').status, 507);
    send(store, 'DELETE', '/');
    assert.equal(send(store, 'POST', '/', 'b').status, 201);
  });
});

describe('earlyResult: what can be answered from the head alone', () => {
  const cases: Array<[method: string, target: string, status: number | undefined]> = [
    ['GET', '/', undefined],
    ['HEAD', '/', undefined],
    ['POST', '/', undefined],
    ['POST', '/?q', undefined],
    ['POST', 'http://h/', undefined],
    ['DELETE', '/', undefined],
    ['DELETE', '/wrong/', undefined],
    ['GET', '/wrong/', 404],
    ['HEAD', '/wrong/', 404],
    ['POST', '/wrong/', 404],
    ['PUT', '/', 405],
    ['post', '/', 405],
    ['POST', '*', 400],
    ['PUT', '*', 400],
    ['POST', 'h:80', 400],
    ['OPTIONS', '*', 200],
    ['CONNECT', 'h:443', 405],
  ];
  for (const [method, target, status] of cases) {
    test(`${method} ${target} → ${status ?? 'needs the body'}`, () => {
      const early = earlyResult(method, target);
      assert.equal(early?.status, status);
      if (status === 405) assert.equal(field(early, 'Allow'), ALLOWED_METHODS);
    });
  }

  test('an early result is exactly what route gives once the body has arrived', () => {
    for (const [method, target, status] of cases) {
      if (status === undefined) continue;
      const store = newStore();
      assert.deepEqual(new Router(store).route(head(method, target), Buffer.from('body')), earlyResult(method, target), `${method} ${target}`);
      assert.equal(store.size, 0);
    }
  });
});

describe('a store whose journal has stopped (a disk error)', () => {
  const stopped = { append: () => false, clear: () => false, failure: new Error('ENOSPC: no space left on device') } as unknown as Journal;
  const store = new MessageStore({ maxMessages: 10, maxBytes: 1024 }, stopped, [Buffer.from('kept')]);

  test('POST is 500, not 507: the store is not full, it cannot record', () => {
    const result = send(store, 'POST', '/', 'lost');
    assert.equal(result.status, 500);
    assert.equal(bodyText(result), 'HTTP POST Method (Failed)\n\n');
  });

  test('DELETE is 500 and clears nothing, so memory matches what a restart replays', () => {
    assert.equal(send(store, 'DELETE', '/').status, 500);
    assert.deepEqual(store.all(), [Buffer.from('kept')]);
  });
});

describe('validators and conditional requests on / (RFC 9110 §8.8, §13)', () => {
  afterEach(() => mock.restoreAll());
  const START = Date.UTC(2026, 0, 10, 11, 0, 0, 400);
  let now = START;
  const clock = () => mock.method(Date, 'now', () => now);
  const get = (router: Router, headers: Array<[string, string]> = [], method = 'GET') => router.route(head(method, '/', headers), Buffer.alloc(0));

  test('GET / and HEAD / carry a strong ETag, Last-Modified to the second, and Accept-Ranges: bytes', () => {
    now = START;
    clock();
    const router = new Router(newStore());
    for (const method of ['GET', 'HEAD']) {
      const result = get(router, [], method);
      assert.match(field(result, 'ETag') ?? '', /^"[^"]+"$/);
      assert.equal(field(result, 'Last-Modified'), 'Sat, 10 Jan 2026 11:00:00 GMT');
      assert.equal(field(result, 'Accept-Ranges'), 'bytes');
    }
  });

  test('the ETag changes with every change of the store, and only then; Last-Modified follows the change', () => {
    now = START;
    clock();
    const store = newStore();
    const router = new Router(store);
    const seen = new Set<string>();
    const tag = () => field(get(router), 'ETag')!;
    seen.add(tag());
    assert.equal(tag(), [...seen][0], 'unchanged store, same tag');
    now = START + 5_000;
    router.route(head('POST', '/'), Buffer.from('a'));
    seen.add(tag());
    assert.equal(field(get(router), 'Last-Modified'), 'Sat, 10 Jan 2026 11:00:05 GMT');
    router.route(head('DELETE', '/'), Buffer.alloc(0));
    seen.add(tag());
    // Back to the empty listing, byte for byte: still a new tag, since the store changed.
    assert.equal(bodyText(get(router)), 'HTTP GET Method (Success)\n\n');
    router.route(head('DELETE', '/'), Buffer.alloc(0));
    assert.equal(seen.size, 3);
    assert.ok(seen.has(tag()), 'clearing an empty store changes nothing');
  });

  test('two routers (a restart) never make the same ETag for the same version', () => {
    assert.notEqual(field(get(new Router(newStore())), 'ETag'), field(get(new Router(newStore())), 'ETag'));
  });

  test('If-None-Match with the current tag: 304, the ETag, the length of the 200 and no Last-Modified', () => {
    const store = newStore();
    const router = new Router(store);
    router.route(head('POST', '/'), Buffer.from('hello'));
    const ok = get(router);
    for (const method of ['GET', 'HEAD']) {
      const result = get(router, [['If-None-Match', field(ok, 'ETag')!]], method);
      assert.equal(result.status, 304);
      assert.equal(field(result, 'ETag'), field(ok, 'ETag'));
      assert.equal(field(result, 'Last-Modified'), undefined);
      assert.equal(result.body.length, ok.body.length, 'the Content-Length GET would send (RFC 9110 §8.6)');
    }
  });

  test('If-None-Match with a tag from before a change: 200 with the new listing', () => {
    const store = newStore();
    const router = new Router(store);
    const before = field(get(router), 'ETag')!;
    router.route(head('POST', '/'), Buffer.from('new'));
    const result = get(router, [['If-None-Match', before]]);
    assert.equal(result.status, 200);
    assert.equal(bodyText(result), 'HTTP GET Method (Success)\n\nnew');
  });

  test('If-Modified-Since: 304 at or after the last change, 200 before it', () => {
    now = START;
    clock();
    const router = new Router(newStore());
    now = START + 60_000;
    assert.equal(get(router, [['If-Modified-Since', 'Sat, 10 Jan 2026 11:00:00 GMT']]).status, 304);
    assert.equal(get(router, [['If-Modified-Since', 'Sat, 10 Jan 2026 10:59:59 GMT']]).status, 200);
    assert.equal(get(router, [['If-Modified-Since', 'Sat, 10 Jan 2026 11:01:01 GMT']]).status, 200, 'later than the clock: ignored');
  });

  test('a condition on another path or method is not judged: the 404 or 405 stands (§13.2.1)', () => {
    const router = new Router(newStore());
    assert.equal(router.route(head('GET', '/wrong/', [['If-None-Match', '*']]), Buffer.alloc(0)).status, 404);
    assert.equal(router.route(head('PUT', '/', [['If-Match', '"nope"']]), Buffer.alloc(0)).status, 405);
  });

  test('If-Match that fails: POST and DELETE are 412 and change nothing; the early result says so too', () => {
    const store = newStore();
    const router = new Router(store);
    router.route(head('POST', '/'), Buffer.from('kept'));
    const stale: Array<[string, string]> = [['If-Match', '"stale"']];
    for (const [method, target] of [['POST', '/'], ['DELETE', '/'], ['DELETE', '/wrong/']] as const) {
      const result = router.route(head(method, target, stale), Buffer.from('more'));
      assert.equal(result.status, 412);
      assert.equal(bodyText(result), `HTTP ${method} Method (Failed)\n\n`);
      assert.equal(router.earlyResult(head(method, target, stale))?.status, 412);
    }
    assert.deepEqual(store.all().map(String), ['kept']);
  });

  test('If-Match with the current tag: POST stores, and the tag it matched is then stale', () => {
    const store = newStore();
    const router = new Router(store);
    const current = field(get(router), 'ETag')!;
    assert.equal(router.route(head('POST', '/', [['If-Match', current]]), Buffer.from('one')).status, 201);
    assert.equal(router.route(head('POST', '/', [['If-Match', current]]), Buffer.from('two')).status, 412, 'the lost update is refused');
    assert.deepEqual(store.all().map(String), ['one']);
  });

  test('If-Unmodified-Since before the last change: DELETE is 412', () => {
    now = START;
    clock();
    const store = newStore();
    const router = new Router(store);
    router.route(head('POST', '/'), Buffer.from('kept'));
    assert.equal(router.route(head('DELETE', '/', [['If-Unmodified-Since', 'Sat, 10 Jan 2026 10:00:00 GMT']]), Buffer.alloc(0)).status, 412);
    assert.equal(store.size, 1);
    assert.equal(router.route(head('DELETE', '/', [['If-Unmodified-Since', 'Sat, 10 Jan 2026 11:00:00 GMT']]), Buffer.alloc(0)).status, 200);
    assert.equal(store.size, 0);
  });

  test('If-None-Match: * on POST is 412: the representation exists', () => {
    const store = newStore();
    assert.equal(new Router(store).route(head('POST', '/', [['If-None-Match', '*']]), Buffer.from('x')).status, 412);
    assert.equal(store.size, 0);
  });
});

describe('byte ranges on GET / (RFC 9110 §14)', () => {
  const listing = 'HTTP GET Method (Success)\n\nhello';
  const routerWithHello = (): Router => {
    const router = new Router(newStore());
    router.route(head('POST', '/'), Buffer.from('hello'));
    return router;
  };
  const get = (router: Router, headers: Array<[string, string]>, method = 'GET') => router.route(head(method, '/', headers), Buffer.alloc(0));

  test('one range: 206 with that part, Content-Range, and the 200\'s validators', () => {
    const router = routerWithHello();
    const whole = get(router, []);
    const result = get(router, [['Range', 'bytes=-5']]);
    assert.equal(result.status, 206);
    assert.equal(bodyText(result), 'hello');
    assert.equal(field(result, 'Content-Range'), `bytes ${listing.length - 5}-${listing.length - 1}/${listing.length}`);
    assert.equal(field(result, 'ETag'), field(whole, 'ETag'));
    assert.equal(field(result, 'Last-Modified'), field(whole, 'Last-Modified'));
    assert.equal(field(result, 'Accept-Ranges'), 'bytes');
  });

  test('unsatisfiable: 416 with Content-Range: bytes */length and the failure line', () => {
    const result = get(routerWithHello(), [['Range', `bytes=${listing.length}-`]]);
    assert.equal(result.status, 416);
    assert.equal(field(result, 'Content-Range'), `bytes */${listing.length}`);
    assert.equal(bodyText(result), 'HTTP GET Method (Failed)\n\n');
  });

  test('invalid, another unit, several parts: 200 with the whole listing', () => {
    const router = routerWithHello();
    for (const range of ['bytes=5-1', 'lines=0-1', 'bytes=0-0,-1']) {
      const result = get(router, [['Range', range]]);
      assert.equal(result.status, 200, range);
      assert.equal(bodyText(result), listing);
    }
  });

  test('Range on HEAD, POST and another path is ignored (§14.2: GET only)', () => {
    const router = routerWithHello();
    const headResult = get(router, [['Range', 'bytes=0-3']], 'HEAD');
    assert.equal(headResult.status, 200);
    assert.equal(headResult.body.length, listing.length);
    const store = newStore();
    const posted = new Router(store).route(head('POST', '/', [['Range', 'bytes=0-3']]), Buffer.from('whole'));
    assert.equal(posted.status, 201);
    assert.deepEqual(store.all().map(String), ['whole']);
    assert.equal(router.route(head('GET', '/wrong/', [['Range', 'bytes=0-3']]), Buffer.alloc(0)).status, 404);
  });

  test('If-Range with the current ETag lets the Range through; another tag or a date sends it all', () => {
    const router = routerWithHello();
    const { fields } = get(router, []);
    const etag = fields!.find(([name]) => name === 'ETag')![1];
    const lastModified = fields!.find(([name]) => name === 'Last-Modified')![1];
    assert.equal(get(router, [['Range', 'bytes=0-3'], ['If-Range', etag]]).status, 206);
    assert.equal(get(router, [['Range', 'bytes=0-3'], ['If-Range', '"other"']]).status, 200);
    assert.equal(get(router, [['Range', 'bytes=0-3'], ['If-Range', lastModified]]).status, 200);
  });

  test('a failed If-None-Match wins over Range: 304', () => {
    const router = routerWithHello();
    assert.equal(get(router, [['Range', 'bytes=0-3'], ['If-None-Match', '*']]).status, 304);
  });
});

describe('the echo resource (--echo-path)', () => {
  const echoing = (): { store: MessageStore; router: Router } => {
    const store = newStore();
    return { store, router: new Router(store, { echoPath: '/echo' }) };
  };

  test('off by default: the path is 404 to GET and POST', () => {
    const store = newStore();
    assert.equal(send(store, 'GET', '/echo').status, 404);
    assert.equal(send(store, 'POST', '/echo', 'x').status, 404);
  });

  test('each field line as received, in order, duplicates and case kept, then CRLF, then the body', () => {
    const { router } = echoing();
    const request = head('POST', '/echo', [['x-Dup', 'one'], ['X-DUP', 'two'], ['Content-Length', '5']]);
    const result = router.route(request, Buffer.from('hello'));
    assert.equal(result.status, 200);
    assert.equal(result.body.toString('latin1'), 'Host: 127.0.0.1:8080\r\nx-Dup: one\r\nX-DUP: two\r\nContent-Length: 5\r\n\r\nhello');
  });

  test('bytes that are not UTF-8 come back as they were received', () => {
    const { router } = echoing();
    const body = Buffer.from([0xff, 0x00, 0xc3]);
    const result = router.route(head('PUT', '/echo', [['X-Raw', '\xe9']]), body);
    assert.deepEqual(result.body, Buffer.concat([Buffer.from('Host: 127.0.0.1:8080\r\nX-Raw: \xe9\r\n\r\n', 'latin1'), body]));
  });

  for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get']) {
    test(`${method} on the echo path (a query and absolute-form too) is 200 and touches no store`, () => {
      const { store, router } = echoing();
      store.append(Buffer.from('kept'));
      for (const target of ['/echo', '/echo?q=1', 'http://127.0.0.1:8080/echo']) {
        assert.equal(router.earlyResult(head(method, target)), undefined, 'the body is needed');
        assert.equal(router.route(head(method, target), Buffer.from('x')).status, 200);
      }
      assert.equal(store.size, 1);
    });
  }

  test('the rest of the routes are unchanged by it', () => {
    const { router } = echoing();
    assert.equal(router.route(head('GET', '/echo/more'), Buffer.alloc(0)).status, 404);
    assert.equal(router.route(head('POST', '/'), Buffer.from('m')).status, 201);
    assert.equal(bodyText(router.route(head('GET', '/'), Buffer.alloc(0))), 'HTTP GET Method (Success)\n\nm');
  });
});
