"""Starts `cadre serve` on a free loopback port for a test, and always stops it.

Used by tests/serve/hostile.py and tests/serve/load.py (Python 3 standard library only).
The server is started with `--listen 127.0.0.1:0`; the port it chose is read from the line
it prints ("cadre serve: listening on http://127.0.0.1:PORT/"). `with Server(...) as s:`
kills it (SIGTERM, then SIGKILL) whatever happens, so no test leaves a process behind.
"""
import ctypes
import http.client
import os
import re
import signal
import subprocess
import threading
import time
import uuid

FIXTURE_ARGS = [
    '--catalog', 'fixtures/stack/authenticity/common/courses.yaml',
    '--catalog', 'fixtures/stack/authenticity/pathway.yaml',
    '--waivers', 'fixtures/stack/authenticity/common/waivers.yaml',
    '--trust', 'fixtures/stack/authenticity/trust.yaml',
    '--as-of', '2025-06-01',
]


def _die_with_parent():
    """In the child: SIGTERM when the test dies, even killed by ctest's timeout (Linux prctl)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Server:
    def __init__(self, cadre, *extra, start_timeout=60):
        self.cadre = cadre
        self.args = [cadre, 'serve', '--listen', '127.0.0.1:0', *FIXTURE_ARGS, *extra]
        self.start_timeout = start_timeout
        self.log = []

    def __enter__(self):
        self.process = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=_die_with_parent)
        self._stderr = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr.start()
        line = [None]

        def read_line():
            line[0] = self.process.stdout.readline()

        reader = threading.Thread(target=read_line, daemon=True)
        reader.start()
        reader.join(self.start_timeout)
        match = re.search(r'http://127\.0\.0\.1:(\d+)/', line[0] or '')
        if not match:
            self.stop()
            raise RuntimeError(f'cadre serve did not start: {line[0]!r}; log: {self.log}')
        self.port = int(match.group(1))
        return self

    def _drain_stderr(self):
        for entry in self.process.stderr:
            self.log.append(entry.rstrip('\n'))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def __exit__(self, *exc):
        self.stop()
        return False

    def rss_kib(self):
        """The server's resident memory now and its peak so far (VmRSS, VmHWM), in KiB."""
        values = {}
        with open(f'/proc/{self.process.pid}/status') as status:
            for entry in status:
                key, _, value = entry.partition(':')
                if key in ('VmRSS', 'VmHWM'):
                    values[key] = int(value.split()[0])
        return values.get('VmRSS', 0), values.get('VmHWM', 0)

    def connection(self, timeout=30):
        return http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = self.connection(timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode('utf-8', 'replace')
        finally:
            conn.close()

    def csrf(self):
        status, _, page = self.request('GET', '/')
        assert status == 200, status
        return re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    def healthy(self):
        status, _, body = self.request('GET', '/healthz', timeout=10)
        return status == 200 and body == 'ok\n'


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def multipart(fields):
    """fields: (name, value bytes or str, filename or None) → (body, content type)."""
    boundary = 'cadre' + uuid.uuid4().hex
    chunks = []
    for name, value, filename in fields:
        if isinstance(value, str):
            value = value.encode()
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else '')
        chunks.append(f'--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n'.encode() + value + b'\r\n')
    chunks.append(f'--{boundary}--\r\n'.encode())
    return b''.join(chunks), f'multipart/form-data; boundary={boundary}'


def stack_fields(csrf, ob3='fixtures/stack/authenticity/signed/ob3-awa.json'):
    return [('csrf', csrf, None), ('pathway', 'DIU-CRED', None),
            ('transcript', read('fixtures/serve/transcript.yaml'), 'transcript.yaml'),
            ('credentials', read(ob3), 'ob3-awa.json'),
            ('credentials', read('fixtures/stack/authenticity/common/elm-awa.jsonld'), 'elm-awa.jsonld'),
            ('credentials', read('fixtures/serve/certificate-paper.yaml'), 'certificate-paper.yaml')]


def check_fields(csrf):
    return [('csrf', csrf, None), ('record', read('fixtures/courses/invalid/duration-too-long.yaml'), 'duration-too-long.yaml')]


LOG_LINE = re.compile(r'^(GET|POST|HEAD|PUT|DELETE|-) (/|/stack|/check|/healthz|/login|-) \d{3} \d+ \d+ms$')


def log_is_private(log):
    """Every request line is method, path, status, size, duration; nothing from a file."""
    requests = [entry for entry in log if not entry.startswith('cadre serve:')]
    bad = [entry for entry in requests if not LOG_LINE.match(entry)]
    leaked = [entry for entry in log if 'Diallo' in entry or '0123456789A' in entry or 'workload' in entry]
    return bad + leaked
