#!/usr/bin/python3
"""Fails when a source file includes what its folder may not see: the direction of dependencies, checked.

Usage: include_boundaries.py SOURCE_ROOT
       include_boundaries.py --self-test   (each rule, broken once in a made-up tree, must be reported)
Dependencies point down: app/ -> results/ -> models/ -> sim/. Inside models/, the scenario loader is the
bottom (it knows nothing of the compiled model), and the simulator and the Markov twin never include each
other: what both apply lives in models/rules/. Inside results/, the result file in memory
(results/labelled_array.hpp) <- stats/ <- file/ <- text/ <- report/: the file stores summaries, and tables and
pictures are made from both. A folder's internals are private: the scenario loader's section checks
(models/scenario/checks/), the Markov twin's parts (all of models/twin/ but markov_twin.hpp) and the HDF5 handles
(results/file/h5_handles.hpp) are included from their own folder only (the twin's parts also from their unit
tests, tests/models/test_twin_*). Prints one line per broken rule.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

# (folder of the including file, included path prefix, why not). The first matching folder's rules apply
# together with those of every enclosing folder.
FORBIDDEN = [
    ("sim/", "models/", "sim/ is the generic engine and includes only sim/"),
    ("sim/", "results/", "sim/ is the generic engine and includes only sim/"),
    ("sim/", "app/", "sim/ is the generic engine and includes only sim/"),
    ("models/", "results/", "models/ knows nothing of result files, statistics or reports"),
    ("models/", "app/", "only app/ sees the command line"),
    ("results/", "app/", "only app/ sees the command line"),
    ("models/scenario/", "models/", "the scenario loader is the bottom of models/ and includes only models/scenario/"),
    ("models/simulator/", "models/twin/", "the simulator and the twin share rules through models/rules/"),
    ("models/twin/", "models/simulator/", "the simulator and the twin share rules through models/rules/"),
    ("models/rules/", "models/simulator/", "the rules are plain functions below both engines"),
    ("models/rules/", "models/twin/", "the rules are plain functions below both engines"),
    ("results/labelled_array.hpp", "results/stats/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/labelled_array.hpp", "results/file/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/labelled_array.hpp", "results/text/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/labelled_array.hpp", "results/report/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/stats/", "results/file/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/stats/", "results/text/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/stats/", "results/report/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/file/", "results/text/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/file/", "results/report/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
    ("results/text/", "results/report/", "results/ points one way: labelled_array <- stats <- file <- text <- report"),
]
# A folder's own includes that FORBIDDEN would otherwise refuse.
ALLOWED = [("models/scenario/", "models/scenario/")]
# Internals: included only from inside the named folder (or folders and files: a tuple of path prefixes).
TWIN_INSIDE = ("models/twin/", "tests/models/test_twin_")
TWIN_WHY = "the Markov twin's parts are internal to it: outside models/twin/, the twin is run_twin (markov_twin.hpp)"
PRIVATE = [
    ("models/scenario/checks/", "models/scenario/", "the section checks are internal to the scenario loader"),
    ("models/twin/twin_", TWIN_INSIDE, TWIN_WHY),
    ("models/twin/follow_up_profile.hpp", TWIN_INSIDE, TWIN_WHY),
    ("models/twin/initial_elapsed_bins.hpp", TWIN_INSIDE, TWIN_WHY),
    ("models/twin/interview_schedule.hpp", TWIN_INSIDE, TWIN_WHY),
    ("models/twin/spell_chain.hpp", TWIN_INSIDE, TWIN_WHY),
    ("results/file/h5_handles.hpp", "results/file/", "HDF5 handles are internal to the result file code"),
    ("labsim/version.hpp", "app/", "the build's version is the command line's to report"),
]
SOURCE_FOLDERS = ["app", "sim", "models", "results", "tests", "bench"]


def broken_rules(path, included):
    found = []
    allowed = any(path.startswith(f) and included.startswith(p) for f, p in ALLOWED)
    for folder, prefix, why in FORBIDDEN:
        if path.startswith(folder) and included.startswith(prefix) and not allowed:
            found.append(why)
    for prefix, inside, why in PRIVATE:
        if included.startswith(prefix) and not path.startswith(inside):
            found.append(why)
    return found


def check_tree(root):
    """Prints each broken rule and returns how many there were and how many files were read."""
    problems = 0
    checked = 0
    for top in SOURCE_FOLDERS:
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".hpp", ".cpp", ".in")):
                    continue
                full = os.path.join(folder, name)
                path = os.path.relpath(full, root).replace(os.sep, "/")
                checked += 1
                with open(full, encoding="utf-8") as f:
                    for number, line in enumerate(f, start=1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        for why in broken_rules(path, m.group(1)):
                            print(f'{path}:{number}: includes "{m.group(1)}": {why}')
                            problems += 1
    return problems, checked


def self_test():
    """Breaks every rule once in a temporary tree (and keeps one allowed include), and expects exactly the
    broken ones back: a checker that reports nothing would pass any tree."""
    import tempfile
    cases = [(folder + "x.cpp", prefix + "y.hpp") for folder, prefix, _ in FORBIDDEN]
    cases += [("tests/x.cpp", prefix + ("y.hpp" if prefix.endswith("/") else "")) for prefix, _, _ in PRIVATE]
    allowed = [("models/scenario/a.cpp", "models/scenario/checks/b.hpp"), ("app/a.cpp", "labsim/version.hpp"),
               ("results/a.cpp", "models/model.hpp"), ("models/simulator/a.cpp", "models/rules/b.hpp"),
               ("app/a.cpp", "models/twin/markov_twin.hpp"), ("tests/models/test_twin_a.cpp", "models/twin/twin_b.hpp")]
    failures = 0
    for path, included in cases + allowed:
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(f'#include <vector>\n#include "{included}"\n')
            problems, _ = check_tree(root)
        expected = (path, included) not in allowed
        if (problems > 0) != expected:
            print(f"self-test: {path} including {included} should {'' if expected else 'not '}be reported")
            failures += 1
    print(f"self-test: {len(cases)} broken rules reported, {len(allowed)} allowed includes passed"
          if not failures else f"self-test: {failures} case(s) wrong")
    return failures


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--self-test":
        sys.exit(1 if self_test() else 0)
    problems, checked = check_tree(sys.argv[1])
    if problems:
        print(f"{problems} include(s) against the architecture in {checked} files")
        sys.exit(1)
    print(f"{checked} files: every include points the way the architecture allows")


if __name__ == "__main__":
    main()
