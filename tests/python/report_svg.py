#!/usr/bin/python3
"""Renders a report for a small run, a second scenario, a trial and a forecast, and checks that every chart the
README lists is present and well-formed: each <svg> parses as XML, has a title, axis labels and a legend, and
draws as many series as the data has."""
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from report_files import make_report

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg):
    return [t.text or "" for t in svg.iter(SVG + "text")]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main():
    labsim, source = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        files = make_report(labsim, source, tmp)
        base, trial, report = files["base"], files["trial"], files["report"]
        html = report.read_text(encoding="utf-8")

        if re.search(r"<script|<link|@import|url\(http|src=\"http", html):
            fail("the report fetches or runs something from outside")
        svgs = {}
        for block in re.findall(r"<svg .*?</svg>", html, re.S):
            try:
                svg = ET.fromstring(block)
            except ET.ParseError as e:
                fail(f"an SVG does not parse: {e}\n{block[:300]}")
            svgs[svg.get("id")] = svg
        if len(set(svgs)) != len(re.findall(r"<svg ", html)):
            fail("two charts share an id")

        with __import__("h5py").File(base) as f:
            states = [s.decode() if isinstance(s, bytes) else s for s in f["state"][...]]
            on_support = f["state_on_support"][...]
            permanent = f["state_permanent_support"][...]
            danish = list(f["state"].attrs["display_names"])
            jobcentres = len(f["jobcentre"])
        with __import__("h5py").File(trial) as f:
            arms = len(f["arm"])
            analyses = [a.decode() if isinstance(a, bytes) else a for a in f["analysis"][...]]

        def chart(chart_id):
            if chart_id not in svgs:
                fail(f"chart {chart_id} missing; have {sorted(svgs)}")
            svg = svgs[chart_id]
            if not (svg.find(SVG + "title") is not None and svg.find(SVG + "title").text):
                fail(f"{chart_id} has no title")
            return svg

        def lines(svg):
            return svg.findall(SVG + "polyline")

        def check_axes(chart_id, y_unit, x_unit):
            t = texts(chart(chart_id))
            if not any(y_unit in s for s in t):
                fail(f"{chart_id}: no y-axis label with '{y_unit}' in {t[:12]}")
            if not any(x_unit in s for s in t):
                fail(f"{chart_id}: no x-axis label '{x_unit}'")

        # stocks by state: one line (and band) per temporary / permanent state on support, Danish names
        temporary = [danish[i] for i in range(len(states)) if on_support[i] and not permanent[i]]
        perm = [danish[i] for i in range(len(states)) if on_support[i] and permanent[i]]
        for suffix, names in (("temporary", temporary), ("permanent", perm)):
            svg = chart(f"f1-stock-{suffix}")
            check_axes(f"f1-stock-{suffix}", "full-time persons", "month")
            if len(lines(svg)) != len(names):
                fail(f"f1-stock-{suffix}: {len(lines(svg))} lines for {len(names)} states")
            if len(svg.findall(SVG + "polygon")) < len(names):
                fail(f"f1-stock-{suffix}: a state has no 95% band")
            missing = [n for n in names if n not in texts(svg)]
            if missing:
                fail(f"f1-stock-{suffix}: legend lacks {missing}")
            # 24 months, one point each
            for line in lines(svg):
                if len(line.get("points").split()) != 24:
                    fail(f"f1-stock-{suffix}: a line has {len(line.get('points').split())} points, not 24")

        # the four targets: one panel per jobcentre plus the region
        for target in ("labour_reserve", "permanent_support_stock", "youth_on_support", "non_western_on_support"):
            svg = chart(f"f1-target-{target}")
            if len(lines(svg)) != jobcentres + 1:
                fail(f"f1-target-{target}: {len(lines(svg))} panels drawn for {jobcentres} jobcentres and the region")
            if "Region" not in texts(svg) or "Læsø" not in texts(svg):
                fail(f"f1-target-{target}: panel titles missing")

        # several runs: each target per scenario, and the difference against the first
        for target in ("labour_reserve", "youth_on_support"):
            if len(lines(chart(f"compare-{target}"))) != 3:
                fail(f"compare-{target}: not one line per run (3)")
            diff = chart(f"difference-{target}")
            if len(lines(diff)) != 2:
                fail(f"difference-{target}: not one line per run after the first (2)")
            check_axes(f"difference-{target}", "difference, full-time persons", "month")

        # trial: Kaplan-Meier per arm, one chart per analysis, and the estimate tables
        for analysis in analyses:
            svg = chart(f"f3-km-{analysis}")
            check_axes(f"f3-km-{analysis}", "percent not yet self-sufficient", "weeks")
            if len(lines(svg)) != arms:
                fail(f"f3-km-{analysis}: {len(lines(svg))} curves for {arms} arms")
        if html.count("<caption>Estimates:") != len(analyses):
            fail("the trial's estimate tables are missing")

        # forecast: forecast against plan, a row per jobcentre with a plan
        for target in ("labour_reserve", "youth_on_support"):
            svg = chart(f"f4-forecast-{target}")
            dots = svg.findall(f".//{SVG}circle")
            if not 2 <= len(dots) <= jobcentres + 1:
                fail(f"f4-forecast-{target}: {len(dots)} forecasts drawn")
            check_axes(f"f4-forecast-{target}", "plan", "percent")

        # the state graph: a box per state, with Danish names, and a flow label per edge
        graph = chart("f1-state-graph")
        graph_text = " ".join(texts(graph))
        missing = [n for n in danish if n not in graph_text]
        if missing:
            fail(f"state graph lacks states {missing}")
        if "/month" not in graph_text:
            fail("state graph has no flow volumes on its edges")

    print(f"ok: {len(svgs)} charts parsed and checked")


if __name__ == "__main__":
    try:
        import h5py  # noqa: F401
    except ImportError:
        print("python3-h5py is not installed: skipped")
        sys.exit(77)
    main()
