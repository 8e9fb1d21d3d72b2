#!/usr/bin/python3
"""Prints the numbers that answer each library scenario's question, from result files made with the same seed.

Usage: scripts/library_answers.py RESULTS_DIR
RESULTS_DIR holds <scenario>.h5 for baseline_2011 and the library scenarios, as made by scripts/run_library.sh.
Differences are taken replication by replication (the runs share their random numbers), then summarised as the
mean and the 2.5%-97.5% range over replications. Money is divided by the run's --scale to give real DKK.
scripts/docs_numbers.py imports the answer functions below to write the same numbers into the documentation.
"""
import calendar
import os
import sys
import tomllib

import h5py
import numpy as np


class Samples:
    """One number per replication, shown as its mean and the range holding 95% of the replications."""

    def __init__(self, values, decimals=0, unit=""):
        self.values = np.asarray(values, dtype=float)
        self.decimals = decimals
        self.unit = unit

    @property
    def mean(self):
        return float(np.mean(self.values))

    def number(self, x):
        return f"{x:,.{self.decimals}f}"

    def range_includes_zero(self):
        return np.percentile(self.values, 2.5) <= 0 <= np.percentile(self.values, 97.5)

    def __str__(self):
        low, high = np.percentile(self.values, [2.5, 97.5])
        return f"{self.number(self.mean)} [{self.number(low)} to {self.number(high)}]"


def labels(f, dim):
    return [x.decode() if isinstance(x, bytes) else str(x) for x in f[dim][...]]


def load(directory, name):
    path = os.path.join(directory, name + ".h5")
    return h5py.File(path, "r") if os.path.exists(path) else None


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


def million_dkk(f, per_month):
    """[replication, month] DKK at the run's scale -> million real DKK."""
    return per_month / scale(f) / 1e6


def company_based_share_2011(f):
    """Percent of activation in company-based offers, averaged over jobcentres and the months of 2011."""
    return Samples(np.nanmean(f["company_based_share"][...][:, :12], axis=(1, 2)), 1, "%")


TARGETS = [("labour_reserve", "labour reserve"), ("permanent_support_stock", "permanent support (stock)"),
           ("youth_on_support", "under 30 on public support"),
           ("non_western_on_support", "non-Western immigrants and descendants on public support")]


def timeliness_first_half_2011(f, measure, group, window):
    """Percent of the spells begun in January-June 2011 (like the regional statistics) that met the window."""
    g, w = labels(f, "benefit_group").index(group), labels(f, "within").index(window)
    share, due = f[measure][...][:, :6, :, g, w], f[measure + "_due"][...][:, :6, :, g, w]
    total_due = due.sum(axis=(1, 2))
    if not total_due.any():
        return None  # no such deadline
    return Samples(100 * (np.nan_to_num(share) / 100 * due).sum(axis=(1, 2)) / total_due, 1, "%")


def baseline(f, b=None):
    a = {}
    for label in ["2011-12-01", "2012-12-01"]:
        m = month_index(f, label)
        for name, title in TARGETS:
            a[f"{name} {label}"] = Samples(region(f, name)[:, m], 0, "full-time persons")
    a["permanent_support_inflow 2011"] = Samples(region(f, "permanent_support_inflow")[:, :12].sum(axis=1), 0,
                                                 "persons")
    for measure in ["timeliness_first_interview", "timeliness_first_offer"]:
        for group in labels(f, "benefit_group"):
            for window in labels(f, "within"):
                a[f"{measure} {group} {window}"] = timeliness_first_half_2011(f, measure, group, window)
    a["municipal_net_cost 2011"] = Samples(million_dkk(f, region(f, "municipal_net_cost"))[:, :12].sum(axis=1),
                                           0, "million DKK")
    a["company_based_share 2011"] = company_based_share_2011(f)
    return a


def reform(f, b):
    a = {}
    net = million_dkk(f, region(f, "municipal_net_cost") - region(b, "municipal_net_cost"))
    for label, m in [("2011", slice(0, 12)), ("2012", slice(12, 24))]:
        a[f"municipal_net_cost {label}"] = Samples(net[:, m].sum(axis=1), 0, "million DKK")
    a["company_based_share 2011, baseline"] = company_based_share_2011(b)
    a["company_based_share 2011"] = company_based_share_2011(f)
    m = month_index(f, "2012-12-01")
    for name in ["on_support", "labour_reserve"]:
        a[f"{name} 2012-12"] = Samples((region(f, name) - region(b, name))[:, m], 0, "full-time persons")
    return a


def firm_centre(f, b):
    a = {}
    o, s = labels(f, "offer").index("firm_centre"), labels(f, "state").index("cash_not_job_ready")
    a["placed 2011-06"] = Samples(f["offer_full_time"][...][:, 5, :, s, o].sum(axis=1), 0, "full-time persons")
    jobs = by_state(f, "more_in_jobs", "cash_not_job_ready") - by_state(b, "more_in_jobs", "cash_not_job_ready")
    a["job exits 2011"] = Samples(jobs[:, :12].sum(axis=1), 0, "persons")
    stock = by_state(f, "stock", "cash_not_job_ready") - by_state(b, "stock", "cash_not_job_ready")
    a["stock 2011-12"] = Samples(stock[:, month_index(f, "2011-12-01")], 0, "full-time persons")
    return a


