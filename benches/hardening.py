#!/usr/bin/env python3
"""Issue 13's figures, measured against one release binary on 127.0.0.1 (plain HTTP), in small
bounded loops. Run by hand, never in CI:

    python3 benches/hardening.py target/release/otadrop [icon] [entries] [entries-at-limit] [pages] [flood]

Prints one line per figure:

- peak RSS of an upload of a 4096x4096 16-bit all-zero icon (about 130 KB IPA), alone and
  eight at once; peak RSS of an upload of 499,990 entries, and RSS a second after it (and,
  with `entries-at-limit`, of 49,990 entries, just under the new limit);
- /healthz latency while two pages of a build with a 7 MiB display name render;
- requests, page renders and /healthz latency under a flood of random iOS User-Agents from
  four clients for 10 s.

Peak RSS is VmHWM from /proc/<pid>/status after resetting it through /proc/<pid>/clear_refs.
"""

import http.client
import io
import json
import os
import random
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib

TOKEN = "bench-token-0123456789"


def info_plist(bundle, extra=""):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'
        f"<key>CFBundleIdentifier</key><string>{bundle}</string>"
        "<key>CFBundleShortVersionString</key><string>1.0</string>"
        "<key>CFBundleVersion</key><string>1</string>"
        "<key>CFBundleExecutable</key><string>A</string>"
        "<key>MinimumOSVersion</key><string>14.0</string>"
        f"{extra}</dict></plist>"
    ).encode()


def ipa(bundle, extra_plist="", files=(), compress_plist=True):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        method = zipfile.ZIP_DEFLATED if compress_plist else zipfile.ZIP_STORED
        z.writestr(zipfile.ZipInfo("Payload/A.app/Info.plist"), info_plist(bundle, extra_plist), method)
        z.writestr("Payload/A.app/A", b"\xcf\xfa\xed\xfe bench")
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_STORED)
    return out.getvalue()


