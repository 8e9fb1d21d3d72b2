#!/usr/bin/python3
"""Prints the numbers that answer each library scenario's question, from result files made with the same seed.

Usage: scripts/library_answers.py RESULTS_DIR
RESULTS_DIR holds <scenario>.h5 for baseline_2011 and the library scenarios, as made by scripts/run_library.sh.
Differences are taken replication by replication (the runs share their random numbers), then summarised as the
mean and the 2.5%-97.5% range over replications. Money is divided by the run's --scale to give real DKK.
"""
import os
import sys

import h5py
import numpy as np


def labels(f, dim):
    return [x.decode() if isinstance(x, bytes) else str(x) for x in f[dim][...]]


def load(directory, name):
    path = os.path.join(directory, name + ".h5")
    return h5py.File(path, "r") if os.path.exists(path) else None


def interval(x):
    x = np.asarray(x, dtype=float)
    return f"{np.mean(x):,.0f} [{np.percentile(x, 2.5):,.0f} to {np.percentile(x, 97.5):,.0f}]"


def interval1(x):
    x = np.asarray(x, dtype=float)
    return f"{np.mean(x):,.1f} [{np.percentile(x, 2.5):,.1f} to {np.percentile(x, 97.5):,.1f}]"


def scale(f):
    return float(f.attrs["scale"])


def month_index(f, label):
    return labels(f, "month").index(label)


def region(f, name):
    """[replication, month] summed over jobcentres (and any further dimensions)."""
    a = f[name][...]
    return a.reshape(a.shape[0], a.shape[1], -1).sum(axis=2)


def by_state(f, name, state):
    a = f[name][...]  # replication, month, jobcentre, state, ...
    s = labels(f, "state").index(state)
    a = a[:, :, :, s]
    return a.reshape(a.shape[0], a.shape[1], -1).sum(axis=2)


def baseline(d):
    f = load(d, "baseline_2011")
    print("## baseline_2011")
    for label in ["2011-12-01", "2012-12-01"]:
        m = month_index(f, label)
        print(f"  {label}: labour reserve {interval(region(f, 'labour_reserve')[:, m])}, "
              f"permanent support {interval(region(f, 'permanent_support_stock')[:, m])}, "
              f"youth {interval(region(f, 'youth_on_support')[:, m])}, "
              f"non-Western {interval(region(f, 'non_western_on_support')[:, m])} (full-time persons)")
    inflow = region(f, "permanent_support_inflow")
    print(f"  permanent-support inflow 2011: {interval(inflow[:, :12].sum(axis=1))} persons")
    groups, windows = labels(f, "benefit_group"), labels(f, "within")
    for measure in ["timeliness_first_interview", "timeliness_first_offer"]:
        share, due = f[measure][...], f[measure + "_due"][...]  # rep, month, jc, group, window
        met = np.nan_to_num(share) / 100 * due
        h1 = slice(0, 6)  # spells begun January-June 2011, like the regional statistics
        for g, group in enumerate(groups):
            parts = []
            for w, window in enumerate(windows):
                total_due = due[:, h1, :, g, w].sum(axis=(1, 2))
                if not total_due.any():
                    parts.append(f"{window} none (no such deadline)")
                    continue
                pct = 100 * met[:, h1, :, g, w].sum(axis=(1, 2)) / total_due
                parts.append(f"{window} {interval1(pct)}%")
            print(f"  {measure} {group}: " + ", ".join(parts))
    net = region(f, "municipal_net_cost") / scale(f)
    print(f"  municipal net cost 2011: {interval(net[:, :12].sum(axis=1) / 1e6)} million DKK")
    cb = f["company_based_share"][...]
    full = f["offer_full_time"][...].reshape(cb.shape[0], cb.shape[1], -1).sum(axis=2)
    print(f"  company-based share of activation 2011: {interval1(np.nanmean(cb[:, :12, :], axis=(1, 2)))}% "
          f"(jobcentre average)")
    return f


def compare(d, name, base, extra, against_baseline=True):
    f = load(d, name)
    if f is None:
        return
    print(f"## {name}" + (" (difference against baseline_2011, same seed)" if against_baseline else ""))
    extra(f, base)


def reform(f, b):
    for label, m in [("2011", slice(0, 12)), ("2012", slice(12, 24))]:
        dn = (region(f, "municipal_net_cost") - region(b, "municipal_net_cost"))[:, m].sum(axis=1) / scale(f)
        print(f"  municipal net cost {label}: {interval(dn / 1e6)} million DKK")
    cf, cb = f["company_based_share"][...], b["company_based_share"][...]
    print(f"  company-based share 2011: {interval1(np.nanmean(cb[:, :12], axis=(1, 2)))}% -> "
          f"{interval1(np.nanmean(cf[:, :12], axis=(1, 2)))}%")
    m = month_index(f, "2012-12-01")
    print(f"  on support Dec 2012: {interval((region(f, 'on_support') - region(b, 'on_support'))[:, m])} "
          f"full-time persons; labour reserve {interval((region(f, 'labour_reserve') - region(b, 'labour_reserve'))[:, m])}")


