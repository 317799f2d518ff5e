#!/usr/bin/env python3
"""ctest: `cadre serve` under load — 2,000 requests from 16 concurrent clients on loopback,
mixing POST /stack (a transcript and three signed or typed credentials) and POST /check (a
flawed proposal), each answer checked. Reports p50 and p99 latency and the server's peak
resident memory; asserts that nothing failed and that memory is flat: the peak over the last
thousand requests is within 10 % (and 16 MiB) of the peak over the first thousand. Speed is
reported, never asserted (bench/ is where speed is judged).

    python3 tests/serve/load.py CADRE_BINARY [REQUESTS] [CLIENTS]   (from the repository root)
"""
import json
import statistics
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, 'tests/serve')
from harness import Server, check_fields, multipart, stack_fields  # noqa: E402

cadre = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 16

with Server(cadre, '--max-concurrent', str(clients)) as server:
    csrf = server.csrf()
    stack_body, stack_type = multipart(stack_fields(csrf))
    check_body, check_type = multipart(check_fields(csrf))
    lock = threading.Lock()
    issued = [0]
    done = [0]
    latencies = []
    errors = []
    stop = threading.Event()
    peaks = {'first': 0, 'last': 0}

    def watch():
        """Samples the server's RSS every 10 ms, by which thousand of requests is running."""
        while not stop.is_set():
            try:
                rss, _ = server.rss_kib()
            except OSError:
                break
            with lock:
                half = 'first' if done[0] < total // 2 else 'last'
                peaks[half] = max(peaks[half], rss)
            time.sleep(0.01)

    def client():
        conn = server.connection(60)  # one keep-alive connection per client
        while True:
            with lock:
                if issued[0] >= total:
                    break
                n = issued[0]
                issued[0] += 1
            is_stack = n % 2 == 0
            body, content_type = (stack_body, stack_type) if is_stack else (check_body, check_type)
            started = time.monotonic()
            try:
                conn.request('POST', '/stack' if is_stack else '/check', body=body,
                             headers={'Content-Type': content_type, 'Accept': 'application/json'})
                response = conn.getresponse()
                payload = response.read()
                elapsed = time.monotonic() - started
                if response.status != 200:
                    raise RuntimeError(f'status {response.status}: {payload[:200]!r}')
                doc = json.loads(payload)
                if is_stack and doc.get('verdict') != 'eligible':
                    raise RuntimeError(f'/stack verdict {doc.get("verdict")}')
                if not is_stack and doc['findings'][0]['rule'] != 'DFCU-8.1-duration':
                    raise RuntimeError('/check did not find DFCU-8.1-duration')
            except Exception as e:  # noqa: BLE001 - every failure is counted and shown
                with lock:
                    errors.append(f'request {n}: {e}')
                conn.close()
                conn = server.connection(60)
                continue
            with lock:
                latencies.append(elapsed)
                done[0] += 1
        conn.close()

    _, start_peak = server.rss_kib()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    wall = time.monotonic() - started
    stop.set()
    watcher.join(5)
    rss, hwm = server.rss_kib()
    healthy = server.healthy()

latencies.sort()
p50 = statistics.median(latencies) * 1000 if latencies else 0
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0
print(f'{total} requests ({total // 2} /stack, {total - total // 2} /check) from {clients} clients in {wall:.1f} s: '
      f'{len(errors)} errors; p50 {p50:.1f} ms, p99 {p99:.1f} ms')
print(f'server RSS: at start {start_peak / 1024:.1f} MiB, peak over the first half {peaks["first"] / 1024:.1f} MiB, '
      f'over the second half {peaks["last"] / 1024:.1f} MiB, at the end {rss / 1024:.1f} MiB (VmHWM {hwm / 1024:.1f} MiB)')
problems = []
if errors:
    problems.append(f'{len(errors)} requests failed, e.g. {errors[:3]}')
if len(latencies) != total:
    problems.append(f'{len(latencies)} answers for {total} requests')
if peaks['last'] > peaks['first'] * 1.10 + 16 * 1024:
    problems.append('memory grew between the first and the last half of the requests')
if not healthy:
    problems.append('/healthz did not answer after the load')
if problems:
    print('\n'.join(problems))
    sys.exit(1)
print('load: no error, memory flat')
