"""`make bench`: the product under production settings against two floors, side by side, with wrk.

Creates a PostgreSQL database, seeds it (seed_posts, bench.prepare), starts gunicorn with
settings.prod and the floor app (bench/floor/) with the same gunicorn config, then alternates the
floors and the endpoints over several rounds. The empty floor (`/floor/`) touches nothing; the raw
floors (`raw-detail`, `raw-list`) do an authenticated read's work with psycopg and redis directly.
Prints the medians and every endpoint's ratio to both, writes them to JSON, Markdown and a PNG
chart, and stops every process it started, also on failure or Ctrl-C. Every knob is an
environment variable (see KNOBS). With BENCH_BASELINE (another checkout of the project), that
checkout's API is measured in the same rounds too, on the same database: a before and after.
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
    "BENCH_ENDPOINTS": "list,detail,list-apikey,detail-apikey,create,update,login",
    "BENCH_POSTS": "10000",
    "BENCH_USERS": "100",
    "BENCH_LOGIN_USERS": "8",
    # With a number (e.g. 1000000), list and detail also run against a second database that size,
    # with that many users and live sessions besides.
    "BENCH_SCALE": "",
    "BENCH_SCALE_USERS": "100000",
    "BENCH_SCALE_SESSIONS": "1000000",
    # Another checkout of the project (a path): its API runs in the same rounds, as "<endpoint> [baseline]".
    "BENCH_BASELINE": "",
    "BENCH_RESULTS": "bench/results/bench",  # writes .json, .md and .png
    "BENCH_PORT": "18301",  # the product; the floor and the scale server take the next ports
    "BENCH_DATABASE": "bench",  # the databases are <this>_api and, for BENCH_SCALE, <this>_scale
    "WEB_CONCURRENCY": str(2 * os.cpu_count() + 1),
    "PGURL": "postgres://root@127.0.0.1:5432",
    "REDIS_URL": "redis://127.0.0.1:6379/4",
}
FLOORS = ["floor", "raw-detail", "raw-list"]
# Each endpoint's raw floor is the raw read of its kind: a page for the lists, one post otherwise.
RAW_FLOOR_OF = {"list": "raw-list", "list-apikey": "raw-list"}
# Minimum ratios to the raw floor.
TARGETS = {"detail": 0.6, "list": 0.5, "create": 0.45, "update": 0.45}
# An API key's request and a session's: at most this far apart.
API_KEY_TOLERANCE = 0.05
P99_OVER_P50_MAX = 3
SCALE_SLOWDOWN_MAX = 1.1
# Per worker, after reads and writes (login's password hashing is apart: see measure()).
RSS_MAX_MIB = 77


CACHE_KEY_PREFIX = "bench"
# The raw floors' counters (bench/floor/raw.py).
FLOOR_KEY_PREFIX = "floor"


def knob(name):
    return os.environ.get(name) or KNOBS[name]


class Server:
    """A gunicorn master we started, in its own process group so that it and its workers stop together."""

    def __init__(self, name, wsgi_app, port, env, logdir, checkout=ROOT):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = logdir / f"{name}.log"
        command = [str(VENV_BIN / "gunicorn"), "--config", "config/gunicorn.conf.py", wsgi_app]
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                command, cwd=checkout, env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def wait_until_ready(self, path):
        for _ in range(120):
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:  # refused, reset, timed out (URLError is one too)
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


def run_quiet(command, env, what, checkout=ROOT):
    result = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
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
        "PASSWORD_RESET_CONFIRM_URL": "http://127.0.0.1/reset-password/{uid}/{token}",
        "EMAIL_CONFIRM_URL": "http://127.0.0.1/verify-email/{key}",
        "SITE_NAME": "Token API bench",
        "SITE_DOMAIN": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": knob("REDIS_URL"),
        # The run's keys in Redis carry this prefix; it deletes them, and nothing else, at the start.
        "CACHE_KEY_PREFIX": CACHE_KEY_PREFIX,
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


def load_dataset(name, posts, users, sessions, env, workdir):
    """A fresh database with `posts` posts from seed_posts, and the users and keys wrk needs."""
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    print(f"[{name}] database {database}: {posts} posts, {users} users", flush=True)
    with psycopg.connect(f"{knob('PGURL')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    python = str(VENV_BIN / "python")
    run_quiet([python, "manage.py", "migrate", "--noinput"], env, "migrate")
    seed = [python, "manage.py", "seed_posts", "--count", str(posts), "--users", str(users)]
    run_quiet(seed, env, "seed_posts")
    datafile = workdir / f"{name}.data"
    prepare = [python, "-m", "bench.prepare", str(datafile), knob("BENCH_LOGIN_USERS"), str(sessions)]
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


def summarize(runs, floor_rps, raw_floor_rps):
    summary = {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50_ms": statistics.median(run["p50_us"] for run in runs) / 1000,
        "p99_ms": statistics.median(run["p99_us"] for run in runs) / 1000,
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "first_error": next((run["first_error"] for run in runs if run["first_error"]), ""),
    }
    summary["ratio_to_floor"] = summary["rps"] / floor_rps
    summary["ratio_to_raw_floor"] = summary["rps"] / raw_floor_rps if raw_floor_rps else None
    return summary


def endpoint_of(name):
    """ "detail @ 1,000,000 posts" and "detail [baseline]" are runs of the endpoint "detail"."""
    return name.partition(" @ ")[0].partition(" [")[0]


def raw_floor_of(name):
    endpoint = endpoint_of(name)
    if endpoint in FLOORS:
        return None
    return RAW_FLOOR_OF.get(endpoint, "raw-detail")


def check_targets(results, memory):
    checks = []
    for endpoint, minimum in TARGETS.items():
        if endpoint in results:
            ratio = results[endpoint]["ratio_to_raw_floor"]
            text = f"{endpoint}: ratio to the raw floor ({raw_floor_of(endpoint)}) {ratio:.2f} >= {minimum}"
            checks.append((text, ratio >= minimum))
    for endpoint in ("detail", "list"):
        if endpoint in results and f"{endpoint}-apikey" in results:
            ratio = results[f"{endpoint}-apikey"]["rps"] / results[endpoint]["rps"]
            text = f"{endpoint}: an API key's requests/s {ratio:.2f} x a session's (1 ± {API_KEY_TOLERANCE})"
            checks.append((text, abs(ratio - 1) <= API_KEY_TOLERANCE))
    for name, result in results.items():
        checks.append((f"{name}: {result['errors']} errors", result["errors"] == 0))
        if name in FLOORS:
            # A floor's latency is the machine's, not the API's: it is reported, not judged.
            continue
        ok = result["p99_ms"] < P99_OVER_P50_MAX * result["p50_ms"]
        text = f"{name}: p99 {result['p99_ms']:.1f} ms < {P99_OVER_P50_MAX} x p50 {result['p50_ms']:.1f} ms"
        checks.append((text, ok))
    for name, result in results.items():
        endpoint, _, scale = name.partition(" @ ")
        if scale and endpoint in results:
            slowdown = results[endpoint]["rps"] / result["rps"]
            text = (
                f"{endpoint} with {scale}: {slowdown:.2f} x the time per request of the base "
                f"(<= {SCALE_SLOWDOWN_MAX})"
            )
            checks.append((text, slowdown <= SCALE_SLOWDOWN_MAX))
    for name, peaks in memory.items():
        if name not in FLOORS and endpoint_of(name) != "login" and peaks:
            text = f"{name}: peak RSS per worker {max(peaks)} MiB <= {RSS_MAX_MIB}"
            checks.append((text, max(peaks) <= RSS_MAX_MIB))
    return [{"check": text, "ok": ok} for text, ok in checks]


def markdown_report(report):
    run = report["run"]
    posts = ", ".join(f"{facts['posts']:,} posts" for facts in run["datasets"].values())
    lines = [
        f"Taken {run['taken_at']} on {run['cores']} cores ({posts}); "
        f"WEB_CONCURRENCY={run['web_concurrency']}, {run['connections']} connections, "
        f"{run['rounds']} rounds x {run['duration_s']} s per endpoint; "
        f"load average {run['load_average_before'][0]} before, {run['load_average_after'][0]} after."
        + (f" `[baseline]`: the checkout at {run['baseline']}." if run.get("baseline") else ""),
        "",
        "| endpoint | req/s | p50 ms | p99 ms | errors | x floor | x raw floor |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, result in report["results"].items():
        raw = result["ratio_to_raw_floor"]
        raw_text = f"{raw:.2f} ({raw_floor_of(name)})" if raw is not None else ""
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} "
            f"| {result['errors']} | {result['ratio_to_floor']:.2f} | {raw_text} |"
        )
    lines += ["", "Peak RSS per worker after each endpoint's last round (MiB, VmHWM of each worker):", ""]
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
        raw = results[name]["ratio_to_raw_floor"]
        label = f"{raw:.2f}x" if raw is not None else ""
        top_middle = (bar.get_x() + bar.get_width() / 2, bar.get_height())
        throughput.annotate(label, top_middle, ha="center", va="bottom", fontsize=8)
    throughput.set_ylabel("requests/s (median of rounds)")
    throughput.set_title("Throughput, and ratio to the raw floor")
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
    baseline: Server | None = None


def measure(floor, datasets, endpoints):
    """Warm up, then alternate the floors and the endpoints round after round, one way then back.

    Returns every round's figures, and the peak RSS of the server's workers right after each
    endpoint's last round. Login's rounds come after all the others': each of its password checks
    takes 100 MiB (Argon2), and a worker's peak (VmHWM) never comes down again, so measured before
    it the peaks say what reads and writes take.
    """
    duration, warmup = int(knob("BENCH_DURATION")), int(knob("BENCH_WARMUP"))
    rounds = int(knob("BENCH_ROUNDS"))
    base = datasets[0]
    plan = [(name, floor, name, base) for name in FLOORS]
    for dataset in datasets:
        for endpoint in endpoints:
            name = endpoint if dataset is base else f"{endpoint} @ {dataset.label}"
            plan.append((name, dataset.server, endpoint, dataset))
            if dataset.baseline:
                plan.append((f"{name} [baseline]", dataset.baseline, endpoint, dataset))

    def run(name, server, endpoint, dataset, seconds):
        result = wrk(server.url, endpoint, dataset.datafile, seconds)
        if endpoint == "create":
            clean_up_writes(dataset.database_url, dataset.facts)
        return result

    runs = {name: [] for name, *_ in plan}
    memory = {}
    logins = [step for step in plan if step[2] == "login"]
    for steps in ([step for step in plan if step not in logins], logins):
        if warmup and steps:
            print(f"warm-up: {warmup} s per endpoint", flush=True)
            for step in steps:
                run(*step, warmup)
        for round_number in range(1, rounds + 1 if steps else 1):
            print(f"round {round_number}/{rounds}:", end="", flush=True)
            # Every other round in reverse order: a machine that speeds up or slows down during the
            # run weighs on the first and the last endpoint alike (the floors included).
            for step in steps if round_number % 2 else steps[::-1]:
                result = run(*step, duration)
                runs[step[0]].append(result)
                memory[step[0]] = step[1].peak_rss_mib()
                errors = f" ({result['errors']} errors)" if result["errors"] else ""
                print(f"  {step[0]} {result['rps']:.0f}/s{errors}", end="", flush=True)
            print(flush=True)
    return runs, memory


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
    cache = redis.Redis.from_url(knob("REDIS_URL"))
    for prefix in (CACHE_KEY_PREFIX, FLOOR_KEY_PREFIX):
        for key in cache.scan_iter(f"{prefix}:*", count=1000):
            cache.delete(key)
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    collectstatic = [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    run_quiet(collectstatic, product_env("sqlite://:memory:"), "collectstatic")

    baseline = Path(knob("BENCH_BASELINE")).resolve() if knob("BENCH_BASELINE") else None
    if baseline:
        run_quiet(collectstatic, product_env("sqlite://:memory:"), "collectstatic (baseline)", baseline)
    database = knob("BENCH_DATABASE")
    users, sessions = int(knob("BENCH_USERS")), 0
    dataset_specs = [("base", f"{database}_api", int(knob("BENCH_POSTS")), users, sessions, port)]
    if scale:
        users, sessions = int(knob("BENCH_SCALE_USERS")), int(knob("BENCH_SCALE_SESSIONS"))
        dataset_specs.append((f"{scale:,} posts", f"{database}_scale", scale, users, sessions, port + 2))
    started = []
    # SIGTERM (e.g. from CI) unwinds like Ctrl-C, through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        datasets = []
        for label, database, posts, users, sessions, server_port in dataset_specs:
            env = product_env(f"{knob('PGURL')}/{database}")
            datafile, facts = load_dataset(label, posts, users, sessions, env, workdir)
            server = Server(f"api-{database}", "config.wsgi", server_port, env, workdir)
            started.append(server)
            datasets.append(Dataset(label, env["DATABASE_URL"], server, datafile, facts))
            if baseline:
                name = f"baseline-{database}"
                datasets[-1].baseline = Server(name, "config.wsgi", server_port + 10, env, workdir, baseline)
                started.append(datasets[-1].baseline)
        # The raw floors read the base data set.
        floor_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.floor.settings", "HOST": "127.0.0.1",
                     "WEB_CONCURRENCY": knob("WEB_CONCURRENCY"), "DATABASE_URL": datasets[0].database_url,
                     "REDIS_URL": knob("REDIS_URL")}  # fmt: skip
        floor = Server("floor", "bench.floor.wsgi", port + 1, floor_env, workdir)
        started.append(floor)
        floor.wait_until_ready("/floor/")
        for dataset in datasets:
            for server in filter(None, [dataset.server, dataset.baseline]):
                server.wait_until_ready("/readyz")
        print(f"servers up; logs in {workdir}", flush=True)

        runs, memory = measure(floor, datasets, endpoints)
    finally:
        for server in started:
            server.stop()

    floor_rps = {name: statistics.median(run["rps"] for run in runs[name]) for name in FLOORS}
    results = {
        name: summarize(name_runs, floor_rps["floor"], floor_rps.get(raw_floor_of(name)))
        for name, name_runs in runs.items()
    }
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
            "baseline": str(baseline) if baseline else None,
        },
        "results": results,
        "peak_rss_per_worker_mib": memory,
        "checks": check_targets(results, memory),
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
