#!/usr/bin/env python3
"""ctest: hostile requests to `cadre serve` each get their documented answer (docs/serve.md,
"Limits"), and the server still serves /healthz after each.

    python3 tests/serve/hostile.py CADRE_BINARY     (from the repository root)

Loopback only; bounded (each step has a timeout, the whole test stops by itself).
"""
import socket
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, 'tests/serve')
from harness import Server, check_fields, log_is_private, multipart, read, stack_fields  # noqa: E402

cadre = sys.argv[1]
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)
        print('FAIL', message)
    else:
        print('ok  ', message)


def raw(port, data, timeout=15, shut_write=False):
    """Sends bytes on a fresh connection and returns what comes back until the server closes."""
    with socket.create_connection(('127.0.0.1', port), timeout=timeout) as s:
        s.sendall(data)
        if shut_write:
            s.shutdown(socket.SHUT_WR)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (socket.timeout, ConnectionResetError):
            pass
        return b''.join(chunks).decode('utf-8', 'replace')


# A non-loopback bind without a token: refused, exit 2, before listening.
for address in ('0.0.0.0:0', '[::]:0', '192.0.2.1:8080'):
    started = time.monotonic()
    done = subprocess.run([cadre, 'serve', '--listen', address], capture_output=True, text=True, timeout=60)
    expect(done.returncode == 2 and '--token' in done.stderr and 'listening on' not in done.stdout,
           f'--listen {address} without --token: exit 2 and a message naming --token (got {done.returncode}: {done.stderr.strip()[:120]})')
done = subprocess.run([cadre, 'serve', '--listen', '127.0.0.1:0', '--token', '/nonexistent/token'], capture_output=True,
                      text=True, timeout=60)
expect(done.returncode == 2, 'an unreadable --token file: exit 2')

