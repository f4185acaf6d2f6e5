#!/usr/bin/env python3
"""Renders the Browserfleet Grafana dashboards into plain HTML pages, for the README's pictures.

Grafana cannot run where the pictures were made, so this draws each panel itself, from the same
dashboard JSON files:
  * PostgreSQL panels: each panel's rawSql, with Grafana's time macros expanded (as the tested
    expander in projector/src/test/.../GrafanaMacros.java does), run through psql against the
    database named by --db; time series become SVG line or bar charts, the rest tables or bars.
  * Prometheus panels: there is no Prometheus here, so the page shows what one scrape of a running
    system's /actuator/prometheus (--scrape FILE) says for each panel's metric: the stage quantiles
    from the histogram's cumulative buckets since start, lane depth, slot use, and the counters'
    totals. It is labelled as such on the page.

usage: render.py jobs  --db 'postgresql://...' --out page.html [--hours 6]
       render.py metrics --scrape scrape.txt --out page.html
"""
import argparse, csv, html, io, json, math, re, subprocess, sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

DASHBOARDS = Path(__file__).resolve().parent.parent / "dashboards"
COLORS = ["#7eb26d", "#eab839", "#6ed0e0", "#ef843c", "#e24d42", "#1f78c1", "#ba43a9", "#705da0", "#508642", "#cca300"]
STYLE = """
body{background:#111217;color:#d8d9da;font:13px Inter,Helvetica,Arial,sans-serif;margin:0;padding:12px}
h1{font-size:18px;font-weight:500;margin:4px 4px 2px} .sub{color:#8e8e8e;margin:0 4px 10px;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(24,1fr);grid-auto-rows:34px;gap:8px}
.panel{background:#181b1f;border:1px solid #2c3235;border-radius:3px;padding:6px 8px;overflow:hidden}
.panel h2{font-size:13px;font-weight:500;margin:0 0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table{border-collapse:collapse;width:100%;font-size:11.5px} th{color:#6e9fff;text-align:left;font-weight:500;border-bottom:1px solid #2c3235;padding:2px 4px}
td{padding:2px 4px;border-bottom:1px solid #202226;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:380px}
.legend{font-size:11px;color:#ccc} .legend span{margin-right:10px} .legend i{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
.bar{height:14px;background:#73bf69;display:inline-block;vertical-align:middle} .barrow{margin:3px 0;font-size:12px}
.barrow b{display:inline-block;width:150px;font-weight:400;color:#ccc} .note{color:#8e8e8e;font-size:11px}
.hot{background:#e24d42;color:#fff} .warm{background:#ef843c;color:#111} .ok{background:#37872d;color:#fff}
"""

def expand(sql, start, end, interval_s):
    lit = lambda t: "'" + t.strftime("%Y-%m-%dT%H:%M:%SZ") + "'"
    def group(m, alias):
        col, iv = [a.strip() for a in m.group(1).split(",")][:2]
        s = interval_s if iv == "$__interval" else {"s": 1, "m": 60, "h": 3600, "d": 86400}[iv.strip("'")[-1]] * int(iv.strip("'")[:-1])
        g = f"floor(extract(epoch from {col})/{s})*{s}"
        return g + ' AS "time"' if alias else g
    sql = re.sub(r"\$__timeGroupAlias\(([^()]*)\)", lambda m: group(m, True), sql)
    sql = re.sub(r"\$__timeGroup\(([^()]*)\)", lambda m: group(m, False), sql)
    sql = re.sub(r"\$__timeFilter\(([^()]*)\)", lambda m: f"{m.group(1)} BETWEEN {lit(start)} AND {lit(end)}", sql)
    sql = sql.replace("$__timeFrom()", lit(start)).replace("$__timeTo()", lit(end))
    if "$__" in sql:
        raise SystemExit("an unexpanded macro in: " + sql)
    return sql