def skagen(f, b):
    a = {}
    states = labels(f, "state")
    cs = f["cohort_stock"][...][:, :, :, 0, :].sum(axis=2)  # rep, month, state
    members = f["cohort_members"][...][:, 0]
    a["members"] = f"{members.mean():.0f}"
    support = [i for i, s in enumerate(states) if s not in ("self_sufficient", "retired_or_left")]
    cash = [states.index("cash_job_ready"), states.index("cash_not_job_ready")]
    for label in ["2011-08-01", "2012-02-01"]:
        m = month_index(f, label)
        a[f"on support {label}"] = Samples(100 * cs[:, m, support].sum(axis=1) / members, 1, "%")
        a[f"on cash benefit {label}"] = Samples(100 * cs[:, m, cash].sum(axis=1) / members, 1, "%")
    j, m = labels(f, "jobcentre").index("Frederikshavn"), month_index(f, "2011-12-01")
    a["Frederikshavn labour_reserve 2011-12"] = Samples(
        f["labour_reserve"][...][:, m, j] - b["labour_reserve"][...][:, m, j], 0, "full-time persons")
    net = million_dkk(f, f["municipal_net_cost"][...][:, :12, j] - b["municipal_net_cost"][...][:, :12, j])
    a["Frederikshavn municipal_net_cost 2011"] = Samples(net.sum(axis=1), 0, "million DKK")
    return a


def caseworkers(f, b):
    a = {}
    diff = million_dkk(f, region(f, "municipal_net_cost") - region(b, "municipal_net_cost"))
    running = np.cumsum(diff, axis=1)
    months = labels(f, "month")
    mean = running.mean(axis=0)
    a["municipal_net_cost 2011"] = Samples(diff[:, :12].sum(axis=1), 0, "million DKK")
    a["municipal_net_cost 2012"] = Samples(diff[:, 12:].sum(axis=1), 0, "million DKK")
    a["municipal_net_cost 2011-2012"] = Samples(running[:, -1], 0, "million DKK")
    a["payback month"] = next((months[i][:7] for i in range(len(mean)) if mean[i] < 0), "not within the horizon")
    sick = by_state(f, "stock", "sick_leave") - by_state(b, "stock", "sick_leave")
    a["sick_leave 2011-12"] = Samples(sick[:, month_index(f, "2011-12-01")], 0, "full-time persons")
    return a


def clarification(f, b=None):
    a = {}
    share = f["cohort_placed_share"][...][:, :, 0]  # rep, month
    months = labels(f, "month")
    present = ~np.isnan(share).all(axis=0)
    mean = np.full(share.shape[1], -1.0)
    mean[present] = np.nanmean(share[:, present], axis=0)
    best = int(np.argmax(mean))
    a["replications"] = share.shape[0]
    a["replications reaching 80% in some month"] = int((share >= 80).any(axis=1).sum())
    a["highest P(>= 80%)"] = f"{(share >= 80).mean(axis=0).max():.2f}"
    a["best month"] = months[best][:7]
    a["best month mean placed"] = f"{mean[best]:.1f}%"
    a.update(clarification_capacity(f))
    return a


def pool_wait_weeks(f, pool, jobcentre, months):
    """Mean wait for a slot of the pool in the jobcentre over the months given, weeks, per replication:
    each month's mean wait weighted by its contacts."""
    p, j = labels(f, "pool").index(pool), labels(f, "jobcentre").index(jobcentre)
    wait, asked = f["capacity_wait_weeks"][...][:, months, j, p], f["capacity_contacts"][...][:, months, j, p]
    return Samples((wait * asked).sum(axis=1) / np.maximum(asked.sum(axis=1), 1e-300), 1, "weeks")


def clarification_capacity(f):
    """How long the group waits for its meetings in Aalborg: the first 8 weeks, and the new meetings."""
    a = {}
    months = labels(f, "month")
    a["step-up wait, first 2 months"] = pool_wait_weeks(f, "step_up_meetings", "Aalborg", slice(0, 2))
    a["rehabilitation team wait, first 2 months"] = pool_wait_weeks(f, "rehabilitation_team", "Aalborg",
                                                                    slice(0, 2))
    renewed = slice(months.index("2021-05-01"), months.index("2021-09-01"))
    a["step-up wait, May-August 2021"] = pool_wait_weeks(f, "step_up_meetings", "Aalborg", renewed)
    a["caseworker wait, 2021"] = pool_wait_weeks(f, "caseworkers", "Aalborg", slice(1, 13))
    a["grant paid"] = Samples(f["grant_paid_dkk"][...][:, 0] / scale(f) / 1e6, 2, "million DKK")
    return a