with Server(cadre, '--deadline', '2', '--max-body', '1048576', '--max-concurrent', '4') as server:
    port = server.port
    csrf = server.csrf()

    # An oversized body: 413 as soon as the headers announce it, nothing read beyond.
    body, content_type = multipart([('csrf', csrf, None), ('record', b'x' * (2 << 20), 'big.yaml')])
    head = (f'POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n'
            f'Content-Length: {len(body)}\r\n\r\n').encode()
    answer = raw(port, head + body[:65536])
    expect(answer.startswith('HTTP/1.1 413'), f'an oversized body (2 MiB, limit 1 MiB): 413 (got {answer[:40]!r})')
    # Chunked, without a length: the limit holds all the same.
    chunked = (f'POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n'
               'Transfer-Encoding: chunked\r\n\r\n').encode()
    for offset in range(0, len(body), 1 << 18):
        piece = body[offset:offset + (1 << 18)]
        chunked += f'{len(piece):x}\r\n'.encode() + piece + b'\r\n'
    answer = raw(port, chunked + b'0\r\n\r\n')
    expect(answer.startswith('HTTP/1.1 413'), f'an oversized chunked body: 413 (got {answer[:40]!r})')
    expect(server.healthy(), '/healthz after the oversized bodies')

    # A truncated multipart (the length is honest, the form is cut): 400.
    body, content_type = multipart(check_fields(csrf))
    cut = body[:len(body) // 2]
    status, _, page = server.request('POST', '/check', cut, {'Content-Type': content_type})
    expect(status == 400 and 'truncated' in page, f'a truncated multipart: 400 saying "truncated" (got {status})')
    # A body shorter than its Content-Length: the deadline ends the wait with a 503.
    answer = raw(port, (f'POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n'
                        f'Content-Length: {len(body)}\r\n\r\n').encode() + cut)
    expect(answer.startswith('HTTP/1.1 503'), f'a body cut short of its Content-Length: 503 at the deadline (got {answer[:40]!r})')
    expect(server.healthy(), '/healthz after the truncated forms')

    # 64 slow clients hold connections past the deadline (2 s): each is answered 503 and closed,
    # and /healthz is served while they hold.
    answers = [None] * 64
    opened = threading.Barrier(65, timeout=30)

    def slow(i):
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=20) as s:
                s.sendall(b'POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n')
                opened.wait()
                received = b''
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline:
                    try:
                        s.sendall(b'X')  # one byte a second: never a whole request
                    except OSError:
                        break
                    s.settimeout(1)
                    try:
                        chunk = s.recv(4096)
                    except socket.timeout:
                        continue
                    except OSError:
                        break
                    if not chunk:
                        break
                    received += chunk
                answers[i] = received.decode('utf-8', 'replace')
        except Exception as e:  # noqa: BLE001 - reported below
            answers[i] = f'error: {e}'

    threads = [threading.Thread(target=slow, args=(i,)) for i in range(64)]
    started = time.monotonic()
    for t in threads:
        t.start()
    opened.wait()
    expect(server.healthy(), '/healthz while 64 slow clients hold connections')
    for t in threads:
        t.join(30)
    elapsed = time.monotonic() - started
    refused = sum(1 for a in answers if a and a.startswith('HTTP/1.1 503'))
    expect(refused == 64, f'64 slow clients past the deadline: each answered 503 and closed ({refused} of 64, '
                          f'in {elapsed:.1f} s; first answer {answers[0][:40]!r})')
    expect(elapsed < 12, f'the slow clients were cut at the deadline, not left hanging ({elapsed:.1f} s)')
    expect(server.healthy(), '/healthz after the slow clients')

    # A path traversal in a file name: the name is a name (its last component), never opened.
    fields = check_fields(csrf)
    fields[1] = ('record', fields[1][1], '../../../../../etc/passwd')
    body, content_type = multipart(fields)
    status, _, page = server.request('POST', '/check', body, {'Content-Type': content_type})
    expect(status == 200 and 'passwd.yaml:16:17' in page and 'root:' not in page and '../' not in page,
           f'a path traversal in a file name: 200, shown as passwd.yaml, no file read (got {status})')
    # …and in the URL: there are no files to serve.
    status, _, _ = server.request('GET', '/../../etc/passwd')
    expect(status == 404, f'a path traversal in the URL: 404 (got {status})')
    expect(server.healthy(), '/healthz after the path traversals')

    # A credential whose text holds <script>: escaped on the jury sheet.
    hostile = read('fixtures/serve/certificate-paper.yaml').replace(b'Jeanne Martin', b'<script>alert(1)</script>')
    fields = stack_fields(csrf, 'fixtures/stack/authenticity/tampered/ob3-awa.json')
    fields[-1] = ('credentials', hostile, '<script>x</script>.yaml')
    body, content_type = multipart(fields)
    status, headers, page = server.request('POST', '/stack', body, {'Content-Type': content_type})
    expect(status == 200 and '<script' not in page.lower() and 'script-src' not in headers.get('Content-Security-Policy', '')
           and "default-src 'none'" in headers.get('Content-Security-Policy', ''),
           f'a credential holding <script>: 200, escaped, and a CSP that runs no script (got {status})')
    # A form without the CSRF token: 403.
    body, content_type = multipart(check_fields(csrf)[1:])
    status, _, _ = server.request('POST', '/check', body, {'Content-Type': content_type})
    expect(status == 403, f'a form without its CSRF token: 403 (got {status})')
    # Headers over 16 KiB: 431.
    answer = raw(port, b'GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ' + b'a' * 20000 + b'\r\n\r\n')
    expect(answer.startswith('HTTP/1.1 431'), f'headers over 16 KiB: 431 (got {answer[:40]!r})')
    # Garbage instead of HTTP: 400.
    answer = raw(port, b'\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n')
    expect(answer.startswith('HTTP/1.1 400'), f'bytes that are not HTTP (a TLS hello): 400 (got {answer[:40]!r})')
    expect(server.healthy(), '/healthz after the hostile forms')

    # More requests at once than --max-concurrent (4): the extra ones get 503 at once, the
    # others their answer, and /healthz is answered all along.
    body, content_type = multipart(stack_fields(csrf))
    statuses = []
    status_lock = threading.Lock()

    def burst():
        status, _, _ = server.request('POST', '/stack', body, {'Content-Type': content_type, 'Accept': 'application/json'}, timeout=60)
        with status_lock:
            statuses.append(status)

    for _ in range(3):  # a few rounds: on a fast machine one round may never overlap
        crowd = [threading.Thread(target=burst) for _ in range(24)]
        for t in crowd:
            t.start()
        healthy_during = server.healthy()
        for t in crowd:
            t.join(120)
        if 503 in statuses:
            break
    expect(503 in statuses and set(statuses) <= {200, 503} and statuses.count(200) >= 4 and healthy_during,
           f'24 requests at once with --max-concurrent 4: 503 for the extra ones, 200 for the others, /healthz answered '
           f'({statuses.count(200)} × 200, {statuses.count(503)} × 503)')

    # More than 512 open connections: the extra ones are answered 503 and closed; the idle
    # ones are closed at the deadline, and /healthz is served again.
    held = []
    try:
        for _ in range(530):
            held.append(socket.create_connection(('127.0.0.1', port), timeout=10))
        extra = []
        for s in held[-10:]:
            try:
                extra.append(s.recv(200).decode('utf-8', 'replace'))
            except OSError as e:
                extra.append(f'error: {e}')
        expect(any(a.startswith('HTTP/1.1 503') for a in extra),
               f'over 512 open connections: the extra ones are answered 503 (got {[a[:20] for a in extra[:3]]})')
    finally:
        for s in held:
            s.close()
    time.sleep(2.5)
    expect(server.healthy(), '/healthz after 530 connections were opened and dropped')
    status, headers, body = server.request('HEAD', '/healthz')
    expect(status == 200 and body == '', f'HEAD /healthz: 200 without a body (got {status}, {body!r})')

    time.sleep(0.5)  # the last log lines
    bad = log_is_private(server.log)
    expect(not bad, f'the log holds method, path, status, size and duration only ({bad[:3]})')
    expect(server.process.poll() is None, 'the server is still running')

if problems:
    print(f'{len(problems)} problem(s)')
    sys.exit(1)
print('hostile requests: every one got its documented answer; /healthz served after each')
