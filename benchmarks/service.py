"""Service benchmark: POST /v1/triage over real HTTP on loopback, with 1 and 2 uvicorn workers.

For each worker count (``--workers``, default 1 2) the script starts the real service the way
it is deployed
(``coi-nlp serve --workers N``, run as ``python -m coi_nlp serve``: uvicorn, a fresh SQLite
database in a temporary directory, an ``intake`` API key made with ``coi-nlp keys create``),
waits until every worker has loaded the model, warms it up with one unmeasured pass over the
texts (steady state: the per-worker stemming memo is filled, as it is after a while in
production), and then drives it with a bounded load generator (httpx, one keep-alive client
per thread, on the same machine):

* open loop at a fixed rate (``--rates``, default 50 requests/second for ``--duration``
  seconds): request i is due at ``t0 + i / rate`` whether or not earlier ones have answered,
  and its latency is measured from that due time, so a server that falls behind shows it
  (no coordinated omission);
* closed loop at fixed concurrencies (``--concurrencies``, default 1 4 16): that many
  clients each send their next request as soon as the previous one answers, ``--requests``
  requests in all per level; throughput = requests / wall time.

All servers run side by side and each level runs on every worker count in turn, so background
load that comes and goes hits them alike.

Bodies are real complaints: the texts of the ``test`` split of ``corpora/coi/corpus.jsonl``
in a fixed shuffled order, cycled. Every response other than 200 (or a transport error) is
an error. For each level the table gives requests, errors, throughput (req/s) and p50/p95/p99
latency (ms). Targets: p99 < 50 ms at 50 req/s (single triage), zero errors, and closed-loop
throughput that grows with workers (the 2-worker/1-worker ratio is reported).

The load generator shares the CPUs with the server (loopback, same machine), and other
processes may be running: the machine's load average is reported before and after.

Usage: python benchmarks/service.py [--workers 1 2] [--rates 50] [--duration 15]
       [--concurrencies 1 4 16] [--requests 500] [--warmup N] [--json] [--check]
Short run: python benchmarks/service.py --duration 3 --requests 60 --concurrencies 1 4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"
RECEIVED_AT = "2026-11-20"  # fixed, so every run computes the same deadlines
P99_TARGET_MS = 50.0
TARGET_RATE = 50.0


# --- inputs ------------------------------------------------------------------------------

def load_texts(split: str = "test", seed: int = 0) -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("split") == split:
                    texts.append(record["text"])
    if not texts:
        raise SystemExit(f"no texts with split={split!r} in {CORPUS}")
    random.Random(seed).shuffle(texts)
    return texts


def body(texts: list[str], index: int) -> dict:
    return {"text": texts[index % len(texts)], "external_id": f"BENCH-{index}",
            "received_at": RECEIVED_AT}


# --- the service -------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Service:
    """``coi-nlp serve`` in a subprocess on loopback with a fresh SQLite database."""

    def __init__(self, workers: int, log_level: str, startup_timeout: float = 240):
        self.workers = workers
        self._tmp = tempfile.TemporaryDirectory(prefix="coi-bench-")
        tmp = Path(self._tmp.name)
        self.log_path = tmp / "server.log"
        self.env = {**os.environ, "COI_DATA_DIR": str(tmp / "data"),
                    "COI_DATABASE_URL": f"sqlite:///{tmp / 'coi.db'}",
                    "COI_LOG_LEVEL": log_level}
        created = subprocess.run(
            [sys.executable, "-m", "coi_nlp", "keys", "create", "--name", "benchmark",
             "--role", "intake"], env=self.env, cwd=ROOT, capture_output=True, text=True,
            check=False)
        if created.returncode != 0:
            self._tmp.cleanup()
            raise SystemExit(f"coi-nlp keys create failed: {created.stderr.strip()}")
        self.api_key = json.loads(created.stdout)["api_key"]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coi_nlp", "serve", "--host", "127.0.0.1", "--port",
             str(self.port), "--workers", str(workers)],
            env=self.env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_ready(startup_timeout)
        except BaseException:
            self.stop()
            raise

    def _workers_started(self) -> int:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return sum(1 for line in text.splitlines() if '"event": "startup"' in line)

    def _wait_ready(self, timeout: float) -> None:
        # Ready = /readyz answers 200 and every worker has logged its startup (model loaded):
        # with several workers /readyz alone only proves that one of them is up.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("server exited:\n" + self.logs()[-3000:])
            try:
                ready = httpx.get(self.url + "/readyz", timeout=2).status_code == 200
            except httpx.HTTPError:
                ready = False
            if ready and self._workers_started() >= self.workers:
                return
            time.sleep(0.3)
        raise SystemExit(f"server not ready after {timeout:.0f} s:\n" + self.logs()[-3000:])

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def server_errors_logged(self) -> int:
        return sum(1 for line in self.logs().splitlines()
                   if '"level": "ERROR"' in line or "Traceback" in line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        self._tmp.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# --- the load generator ------------------------------------------------------------------

@dataclass
class Level:
    workers: int
    mode: str                      # "open" (fixed rate) or "closed" (fixed concurrency)
    level: float                   # requests/second (open) or concurrency (closed)
    requests: int
    errors: int
    seconds: float
    throughput: float              # completed requests / wall time
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    error_kinds: dict = field(default_factory=dict)
    # open loop: p99 of (sent - due): > 0 when --pool requests were already in flight (the
    # server fell behind) or the generator itself was late
    queued_p99_ms: float | None = None

    @property
    def label(self) -> str:
        return f"{self.level:g} req/s" if self.mode == "open" else f"c={self.level:g}"


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    position = (len(sorted_values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


class _Clients(threading.local):
    """One keep-alive httpx client per thread (httpx clients are not shared across threads)."""

    def __init__(self, url: str, api_key: str, registry: list, lock: threading.Lock):
        self.client = httpx.Client(base_url=url, headers={"X-API-Key": api_key}, timeout=60)
        with lock:
            registry.append(self.client)


class LoadGenerator:
    def __init__(self, url: str, api_key: str, texts: list[str]):
        self.url, self.api_key, self.texts = url, api_key, texts
        self._created: list[httpx.Client] = []
        self._lock = threading.Lock()
        self._local = _Clients(url, api_key, self._created, self._lock)
        self._next_id = 0

    def close(self) -> None:
        for client in self._created:
            client.close()

    def _ids(self, n: int) -> range:
        start, self._next_id = self._next_id, self._next_id + n
        return range(start, start + n)

    def _send(self, index: int) -> str | None:
        """One request; None if it succeeded, else what went wrong."""
        try:
            response = self._local.client.post("/v1/triage", json=body(self.texts, index))
        except httpx.HTTPError as exc:
            return type(exc).__name__
        return None if response.status_code == 200 else f"HTTP {response.status_code}"

    def closed_loop(self, concurrency: int, n: int, workers: int) -> Level:
        ids = iter(self._ids(n))
        take = threading.Lock()
        latencies: list[float] = []
        errors: Counter = Counter()
        start_line = threading.Barrier(concurrency + 1)

        def client_loop():
            mine, my_errors = [], Counter()
            start_line.wait()
            while True:
                with take:
                    index = next(ids, None)
                if index is None:
                    break
                started = time.perf_counter()
                error = self._send(index)
                mine.append(time.perf_counter() - started)
                if error:
                    my_errors[error] += 1
            with take:
                latencies.extend(mine)
                errors.update(my_errors)

        threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        start_line.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        return _level(workers, "closed", concurrency, latencies, errors, seconds)

    def open_loop(self, rate: float, seconds: float, workers: int, pool_size: int) -> Level:
        n = max(1, round(rate * seconds))
        ids = self._ids(n)
        latencies: list[float] = []
        queued: list[float] = []
        errors: Counter = Counter()
        record = threading.Lock()

        def fire(index: int, due: float):
            sent = time.perf_counter()
            error = self._send(index)
            done = time.perf_counter()
            with record:
                latencies.append(done - due)   # from the due time: includes any queueing
                queued.append(sent - due)
                if error:
                    errors[error] += 1

        with ThreadPoolExecutor(max_workers=pool_size) as pool:
            for _ in range(pool_size):   # open the connections before the clock starts
                pool.submit(lambda: self._local.client)
            time.sleep(0.2)
            began = time.perf_counter()
            for i, index in enumerate(ids):
                due = began + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(fire, index, due)
        wall = time.perf_counter() - began
        level = _level(workers, "open", rate, latencies, errors, wall)
        level.queued_p99_ms = percentile(sorted(queued), 99) * 1000
        return level

    def warm_up(self, n: int, concurrency: int) -> None:
        if n > 0:
            self.closed_loop(concurrency, n, workers=0)


def _level(workers, mode, level, latencies, errors, seconds) -> Level:
    values = sorted(latencies)
    ms = [v * 1000 for v in values]
    return Level(workers=workers, mode=mode, level=level, requests=len(values),
                 errors=sum(errors.values()), seconds=seconds,
                 throughput=len(values) / seconds if seconds > 0 else float("nan"),
                 p50_ms=percentile(ms, 50), p95_ms=percentile(ms, 95),
                 p99_ms=percentile(ms, 99), max_ms=ms[-1] if ms else float("nan"),
                 error_kinds=dict(errors))


# --- the run -----------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "httpx": httpx.__version__}


def loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def run(args) -> dict:
    texts = load_texts()
    if args.warmup is None:
        args.warmup = len(texts)
    results = {"machine": machine(), "loadavg_before": loadavg(),
               "config": {"workers": args.workers, "rates": args.rates,
                          "duration_s": args.duration, "concurrencies": args.concurrencies,
                          "requests_per_level": args.requests, "warmup": args.warmup,
                          "log_level": args.log_level, "pool": args.pool,
                          "texts": len(texts),
                          "mean_text_chars": round(sum(map(len, texts)) / len(texts))},
               "levels": [], "server_errors_logged": {}}
    started = time.perf_counter()
    with ExitStack() as stack:
        # All servers are up at once and every level runs on each in turn, so background
        # load that comes and goes on a shared machine hits the worker counts alike (an idle
        # server costs nothing).
        servers: dict[int, tuple[Service, LoadGenerator]] = {}
        for workers in args.workers:
            print(f"[{workers} worker(s)] starting coi-nlp serve ...", file=sys.stderr)
            service = stack.enter_context(Service(workers, args.log_level))
            generator = LoadGenerator(service.url, service.api_key, texts)
            stack.callback(generator.close)
            servers[workers] = service, generator
        for workers, (_, generator) in servers.items():
            print(f"[{workers} worker(s)] warm-up, {args.warmup} requests", file=sys.stderr)
            generator.warm_up(args.warmup, concurrency=max(2, 2 * workers))
        for rate in args.rates:
            for workers, (_, generator) in servers.items():
                print(f"[{workers} worker(s)] open loop {rate:g} req/s for {args.duration:g} s",
                      file=sys.stderr)
                results["levels"].append(asdict_level(generator.open_loop(
                    rate, args.duration, workers, args.pool)))
        for concurrency in args.concurrencies:
            for workers, (_, generator) in servers.items():
                print(f"[{workers} worker(s)] closed loop, concurrency {concurrency}, "
                      f"{args.requests} requests", file=sys.stderr)
                results["levels"].append(asdict_level(generator.closed_loop(
                    concurrency, args.requests, workers)))
        for workers, (service, _) in servers.items():
            results["server_errors_logged"][str(workers)] = service.server_errors_logged()
    # Report grouped by worker count: open-loop rates first, then the concurrencies.
    results["levels"].sort(key=lambda lv: (lv["workers"], lv["mode"] != "open", lv["level"]))
    results["loadavg_after"] = loadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = targets(results, args)
    return results


def asdict_level(level: Level) -> dict:
    return {**asdict(level), "label": level.label}


def targets(results: dict, args) -> dict:
    levels = results["levels"]
    out: dict = {}
    at_rate = [lv for lv in levels if lv["mode"] == "open" and lv["level"] == TARGET_RATE]
    out["p99_under_50ms_at_50rps"] = {
        str(lv["workers"]): {"p99_ms": round(lv["p99_ms"], 1),
                             "ok": lv["p99_ms"] < P99_TARGET_MS}
        for lv in at_rate}
    total_errors = sum(lv["errors"] for lv in levels)
    out["zero_errors"] = {"errors": total_errors, "ok": total_errors == 0}
    closed = {(lv["workers"], lv["level"]): lv["throughput"]
              for lv in levels if lv["mode"] == "closed"}
    ratios = {}
    if 1 in args.workers and 2 in args.workers:
        for concurrency in args.concurrencies:
            one, two = closed.get((1, concurrency)), closed.get((2, concurrency))
            if one and two:
                ratios[str(concurrency)] = round(two / one, 2)
    peak = {w: max((tp for (workers, _), tp in closed.items() if workers == w), default=None)
            for w in (1, 2)}
    peak_ratio = round(peak[2] / peak[1], 2) if peak[1] and peak[2] else None
    # "Grows with workers": the best closed-loop throughput of 2 workers over that of 1.
    out["throughput_2w_over_1w"] = {"by_concurrency": ratios, "peak_1w": peak[1],
                                    "peak_2w": peak[2], "peak_ratio": peak_ratio,
                                    "ok": peak_ratio is not None and peak_ratio > 1.0}
    return out


# --- output ------------------------------------------------------------------------------

def print_table(results: dict) -> None:
    m, c = results["machine"], results["config"]
    print(f"coi-nlp service benchmark: POST /v1/triage, {c['texts']} test-split complaints "
          f"(mean {c['mean_text_chars']} chars), loopback, SQLite, log level {c['log_level']}")
    print(f"machine: {m['cpus']} CPUs ({m['cpu_model']}), Python {m['python']}, httpx "
          f"{m['httpx']}; load generator on the same machine; load average before "
          f"{results['loadavg_before']}, after {results['loadavg_after']}")
    header = (f"{'workers':>7}  {'mode':<6} {'level':>10} {'requests':>8} {'errors':>6} "
              f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    print()
    print(header)
    print("-" * len(header))
    for lv in results["levels"]:
        print(f"{lv['workers']:>7}  {lv['mode']:<6} {lv['label']:>10} {lv['requests']:>8} "
              f"{lv['errors']:>6} {lv['throughput']:>7.1f} {lv['p50_ms']:>7.1f} "
              f"{lv['p95_ms']:>7.1f} {lv['p99_ms']:>7.1f} {lv['max_ms']:>7.1f}")
        if lv["error_kinds"]:
            print(f"{'':>9}errors: {lv['error_kinds']}")
    print()
    t = results["targets"]
    for workers, item in t["p99_under_50ms_at_50rps"].items():
        print(f"target p99 < 50 ms at 50 req/s, {workers} worker(s): "
              f"p99 {item['p99_ms']:.1f} ms -> {'MET' if item['ok'] else 'MISSED'}")
    print(f"target zero errors: {t['zero_errors']['errors']} errors -> "
          f"{'MET' if t['zero_errors']['ok'] else 'MISSED'}"
          f" (server-side errors logged: {results['server_errors_logged']})")
    ratio = t["throughput_2w_over_1w"]
    if ratio["by_concurrency"]:
        pairs = ", ".join(f"c={k}: {v:.2f}x" for k, v in ratio["by_concurrency"].items())
        print(f"target throughput grows with workers: peak closed-loop throughput 2 workers "
              f"{ratio['peak_2w']:.1f} / 1 worker {ratio['peak_1w']:.1f} req/s = "
              f"{ratio['peak_ratio']:.2f}x -> {'MET' if ratio['ok'] else 'MISSED'} "
              f"(same concurrency: {pairs})")
    queued = ", ".join(f"{lv['workers']} worker(s) {lv['label']}: {lv['queued_p99_ms']:.1f} ms"
                       for lv in results["levels"] if lv["mode"] == "open")
    print(f"open loop: latency counted from each request's due time; p99 of time waiting in "
          f"the generator because {results['config']['pool']} requests were already in flight "
          f"or it was late: {queued}. Closed loop: from send. "
          f"Total {results['total_seconds']} s.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="uvicorn worker counts to compare (default: 1 2)")
    parser.add_argument("--rates", type=float, nargs="+", default=[TARGET_RATE],
                        help="open-loop rates in requests/second (default: 50)")
    parser.add_argument("--duration", type=float, default=15.0,
                        help="seconds per open-loop rate (default: 15, i.e. 750 requests)")
    parser.add_argument("--concurrencies", type=int, nargs="+", default=[1, 4, 16],
                        help="closed-loop concurrencies (default: 1 4 16)")
    parser.add_argument("--requests", type=int, default=500,
                        help="requests per closed-loop concurrency (default: 500)")
    parser.add_argument("--warmup", type=int, default=None,
                        help="unmeasured requests after startup (default: one pass over the "
                             "test-split texts)")
    parser.add_argument("--pool", type=int, default=32,
                        help="open-loop sender threads, i.e. most requests in flight (32)")
    parser.add_argument("--log-level", default="INFO",
                        help="service COI_LOG_LEVEL (default INFO, as deployed)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 if a target is missed")
    args = parser.parse_args()
    if min(args.workers) < 1 or min(args.concurrencies) < 1 or args.requests < 1 \
            or min(args.rates) <= 0 or args.duration <= 0 or args.pool < 1:
        parser.error("workers, concurrencies, requests, rates, duration and pool must be > 0")

    results = run(args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    if args.check:
        t = results["targets"]
        ok = (all(item["ok"] for item in t["p99_under_50ms_at_50rps"].values())
              and t["zero_errors"]["ok"]
              and (t["throughput_2w_over_1w"]["ok"] or not t["throughput_2w_over_1w"]
                   ["by_concurrency"]))
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
