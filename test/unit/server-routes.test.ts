/**
 * The server's application layer: every documented case of SPEC §1 and the target and method
 * rules of §2.2, checked on `Router` and `maybeEarlyResult` without a socket.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTP_1_1, type RequestHead } from '../../src/http1/index.js';
import type { Journal } from '../../src/server/journal.js';
import { MessageStore } from '../../src/server/message-store.js';
import { ALLOWED_METHODS, maybeEarlyResult, Router, type RouteResult } from '../../src/server/routes.js';

function head(method: string, target: string): RequestHead {
  return { method, target, version: HTTP_1_1, headers: [['Host', '127.0.0.1:8080']], expectContinue: false, keepAlive: true };
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

describe('route: the documented cases of SPEC §1', () => {
  test('1. GET / on an empty store: 200 and the success line only', () => {
    const result = send(newStore(), 'GET', '/');
    assert.equal(result.status, 200);
    assert.equal(bodyText(result), 'HTTP GET Method (Success)\n\n');
    assert.equal(result.allow, undefined);
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
      assert.equal(result.allow, 'GET, HEAD, POST, DELETE');
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

  for (const [method, target] of [['GET', '*'], ['OPTIONS', '*'], ['POST', '*'], ['DELETE', '*'], ['GET', '127.0.0.1:8080'], ['CONNECT', 'example.com:443'], ['GET', 'http://'], ['GET', 'wrong']]) {
    test(`${method} ${target}: 400 (neither origin-form nor absolute-form)`, () => {
      const store = newStore();
      send(store, 'POST', '/', 'kept');
      const result = send(store, method!, target!, 'x');
      assert.equal(result.status, 400);
      assert.equal(bodyText(result), `HTTP ${method} Method (Failed)\n\n`);
      assert.equal(store.size, 1, 'a bad target neither stores nor deletes');
    });
  }

  for (const method of ['get', 'Get', 'post', 'delete', 'head']) {
    test(`methods are case-sensitive: ${method} / is 405 with Allow`, () => {
      const store = newStore();
      send(store, 'POST', '/', 'kept');
      const result = send(store, method, '/', 'x');
      assert.equal(result.status, 405);
      assert.equal(result.allow, ALLOWED_METHODS);
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

describe('maybeEarlyResult: what can be answered from the head alone', () => {
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
  ];
  for (const [method, target, status] of cases) {
    test(`${method} ${target} → ${status ?? 'needs the body'}`, () => {
      const early = maybeEarlyResult(head(method, target));
      assert.equal(early?.status, status);
      if (status === 405) assert.equal(early?.allow, ALLOWED_METHODS);
    });
  }

  test('an early result is exactly what route gives once the body has arrived', () => {
    for (const [method, target, status] of cases) {
      if (status === undefined) continue;
      const store = newStore();
      assert.deepEqual(new Router(store).route(head(method, target), Buffer.from('body')), maybeEarlyResult(head(method, target)), `${method} ${target}`);
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