def job_rotation(f, b):
    a = {}
    o = labels(f, "offer").index("job_rotation")
    starts = f["offer_starts"][...][:, :, :, :, o].sum(axis=(2, 3)) - b["offer_starts"][...][:, :, :, :, o].sum(
        axis=(2, 3))
    a["job rotation starts 2011, baseline"] = Samples(b["offer_starts"][...][:, :12, :, :, o].sum(axis=(1, 2, 3)),
                                                      0, "persons")
    a["job rotation starts 2011"] = Samples(starts[:, :12].sum(axis=1), 0, "persons")
    jobs = by_state(f, "more_in_jobs", "insured_unemployed") - by_state(b, "more_in_jobs", "insured_unemployed")
    a["job exits 2011"] = Samples(jobs[:, :12].sum(axis=1), 0, "persons")
    m = month_index(f, "2012-12-01")
    a["labour_reserve 2012-12"] = Samples((region(f, "labour_reserve") - region(b, "labour_reserve"))[:, m], 0,
                                          "full-time persons")
    net = million_dkk(f, region(f, "municipal_net_cost") - region(b, "municipal_net_cost"))
    a["municipal_net_cost 2011-2012"] = Samples(net.sum(axis=1), 1, "million DKK")
    return a


def days_in_months(f):
    return np.array([calendar.monthrange(int(m[:4]), int(m[5:7]))[1] for m in labels(f, "month")])


def payment(f, b=None):
    """Kickstarter: the bonus paid for the project group's jobs against the benefit saved on it, measured
    against the comparison group of the same size (public money, real DKK, over the run)."""
    a = {}
    cohorts, states = labels(f, "cohort"), labels(f, "state")
    kick, comparison = cohorts.index("kickstarter"), cohorts.index("comparison")
    text = f.attrs["scenario"]
    rates = tomllib.loads(text if isinstance(text, str) else text.decode())["money"]["benefit_dkk_per_day"]
    rate = np.array([rates.get(s, 0.0) for s in states])
    stock = f["cohort_stock"][...].sum(axis=2)  # rep, month, cohort, state: full-time persons
    benefit = (stock * rate).sum(axis=3) * days_in_months(f)[None, :, None] / scale(f)  # DKK per month
    saved = (benefit[:, :, comparison] - benefit[:, :, kick]).sum(axis=1) / 1e6
    bonus = f["cohort_bonus_dkk"][...][:, :, :, kick].sum(axis=(1, 2)) / scale(f) / 1e6
    jobs = f["cohort_job_starts"][...].sum(axis=(1, 2)) / scale(f)
    a["members"] = f"{f['cohort_members'][...][:, kick].mean() / scale(f):.0f}"
    a["job starts, kickstarter"] = Samples(jobs[:, kick], 1, "jobs")
    a["job starts, comparison"] = Samples(jobs[:, comparison], 1, "jobs")
    a["extra job starts"] = Samples(jobs[:, kick] - jobs[:, comparison], 1, "jobs")
    a["bonus paid"] = Samples(bonus, 2, "million DKK")
    a["benefit saved"] = Samples(saved, 2, "million DKK")
    a["saved minus bonus"] = Samples(saved - bonus, 2, "million DKK")
    a["share of replications recovering the bonus"] = f"{np.mean(saved >= bonus):.2f}"
    return a


def risk(f, b):
    a = {}
    iv, base = region(f, "interviews") - region(b, "interviews"), region(b, "interviews")
    a["interviews 2011"] = Samples(iv[:, :12].sum(axis=1), 0, "interviews")
    a["interviews 2011 relative"] = Samples(100 * iv[:, :12].sum(axis=1) / base[:, :12].sum(axis=1), 1, "%")
    jobs = region(f, "more_in_jobs") - region(b, "more_in_jobs")
    a["job exits 2011"] = Samples(jobs[:, :12].sum(axis=1), 0, "persons")
    m = month_index(f, "2012-12-01")
    a["labour_reserve 2012-12"] = Samples((region(f, "labour_reserve") - region(b, "labour_reserve"))[:, m], 0,
                                          "full-time persons")
    return a


# The library: result file name, answer function, whether it is a difference against baseline_2011.
LIBRARY = [("baseline_2011", baseline, False), ("reimbursement_reform_2011", reform, True),
           ("reimbursement_rules_only", reform, True), ("firm_centre_campaign", firm_centre, True),
           ("skagen_layoff", skagen, True), ("caseworker_investment", caseworkers, True),
           ("risk_targeted_cadence", risk, True), ("clarification_programme_2020", clarification, False),
           ("job_rotation_day_one", job_rotation, True),
           ("payment_by_results", payment, False)]


def main(directory):
    base = load(directory, "baseline_2011")
    for name, answers, against_baseline in LIBRARY:
        f = load(directory, name)
        if f is None:
            continue
        print(f"## {name}" + (" (difference against baseline_2011, same seed)" if against_baseline else ""))
        for key, value in answers(f, base).items():
            if value is not None:
                print(f"  {key}: {value} {value.unit if isinstance(value, Samples) else ''}".rstrip())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/library")
