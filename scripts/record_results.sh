#!/usr/bin/env bash
# Runs every shipped scenario, trial, forecast, calibration, comparison and graph at a small scale with one
# labsim executable and writes what they produce into one folder, so that two builds can be compared file by
# file (scripts/same_results.py). Used before and after a structural change: a refactor keeps every result.
#
# Usage: scripts/record_results.sh LABSIM_EXECUTABLE OUTPUT_FOLDER
set -euo pipefail
out=$(realpath -m "$2")
mkdir -p "$out"
# Called through a link in the output folder, so that outputs quoting their command line name it alike.
ln -sf "$(realpath "$1")" "$out/.labsim"
labsim="$out/.labsim"
cd "$(dirname "$0")/.."
small=(--scale 0.05 --replications 2 --threads 2)

for scenario in scenarios/*.toml scenarios/examples/*.toml; do
  name=$(basename "$scenario" .toml)
  "$labsim" run "$scenario" "${small[@]}" -q -o "$out/run_$name.h5" >/dev/null
  "$labsim" graph "$scenario" -o "$out/graph_$name.dot"
done
"$labsim" graph scenarios/baseline_2011.toml --flows "$out/run_baseline_2011.h5" -o "$out/graph_flows.dot"

for trial in scenarios/trials/*.toml; do
  name=$(basename "$trial" .toml)
  "$labsim" trial "$trial" --scale 0.2 --replications 2 --threads 2 -q --format csv -o "$out/trial_$name.h5" \
    >"$out/trial_$name.csv"
done
"$labsim" trial scenarios/trials/sick_leave_intensive.toml --scale 0.2 --replications 2 --power --effect 1.2 \
  --resamples 200 --format csv -q -o "$out/power_sick_leave.h5" >"$out/power_sick_leave.csv"

"$labsim" compare "$out/run_baseline_2011.h5" "$out/run_caseworker_investment.h5" "$out/run_skagen_layoff.h5" \
  --format csv >"$out/compare.csv"
"$labsim" export "$out/run_baseline_2011.h5" --dataset labour_reserve_mean --csv "$out/export_labour_reserve.csv"

targets=(--targets scenarios/data/nordjylland_targets_2011.csv --region scenarios/data/nordjylland_region_2011.csv)
"$labsim" forecast scenarios/forecast_2011.toml "${targets[@]}" --scale 0.05 --replications 3 --threads 2 -q \
  --format csv -o "$out/forecast_2011.h5" >"$out/forecast_2011.csv"
"$labsim" forecast scenarios/forecast_2011.toml "${targets[@]}" --fast -q --format csv >"$out/forecast_fast.csv"

# A short fit on the twin and its check on the simulator; exit code 3 (not converged) still writes both files.
"$labsim" calibrate scenarios/baseline_2011.toml \
  --observed scenarios/data/nordjylland_observed_2010.csv --observed scenarios/data/nordjylland_levels_2010.csv \
  --fit calibration.turnover=1.5 --fit calibration.exit_multiplier.sick_leave \
  --fit states.cash_job_ready.follow_up.offer_probability \
  --max-evaluations 20 --verify-replications 1 --scale 0.05 --threads 2 --format csv \
  -o "$out/calibrated.toml" --report "$out/calibration_report.csv" || [ $? -eq 3 ]
"$labsim" run "$out/calibrated.toml" "${small[@]}" -q -o "$out/run_calibrated.h5" >/dev/null
echo "recorded in $out"
