#!/usr/bin/env python3
"""Start-up time and memory of the Houvast window next to a bare Tauri window.

For each binary: start it N times; the time to the first interactive screen is from spawn to
the "houvast-ready" line the app prints when the UI calls `ui_ready`: its first screen with that
screen's data is in the page ("page:settled") and has been drawn (the frame after it laid out
and painted; the bare window waits for its frame the same way); memory is the PSS (proportional set size: shared pages
counted once) of the app and every WebKit process it started, read half a second after ready.

Houvast is measured twice: the very first start (no data: the onboarding) and a parent
halfway through the programme with a year of evening reflections (the home screen), made by
`cargo run --example seed_parent`. For both, the "houvast-mark" lines give the breakdown:
the shell's steps from `main` (src-tauri/src/ready.rs) and the page's (ui/src/lib/startup.ts).

The runs take turns (bare, app, app, bare, ...), so a slow spell of the machine falls on every
row alike. Besides the ratio of the medians, each round's own ratio (a run against the bare
window's run of the same round, seconds apart) is given as a median with its quartiles: this
machine's speed drifts by 100 ms over minutes, and the pairs cancel that drift. On a machine
without a GPU Houvast paints and composites on the processor (platform.rs, software_rendering);
the bare window is then measured a second time with the same WebKit settings, and the "same
settings" ratios compare with that row.

Runs inside scripts/with-desktop-session.sh (display, keychain).
    bench/startup.py APP BARE SEED_COMMAND...
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
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
    """(ms to ready, PSS MiB, {mark: ms since spawn})"""
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready, marks = None, {}
    for line in proc.stdout:
        line = line.strip()
        if line.startswith("houvast-mark "):
            _, name, ms = line.split()
            marks[name] = float(ms)
        elif line == "houvast-ready":
            ready = (time.perf_counter() - start) * 1000
            break
    if ready is None:
        proc.wait()
        raise SystemExit(f"{binary} exited ({proc.returncode}) before its first screen was ready")
    # The marks count from `main`; "exec" is what came before it (loading the binary).
    if "shell:ui_ready" in marks:
        to_main = ready - marks["shell:ui_ready"]
        marks = {name: ms + to_main for name, ms in marks.items()}
        marks["shell:main"] = to_main
    time.sleep(SETTLE_MS / 1000 / 2)
    pss = sum(pss_kib(p) for p in descendants(proc.pid)) / 1024
    proc.stdout.read()
    proc.wait(timeout=30)
    return ready, pss, marks


def measure(configs):
    """Runs every (name, binary, env) RUNS times, taking turns, so a slow spell of the machine
    falls on all of them alike; returns (name, ready, pss, marks, runs): medians per config, and
    its runs in round order."""
    for _, binary, env in configs:
        one_run(binary, env)  # the first run warms the page cache (and, empty, makes the key)
    runs = {name: [] for name, _, _ in configs}
    for _ in range(RUNS):
        for name, binary, env in configs:
            runs[name].append(one_run(binary, env))
    rows = []
    for name, _, _ in configs:
        rs = runs[name]
        names = [n for n in rs[0][2] if all(n in r[2] for r in rs)]
        marks = {n: statistics.median(r[2][n] for r in rs) for n in names}
        rows.append((name, statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), marks, rs))
    return rows


def paired(rows, base, index):
    """Each round's ratio of a row to `base` (0: ready, 1: PSS), as (median, q1, q3)."""
    out = []
    for row in rows:
        ratios = [r[index] / b[index] for r, b in zip(row[4], base[4])]
        q1, _, q3 = statistics.quantiles(ratios, n=4)
        out.append((statistics.median(ratios), q1, q3))
    return out


def quartiles(row):
    q1, _, q3 = statistics.quantiles([r[0] for r in row[4]], n=4)
    return q1, q3


# What Houvast sets on a machine without a GPU (src-tauri/src/platform.rs, software_rendering).
SOFTWARE_RENDERING = {"WEBKIT_SKIA_ENABLE_CPU_RENDERING": "1", "WEBKIT_DISABLE_COMPOSITING_MODE": "1"}


def renders_on_the_processor():
    """Whether Houvast moves WebKit's painting and compositing to the processor on this machine
    (no GPU), which the bare window does not do by itself."""
    if any(name in os.environ for name in SOFTWARE_RENDERING):
        return False
    try:
        return not any(n.startswith("renderD") for n in os.listdir("/dev/dri"))
    except OSError:
        return True


def main():
    app, bare, seed = sys.argv[1], sys.argv[2], sys.argv[3:]
    empty = tempfile.mkdtemp(prefix="houvast-bench-empty-")
    halfway = tempfile.mkdtemp(prefix="houvast-bench-halfway-")
    subprocess.run(seed + [halfway], check=True)

    def env(data, **extra):
        return dict(os.environ, HOUVAST_BENCH_EXIT_AFTER_MS=str(SETTLE_MS), HOUVAST_DATA_DIR=data, **extra)

    configs = [
        ("bare Tauri window", bare, env(empty)),
        ("Houvast, first start (onboarding)", app, env(empty)),
        ("Houvast, halfway + a year of reflections (home)", app, env(halfway)),
    ]
    # Without a GPU Houvast paints and composites on the processor; the bare window, as Tauri
    # makes it, goes through the emulated GPU. The same bare window with Houvast's settings shows
    # what is Houvast's own cost, apart from that choice.
    same_settings = renders_on_the_processor()
    if same_settings:
        configs.insert(1, ("bare Tauri window, with the same WebKit settings", bare, env(empty, **SOFTWARE_RENDERING)))
    rows = measure(configs)
    base_ready, base_pss = rows[0][1], rows[0][2]
    like = rows[1] if same_settings else rows[0]
    print(f"\nStart-up to the first interactive screen and memory (median of {RUNS} runs, taking turns)\n")
    print("| window | ready (ms) | ratio | same settings | PSS app+WebKit (MiB) | ratio | same settings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ready, pss, _, _ in rows:
        print(
            f"| {name} | {ready:.0f} | {ready / base_ready:.2f} | {ready / like[1]:.2f} "
            f"| {pss:.0f} | {pss / base_pss:.2f} | {pss / like[2]:.2f} |"
        )

    print("\nThe same, round by round (each run against the bare window's run of its round; median, quartiles)\n")
    print("| window | ready q1-q3 (ms) | ready ratio | q1-q3 | same settings | PSS ratio | q1-q3 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    time_ratios, like_ratios, pss_ratios = paired(rows, rows[0], 0), paired(rows, like, 0), paired(rows, rows[0], 1)
    for row, t, lt, m in zip(rows, time_ratios, like_ratios, pss_ratios):
        q1, q3 = quartiles(row)
        print(
            f"| {row[0]} | {q1:.0f}-{q3:.0f} | {t[0]:.2f} | {t[1]:.2f}-{t[2]:.2f} | {lt[0]:.2f} "
            f"| {m[0]:.2f} | {m[1]:.2f}-{m[2]:.2f} |"
        )

    print("\nWhere the time goes (ms since the process was started; median; shell = Rust, page = the UI)\n")
    columns = rows
    print("| step | " + " | ".join(r[0] for r in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    order = sorted({n for r in columns for n in r[3]}, key=lambda n: min(r[3].get(n, 1e9) for r in columns))
    for n in order:
        cells = " | ".join(f"{r[3][n]:.0f}" if n in r[3] else "" for r in columns)
        print(f"| {n} | {cells} |")


if __name__ == "__main__":
    main()
