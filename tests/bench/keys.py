#!/usr/bin/env python3
"""keys.py: type into scs-tui in a real pty and measure key-to-screen delay.

  keys.py --log LOG [--keys SPEC] [--first SPEC] [--interval MS]
          [--duration S] [--signal PID] [--size COLSxROWS] -- scs-tui ARGS...

Starts the program in a pseudo terminal (its output is read and thrown
away, as a terminal would), waits until LOG says "store ...: synced",
(or matches --ready REGEX), then, if --signal is given, sends SIGUSR1 to PID (the simulator: starts a
storm) and writes one key every --interval ms for --duration s. Keys come
round robin from SPEC (after the keys of --prefix SPEC, once), a
comma list of: a character, "BS" (backspace),
"TEXT*" (each character of TEXT). --first SPEC: keys written once synced,
a second before the window starts (e.g. a sort for the idle run). The program must run with -v --log LOG:
the loop logs "key NAME at MS cpu US" when it takes a key and "drawn at MS
cpu US" after each refresh (CLOCK_MONOTONIC ms, the clock of
time.monotonic(); the loop thread's CPU time in microseconds).

The delay of a key is from the moment its byte was written to the pty to
the first "drawn" at or after the moment the program took that key: it
includes waiting in the pty while the loop was busy, or while it waited
for a core. queue_* is the part before the loop took the key (written ->
"key NAME at"), work_* the rest (taken -> drawn: the loop's own wall time
for it, whole ms of the log), key_cpu_* the loop thread's CPU time over
that same stretch (the log's "cpu US": what the key cost, not what the
machine's load made it wait). CPU is utime+stime of the program over the
typing window, from /proc. Prints one line of JSON.
"""
import json
import os
import pty
import re
import signal
import struct
import fcntl
import sys
import termios
import threading
import time


def now_ms():
    return time.monotonic() * 1000.0


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(v, p):
    if not v:
        return None
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def parse_keys(spec):
    out = []
    for item in spec.split(","):
        if item == "BS":
            out.append(("BS", b"\x7f"))
        elif item.endswith("*") and len(item) > 1:
            out.extend((c, c.encode()) for c in item[:-1])
        elif item == "COMMA":
            out.append((",", b","))
        else:
            out.append((item, item.encode()))
    return out


def main():
    a = sys.argv[1:]
    opts = {"--interval": "50", "--duration": "10", "--size": "120x40",
            "--signal": None, "--keys": "", "--log": None,
            "--ready-timeout": "120", "--prefix": "", "--first": "",
            "--ready": r"store \S+: synced"}
    while a and a[0] != "--":
        opts[a[0]] = a[1]
        a = a[2:]
    cmd = a[1:]
    cols, rows = (int(x) for x in opts["--size"].split("x"))
    keys = parse_keys(opts["--keys"]) if opts["--keys"] else []
    prefix = parse_keys(opts["--prefix"]) if opts["--prefix"] else []
    log = opts["--log"]

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)

    tail = [b""]

    def drain():
        try:
            while True:
                d = os.read(fd, 65536)
                if not d:
                    break
                tail[0] = (tail[0] + d)[-2000:]
        except OSError:
            pass
    threading.Thread(target=drain, daemon=True).start()

    deadline = time.monotonic() + float(opts["--ready-timeout"])
    while True:
        try:
            with open(log) as f:
                if re.search(opts["--ready"], f.read()):
                    break
        except FileNotFoundError:
            pass
        r, st = os.waitpid(pid, os.WNOHANG)
        if r == pid:
            print(json.dumps({"error": f"exited ({st}) before synced",
                              "output": tail[0].decode(errors="replace")}))
            return 1
        if time.monotonic() > deadline:
            print(json.dumps({"error": "not synced in time",
                              "output": tail[0].decode(errors="replace")}))
            os.kill(pid, signal.SIGTERM)
            return 1
        time.sleep(0.05)
    time.sleep(0.5)		# let the first full draw pass
    if opts["--first"]:
        for _name, b in parse_keys(opts["--first"]):
            os.write(fd, b)
        time.sleep(1.0)

    c0, t0 = cpu_s(pid), now_ms()
    if opts["--signal"]:
        os.kill(int(opts["--signal"]), signal.SIGUSR1)
    interval = float(opts["--interval"])
    end = t0 + float(opts["--duration"]) * 1000.0
    written = []
    i = 0
    nxt = t0 + interval
    while True:
        t = now_ms()
        if t >= end:
            break
        if keys and t >= nxt:
            name, b = prefix[i] if i < len(prefix) else \
                keys[(i - len(prefix)) % len(keys)]
            w = now_ms()
            os.write(fd, b)
            written.append((name, w))
            i += 1
            nxt += interval
        time.sleep(max(0.0, min(nxt, end) - now_ms()) / 1000.0)
    c1, t1 = cpu_s(pid), now_ms()
    time.sleep(0.5)
    os.write(fd, b"q")
    for _ in range(100):
        r, _st = os.waitpid(pid, os.WNOHANG)
        if r == pid:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)

    handled, drawn, drawn_cpu = [], [], []
    index_bytes = objects = None
    with open(log) as f:
        for line in f:
            m = re.search(r"synced, (\d+) objects, (\d+) bytes", line)
            if m and re.search(opts["--ready"], line):
                objects, index_bytes = int(m.group(1)), int(m.group(2))
            m = re.search(r" key (\S+) at (\d+) cpu (\d+)$", line)
            if m and int(m.group(2)) >= t0 - 1:
                handled.append((m.group(1), int(m.group(2)),
                                int(m.group(3))))
                continue
            m = re.search(r" drawn at (\d+) cpu (\d+)$", line)
            if m:
                drawn.append(int(m.group(1)))
                drawn_cpu.append(int(m.group(2)))
    handled = [h for h in handled if h[0] != "q"][:len(written)]
    delays, queue, work, kcpu, lost = [], [], [], [], 0
    j = 0
    for k, (name, w) in enumerate(written):
        if k >= len(handled):
            lost += 1
            continue
        h = handled[k][1]
        while j < len(drawn) and drawn[j] < h:
            j += 1
        if j == len(drawn):
            lost += 1
            continue
        # The log has whole ms (truncated): the draw happened before
        # drawn + 1, so this is an upper bound.
        delays.append(max(0.0, drawn[j] + 1 - w))
        queue.append(max(0.0, h + 1 - w))
        work.append(drawn[j] - h)
        kcpu.append((drawn_cpu[j] - handled[k][2]) / 1000.0)
    res = {
        "keys": len(written), "measured": len(delays), "unmatched": lost,
        "p50_ms": pct(delays, 50), "p99_ms": pct(delays, 99),
        "max_ms": max(delays) if delays else None,
        "index_bytes": index_bytes, "objects": objects,
        "queue_p99_ms": pct(queue, 99),
        "work_p50_ms": pct(work, 50), "work_p99_ms": pct(work, 99),
        "key_cpu_p50_ms": pct(kcpu, 50), "key_cpu_p99_ms": pct(kcpu, 99),
        "cpu_s": round(c1 - c0, 3), "wall_s": round((t1 - t0) / 1000.0, 3),
        "cpu_frac": round((c1 - c0) / ((t1 - t0) / 1000.0), 3),
        "draws": sum(1 for d in drawn if t0 <= d <= t1),
    }
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
