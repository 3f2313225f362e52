#!/usr/bin/env python3
"""Whole-process figures of Amtsweg beside a minimal Tauri window, measured in one run.

Runs the two release binaries alternately (A B A B ...) with fresh data folders and
measures, for each run:
  - start-up to interactive: from just before the process is started to the mark the
    page posts once its first screen is painted and its first IPC round trip answered
    (both programs log `first-screen-painted at_unix_ms=...`);
  - peak RSS (VmHWM) summed over the process tree (app, WebKitWebProcess,
    WebKitNetworkProcess, ...), read after 5 s of idle;
  - PSS summed over the tree at that moment (smaps_rollup).
Then writes its section of docs/performance.md between its markers, leaving every
other section as it is.

Expects to run under Xvfb inside a D-Bus session (bench/app.sh arranges both).
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BEGIN = "<!-- bench/app.sh: begin (generated, do not edit by hand) -->"
END = "<!-- bench/app.sh: end -->"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARK = re.compile(r"first-screen-painted.*at_unix_ms=([0-9.]+)")
IDLE_SECONDS = 5.0
MARK_TIMEOUT = 90.0


def children_map():
    """ppid -> [pid] for every process now."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces.
        rest = stat[stat.rfind(")") + 2 :].split()
        out.setdefault(int(rest[1]), []).append(int(entry))
    return out


def tree(pid):
    kids = children_map()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(kids.get(p, []))
    return found


def read_kb(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def run_once(binary, label):
    home = tempfile.mkdtemp(prefix=f"bench-{label}-")
    env = dict(os.environ)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("HOME", "home")):
        path = os.path.join(home, sub)
        os.makedirs(path)
        env[var] = path
    env["LANG"] = "de_DE.UTF-8"
    env.pop("LC_ALL", None)
    env["AMTSWEG_LOG"] = "info"

    marked = threading.Event()
    mark = {}
    started = time.time() * 1000.0
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)

    def reader():
        for raw in proc.stderr:
            line = ANSI.sub("", raw.decode("utf-8", "replace"))
            m = MARK.search(line)
            if m and not marked.is_set():
                mark["at"] = float(m.group(1))
                marked.set()

    threading.Thread(target=reader, daemon=True).start()
    try:
        if not marked.wait(MARK_TIMEOUT):
            raise RuntimeError(f"{label}: no start-up mark within {MARK_TIMEOUT} s")
        startup_ms = mark["at"] - started
        # Idle: the figures the issue asks for are read 5 s after the mark.
        time.sleep(IDLE_SECONDS)
        pids = tree(proc.pid)
        hwm = sum(read_kb(f"/proc/{p}/status", "VmHWM") for p in pids)
        pss = sum(read_kb(f"/proc/{p}/smaps_rollup", "Pss") for p in pids)
        names = sorted(comm(p) for p in pids)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(home, ignore_errors=True)
    return {"startup_ms": startup_ms, "peak_mb": hwm / 1024.0, "pss_mb": pss / 1024.0,
            "processes": names}


def stripped_size_mb(binary):
    with tempfile.TemporaryDirectory() as d:
        copy = os.path.join(d, "bin")
        shutil.copy(binary, copy)
        subprocess.run(["strip", copy], check=True)
        return os.path.getsize(copy) / (1024.0 * 1024.0)


