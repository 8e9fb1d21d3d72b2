#!/usr/bin/python3
"""Checks that two folders written by scripts/record_results.sh hold the same results, bit for bit.

Usage: scripts/same_results.py BEFORE_FOLDER AFTER_FOLDER
HDF5 files: the same datasets with the same shapes, types, bytes and attributes; of the root attributes only
those that name the build or the moment (labsim_version, git_commit, command_line, created_utc, scenario_path,
history) may differ. Other files: the same bytes, except lines naming the build or the files' own paths.
Prints one line per file and exits 1 if any differ.
"""
import os
import sys

import h5py
import numpy as np

PROVENANCE = {"labsim_version", "git_commit", "command_line", "created_utc", "scenario_path", "history"}


def same_value(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype == object:  # variable-length strings: compare the texts, not the pointers
        return a.tolist() == b.tolist()
    return a.tobytes() == b.tobytes()


def without_folder(value, folder):
    """A text attribute with the file's own folder taken out (paths written relative to the output)."""
    if isinstance(value, bytes):
        value = value.decode()
    return value.replace(folder, "FOLDER") if isinstance(value, str) else value


def h5_differences(path_a, path_b):
    folder_a, folder_b = os.path.dirname(path_a), os.path.dirname(path_b)
    found = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        for key in sorted(set(a.attrs) | set(b.attrs)):
            if key in PROVENANCE:
                continue
            if key not in a.attrs or key not in b.attrs or not same_value(
                    without_folder(a.attrs[key], folder_a), without_folder(b.attrs[key], folder_b)):
                found.append(f"root attribute {key}")
        names_a, names_b = [], []
        a.visit(names_a.append)
        b.visit(names_b.append)
        for name in sorted(set(names_a) ^ set(names_b)):
            found.append(f"{name} only in {'before' if name in names_a else 'after'}")
        for name in sorted(set(names_a) & set(names_b)):
            x, y = a[name], b[name]
            if isinstance(x, h5py.Dataset) != isinstance(y, h5py.Dataset):
                found.append(f"{name}: group in one file, dataset in the other")
                continue
            if isinstance(x, h5py.Dataset):
                if x.shape != y.shape or x.dtype != y.dtype:
                    found.append(f"{name}: shape {x.shape} {x.dtype} vs {y.shape} {y.dtype}")
                elif not same_value(x[()], y[()]):
                    found.append(f"{name}: values differ")
            for key in sorted(set(x.attrs) | set(y.attrs)):
                if key in ("DIMENSION_LIST", "REFERENCE_LIST"):  # object references: compared through shapes
                    continue
                if key not in x.attrs or key not in y.attrs or not same_value(x.attrs[key], y.attrs[key]):
                    found.append(f"{name}: attribute {key}")
    return found


def text_differences(path_a, path_b, folder_a, folder_b):
    def lines(path, folder):
        with open(path, encoding="utf-8") as f:
            return [l.replace(folder, "FOLDER") for l in f if "git_commit" not in l and "labsim_version" not in l]
    la, lb = lines(path_a, folder_a), lines(path_b, folder_b)
    if la == lb:
        return []
    for n, (x, y) in enumerate(zip(la, lb), start=1):
        if x != y:
            return [f"line {n}: {x.strip()[:80]!r} vs {y.strip()[:80]!r}"]
    return [f"{len(la)} lines vs {len(lb)}"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    before, after = (os.path.realpath(p) for p in sys.argv[1:])
    files = sorted(n for n in set(os.listdir(before)) | set(os.listdir(after)) if not n.startswith("."))
    failed = 0
    for name in files:
        a, b = os.path.join(before, name), os.path.join(after, name)
        if not os.path.exists(a) or not os.path.exists(b):
            found = [f"only in {'before' if os.path.exists(a) else 'after'}"]
        elif name.endswith(".h5"):
            found = h5_differences(a, b)
        else:
            found = text_differences(a, b, before, after)
        failed += bool(found)
        print(f"{'same     ' if not found else 'DIFFERENT'} {name}")
        for line in found[:10]:
            print(f"            {line}")
    print(f"{len(files) - failed} of {len(files)} files identical")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
