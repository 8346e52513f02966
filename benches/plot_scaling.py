#!/usr/bin/env python3
"""Draws benches/results/scaling.tsv as an SVG (no packages needed).

    python3 benches/plot_scaling.py benches/results/scaling.tsv docs/scaling.svg

Two log-log panels against the number of articles: time (check wall, check
CPU, ripgrep, server ready) and memory (check peak RSS, server RSS after
indexing). A dashed grey line of slope 1 through the first check point shows
what linear growth looks like.
"""

import csv
import math
import sys

W, H = 460, 340
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 34, 46


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))

    def col(name):
        out = []
        for r in rows:
            try:
                out.append((float(r["articles"]), float(r[name])))
            except (ValueError, KeyError):
                pass
        return [p for p in out if p[1] > 0]

    return col


def panel(x0, title, unit, series):
    pts = [p for _, _, s in series for p in s]
    if not pts:
        return ""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    lx0, lx1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    ly0, ly1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if lx1 == lx0:
        lx1 += 1
    if ly1 == ly0:
        ly1 += 1
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def sx(x):
        return x0 + LEFT + (math.log10(x) - lx0) / (lx1 - lx0) * pw

    def sy(y):
        return TOP + ph - (math.log10(y) - ly0) / (ly1 - ly0) * ph

    out = [f'<text x="{x0 + W / 2}" y="20" text-anchor="middle" font-weight="bold">{title}</text>']
    out.append(f'<rect x="{x0 + LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
    for e in range(lx0, lx1 + 1):
        x = sx(10 ** e)
        out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + ph}" stroke="#eee"/>')
        out.append(f'<text x="{x}" y="{TOP + ph + 16}" text-anchor="middle">{10 ** e:,}</text>')
    for e in range(ly0, ly1 + 1):
        y = sy(10 ** e)
        label = f"{10 ** e:g}"
        out.append(f'<line x1="{x0 + LEFT}" y1="{y}" x2="{x0 + LEFT + pw}" y2="{y}" stroke="#eee"/>')
        out.append(f'<text x="{x0 + LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>')
    out.append(f'<text x="{x0 + LEFT + pw / 2}" y="{H - 8}" text-anchor="middle">articles (log)</text>')
    out.append(f'<text transform="translate({x0 + 14},{TOP + ph / 2}) rotate(-90)" '
               f'text-anchor="middle">{unit} (log)</text>')
    # Slope-1 reference through the first point of the first series.
    first = series[0][2]
    if first:
        (ax, ay) = first[0]
        bx = 10 ** lx1
        by = ay * bx / ax
        out.append(f'<line x1="{sx(ax)}" y1="{sy(ay)}" x2="{sx(bx)}" y2="{sy(max(by, 1e-9))}" '
                   f'stroke="#bbb" stroke-dasharray="4 3"/>')
    for i, (name, color, s) in enumerate(series):
        if not s:
            continue
        path = " ".join(f"{'M' if j == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for j, (x, y) in enumerate(s))
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in s:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{color}">'
                       f'<title>{name}: {y:g} at {int(x):,}</title></circle>')
        ly = TOP + 12 + 15 * i
        out.append(f'<line x1="{x0 + LEFT + 8}" y1="{ly - 4}" x2="{x0 + LEFT + 24}" y2="{ly - 4}" '
                   f'stroke="{color}" stroke-width="2"/>')
        out.append(f'<text x="{x0 + LEFT + 28}" y="{ly}">{name}</text>')
    return "\n".join(out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    col = read(src)
    time_series = [
        ("check wall", "#1f77b4", col("check_wall_s")),
        ("check CPU (user+sys)", "#9467bd", col("check_cpu_s")),
        ("ripgrep wall", "#7f7f7f", col("rg_wall_s")),
        ("server ready", "#d62728", col("ready_s")),
    ]
    memory_series = [
        ("check peak RSS", "#1f77b4", col("check_rss_mb")),
        ("server RSS after indexing", "#d62728", col("server_rss_mb")),
    ]
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{H}" '
        f'font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        panel(0, "Time against corpus size", "seconds", time_series),
        panel(W, "Memory against corpus size", "MB", memory_series),
        "</svg>",
    ]
    with open(dst, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
