#!/usr/bin/python3
"""Loads a rendered report in headless Chromium and fails on any console message: the page has no scripts, so
anything the browser logs is an error, e.g. an SVG attribute it could not parse. Skipped without Chromium."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from report_files import make_report

CONSOLE = re.compile(r":CONSOLE[:(]\d+\)?\] (.*)")


def console_messages(browser, page):
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                           "--v=0", "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    return done.stdout, [m.group(1) for m in map(CONSOLE.search, done.stderr.splitlines()) if m]


def main():
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        print("Chromium is not installed: skipped")
        sys.exit(77)
    labsim, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        # First a page with known faults, so that a browser that stopped reporting cannot pass the check.
        faulty = Path(tmp) / "faulty.html"
        faulty.write_text('<!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg" width="9" '
                          'height="9"><path d="M0,0 L x"/></svg></body></html>')
        _, messages = console_messages(browser, faulty)
        if not messages:
            sys.exit(f"FAIL: {browser} reported nothing for a broken SVG path; the check cannot see errors")

        report = make_report(labsim, source, tmp)["report"]
        dom, messages = console_messages(browser, report)
        if messages:
            sys.exit("FAIL: the browser logged:\n" + "\n".join(messages))
        drawn, written = dom.count("<svg "), report.read_text(encoding="utf-8").count("<svg ")
        if drawn != written or written == 0:
            sys.exit(f"FAIL: the browser's page has {drawn} charts, the file {written}")
    print(f"ok: {written} charts loaded in {browser} without console messages")


if __name__ == "__main__":
    main()