def query(db, sql):
    out = subprocess.run(["psql", db, "-X", "-q", "--csv", "-c", sql], check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return rows[0], rows[1:]

def svg_series(series, t0, t1, unit, bars):
    w, h, pad = 560, 190, 34
    vmax = max([v for pts in series.values() for _, v in pts] + [1e-9])
    if bars:  # stacked
        stacks = {}
        for pts in series.values():
            for t, v in pts:
                stacks[t] = stacks.get(t, 0) + v
        vmax = max(list(stacks.values()) + [1e-9])
    x = lambda t: pad + (t - t0) / max(1, (t1 - t0)) * (w - pad - 6)
    y = lambda v: h - 16 - v / vmax * (h - 26)
    parts = [f'<svg viewBox="0 0 {w} {h}" width="100%" height="{h}">']
    for i in range(5):
        v = vmax * i / 4
        parts.append(f'<line x1="{pad}" x2="{w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#2c3235"/>'
                     f'<text x="{pad-4}" y="{y(v)+3:.1f}" fill="#8e8e8e" font-size="9" text-anchor="end">{fmt(v, unit)}</text>')
    for i in range(7):
        t = t0 + (t1 - t0) * i / 6
        parts.append(f'<text x="{x(t):.1f}" y="{h-3}" fill="#8e8e8e" font-size="9" text-anchor="middle">'
                     f'{datetime.fromtimestamp(t, timezone.utc).strftime("%H:%M")}</text>')
    base = {}
    for k, (name, pts) in enumerate(series.items()):
        c = COLORS[k % len(COLORS)]
        if bars:
            for t, v in pts:
                b = base.get(t, 0)
                bw = max(1.5, (w - pad) / max(1, (t1 - t0) / 300) * 0.8)
                parts.append(f'<rect x="{x(t):.1f}" y="{y(b+v):.1f}" width="{bw:.1f}" height="{max(0, y(b)-y(b+v)):.1f}" fill="{c}"/>')
                base[t] = b + v
        else:
            d = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in sorted(pts))
            parts.append(f'<polyline points="{d}" fill="none" stroke="{c}" stroke-width="1.4"/>')
    parts.append("</svg>")
    legend = "".join(f'<span><i style="background:{COLORS[k % len(COLORS)]}"></i>{html.escape(n)}</span>' for k, n in enumerate(series))
    return "".join(parts) + f'<div class="legend">{legend}</div>'

def fmt(v, unit):
    if unit == "s":
        return f"{v:.2f} s" if v < 10 else f"{v:.0f} s"
    if unit == "percentunit":
        return f"{v*100:.0f}%"
    return f"{v:.0f}" if v >= 10 or v == int(v) else f"{v:.2f}"

def table(header, rows, limit=12, heat=None):
    out = ["<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for r in rows[:limit]:
        cells = []
        for h, v in zip(header, r):
            cls = ""
            if heat and h == heat and v:
                f = float(v); cls = ' class="' + ("hot" if f >= 60 else "warm" if f >= 10 else "ok") + '"'
            cells.append(f"<td{cls}>{html.escape(v)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    if len(rows) > limit:
        out.append(f'<div class="note">… {len(rows) - limit} more rows</div>')
    return "".join(out)

def bars(pairs):
    vmax = max([v for _, v in pairs] + [1e-9])
    return "".join(f'<div class="barrow"><b>{html.escape(k)}</b><span class="bar" style="width:{v / vmax * 62:.1f}%"></span> {fmt(v, "")}</div>'
                   for k, v in pairs)

def page(title, subtitle, panels):
    cells = []
    for p, body in panels:
        g = p["gridPos"]
        cells.append(f'<div class="panel" style="grid-column:{g["x"]+1}/span {g["w"]};grid-row:{g["y"]+1}/span {g["h"]}">'
                     f'<h2>{html.escape(p["title"])}</h2>{body}</div>')
    return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"<h1>{html.escape(title)}</h1><p class=sub>{html.escape(subtitle)}</p><div class=grid>{''.join(cells)}</div>")

def render_jobs(args):
    d = json.loads((DASHBOARDS / "browserfleet-jobs.json").read_text())
    end = datetime.now(timezone.utc).replace(microsecond=0)
    start = end - timedelta(hours=args.hours)
    interval = 300
    panels = []
    for p in d["panels"]:
        t = p["targets"][0]
        header, rows = query(args.db, expand(t["rawSql"], start, end, interval))
        unit = p.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        if t["format"] == "time_series":
            series = {}
            if "metric" in header:
                for r in rows:
                    series.setdefault(r[1], []).append((float(r[0]), float(r[2])))
            else:
                for col in range(1, len(header)):
                    series[header[col]] = [(float(r[0]), float(r[col] or 0)) for r in rows]
            stacked = p.get("fieldConfig", {}).get("defaults", {}).get("custom", {}).get("drawStyle") == "bars"
            body = svg_series(series, start.timestamp(), end.timestamp(), unit, stacked)
        elif p["type"] == "bargauge":
            body = bars([(r[0], float(r[1])) for r in rows])
        else:
            body = table(header, rows, heat="heartbeat_age_s" if "heartbeat_age_s" in header else None)
        panels.append((p, body))
    sub = (f"{d['description']}  Rendered by deploy/grafana/preview/render.py from the dashboard's own SQL "
           f"over {start:%Y-%m-%d %H:%M} to {end:%H:%M} UTC (5 min intervals), not by Grafana.")
    Path(args.out).write_text(page(d["title"], sub, panels))

def parse_scrape(text):
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = re.match(r'([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)$', line)
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3) or ""))
        samples.append((m.group(1), labels, float(m.group(4))))
    return samples

