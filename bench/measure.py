#!/usr/bin/env python3
"""Whole-process figures of Amtsweg beside a minimal Tauri window, measured in one run.

Runs the two release binaries alternately (A B A B ...) with fresh data folders and
measures, for each run:
  - start-up to interactive: from just before the process is started to the mark the
    page posts once its first screen is painted and its first IPC round trip answered
    (both programs log `first-screen-painted at_unix_ms=...`);
  - peak RSS (VmHWM) summed over the process tree (app, WebKitWebProcess,
    WebKitNetworkProcess, ...), read after 5 s of idle;
  - PSS summed over the tree at that moment (smaps_rollup);
  - both figures per process (the app's own, WebKitWebProcess, WebKitNetworkProcess);
  - the start-up's phases: to the page's navigation, to its script running, to its first
    IPC answer, to its first paint (both pages send these with the mark), and Amtsweg's
    core phases (settings, locales, catalog) from its `core-started` line.
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
# Both pages send when their script ran, their first answer came and they painted.
PHASES = re.compile(r"script_ms=([0-9.]+) view_ms=([0-9.]+) painted_ms=([0-9.]+)")
# Amtsweg's core logs its phases once started (crates/app/src/core/mod.rs).
CORE = re.compile(r"core-started since_process_ms=([0-9.]+) settings_ms=([0-9.]+) "
                  r"locales_ms=([0-9.]+) catalog_ms=([0-9.]+) total_ms=([0-9.]+)")
# The process's role, so Amtsweg's and the window's own process compare.
ROLE = {"amtsweg": "app process", "minimal-window": "app process",
        "WebKitWebProces": "WebKitWebProcess", "WebKitNetworkPr": "WebKitNetworkProcess"}
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
            core = CORE.search(line)
            if core:
                mark["core"] = {name: float(v) for name, v in zip(
                    ("before_core", "settings", "locales", "catalog", "core"), core.groups())}
                mark["core"]["before_core"] -= mark["core"]["core"]
            m = MARK.search(line)
            if m and not marked.is_set():
                mark["at"] = float(m.group(1))
                phases = PHASES.search(line)
                if phases:
                    mark["page"] = [float(v) for v in phases.groups()]
                marked.set()

    threading.Thread(target=reader, daemon=True).start()
    try:
        if not marked.wait(MARK_TIMEOUT):
            raise RuntimeError(f"{label}: no start-up mark within {MARK_TIMEOUT} s")
        startup_ms = mark["at"] - started
        # Idle: the figures the issue asks for are read 5 s after the mark.
        time.sleep(IDLE_SECONDS)
        pids = tree(proc.pid)
        per_process = {}
        for p in pids:
            role = ROLE.get(comm(p), comm(p))
            hwm_p = read_kb(f"/proc/{p}/status", "VmHWM") / 1024.0
            pss_p = read_kb(f"/proc/{p}/smaps_rollup", "Pss") / 1024.0
            old = per_process.get(role, (0.0, 0.0))
            per_process[role] = (old[0] + hwm_p, old[1] + pss_p)
        peak_mb = sum(v[0] for v in per_process.values())
        pss_mb = sum(v[1] for v in per_process.values())
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
    return {"startup_ms": startup_ms, "peak_mb": peak_mb, "pss_mb": pss_mb,
            "processes": names, "per_process": per_process, "core": mark.get("core"),
            "page": page_phases(startup_ms, mark.get("page"))}


def page_phases(startup_ms, page):
    """Start-up split at the page's own marks (ms): None when the page sent none."""
    if not page:
        return None
    script, view, painted = page
    return {"to the page's navigation": startup_ms - painted, "navigation to script running": script,
            "script to the first IPC answer": view - script, "answer to painted": painted - view}


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

    # Where the difference is: each process's peak and PSS (medians), and the phases of
    # Amtsweg's start that run before its window exists.
    roles = sorted({r for run in a + b for r in run["per_process"]})
    lines += ["| process | Amtsweg peak RSS / PSS (MB) | baseline peak RSS / PSS (MB) | difference of peaks (MB) |",
              "|---|---|---|---|"]
    for role in roles:
        def med(runs, i):
            vals = [run["per_process"].get(role, (0.0, 0.0))[i] for run in runs]
            return statistics.median(vals)
        pa, qa, pb, qb = med(a, 0), med(a, 1), med(b, 0), med(b, 1)
        lines.append(f"| {role} | {pa:.1f} / {qa:.1f} | {pb:.1f} / {qb:.1f} | {pa - pb:+.1f} |")
    split_a = [run["page"] for run in a if run.get("page")]
    split_b = [run["page"] for run in b if run.get("page")]
    if split_a and split_b:
        lines += ["", "| start-up phase (median ms) | Amtsweg | baseline | difference |", "|---|---|---|---|"]
        for phase in split_a[0]:
            pa = statistics.median(p[phase] for p in split_a)
            pb = statistics.median(p[phase] for p in split_b)
            lines.append(f"| {phase} | {pa:.0f} | {pb:.0f} | {pa - pb:+.0f} |")
    phases = [run["core"] for run in a if run.get("core")]
    if phases:
        lines += ["", "Amtsweg's start before its window (medians, ms): " + ", ".join(
            f"{name} {statistics.median(p[key] for p in phases):.1f}" for key, name in (
                ("before_core", "process start to the core"), ("settings", "settings"),
                ("locales", "locales"), ("catalog", "catalog"), ("core", "core in all")))
            + "; the rest of start-up is the window, the webview and the first screen."]
    lines.append("")

    s_a, s_b = medians["startup_ms"]
    p_a, p_b = medians["peak_mb"]
    goals = [
        ("start-up within 1.25× the baseline's median", s_a <= 1.25 * s_b,
         f"{s_a / s_b:.2f}× ({s_a:.0f} ms vs {s_b:.0f} ms)"),
        ("peak memory within +25 MB of the baseline's median", p_a - p_b <= 25,
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