def png_16bit_zero(side):
    """A side x side RGBA 16-bit PNG of zeros, compressed on the fly (never whole in memory)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    comp = zlib.compressobj(9)
    row = b"\0" * (1 + side * 8)
    idat = bytearray()
    for _ in range(side):
        idat += comp.compress(row)
    idat += comp.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 16, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b"")


def many_entries(n):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("Payload/A.app/Info.plist", info_plist("com.bench.entries"))
        z.writestr("Payload/A.app/A", b"x")
        for i in range(n - 2):
            z.writestr(zipfile.ZipInfo(f"Payload/A.app/f/{i}"), b"")
    return out.getvalue()


class Server:
    def __init__(self, binary):
        self.dir = tempfile.TemporaryDirectory()
        self.proc = subprocess.Popen(
            [binary, "serve", "--http", "--listen", "127.0.0.1:0", "--upload-token", TOKEN,
             "--data", self.dir.name, "--max-upload", str(1 << 30)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "RUST_LOG": "warn"},
        )
        for line in self.proc.stdout:
            m = re.match(r"otadrop: listening on (\S+)", line)
            if m:
                self.host, port = m.group(1).rsplit(":", 1)
                self.port = int(port)
            if line.strip().startswith("Index:"):
                break
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()

    def conn(self, timeout=120):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=120):
        c = self.conn(timeout)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        answer = r.read()
        c.close()
        return r.status, answer

    def get(self, path, ua=None, timeout=120):
        return self.request("GET", path, headers={"User-Agent": ua} if ua else {}, timeout=timeout)

    def upload(self, data):
        return self.request("POST", "/api/releases", body=data, timeout=600, headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/octet-stream"})

    def upload_from_idle(self, data):
        """Uploads `data` once the server has settled: (idle RSS, status, peak RSS), in MiB."""
        time.sleep(1)
        idle = self.status("VmRSS")
        self.reset_peak()
        st, _ = self.upload(data)
        return idle, st, self.status("VmHWM")

    def status(self, field):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024  # MiB
        return -1

    def reset_peak(self):
        with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
            f.write("5")

    def renders(self):
        _, body = self.get("/metrics")
        m = re.search(rb"^otadrop_page_renders_total (\d+)", body, re.M)
        return int(m.group(1)) if m else None

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.dir.cleanup()


def safari(major, minor):
    return (f"Mozilla/5.0 (iPhone; CPU iPhone OS {major}_{minor} like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) Version/{major}.0 Mobile/15E148 Safari/604.1")


def healthz_ms(s, timeout=120):
    t = time.monotonic()
    try:
        s.get("/healthz", timeout=timeout)
    except Exception:
        return float("inf")
    return (time.monotonic() - t) * 1000


def bench_icon(binary):
    icon = png_16bit_zero(4096)
    data = ipa("com.bench.icon",
               "<key>CFBundleIconFiles</key><array><string>Icon</string></array>",
               [("Payload/A.app/Icon.png", icon)])
    s = Server(binary)
    try:
        idle, st, one = s.upload_from_idle(data)
        s.reset_peak()
        threads = [threading.Thread(target=s.upload, args=(data,)) for _ in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        eight = s.status("VmHWM")
        print(f"icon upload ({len(data)} B IPA): status {st}; idle RSS {idle} MiB, "
              f"peak {one} MiB alone, {eight} MiB eight at once")
        return idle, one, eight
    finally:
        s.stop()


def bench_entries(binary, n=499_990):
    data = many_entries(n)
    s = Server(binary)
    try:
        idle, st, peak = s.upload_from_idle(data)
        time.sleep(1)
        after = s.status("VmRSS")
        print(f"{n} entries ({len(data) // 1024} KiB IPA): status {st}; idle RSS {idle} MiB, "
              f"peak {peak} MiB, RSS after {after} MiB")
        return idle, peak, after, st
    finally:
        s.stop()


def bench_expensive_pages(binary, renders=2, probes=5):
    rnd = random.Random(13)
    title = "".join(chr(97 + rnd.randrange(26)) for _ in range(7 << 20))
    data = ipa("com.bench.title", f"<key>CFBundleDisplayName</key><string>{title}</string>")
    s = Server(binary)
    try:
        st, body = s.upload(data)
        rid = json.loads(body)["id"]
        base = [healthz_ms(s) for _ in range(probes)]
        workers = [threading.Thread(target=lambda m=m: s.get(f"/r/{rid}", safari(m, 0), timeout=300))
                   for m in (16, 18)[:renders]]
        [w.start() for w in workers]
        time.sleep(0.3)
        during = []
        for _ in range(probes):
            during.append(healthz_ms(s, timeout=30))
            time.sleep(0.2)
        print(f"/healthz while {renders} pages of a 7 MiB-title build render (upload {st}): "
              f"idle median {statistics.median(base):.1f} ms; during median {statistics.median(during):.1f} ms, "
              f"max {max(during):.1f} ms (inf = no answer in 30 s)")
        return statistics.median(base), statistics.median(during), max(during)
    finally:
        s.stop()


def bench_flood(binary, seconds=10, clients=4):
    s = Server(binary)
    try:
        st, body = s.upload(ipa("com.bench.flood"))
        rid = json.loads(body)["id"]
        before = s.renders()
        stop = time.monotonic() + seconds
        counts = [0] * clients
        sent = set()
        lock = threading.Lock()

        def client(i):
            rnd = random.Random(i)
            c = s.conn()
            while time.monotonic() < stop:
                major, minor = rnd.randint(14, 26), rnd.randint(0, 99)
                with lock:
                    sent.add((major, minor))
                c.request("GET", f"/r/{rid}", headers={"User-Agent": safari(major, minor)})
                c.getresponse().read()
                counts[i] += 1
            c.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        [t.start() for t in threads]
        lat = []
        while time.monotonic() < stop:
            lat.append(healthz_ms(s))
            time.sleep(0.05)
        [t.join() for t in threads]
        after = s.renders()
        total = sum(counts)
        # Without the renders metric (before the fix), every distinct (major, minor) is one
        # render: the cache was keyed on it exactly.
        renders = after - before if after is not None else len(sent)
        how = "metric" if after is not None else "distinct versions sent"
        print(f"flood, {clients} clients x {seconds} s: {total / seconds:.0f} requests/s, "
              f"{renders / seconds:.1f} renders/s ({renders} renders, {how}); "
              f"/healthz median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms")
        return total / seconds, renders / seconds, statistics.median(lat), max(lat)
    finally:
        s.stop()


if __name__ == "__main__":
    binary = sys.argv[1]
    only = sys.argv[2:] or ["icon", "entries", "pages", "flood"]
    if "icon" in only:
        bench_icon(binary)
    if "entries" in only:
        bench_entries(binary)
    if "entries-at-limit" in only:
        # Just under the new limit (50,000): accepted, and what it costs.
        bench_entries(binary, 49_990)
    if "pages" in only:
        bench_expensive_pages(binary)
    if "flood" in only:
        bench_flood(binary)
