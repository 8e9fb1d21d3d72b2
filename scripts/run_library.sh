#!/usr/bin/env bash
# Runs every scenario of the library with one seed into out/library/, then prints the numbers that answer each
# scenario's question (scripts/library_answers.py) and the early-intervention trials' tables. Extra arguments
# go to every run, e.g. --scale 0.1.
# Needs the release build (scripts/quickstart.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p out/library
for name in baseline_2011 reimbursement_reform_2011 firm_centre_campaign skagen_layoff caseworker_investment \
            risk_targeted_cadence clarification_programme_2020 job_rotation_day_one payment_by_results; do
  build/release/labsim run "scenarios/$name.toml" -q -o "out/library/$name.h5" "$@"
done
# The new rules alone, without the change in practice.
build/release/labsim run scenarios/baseline_2011.toml --set money.reimbursement=after_2011 -q \
  -o out/library/reimbursement_rules_only.h5 "$@"
/usr/bin/python3 scripts/library_answers.py out/library
for trial in hig1_early_intervention early_intervention_4arms; do
  build/release/labsim trial "scenarios/trials/$trial.toml" -q --format md -o "out/library/$trial.h5" "$@"
done
