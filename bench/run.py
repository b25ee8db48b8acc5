"""`make bench`: the product under production settings against a floor, side by side, with wrk.

Creates a PostgreSQL database, seeds it (seed_posts), starts gunicorn with settings.prod and the
floor app (bench/floor/) with the same gunicorn config, then alternates floor and endpoints over
several rounds. Prints the medians, writes them to JSON, Markdown and a PNG chart, and stops every process
it started, also on failure or Ctrl-C. Every knob is an environment variable (see KNOBS).
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
WRK_SCRIPT = ROOT / "bench" / "wrk" / "api.lua"

KNOBS = {
    "BENCH_DURATION": "10",  # seconds per endpoint per round
    "BENCH_ROUNDS": "3",
    "BENCH_WARMUP": "3",  # seconds per endpoint before the first round, not recorded
    "BENCH_CONNECTIONS": "8",  # wrk's open connections
    "BENCH_ENDPOINTS": "list,detail,create,update,login",
    "BENCH_POSTS": "10000",
    "BENCH_USERS": "100",
    "BENCH_LOGIN_USERS": "8",
    # With a number (e.g. 1000000), list and detail also run against a second database that size.
    "BENCH_SCALE": "",
    "BENCH_RESULTS": "bench/results/bench",  # writes .json, .md and .png
    "BENCH_PORT": "18301",  # the product; the floor and the scale server take the next ports
    "WEB_CONCURRENCY": str(2 * os.cpu_count() + 1),
    "PGURL": "postgres://root@127.0.0.1:5432",
    "REDIS_URL": "redis://127.0.0.1:6379/4",
}
TARGETS = {"detail": 0.5, "list": 0.35}
P99_OVER_P50_MAX = 4


def knob(name):
    return os.environ.get(name) or KNOBS[name]


class Server:
    """A gunicorn master we started, in its own process group so that it and its workers stop together."""

    def __init__(self, name, wsgi_app, port, env, logdir):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = logdir / f"{name}.log"
        command = [str(VENV_BIN / "gunicorn"), "--config", "config/gunicorn.conf.py", wsgi_app]
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def wait_until_ready(self, path):
        for _ in range(120):
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not start; its log:\n{self.log.read_text()[-3000:]}")

    def worker_pids(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def peak_rss_mib(self):
        """Each live worker's peak resident memory (VmHWM) since it was forked."""
        peaks = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
        return sorted(peaks)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_quiet(command, env, what):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def product_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.prod",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "consolemail://",
        "DATABASE_URL": database_url,
        "REDIS_URL": knob("REDIS_URL"),
        # Plain HTTP over loopback: a redirect to https would answer every request with a 301.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Raised far beyond what the run reaches (100,000/s), so nothing is refused, yet every
        # request still pays for its throttle: one counter increment in Redis. Per-minute windows,
        # as in production: a window's first request also creates its counter (one more round trip),
        # which per-second windows would make one request in five at the run's pace.
        "THROTTLE_RATE_USER": "6000000/min",
        "THROTTLE_RATE_ANON": "6000000/min",
        "THROTTLE_RATE_AUTH": "6000000/min",
        "WEB_CONCURRENCY": knob("WEB_CONCURRENCY"),
        "HOST": "127.0.0.1",
    }