def quantile(q, buckets):
    buckets = sorted((float("inf") if le == "+Inf" else float(le), c) for le, c in buckets)
    total = buckets[-1][1]
    if total == 0:
        return None
    rank, prev_le, prev_c = q * total, 0.0, 0.0
    for le, c in buckets:
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_c) / max(1e-9, c - prev_c)
        prev_le, prev_c = le, c
    return prev_le

def render_metrics(args):
    d = json.loads((DASHBOARDS / "browserfleet-metrics.json").read_text())
    s = parse_scrape(Path(args.scrape).read_text())
    def by(name, label, extra=None):
        out = {}
        for n, l, v in s:
            if n == name and all(l.get(k) == val for k, val in (extra or {}).items()):
                out.setdefault(l.get(label, ""), []).append((l, v))
        return out
    def stage_rows(label, extra=None):
        rows = []
        for key, samples in sorted(by("browserfleet_job_stage_seconds_bucket", label, extra).items()):
            merged = {}
            for l, v in samples:
                merged[l["le"]] = merged.get(l["le"], 0) + v
            p50, p95 = quantile(0.5, merged.items()), quantile(0.95, merged.items())
            if p50 is not None:
                rows.append([key, f"{p50 * 1000:.0f} ms", f"{p95 * 1000:.0f} ms", f"{merged['+Inf']:.0f}"])
        return rows
    panels = []
    for p in d["panels"]:
        title = p["title"]
        if title.startswith("Stage times"):
            body = table(["stage", "p50", "p95", "samples"], stage_rows("stage"))
        elif title.startswith("Action times"):
            body = table(["action", "p50", "p95", "samples"], stage_rows("action", {"stage": "action"}))
        elif title == "Lane depth":
            body = bars([(k, max(v for _, v in vs)) for k, vs in sorted(by("browserfleet_queue_depth", "lane").items())])
        elif title == "Slot use":
            busy = {k: sum(v for _, v in vs) for k, vs in by("browserfleet_worker_slots_busy", "engine").items()}
            slots = {k: sum(v for _, v in vs) for k, vs in by("browserfleet_worker_slots", "engine").items()}
            body = table(["engine", "slots", "busy", "busy share"],
                         [[e, f"{n:.0f}", f"{busy.get(e, 0):.0f}", f"{busy.get(e, 0) / n * 100:.0f}%" if n else "-"] for e, n in sorted(slots.items())])
        elif title == "Rate-limited requests":
            total = sum(v for n, _, v in s if n == "browserfleet_rate_limited_requests_total")
            body = bars([("429 answers", total)])
        else:
            rows = [(f"submissions {l.get('outcome')}", v) for n, l, v in s if n == "browserfleet_submissions_total"]
            rows += [("rejected", sum(v for n, _, v in s if n == "browserfleet_rejections_total"))]
            body = bars(rows)
        panels.append((p, body + '<div class="note">' + html.escape(" | ".join(t["expr"] for t in p["targets"])) + "</div>"))
    sub = ("One scrape of a running bin/browserfleet dev's /actuator/prometheus, drawn by deploy/grafana/preview/render.py: "
           "totals and quantiles since the services started, where Grafana would draw the panels' rates over time from Prometheus.")
    Path(args.out).write_text(page(d["title"], sub, panels))

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("which", choices=["jobs", "metrics"])
    ap.add_argument("--db"); ap.add_argument("--scrape"); ap.add_argument("--out", required=True)
    ap.add_argument("--hours", type=int, default=6)
    a = ap.parse_args()
    render_jobs(a) if a.which == "jobs" else render_metrics(a)
