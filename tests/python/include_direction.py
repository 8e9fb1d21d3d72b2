#!/usr/bin/python3
"""Dependencies point down, as the README's map says: app -> results -> models -> sim.

Usage: include_direction.py LABSIM_EXE SOURCE_DIR. Reads every #include "..." of sim/, models/, results/ and
app/ and exits 1, naming the file, its line and the rule, when one points the wrong way: sim/ includes only
sim/; models/ never includes results/ or app/; results/ never includes app/; the loader's section checks in
models/scenario/checks/ are included from models/scenario/ alone. It first checks that a planted violation of
each rule is found.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
FOLDERS = ("sim", "models", "results", "app")


def broken_rule(source, included):
    """Why SOURCE (a path from the root) may not include INCLUDED, or None."""
    top = source.split("/")[0]
    if not included.startswith(tuple(f + "/" for f in FOLDERS)):
        return None  # a system or generated header
    if top == "sim" and not included.startswith("sim/"):
        return "sim/ includes only sim/"
    if top == "models" and included.startswith(("results/", "app/")):
        return "models/ never includes results/ or app/"
    if top == "results" and included.startswith("app/"):
        return "results/ never includes app/"
    if included.startswith("models/scenario/checks/") and not source.startswith("models/scenario/"):
        return "models/scenario/checks/ is private to the scenario loader"
    return None


def violations(files):
    """FILES: {path from the root: text}. Lines 'path:line: includes X: rule' for each include the wrong way."""
    found = []
    for path, text in sorted(files.items()):
        for number, line in enumerate(text.splitlines(), 1):
            m = INCLUDE.match(line)
            rule = m and broken_rule(path, m.group(1))
            if rule:
                found.append(f"{path}:{number}: includes {m.group(1)}: {rule}")
    return found


def sources(root):
    files = {}
    for folder in FOLDERS:
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in names:
                if name.endswith((".hpp", ".cpp", ".hpp.in")):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as f:
                        files[os.path.relpath(path, root)] = f.read()
    return files


def main():
    root = sys.argv[2]
    planted = {"sim/a.hpp": '#include "models/model.hpp"', "models/b.cpp": '#include "results/file/h5_writer.hpp"',
               "results/c.cpp": '#include "app/commands.hpp"',
               "app/d.cpp": '#include "models/scenario/checks/toml_checks.hpp"'}
    if len(violations(planted)) != len(planted):
        print("include_direction: the check misses a planted violation:", violations(planted))
        return 1
    files = sources(root)
    if not any(p.startswith("models/") for p in files):
        print(f"include_direction: no sources under {root}")
        return 1
    found = violations(files)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