def load_dataset(name, posts, env, workdir):
    """A fresh database with `posts` posts from seed_posts, and the users and tokens wrk needs."""
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    print(f"[{name}] database {database}: {posts} posts", flush=True)
    with psycopg.connect(f"{knob('PGURL')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    python = str(VENV_BIN / "python")
    run_quiet([python, "manage.py", "migrate", "--noinput"], env, "migrate")
    seed = [python, "manage.py", "seed_posts", "--count", str(posts), "--users", knob("BENCH_USERS")]
    run_quiet(seed, env, "seed_posts")
    datafile = workdir / f"{name}.data"
    prepare = [python, "-m", "bench.prepare", str(datafile), knob("BENCH_LOGIN_USERS")]
    facts = json.loads(run_quiet(prepare, env, "bench.prepare").strip().splitlines()[-1])
    # Runs a VACUUM ANALYZE too, so that the planner knows the table it is given.
    clean_up_writes(env["DATABASE_URL"], facts)
    return datafile, facts


def clean_up_writes(database_url, facts):
    """Delete the posts the create runs wrote, so every round reads the table that was seeded."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        table = facts["posts_table"]
        connection.execute(f'DELETE FROM "{table}" WHERE id > %s', [facts["max_post_id"]])
        connection.execute(f'VACUUM ANALYZE "{table}"')


def wrk(url, endpoint, datafile, duration):
    command = [
        "wrk", "--threads", "1", "--connections", knob("BENCH_CONNECTIONS"), "--duration", f"{duration}s",
        "--timeout", "10s", "--latency", "--script", str(WRK_SCRIPT), url, "--", endpoint, str(datafile),
    ]  # fmt: skip
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_RESULT "))
    result = json.loads(line.removeprefix("BENCH_RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = result["non_2xx"] + result["socket_errors"]
    return result


def summarize(runs, floor_rps):
    summary = {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50_ms": statistics.median(run["p50_us"] for run in runs) / 1000,
        "p99_ms": statistics.median(run["p99_us"] for run in runs) / 1000,
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "first_error": next((run["first_error"] for run in runs if run["first_error"]), ""),
    }
    summary["ratio_to_floor"] = summary["rps"] / floor_rps
    return summary


def check_targets(results):
    checks = []
    for endpoint, minimum in TARGETS.items():
        if endpoint in results:
            ratio = results[endpoint]["ratio_to_floor"]
            checks.append((f"{endpoint}: ratio to floor {ratio:.2f} >= {minimum}", ratio >= minimum))
    for name, result in results.items():
        checks.append((f"{name}: {result['errors']} errors", result["errors"] == 0))
        if name == "floor":
            # The floor's latency is the machine's, not the API's: it is reported, not judged.
            continue
        ok = result["p99_ms"] < P99_OVER_P50_MAX * result["p50_ms"]
        text = f"{name}: p99 {result['p99_ms']:.1f} ms < {P99_OVER_P50_MAX} x p50 {result['p50_ms']:.1f} ms"
        checks.append((text, ok))
    for name, result in results.items():
        endpoint, _, scale = name.partition(" @ ")
        if scale and endpoint in results:
            slowdown = results[endpoint]["rps"] / result["rps"]
            text = f"{endpoint} with {scale}: {slowdown:.2f} x the time per request of the base (<= 1.2)"
            checks.append((text, slowdown <= 1.2))
    return [{"check": text, "ok": ok} for text, ok in checks]


def markdown_report(report):
    run = report["run"]
    posts = ", ".join(f"{facts['posts']:,} posts" for facts in run["datasets"].values())
    lines = [
        f"Taken {run['taken_at']} on {run['cores']} cores ({posts}); "
        f"WEB_CONCURRENCY={run['web_concurrency']}, {run['connections']} connections, "
        f"{run['rounds']} rounds x {run['duration_s']} s per endpoint; "
        f"load average {run['load_average_before'][0]} before, {run['load_average_after'][0]} after.",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | errors | x floor |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, result in report["results"].items():
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} "
            f"| {result['errors']} | {result['ratio_to_floor']:.2f} |"
        )
    lines += ["", "Peak RSS per worker after the run (MiB, VmHWM of each live worker):", ""]
    memory = report["peak_rss_per_worker_mib"]
    lines += [f"- {name}: {', '.join(map(str, peaks))}" for name, peaks in memory.items()]
    lines += ["", "Targets:", ""]
    lines += [f"- {'ok' if check['ok'] else 'MISSED'}: {check['check']}" for check in report["checks"]]
    return "\n".join(lines) + "\n"


def draw_chart(report, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = report["results"]
    names = list(results)
    figure, (throughput, latency) = plt.subplots(1, 2, figsize=(12, 4.5))
    bars = throughput.bar(names, [results[n]["rps"] for n in names], color="#4c72b0")
    for bar, name in zip(bars, names, strict=True):
        label = f"{results[name]['ratio_to_floor']:.2f}x"
        top_middle = (bar.get_x() + bar.get_width() / 2, bar.get_height())
        throughput.annotate(label, top_middle, ha="center", va="bottom")
    throughput.set_ylabel("requests/s (median of rounds)")
    throughput.set_title("Throughput, and ratio to the floor")
    positions = range(len(names))
    latency.bar([p - 0.2 for p in positions], [results[n]["p50_ms"] for n in names], 0.4, label="p50")
    latency.bar([p + 0.2 for p in positions], [results[n]["p99_ms"] for n in names], 0.4, label="p99")
    latency.set_xticks(list(positions), names)
    latency.set_yscale("log")
    latency.set_ylabel("latency, ms (log scale)")
    latency.set_title("Latency")
    latency.legend()
    for axis in (throughput, latency):
        axis.tick_params(axis="x", rotation=30)
    run = report["run"]
    figure.suptitle(
        f"{run['taken_at']}  {run['cores']} cores, WEB_CONCURRENCY={run['web_concurrency']}, "
        f"{run['connections']} connections, {run['rounds']} rounds x {run['duration_s']} s"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


@dataclass
class Dataset:
    label: str
    database_url: str
    server: Server
    datafile: Path
    facts: dict


def measure(floor, datasets, endpoints):
    """Warm up, then alternate the floor and the endpoints round after round."""
    duration, warmup = int(knob("BENCH_DURATION")), int(knob("BENCH_WARMUP"))
    rounds = int(knob("BENCH_ROUNDS"))
    base = datasets[0]
    plan = [("floor", floor.url, "floor", base)]
    for dataset in datasets:
        for endpoint in endpoints:
            name = endpoint if dataset is base else f"{endpoint} @ {dataset.label}"
            plan.append((name, dataset.server.url, endpoint, dataset))

    def run(name, url, endpoint, dataset, seconds):
        result = wrk(url, endpoint, dataset.datafile, seconds)
        if endpoint == "create":
            clean_up_writes(dataset.database_url, dataset.facts)
        return result

    if warmup:
        print(f"warm-up: {warmup} s per endpoint", flush=True)
        for step in plan:
            run(*step, warmup)
    runs = {name: [] for name, *_ in plan}
    for round_number in range(1, rounds + 1):
        print(f"round {round_number}/{rounds}:", end="", flush=True)
        for step in plan:
            result = run(*step, duration)
            runs[step[0]].append(result)
            errors = f" ({result['errors']} errors)" if result["errors"] else ""
            print(f"  {step[0]} {result['rps']:.0f}/s{errors}", end="", flush=True)
        print(flush=True)
    return runs


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    endpoints = [e for e in knob("BENCH_ENDPOINTS").split(",") if e]
    scale = int(knob("BENCH_SCALE") or 0)
    port = int(knob("BENCH_PORT"))
    results_base = ROOT / knob("BENCH_RESULTS")
    print(
        f"WEB_CONCURRENCY={knob('WEB_CONCURRENCY')}  cores={os.cpu_count()}"
        f"  connections={knob('BENCH_CONNECTIONS')}"
        f"  rounds={knob('BENCH_ROUNDS')} x {knob('BENCH_DURATION')} s  endpoints={','.join(endpoints)}"
        f"  posts={knob('BENCH_POSTS')}" + (f"  scale={scale}" if scale else ""),
        flush=True,
    )
    load_before = os.getloadavg()
    redis.Redis.from_url(knob("REDIS_URL")).flushdb()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    collectstatic = [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    run_quiet(collectstatic, product_env("sqlite://:memory:"), "collectstatic")

    dataset_specs = [("base", "bench_api", int(knob("BENCH_POSTS")), port)]
    if scale:
        dataset_specs.append((f"{scale:,} posts", "bench_scale", scale, port + 2))
    started = []
    # SIGTERM (e.g. from CI) unwinds like Ctrl-C, through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        floor_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.floor.settings", "HOST": "127.0.0.1",
                     "WEB_CONCURRENCY": knob("WEB_CONCURRENCY")}  # fmt: skip
        floor = Server("floor", "bench.floor.wsgi", port + 1, floor_env, workdir)
        started.append(floor)
        datasets = []
        for label, database, posts, server_port in dataset_specs:
            env = product_env(f"{knob('PGURL')}/{database}")
            datafile, facts = load_dataset(label, posts, env, workdir)
            server = Server(f"api-{database}", "config.wsgi", server_port, env, workdir)
            started.append(server)
            datasets.append(Dataset(label, env["DATABASE_URL"], server, datafile, facts))
        floor.wait_until_ready("/floor/")
        for dataset in datasets:
            dataset.server.wait_until_ready("/readyz")
        print(f"servers up; logs in {workdir}", flush=True)

        runs = measure(floor, datasets, endpoints)
        memory = {server.name: server.peak_rss_mib() for server in started}
    finally:
        for server in started:
            server.stop()

    floor_rps = statistics.median(run["rps"] for run in runs["floor"])
    results = {name: summarize(name_runs, floor_rps) for name, name_runs in runs.items()}
    report = {
        "run": {
            "taken_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cores": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "web_concurrency": int(knob("WEB_CONCURRENCY")),
            "connections": int(knob("BENCH_CONNECTIONS")),
            "rounds": int(knob("BENCH_ROUNDS")),
            "duration_s": int(knob("BENCH_DURATION")),
            "datasets": {dataset.label: dataset.facts for dataset in datasets},
        },
        "results": results,
        "peak_rss_per_worker_mib": memory,
        "checks": check_targets(results),
        "rounds": runs,
    }
    results_base.parent.mkdir(parents=True, exist_ok=True)
    results_base.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    results_base.with_suffix(".md").write_text(markdown_report(report))
    draw_chart(report, results_base.with_suffix(".png"))
    print("\n" + markdown_report(report))
    print(f"wrote {results_base}.json, .md and .png")
    for name, result in results.items():
        if result["errors"]:
            print(f"{name}: {result['errors']} errors, first: {result['first_error']}")
    if any(result["errors"] for result in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    except (psycopg.OperationalError, redis.ConnectionError) as error:
        sys.exit(f"PostgreSQL (PGURL) and Redis (REDIS_URL) must answer on this machine: {error}")
