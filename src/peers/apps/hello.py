"""The Python peers' application (src/peers/panel.ts): `hello world` on every path, no message store.

    python3 hello.py waitress|cheroot PORT    a WSGI server
    python3 -m hypercorn --bind 127.0.0.1:PORT hello:asgi    an ASGI server (run from this folder)
"""
import sys

BODY = b"hello world\n"


def wsgi(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]


async def asgi(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(BODY)).encode())]})
    await send({"type": "http.response.body", "body": BODY})


if __name__ == "__main__":
    server, port = sys.argv[1], int(sys.argv[2])
    if server == "waitress":
        from waitress import serve

        serve(wsgi, host="127.0.0.1", port=port, _quiet=True)
    elif server == "cheroot":
        from cheroot.wsgi import Server

        Server(("127.0.0.1", port), wsgi).safe_start()
    else:
        sys.exit(f"unknown server {server!r}: waitress or cheroot")
