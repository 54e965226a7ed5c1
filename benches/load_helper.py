#!/usr/bin/env python3
"""Helpers for benches/load.sh: test data, start-up timing and the results table.

Subcommands:
  make-ipa OUT SIZE_MIB BASE_IPA   a valid IPA: the entries of a real IPA plus one stored
                                   entry of random bytes, SIZE_MIB in all
  clone-releases DATA RECORD N     N release folders (release.json only) copied from RECORD
                                   with fresh ids
  startup BIN DATA PORT CAFILE RUNS
                                   median ms from spawning `otadrop serve` to its first
                                   answered HTTPS request (GET /healthz)
  wrk-result FILE                  the RESULT line of a wrk run as `requests bytes seconds`
  render RESULTS.tsv BENCHMARKS.md COMMAND
                                   write the results table between the markers
"""

import json
import os
import random
import socket
import ssl
import statistics
import subprocess
import sys
import time
import zipfile

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def make_ipa(out, size_mib, base):
    size = int(size_mib) * 1024 * 1024
    tmp = out + ".part"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as dst:
        app = None
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data, compress_type=info.compress_type)
            parts = info.filename.split("/")
            if len(parts) > 2 and parts[0] == "Payload" and parts[1].endswith(".app"):
                app = parts[1]
        if app is None:
            sys.exit(f"{base}: no Payload/*.app")
        dst.fp.flush()
        left = size - os.path.getsize(tmp) - 200
        blob = zipfile.ZipInfo(f"Payload/{app}/payload.bin", date_time=(2024, 1, 1, 0, 0, 0))
        blob.compress_type = zipfile.ZIP_STORED
        rng = random.Random(1)
        with dst.open(blob, "w", force_zip64=False) as w:
            chunk = 8 * 1024 * 1024
            while left > 0:
                n = min(chunk, left)
                w.write(rng.randbytes(n))
                left -= n
    os.replace(tmp, out)


def new_id(millis):
    n = ((millis & 0xFFFFFFFFFFFF) << 80) | random.getrandbits(80)
    return "".join(ALPHABET[(n >> (5 * i)) & 31] for i in reversed(range(26)))


def clone_releases(data, record, count):
    with open(record) as f:
        base = json.load(f)
    root = os.path.join(data, "releases")
    os.makedirs(root, exist_ok=True)
    start = 1_600_000_000_000
    for i in range(int(count)):
        rid = new_id(start + i)
        rec = dict(base)
        rec["id"] = rid
        rec["app"] = dict(base["app"])
        rec["app"]["bundle_id"] = f"{base['app']['bundle_id']}.n{i % 500}"
        d = os.path.join(root, rid)
        os.mkdir(d)
        with open(os.path.join(d, "release.json"), "w") as f:
            json.dump(rec, f, indent=2)


def startup(binary, data, port, cafile, runs):
    ctx = ssl.create_default_context(cafile=cafile)
    times = []
    for _ in range(int(runs)):
        t0 = time.perf_counter()
        p = subprocess.Popen(
            [binary, "serve", "--listen", f"127.0.0.1:{port}", "--data", data,
             "--upload-token", "bench-token-0123456789",
             "--public-url", f"https://127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, RUST_LOG="warn"))
        try:
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as s:
                        with ctx.wrap_socket(s, server_hostname="127.0.0.1") as t:
                            t.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            if t.recv(64).startswith(b"HTTP/1.1 200"):
                                break
                except (ConnectionRefusedError, ssl.SSLError, ConnectionResetError):
                    if p.poll() is not None:
                        sys.exit("otadrop exited during start-up")
                    time.sleep(0.0005)
            times.append((time.perf_counter() - t0) * 1000)
        finally:
            p.terminate()
            p.wait()
    print(f"{statistics.median(times):.1f}")


def wrk_result(path):
    for line in open(path):
        if line.startswith("RESULT "):
            kv = dict(x.split("=") for x in line.split()[1:])
            errors = int(kv["errors"]) + int(kv["status_errors"])
            if errors:
                sys.exit(f"{path}: {errors} errors: {line.strip()}")
            print(kv["requests"], kv["bytes"], int(kv["duration_us"]) / 1e6)
            return
    sys.exit(f"{path}: no RESULT line")


BEGIN = "<!-- load.sh results: begin -->"
END = "<!-- load.sh results: end -->"


def render(tsv, md, command, begin=None, end=None):
    global BEGIN, END
    if begin:
        BEGIN, END = begin, end
    rows = [line.rstrip("\n").split("\t") for line in open(tsv) if line.strip()]
    meta = {r[1]: r[2] for r in rows if r[0] == "meta"}
    out = [BEGIN, "", f"Run of {meta.get('date', '?')} on {meta.get('machine', '?')}.", "",
           f"Command: `{command}`", ""]
    out += ["| Test | otadrop (median) | Baseline (median) | Ratio | Target | Met | Runs: otadrop / baseline |",
            "|---|---|---|---|---|---|---|"]
    for r in rows:
        if r[0] == "pair":
            _, name, ours, theirs, ratio, target, met, runs = r
            out.append(f"| {name} | {ours} | {theirs} | {ratio} | {target} | {met} | {runs} |")
    out += ["", "| Measure | Value | Target | Met |", "|---|---|---|---|"]
    for r in rows:
        if r[0] == "single":
            _, name, value, target, met = r
            out.append(f"| {name} | {value} | {target} | {met} |")
    out += ["", END]
    block = "\n".join(out)
    text = open(md).read() if os.path.exists(md) else "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(md, "w") as f:
        f.write(text)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {
        "make-ipa": make_ipa,
        "clone-releases": clone_releases,
        "startup": startup,
        "wrk-result": wrk_result,
        "render": render,
    }[cmd](*args)
