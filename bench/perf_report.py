"""``bench/out/perf.md`` and its plots from the figures ``bench/perf.py`` measured."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def verdicts(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(what, measured, target, met) for each target of issues 8 and 15 (items 1 and 11)."""
    t = r["targets"]
    b = r["batch"]
    rows = [
        (
            "batch: NumPy scoring stage alone (posterior + triage), records/s, one core",
            f"{b['stage_rps']['numpy_scoring']:,.0f}",
            f"≥ {t['batch_rps']:,}",
            _met(b["stage_rps"]["numpy_scoring"] >= t["batch_rps"]),
        ),
        (
            "batch: `twitchcheck batch` end to end (summary of each record, the default), "
            "records/s, one core",
            f"{b['cli']['rps_wall']:,.0f}",
            f"≥ {t['batch_rps']:,}",
            _met(b["cli"]["rps_wall"] >= t["batch_rps"]),
        ),
    ]
    if "cli_full" in b:
        rows.append(
            (
                "batch: `twitchcheck batch --detail full` end to end (the whole assess JSON), "
                "records/s, one core",
                f"{b['cli_full']['rps_wall']:,.0f}",
                f"≥ {t['batch_rps']:,}",
                _met(b["cli_full"]["rps_wall"] >= t["batch_rps"]),
            )
        )
    h = r.get("http")
    if h:
        rows += [
            (
                "`/v1/assess` requests/s as a share of `/healthz` (32 connections, median of "
                "rounds)",
                f"{h['ratio_median']:.0%} ({h['assess_rps_median']:,.0f} vs "
                f"{h['healthz_rps_median']:,.0f}; by server CPU per request "
                f"{h.get('cpu_ratio_median', 0):.0%})",
                f"≥ {t['assess_vs_healthz']:.0%}",
                _met(h["ratio_median"] >= t["assess_vs_healthz"]),
            ),
            (
                "`/v1/assess` p99 latency at 32 connections (median of rounds)",
                f"{h['assess_p99_ms_median']:.1f} ms",
                f"≤ {t['p99_ms']:.0f} ms",
                _met(h["assess_p99_ms_median"] <= t["p99_ms"]),
            ),
        ]
        if "full_ratio_median" in h:
            rows += [
                (
                    "`/v1/assess?detail=full` requests/s as a share of `/healthz`",
                    f"{h['full_ratio_median']:.0%}",
                    f"≥ {t['assess_vs_healthz']:.0%}",
                    _met(h["full_ratio_median"] >= t["assess_vs_healthz"]),
                ),
                (
                    "`/v1/assess?detail=full` p99 latency at 32 connections",
                    f"{h['full_p99_ms_median']:.1f} ms",
                    f"≤ {t['p99_ms']:.0f} ms",
                    _met(h["full_p99_ms_median"] <= t["p99_ms"]),
                ),
            ]
        for st in h.get("stall", []):
            hz = st["healthz"]
            rows.append(
                (
                    f"`/healthz` p99 while {st['clients']} clients send long texts to "
                    "`/v1/assess` (max; texts answered)",
                    f"{hz['p99_ms']:.1f} ms (max {hz['max_ms']:.1f} ms; "
                    f"{st['text']['requests']:,} texts, {st['text']['errors']} errors)",
                    f"≤ {t.get('stall_p99_ms', 100):.0f} ms",
                    _met(hz["p99_ms"] <= t.get("stall_p99_ms", 100) and hz["errors"] == 0),
                )
            )
        soak = h.get("soak")
        if soak:
            res = soak["result"]
            grow = soak["rss_end_kib"] - soak["rss_start_kib"]
            rows.append(
                (
                    f"soak: {res['seconds']:.0f} s at {res['connections']} connections — errors; "
                    "server RSS start → end",
                    f"{res['errors']} errors of {res['requests']:,}; "
                    f"{soak['rss_start_kib'] / 1024:.1f} → {soak['rss_end_kib'] / 1024:.1f} MiB "
                    f"({grow / 1024:+.1f} MiB)",
                    "0 errors; memory flat",
                    _met(res["errors"] == 0 and grow < 0.1 * soak["rss_start_kib"]),
                )
            )
    s = r["startup"]
    rows.append(
        (
            "`twitchcheck --help` cold start (median of runs; `python -c pass` alongside)",
            f"{s['help_ms']['median']:.0f} ms (python: {s['python_ms']['median']:.0f} ms)",
            f"≤ {t['help_ms']:.0f} ms",
            _met(s["help_ms"]["median"] <= t["help_ms"]),
        )
    )
    return rows


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write_markdown(r: dict[str, Any], path: Path) -> None:
    m0, m1 = r["machine_start"], r["machine_end"]
    lines = [
        "# twitchcheck — speed and load",
        "",
        f"Measured {m0['when']} on {m0['cores']} cores, Python {m0['python']}, NumPy "
        f"{m0['numpy']}. Load average before / after: "
        f"{m0['load_average'][0]:.2f} / {m1['load_average'][0]:.2f} (other work on the machine "
        "shows here and moves every figure). Regenerate with `make bench-perf`.",
        "",
        "## Targets",
        "",
        "| what | measured | target | met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in verdicts(r)]
    e = r["engine"]
    lines += [
        "",
        "## Engine latency per assessment",
        "",
        f"Over {e['assess']['n']:,} generated records (varied from the vignettes), one at a time.",
        "",
        "| call | p50 | p90 | p99 | mean |",
        "|---|---|---|---|---|",
    ]
    labels = {
        "update": "`update()` — posterior only",
        "assess": "`assess()` — posterior, triage, reasons, next steps (objects)",
        "assess_to_json": "`assess()` + `to_dict()` + `json.dumps` (what `assess --json` does)",
        "assess_json": "`assess_json()` — the same JSON from the batch scorer "
        "(`POST /v1/assess?detail=full`)",
        "assess_summary": '`assess_bytes(..., "summary")` — the summary shape, orjson '
        "(`POST /v1/assess`)",
    }
    for key, label in labels.items():
        if key not in e:
            continue
        x = e[key]
        lines.append(
            f"| {label} | {x['p50_us']:.0f} µs | {x['p90_us']:.0f} µs | {x['p99_us']:.0f} µs | "
            f"{x['mean_us']:.0f} µs |"
        )
    b = r["batch"]
    lines += [
        "",
        "## Batch throughput (one core)",
        "",
        f"{b['records']:,} generated records, chunks of {b['chunk']:,}; each result is the "
        f"summary shape by default ({b['result_bytes_mean'] / 1024:.1f} KiB on average) or, with "
        "`--detail full`, the whole `assess --json` object "
        f"({b.get('result_bytes_mean_full', 0) / 1024:.1f} KiB: every cause with its for/against "
        "terms and sources). Stage figures are CPU time in one process.",
        "",
        "| stage | records/s | µs per record |",
        "|---|---|---|",
    ]
    stage_labels = {
        "parse": "parse the JSON line",
        "normalise": "normalise the evidence (ids/codes, contradictions)",
        "numpy_scoring": "**NumPy scoring: posterior + red-flag rules + probability path**",
        "json": "write the summary JSON (orjson)",
        "json_full": "write the full JSON (fragments precomputed per knowledge base)",
        "in_process_total": "all of it (`BatchRun`, summary)",
        "in_process_total_full": "all of it (`BatchRun`, full)",
    }
    for key, label in stage_labels.items():
        if key not in b["stage_rps"]:
            continue
        rps = b["stage_rps"][key]
        lines.append(f"| {label} | {rps:,.0f} | {1e6 / rps:.1f} |")
    for key in ("cli", "cli_full"):
        c = b.get(key)
        if c is None:
            continue
        flag = " --detail full" if key == "cli_full" else ""
        lines.append(
            f"| `twitchcheck batch{flag} FILE > /dev/null`"
            f"{' pinned to one core' if c['pinned'] else ''}, "
            f"wall clock (CPU {c['cpu_seconds']:.1f} s) | {c['rps_wall']:,.0f} | "
            f"{1e6 / c['rps_wall']:.1f} |"
        )
    t = r.get("text")
    lines += ["", "## Free text", ""]
    if t is None:
        lines.append("Skipped: `twitchcheck.text` is not installed.")
    else:
        pt = t["per_text"]
        lines += [
            f"- first text (loads the pipeline): {t['first_text_ms']:,.0f} ms",
            f"- then per text ({pt['n']} vignette texts): p50 {pt['p50_us'] / 1000:.1f} ms, "
            f"p99 {pt['p99_us'] / 1000:.1f} ms, mean {pt['mean_us'] / 1000:.1f} ms",
            f"- text records through `twitchcheck batch`: {t['batch_text_rps']:,.0f} records/s",
        ]
    s = r["startup"]
    lines += [
        "",
        "## CLI cold start",
        "",
        f"`twitchcheck --help`: median {s['help_ms']['median']:.0f} ms, max "
        f"{s['help_ms']['max']:.0f} ms; `python -c pass`: median {s['python_ms']['median']:.0f} "
        f"ms, max {s['python_ms']['max']:.0f} ms (new process each time, warm page cache).",
    ]
    h = r.get("http")
    if h:
        lines += [
            "",
            "## HTTP on loopback (wrk)",
            "",
            "One `twitchcheck serve` process (uvicorn, uvloop + httptools, one worker)"
            + (
                " pinned to core 1, wrk (1 thread) pinned to core 0."
                if h["pinned"]
                else ", wrk alongside."
            )
            + " `/v1/assess` bodies cycle through 2,000 generated records "
            "(`bench/out/perf_bodies.jsonl`, `bench/perf.lua`). Rounds alternate the two "
            "endpoints in the same server run.",
            "",
            "| round | endpoint | connections | requests/s | p50 | p90 | p99 | max | errors "
            "| server CPU per request |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]

        def row(label: str, x: dict[str, Any]) -> str:
            return (
                f"| {label} | `{x['endpoint']}` | {x['connections']} | {x['rps']:,.0f} | "
                f"{x['p50_ms']:.1f} ms | {x['p90_ms']:.1f} ms | {x['p99_ms']:.1f} ms | "
                f"{x['max_ms']:.1f} ms | {x['errors']} | {x.get('server_cpu_us', 0):.0f} µs |"
            )

        for i, rnd in enumerate(h["rounds"], 1):
            lines += [row(str(i), rnd["healthz"]), row(str(i), rnd["assess"])]
            if "assess_full" in rnd:
                lines.append(row(str(i), rnd["assess_full"]))
        ceiling = h.get("ceiling")
        if ceiling:
            lines += [row("ceiling", ceiling["healthz"]), row("ceiling", ceiling["constant"])]
        soak = h.get("soak")
        if soak:
            lines.append(row("soak", soak["result"]))
        lines += [
            "",
            "Server CPU per request is the server process's user + system time over the run "
            "divided by the requests served; it is steadier than requests/s when other work "
            "shares the machine. By CPU, `/v1/assess` costs "
            f"{1 / h['cpu_ratio_median']:.1f}× a `/healthz` request "
            f"(capacity ratio {h['cpu_ratio_median']:.0%}).",
        ]
        if ceiling:
            share = ceiling["constant"]["rps"] / ceiling["healthz"]["rps"]
            lines += [
                "",
                "**Ceiling** (`bench/perf_ceiling.py`, a separate server run): the real app plus "
                "`POST /bench/constant`, which takes the same validated request body and "
                "knowledge-base dependency as `/v1/assess` and answers a constant, pre-rendered "
                f"assessment of the same size — no assessment work at all — reaches {share:.0%} of "
                "`/healthz` requests/s. That is the most `/v1/assess` could reach on this stack.",
            ]
        if soak:
            x = soak["result"]
            lines += [
                "",
                f"Soak: {x['seconds']:.0f} s at {x['connections']} connections, "
                f"{x['requests']:,} requests, errors {x['error_kinds']}; server RSS "
                f"{soak['rss_start_kib'] / 1024:.1f} MiB at the start, "
                f"{soak['rss_end_kib'] / 1024:.1f} MiB at the end (`perf_memory.png`).",
            ]
    lines += ["", "## Plots", ""]
    for name in ("perf_http.png", "perf_batch.png", "perf_latency.png", "perf_memory.png"):
        if (path.parent / name).exists():
            lines.append(f"![{name}]({name})")
    path.write_text("\n".join(lines) + "\n")


def plots(r: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = r.get("http")
    if h:
        fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
        names = ["/healthz", "/v1/assess"]
        rps = [h["healthz_rps_median"], h["assess_rps_median"]]
        a.bar(names, rps, color=["#888", "#2a6"])
        a.set_ylabel("requests/s (32 connections)")
        a.set_title("Throughput, same server run")
        p50 = [
            sorted(x[k]["p50_ms"] for x in h["rounds"])[len(h["rounds"]) // 2]
            for k in ("healthz", "assess")
        ]
        p99 = [
            sorted(x[k]["p99_ms"] for x in h["rounds"])[len(h["rounds"]) // 2]
            for k in ("healthz", "assess")
        ]
        xs = range(2)
        b.bar([x - 0.2 for x in xs], p50, width=0.4, label="p50")
        b.bar([x + 0.2 for x in xs], p99, width=0.4, label="p99")
        b.axhline(r["targets"]["p99_ms"], color="red", linestyle="--", label="p99 target")
        b.set_xticks(list(xs), names)
        b.set_ylabel("latency (ms)")
        b.legend()
        b.set_title("Latency at 32 connections")
        fig.tight_layout()
        fig.savefig(out / "perf_http.png", dpi=110)
        plt.close(fig)
        soak = h.get("soak")
        if soak and soak["samples"]:
            fig, ax = plt.subplots(figsize=(7, 3.5))
            xs2 = [s[0] for s in soak["samples"]]
            ys = [s[1] / 1024 for s in soak["samples"]]
            ax.plot(xs2, ys, marker=".")
            ax.set_ylim(0, max(ys) * 1.3)
            ax.set_xlabel("seconds")
            ax.set_ylabel("server RSS (MiB)")
            ax.set_title(f"Memory during the soak ({soak['result']['connections']} connections)")
            fig.tight_layout()
            fig.savefig(out / "perf_memory.png", dpi=110)
            plt.close(fig)
    b2 = r["batch"]
    fig, ax = plt.subplots(figsize=(8, 4))
    labels = ["parse", "normalise", "NumPy scoring", "JSON", "in process", "CLI (wall)"]
    values = [
        b2["stage_rps"]["parse"],
        b2["stage_rps"]["normalise"],
        b2["stage_rps"]["numpy_scoring"],
        b2["stage_rps"]["json"],
        b2["stage_rps"]["in_process_total"],
        b2["cli"]["rps_wall"],
    ]
    ax.barh(labels, values, color="#2a6")
    ax.axvline(r["targets"]["batch_rps"], color="red", linestyle="--", label="target")
    ax.set_xscale("log")
    ax.set_xlabel("records/s, one core (log scale)")
    ax.set_title("Batch: throughput of each stage")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "perf_batch.png", dpi=110)
    plt.close(fig)
    e = r["engine"]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    keys = ["update", "assess", "assess_to_json", "assess_json"]
    ax.barh(keys, [e[k]["p50_us"] for k in keys], label="p50")
    ax.barh(
        keys,
        [e[k]["p99_us"] - e[k]["p50_us"] for k in keys],
        left=[e[k]["p50_us"] for k in keys],
        label="p50 → p99",
        alpha=0.5,
    )
    ax.set_xlabel("µs per assessment")
    ax.set_title("Engine latency")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "perf_latency.png", dpi=110)
    plt.close(fig)
