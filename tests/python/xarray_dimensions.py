#!/usr/bin/python3
"""The result files as xarray sees them: named dimensions, string labels, units, and the same values h5py reads.

Usage: xarray_dimensions.py LABSIM_EXE SOURCE_DIR. Makes a small run and a small trial in a temporary folder.
Exits 0 when every check passes, 1 with a message naming the first that fails, 77 (skipped) when xarray,
h5netcdf or h5py is not installed (Debian: python3-xarray python3-h5netcdf python3-h5py).
"""
import datetime
import os
import subprocess
import sys
import tempfile

try:
    import h5netcdf  # noqa: F401  (the engine xarray opens the files with)
    import h5py
    import numpy
    import xarray
except ImportError as missing:
    print(f"skipped: {missing}")
    sys.exit(77)

RUN_DIMS = ("replication", "month", "jobcentre")
EXPECTED_RUN = {
    "stock": RUN_DIMS + ("state", "group"),
    "stock_mean": RUN_DIMS[1:] + ("state", "group"),
    "stock_low95": RUN_DIMS[1:] + ("state", "group"),
    "flows": RUN_DIMS + ("from_state", "to_state"),
    "flows_mean": RUN_DIMS[1:] + ("from_state", "to_state"),
    "labour_reserve": RUN_DIMS,
    "labour_reserve_mean": RUN_DIMS[1:],
    "timeliness_first_interview": RUN_DIMS + ("benefit_group", "within"),
    "completed_spells": ("replication", "jobcentre", "state", "duration_weeks"),
    "cost": RUN_DIMS + ("cost_item", "payer"),
}
EXPECTED_TRIAL = {
    "km_not_self_sufficient": ("analysis", "arm", "week"),
    "hazard_ratio": ("analysis", "arm"),
    "outcome_mean": ("analysis", "outcome", "arm"),
}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def labsim(exe, source_dir, *args):
    done = subprocess.run([exe, *args], cwd=source_dir, capture_output=True, text=True)
    check(done.returncode == 0, f"labsim {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")


def check_dims(ds, path, expected):
    for name, dims in expected.items():
        check(name in ds.data_vars, f"{path}: no variable {name!r} (has {sorted(ds.data_vars)[:10]}...)")
        check(ds[name].dims == dims, f"{path}: {name}.dims = {ds[name].dims}, expected {dims}")
        units = ds[name].attrs.get("units")
        check(isinstance(units, str) and units, f"{path}: {name} has no units attribute")


def strings(ds, path, dim):
    values = ds[dim].values.tolist()
    check(all(isinstance(v, str) for v in values), f"{path}: {dim} labels are not strings: {values[:3]}")
    return values


def check_run(path):
    with xarray.open_dataset(path, engine="h5netcdf") as ds:
        check_dims(ds, path, EXPECTED_RUN)
        states = strings(ds, path, "state")
        check("sick_leave" in states, f"{path}: state labels {states} lack 'sick_leave'")
        check(strings(ds, path, "from_state") == states, f"{path}: from_state labels differ from state")
        months = [datetime.date.fromisoformat(m) for m in strings(ds, path, "month")]
        check(all(m.day == 1 for m in months), f"{path}: months are not first days: {months[:3]}")
        check(months == sorted(months) and len(set(months)) == len(months), f"{path}: months not increasing")
        strings(ds, path, "jobcentre")
        weeks = ds["duration_weeks"].values
        check(numpy.issubdtype(weeks.dtype, numpy.number), f"{path}: duration_weeks is not numeric")
        check(bool(numpy.all(numpy.diff(weeks) > 0)), f"{path}: duration_weeks not increasing")
        check(ds.sizes["replication"] == 2, f"{path}: {ds.sizes['replication']} replications, expected 2")
        # Selecting by label works as the README shows.
        region = ds["stock_mean"].sum(["jobcentre", "group"]).sel(state="sick_leave")
        check(region.dims == ("month",) and float(region.max()) > 0, f"{path}: no persons on sick leave")
        # xarray reads the same numbers as h5py, NaN where h5py has NaN.
        for name in ("stock", "timeliness_first_interview"):
            with h5py.File(path, "r") as raw:
                direct = raw[name][()]
            check(
                numpy.array_equal(ds[name].values, direct, equal_nan=True),
                f"{path}: {name} as read by xarray differs from h5py",
            )


def check_trial(path):
    with xarray.open_dataset(path, engine="h5netcdf") as ds:
        check_dims(ds, path, EXPECTED_TRIAL)
        for dim in ("analysis", "arm", "outcome"):
            strings(ds, path, dim)
        week = ds["week"].values
        check(numpy.issubdtype(week.dtype, numpy.number) and week[0] == 0, f"{path}: week does not start at 0")
        km = ds["km_not_self_sufficient"]
        check(bool(((km >= 0) & (km <= 1)).all()), f"{path}: Kaplan-Meier values outside [0, 1]")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    exe, source_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        run = os.path.join(tmp, "x.h5")
        trial = os.path.join(tmp, "t.h5")
        try:
            labsim(exe, source_dir, "run", "scenarios/baseline_2011.toml", "--scale", "0.05", "-r", "2", "-q",
                   "-o", run)
            labsim(exe, source_dir, "trial", "scenarios/trials/sick_leave_intensive.toml", "--scale", "0.1",
                   "-r", "2", "-q", "-o", trial)
            check_run(run)
            check_trial(trial)
        except CheckFailed as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    print("xarray reads the run and trial files with their dimensions, labels and units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
