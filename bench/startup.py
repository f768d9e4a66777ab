#!/usr/bin/env python3
"""Start-up time and memory of the Houvast window next to a bare Tauri window.

For each binary: start it N times; the time to the first interactive screen is from spawn to
the "houvast-ready" line the UI triggers (command `ui_ready`); memory is the PSS (proportional
set size: shared pages counted once) of the app and every WebKit process it started, read one
second after ready. Runs inside scripts/with-desktop-session.sh (display, keychain).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SETTLE_MS = 1000


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(binary, env):
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = None
    for line in proc.stdout:
        if line.strip() == "houvast-ready":
            ready = (time.perf_counter() - start) * 1000
            break
    if ready is None:
        proc.wait()
        raise SystemExit(f"{binary} exited ({proc.returncode}) before its first screen was ready")
    time.sleep(SETTLE_MS / 1000 / 2)
    pss = sum(pss_kib(p) for p in descendants(proc.pid)) / 1024
    proc.stdout.read()
    proc.wait(timeout=30)
    return ready, pss


def measure(name, binary, env):
    one_run(binary, env)  # first run creates the key and database, and warms the page cache
    runs = [one_run(binary, env) for _ in range(RUNS)]
    ready = statistics.median(r[0] for r in runs)
    pss = statistics.median(r[1] for r in runs)
    return name, ready, pss


def main():
    app, bare = sys.argv[1], sys.argv[2]
    data = tempfile.mkdtemp(prefix="houvast-bench-")
    env = dict(os.environ, HOUVAST_BENCH_EXIT_AFTER_MS=str(SETTLE_MS), HOUVAST_DATA_DIR=data)
    rows = [measure("bare Tauri window", bare, env), measure("Houvast", app, env)]
    base_ready, base_pss = rows[0][1], rows[0][2]
    print(f"\nStart-up to first interactive screen and memory (median of {RUNS} runs)\n")
    print("| window | ready (ms) | ratio | PSS app+WebKit (MiB) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, ready, pss in rows:
        print(f"| {name} | {ready:.0f} | {ready / base_ready:.2f} | {pss:.0f} | {pss / base_pss:.2f} |")


if __name__ == "__main__":
    main()
