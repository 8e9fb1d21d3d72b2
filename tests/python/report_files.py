"""Makes the small result files the report checks draw from: two runs, a trial and a forecast."""
import subprocess
import sys
from pathlib import Path


def run(labsim, *args):
    done = subprocess.run([labsim, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"labsim {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


def make_report(labsim, source, tmp):
    """Writes base.h5, reform.h5, trial.h5, forecast.h5 and report.html (all four) into tmp; returns the paths."""
    source, tmp = Path(source), Path(tmp)
    files = {name: tmp / f"{name}.h5" for name in ("base", "reform", "trial", "forecast")}
    small = ["--scale", "0.05", "-r", "3", "-q"]
    run(labsim, "run", str(source / "scenarios/baseline_2011.toml"), *small, "-o", str(files["base"]))
    run(labsim, "run", str(source / "scenarios/reimbursement_reform_2011.toml"), *small, "-o", str(files["reform"]))
    run(labsim, "trial", str(source / "scenarios/trials/sick_leave_intensive.toml"), "--scale", "0.1", "-r", "2",
        "-o", str(files["trial"]))
    run(labsim, "forecast", str(source / "scenarios/forecast_2011.toml"), "--targets",
        str(source / "scenarios/data/nordjylland_targets_2011.csv"), "--scale", "0.05", "-r", "5",
        "-o", str(files["forecast"]))
    files["report"] = tmp / "report.html"
    run(labsim, "report", *(str(files[n]) for n in ("base", "reform", "trial", "forecast")), "-o",
        str(files["report"]))
    return files