def firm_centre(f, b):
    o = labels(f, "offer").index("firm_centre")
    s = labels(f, "state").index("cash_not_job_ready")
    placed = f["offer_full_time"][...][:, :, :, s, o].sum(axis=2)
    print(f"  placed in firm centres, June 2011: {interval(placed[:, 5])} full-time persons")
    jobs = by_state(f, "more_in_jobs", "cash_not_job_ready") - by_state(b, "more_in_jobs", "cash_not_job_ready")
    print(f"  more job exits from cash benefit (not job ready), 2011: {interval(jobs[:, :12].sum(axis=1))} persons")
    m = month_index(f, "2011-12-01")
    stock = by_state(f, "stock", "cash_not_job_ready") - by_state(b, "stock", "cash_not_job_ready")
    print(f"  cash benefit (not job ready) Dec 2011: {interval(stock[:, m])} full-time persons")


def skagen(f, b):
    states = labels(f, "state")
    cs = f["cohort_stock"][...][:, :, :, 0, :].sum(axis=2)  # rep, month, state
    members = f["cohort_members"][...][:, 0]
    support = [i for i, s in enumerate(states) if s not in ("self_sufficient", "retired_or_left")]
    for label in ["2011-08-01", "2012-02-01"]:
        m = month_index(f, label)
        on = cs[:, m, support].sum(axis=1)
        cash = cs[:, m, states.index("cash_job_ready")] + cs[:, m, states.index("cash_not_job_ready")]
        print(f"  {label}: {interval1(100 * on / members)}% of the {members.mean():.0f} still on support, "
              f"{interval1(100 * cash / members)}% on cash benefit")
    j = labels(f, "jobcentre").index("Frederikshavn")
    m = month_index(f, "2011-12-01")
    dr = f["labour_reserve"][...][:, m, j] - b["labour_reserve"][...][:, m, j]
    print(f"  Frederikshavn labour reserve Dec 2011: {interval(dr)} full-time persons (layoff and weaker economy)")
    dn = (f["municipal_net_cost"][...][:, :12, j] - b["municipal_net_cost"][...][:, :12, j]).sum(axis=1) / scale(f)
    print(f"  Frederikshavn municipal net cost 2011: {interval(dn / 1e6)} million DKK (layoff and weaker economy)")


def caseworkers(f, b):
    diff = (region(f, "municipal_net_cost") - region(b, "municipal_net_cost")) / scale(f)
    running = np.cumsum(diff, axis=1)
    months = labels(f, "month")
    mean = running.mean(axis=0)
    payback = next((months[i] for i in range(len(mean)) if mean[i] < 0), None)
    print(f"  municipal net cost 2011 and 2012: {interval(diff[:, :12].sum(axis=1) / 1e6)} and "
          f"{interval(diff[:, 12:].sum(axis=1) / 1e6)} million DKK")
    print(f"  cumulative net difference after 12 and 24 months: {interval(running[:, 11] / 1e6)} and "
          f"{interval(running[:, -1] / 1e6)} million DKK")
    print(f"  payback month (mean running difference turns negative): {payback or 'not within the horizon'}")
    m = month_index(f, "2011-12-01")
    sick = by_state(f, "stock", "sick_leave") - by_state(b, "stock", "sick_leave")
    print(f"  sick leave Dec 2011: {interval(sick[:, m])} full-time persons")


def clarification(f, b):
    share = f["cohort_placed_share"][...][:, :, 0]  # rep, month
    months = labels(f, "month")
    p = (share >= 80).mean(axis=0)
    present = ~np.isnan(share).all(axis=0)
    mean = np.full(share.shape[1], -1.0)
    mean[present] = np.nanmean(share[:, present], axis=0)
    best = int(np.argmax(mean))
    print(f"  replications: {share.shape[0]}; best month {months[best]}: mean placed "
          f"{np.nanmean(share[:, best]):.1f}%, P(>= 80%) = {p[best]:.2f}")
    print("  P(>= 80%) by month: " + ", ".join(f"{months[i][:7]} {p[i]:.2f}" for i in range(1, len(months), 3)))


def risk(f, b):
    iv = region(f, "interviews") - region(b, "interviews")
    base = region(b, "interviews")
    print(f"  interviews 2011: {interval(iv[:, :12].sum(axis=1))} ({interval1(100 * iv[:, :12].sum(axis=1) / base[:, :12].sum(axis=1))}%)")
    jobs = region(f, "more_in_jobs") - region(b, "more_in_jobs")
    print(f"  job exits 2011: {interval(jobs[:, :12].sum(axis=1))} persons")
    m = month_index(f, "2012-12-01")
    print(f"  labour reserve Dec 2012: {interval((region(f, 'labour_reserve') - region(b, 'labour_reserve'))[:, m])} full-time persons")


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "out/library"
    b = baseline(d)
    compare(d, "reimbursement_reform_2011", b, reform)
    compare(d, "reimbursement_rules_only", b, reform)
    compare(d, "firm_centre_campaign", b, firm_centre)
    compare(d, "skagen_layoff", b, skagen)
    compare(d, "caseworker_investment", b, caseworkers)
    compare(d, "risk_targeted_cadence", b, risk)
    compare(d, "clarification_programme_2020", b, clarification, against_baseline=False)
