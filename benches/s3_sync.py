#!/usr/bin/env python3
"""What keeping several nodes in step costs: two release-build nodes on one s3s-fs bucket
(127.0.0.1, --sync-interval 1). Run by hand, not in CI:

    cargo build --release && python3 benches/s3_sync.py

Prints: the CPU a node spends per minute doing nothing but its sync rounds, with no share
links and with LINKS of them; how long LINKS links made on A take to be listed on B (a cold
re-read of that many records); the median time of an upload with and without an
Idempotency-Key (the key costs a create, a read-back and a lookup in the bucket).
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/otadrop")
S3FS = os.path.join(os.environ.get("OTADROP_TOOLS", os.path.expanduser("~/.cache/otadrop-tools")), "bin/s3s-fs")
IPA = os.path.join(ROOT, "../shared/fixtures/ipa/bitrise__ios-simple-objc.ipa")
LINKS = int(os.environ.get("LINKS", "1000"))
UPLOADS = int(os.environ.get("UPLOADS", "20"))
IDLE = float(os.environ.get("IDLE", "30"))
TOKEN = "bench-token-0123456789"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="benchkey", AWS_SECRET_ACCESS_KEY="benchsecret-0123456789",
           AWS_REGION="us-east-1", AWS_ALLOW_HTTP="true")
CLK = os.sysconf("SC_CLK_TCK")
procs = []


def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(p):
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", p), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing listens on {p}")


def call(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    req.add_header("authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, r.read()


def node(prefix, work):
    p = port()
    data = tempfile.mkdtemp(dir=work)
    procs.append(subprocess.Popen(
        [BIN, "serve", "--http", "--listen", f"127.0.0.1:{p}", "--public-url", f"http://127.0.0.1:{p}",
         "--data", data, "--storage", f"s3://bench/{prefix}", "--sync-interval", "1",
         "--upload-token", TOKEN, "--signing-key", "bench-signing-key-0123456789abcdef"],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    wait_port(p)
    return procs[-1].pid, f"http://127.0.0.1:{p}"


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def idle_cpu_per_minute(pid):
    before = cpu_seconds(pid)
    time.sleep(IDLE)
    return (cpu_seconds(pid) - before) * 60 / IDLE


def upload(base, key=None):
    headers = {"content-type": "application/octet-stream"}
    if key:
        headers["idempotency-key"] = key
    t = time.perf_counter()
    status, body = call("POST", f"{base}/api/releases", open(IPA, "rb").read(), headers)
    assert status == 201, status
    return time.perf_counter() - t, json.loads(body)


def main():
    work = tempfile.mkdtemp(prefix="otadrop-s3sync-")
    s3 = port()
    os.makedirs(os.path.join(work, "root/bench"))
    procs.append(subprocess.Popen(
        [S3FS, "--host", "127.0.0.1", "--port", str(s3), "--access-key", "benchkey",
         "--secret-key", "benchsecret-0123456789", os.path.join(work, "root")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    wait_port(s3)
    ENV["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{s3}"
    a_pid, a = node("p", work)
    b_pid, b = node("p", work)
    _, release = upload(a)
    time.sleep(3)
    print(f"idle CPU of a node, 1 release, 0 links: {idle_cpu_per_minute(b_pid):.2f} s per minute")

    t = time.perf_counter()
    link_ids = set()
    for _ in range(LINKS):
        status, body = call("POST", f"{a}/api/releases/{release['id']}/links", b"{}",
                            {"content-type": "application/json"})
        assert status == 201, status
        link_ids.add(json.loads(body)["id"])
    made = time.perf_counter() - t
    while True:
        _, body = call("GET", f"{b}/api/links")
        if link_ids <= {l["id"] for l in json.loads(body)}:
            break
        time.sleep(0.05)
    print(f"{LINKS} links made on A in {made:.1f} s ({made / LINKS * 1000:.1f} ms each); "
          f"all listed on B {time.perf_counter() - t - made:.2f} s after the last")
    time.sleep(3)
    print(f"idle CPU of a node, 1 release, {LINKS} links: {idle_cpu_per_minute(b_pid):.2f} s per minute")

    plain = [upload(a)[0] for _ in range(UPLOADS)]
    keyed = [upload(a, f"bench-key-{i}")[0] for i in range(UPLOADS)]
    print(f"upload of {os.path.getsize(IPA)} bytes, median of {UPLOADS}: "
          f"{statistics.median(plain) * 1000:.1f} ms without a key, "
          f"{statistics.median(keyed) * 1000:.1f} ms with an Idempotency-Key")


def stop_all():
    for p in procs:
        p.kill()
        p.wait()


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_all()