def summary(values):
    return min(values), statistics.median(values), max(values)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def machine():
    model = sh("lscpu | sed -n 's/^Model name:[ ]*//p' | head -1") or platform.processor()
    mem = sh("free -g | awk '/^Mem:/{print $2}'")
    return {
        "cpu": f"{os.cpu_count()} cores, {model}",
        "memory": f"{mem} GiB",
        "os": sh(". /etc/os-release && echo $PRETTY_NAME"),
        "kernel": platform.release(),
        "rustc": sh("rustc --version"),
        "webkit": sh("dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0"),
        "commit": sh("git rev-parse --short HEAD") + (" (with uncommitted changes)" if sh("git status --porcelain --untracked-files=no") else ""),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render(results, sizes, pairs, info):
    a, b = results["amtsweg"], results["baseline"]
    lines = [BEGIN, "", "## Whole app: start-up and memory beside a minimal Tauri window", ""]
    lines.append(f"Measured by `bench/app.sh` ({pairs} pairs, run alternately A B A B …, fresh "
                 "data folders each run, under Xvfb in a D-Bus session; release builds).")
    lines.append("")
    for key in ("date", "commit", "cpu", "memory", "os", "kernel", "rustc", "webkit"):
        lines.append(f"- {key}: {info[key]}")
    lines += ["", "| figure | Amtsweg min / median / max | baseline min / median / max | ratio per pair min / median / max |",
              "|---|---|---|---|"]
    fmt = {"startup_ms": ("start-up to interactive (ms)", "{:.0f}"),
           "peak_mb": ("peak RSS of the process tree (MB)", "{:.1f}"),
           "pss_mb": ("PSS of the process tree after 5 s idle (MB)", "{:.1f}")}
    medians = {}
    for key, (title, f) in fmt.items():
        av = [r[key] for r in a]
        bv = [r[key] for r in b]
        ratios = [x / y for x, y in zip(av, bv) if y]
        sa, sb, sr = summary(av), summary(bv), summary(ratios)
        medians[key] = (sa[1], sb[1])
        lines.append(f"| {title} | {' / '.join(f.format(v) for v in sa)} | "
                     f"{' / '.join(f.format(v) for v in sb)} | {' / '.join(f'{v:.2f}' for v in sr)} |")
    lines.append(f"| stripped binary (MB) | {sizes['amtsweg']:.2f} | {sizes['baseline']:.2f} | "
                 f"{sizes['amtsweg'] / sizes['baseline']:.2f} |")
    lines += ["", "Processes measured per run: Amtsweg " + ", ".join(a[0]["processes"]) +
              "; baseline " + ", ".join(b[0]["processes"]) + ".", ""]

    s_a, s_b = medians["startup_ms"]
    p_a, p_b = medians["peak_mb"]
    goals = [
        ("start-up within 1.5× the baseline's median", s_a <= 1.5 * s_b,
         f"{s_a / s_b:.2f}× ({s_a:.0f} ms vs {s_b:.0f} ms)"),
        ("peak memory within +40 MB of the baseline's median", p_a - p_b <= 40,
         f"{p_a - p_b:+.1f} MB"),
        ("stripped binary under 15 MB", sizes["amtsweg"] < 15, f"{sizes['amtsweg']:.2f} MB"),
    ]
    lines += ["| goal | met | measured |", "|---|---|---|"]
    for title, ok, measured in goals:
        lines.append(f"| {title} | {'yes' if ok else 'no'} | {measured} |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(path, section):
    text = ""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    if BEGIN in text and END in text:
        head = text[: text.index(BEGIN)]
        tail = text[text.index(END) + len(END):].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        if not text:
            text = ("# Performance\n\nEvery figure here is written by a script or benchmark "
                    "in the repo, with its baseline measured in the same run. Sections are "
                    "regenerated independently.\n\n")
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amtsweg", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    results = {"amtsweg": [], "baseline": []}
    for i in range(args.pairs):
        # Alternate which goes first, so neither always runs on a warmer cache.
        order = [("amtsweg", args.amtsweg), ("baseline", args.baseline)]
        if i % 2:
            order.reverse()
        for label, binary in order:
            r = run_once(os.path.abspath(binary), label)
            results[label].append(r)
            print(f"pair {i + 1}/{args.pairs} {label}: start-up {r['startup_ms']:.0f} ms, "
                  f"peak {r['peak_mb']:.1f} MB, PSS {r['pss_mb']:.1f} MB", flush=True)
    # Pair results in run order (pair i of A with pair i of B).
    sizes = {"amtsweg": stripped_size_mb(args.amtsweg),
             "baseline": stripped_size_mb(args.baseline)}
    section = render(results, sizes, args.pairs, machine())
    write_section(args.out, section)
    print(section)


if __name__ == "__main__":
    sys.exit(main())
