#!/usr/bin/python3
"""Writes every number that README.md and docs/ quote, by running the shipped scenarios, trials, forecast and
calibration; or checks that what the documents say is what the program prints now.

Usage: scripts/docs_numbers.py --write [--bench] [--labsim EXE]
       scripts/docs_numbers.py --check [--labsim EXE]

A generated block in a Markdown file sits between two markers:
    <!-- generated: NAME -->
    ...
    <!-- end generated -->
and this script has one recipe per NAME (the functions marked @block below): the labsim commands it runs and
how their output becomes text. --write replaces every block's text; --check renders them again and exits 1,
naming the file, the block and the first line that differs, when any block is not what the program prints.
Runs use the documented settings (scale 1, each scenario's own replications and seed) in a temporary folder
that links scenarios/, so the paths the output quotes are the documents' (out/..., scenarios/...).

Blocks marked measured (performance timings from build/release/labsim_bench and labsim_twin_bench) depend on
the machine: --check skips them, and --write rewrites them only with --bench.
EXE defaults to build/release/labsim. Exit code 77 when h5py is missing (Debian: python3-h5py).
"""
import argparse
import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib

try:
    import h5py  # noqa: F401  (library_answers reads the result files with it)
    import numpy as np
except ImportError as missing:
    print(f"skipped: {missing}")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import library_answers as la  # noqa: E402

DOCUMENTS = ["README.md"] + sorted(
    os.path.join("docs", n) for n in os.listdir(os.path.join(ROOT, "docs")) if n.endswith(".md"))
BLOCK = re.compile(r"(<!-- generated: ([a-z0-9-]+) -->\n)(.*?)(<!-- end generated -->)", re.DOTALL)

RECIPES = {}  # name -> (function, measured, verbatim)


def block(name, measured=False, verbatim=False):
    """A recipe. VERBATIM: the block is a command's output as printed; otherwise its prose is wrapped."""
    def register(function):
        RECIPES[name] = (function, measured, verbatim)
        return function
    return register


class Labsim:
    """Runs labsim in a scratch folder that links the repository's scenarios/; each command runs once."""

    def __init__(self, exe):
        self.exe = os.path.abspath(exe)
        self.dir = tempfile.mkdtemp(prefix="labsim_docs_")
        os.symlink(os.path.join(ROOT, "scenarios"), os.path.join(self.dir, "scenarios"))
        os.makedirs(os.path.join(self.dir, "out", "library"))
        self.done = {}

    def __call__(self, *args, status=0):
        """The standard output (and the error output, for a failing command) of `labsim ARGS`."""
        if args not in self.done:
            p = subprocess.run([self.exe, *args], cwd=self.dir, capture_output=True, text=True)
            if p.returncode != status:
                sys.exit(f"docs_numbers: `labsim {' '.join(args)}` exited {p.returncode}:\n{p.stderr}")
            self.done[args] = p.stdout if status == 0 else p.stderr
        return self.done[args]

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def tool(self, name, *args):
        exe = os.path.join(os.path.dirname(self.exe), name)
        return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def fenced(text, language=""):
    return f"```{language}\n{text.rstrip()}\n```\n"


def prose(text):
    """Paragraphs and '- ' bullets wrapped at 115 characters, as the hand-written Markdown around them is."""
    out = []
    for paragraph in text.strip().split("\n\n"):
        if paragraph.startswith(("|", "```")):
            out.append(paragraph)
            continue
        items = re.split(r"\n(?=- )", paragraph) if paragraph.startswith("- ") else [paragraph]
        out.append("\n".join(textwrap.fill(item.replace("\n", " "), 115, break_long_words=False,
                                            break_on_hyphens=False, subsequent_indent="  " if item.startswith("- ")
                                            else "") for item in items))
    return "\n\n".join(out) + "\n"


def without_timing(text):
    """A run's summary without its 'Simulated ... in N s' line, the one part that depends on the machine."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("Simulated ")) + "\n"


def md_sections(text, *titles):
    """The sections of a command's markdown output whose ### heading starts with one of TITLES, headings bold."""
    parts, keep = [], False
    for line in text.rstrip().splitlines():
        if line.startswith("### "):
            keep = line[4:].startswith(titles)
            if keep:
                parts.append(f"**{line[4:]}**")
            continue
        if keep:
            parts.append(line)
    return "\n".join(parts).strip() + "\n"


def md_rows(text):
    """The rows of every markdown table in TEXT, as lists of cells."""
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|") and not line.startswith("|---")]


def pp(x):
    return f"{100 * x:+.1f} pp"


def pct(x):
    return f"{100 * x:.1f}%"


def input_csv(name):
    """Rows of an input table in scenarios/data/, comment lines skipped."""
    with open(os.path.join(ROOT, "scenarios", "data", name), encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


# ---------------------------------------------------------------------------------------------------- the runs

LIBRARY = ["baseline_2011", "reimbursement_reform_2011", "firm_centre_campaign", "skagen_layoff",
           "caseworker_investment", "risk_targeted_cadence", "clarification_programme_2020", "job_rotation_day_one",
           "payment_by_results"]


def quickstart(labsim):
    return labsim("run", "scenarios/baseline_2011.toml", "-o", "out/baseline_2011.h5")


def library(labsim, name):
    """A library result file as scripts/run_library.sh makes it (the baseline is the quick start's run)."""
    if name == "baseline_2011":
        quickstart(labsim)
        target = labsim.path("out", "library", "baseline_2011.h5")
        if not os.path.exists(target):
            shutil.copy(labsim.path("out", "baseline_2011.h5"), target)
    elif name == "reimbursement_rules_only":
        labsim("run", "scenarios/baseline_2011.toml", "--set", "money.reimbursement=after_2011", "-q",
               "-o", "out/library/reimbursement_rules_only.h5")
    else:
        labsim("run", f"scenarios/{name}.toml", "-q", "-o", f"out/library/{name}.h5")
    return la.load(labsim.path("out", "library"), name)


def answers(labsim, name):
    function = next(f for n, f, _ in la.LIBRARY if n == name)
    return function(library(labsim, name), library(labsim, "baseline_2011"))


def unmeasurable(named):
    """A sentence on which of the (name, Samples) differences 10 replications cannot tell from 0."""
    within = [n for n, s in named if s.range_includes_zero()]
    outside = [n for n, s in named if not s.range_includes_zero()]
    text = []
    if within:
        subject = " nor ".join(within) if len(within) > 1 else within[0]
        text.append(f"{'Neither ' + subject if len(within) > 1 else subject[0].upper() + subject[1:]} "
                    f"{'changes' if len(within) > 1 else 'does not change'} measurably "
                    f"({'both ranges include' if len(within) > 1 else 'its range includes'} 0).")
    if outside:
        text.append(f"The range of the change in {' and '.join(outside)} excludes 0.")
    return " ".join(text)


def differs_from_zero(samples):
    return "includes 0" if samples.range_includes_zero() else "excludes 0"


# ---------------------------------------------------------------------------------------------- README.md

@block("quickstart-run", verbatim=True)
def quickstart_run(labsim):
    return fenced(without_timing(quickstart(labsim)))


@block("baseline-answer")
def baseline_answer(labsim):
    a = answers(labsim, "baseline_2011")
    lines = ["| national target | December 2011 | December 2012 |", "|---|---|---|"]
    for i, (name, title) in enumerate(la.TARGETS):
        lines.append(f"| {i + 1}. {title} | {a[f'{name} 2011-12-01']} | {a[f'{name} 2012-12-01']} |")
    lines += ["", f"Inflow to permanent support in 2011: {a['permanent_support_inflow 2011']} persons. Municipal net "
              f"cost in 2011: {a['municipal_net_cost 2011']} million DKK. Company-based share of activation in "
              f"2011: {a['company_based_share 2011']}% (average over jobcentres and months)."]
    return "\n".join(lines) + "\n"


@block("baseline-timeliness")
def baseline_timeliness(labsim):
    a = answers(labsim, "baseline_2011")
    observed = {(r["measure"], r["benefit"], r["within"]): r["2010"] for r in input_csv("nordjylland_timeliness.csv")}
    lines = ["| measure | benefit | within 1 month | observed 2010 | within 3 months | observed 2010 | "
             "within the legal deadline |", "|---|---|---|---|---|---|---|"]
    for measure in ["first_interview", "first_offer"]:
        for group in ["insured_unemployed", "cash_benefit", "sick_leave"]:
            cells = [measure.replace("_", " "), group.replace("_", " ")]
            for window in ["1_month", "3_months"]:
                cells += [str(a[f"timeliness_{measure} {group} {window}"]), observed.get((measure, group, window), "")]
            deadline = a[f"timeliness_{measure} {group} legal_deadline"]
            cells.append("(no legal deadline)" if deadline is None else str(deadline) + week(measure, group))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def week(measure, group):
    """' (week N)' for a deadline that is the same for every age band in baseline_2011.toml, else ''."""
    with open(os.path.join(ROOT, "scenarios", "baseline_2011.toml"), "rb") as f:
        deadlines = tomllib.load(f)["states"].get(group, {}).get("deadlines", {}).get(f"{measure}_weeks", {})
    weeks = set(deadlines.values())
    return f" (week {weeks.pop():g})" if len(weeks) == 1 else ""


@block("baseline-labour-reserve")
def baseline_labour_reserve(labsim):
    a = answers(labsim, "baseline_2011")
    observed = sum(float(r["value"]) for r in input_csv("nordjylland_levels_2010.csv")
                   if r["statistic"] == "labour_reserve")
    return (f"The labour reserve starts at the {observed:,.0f} observed in August 2010 "
            f"(`scenarios/data/nordjylland_levels_2010.csv`; the jobcentre table's `labour_reserve` column sets the "
            f"initial durations) but is {a['labour_reserve 2011-12-01'].mean:,.0f} in December 2011.\n")


# -------------------------------------------------------------------------------------- docs/scenario-library.md

@block("reform-answer")
def reform_answer(labsim):
    new, rules = answers(labsim, "reimbursement_reform_2011"), answers(labsim, "reimbursement_rules_only")
    rows = [("municipal net cost 2011", "municipal_net_cost 2011", " million DKK"),
            ("municipal net cost 2012", "municipal_net_cost 2012", " million DKK"),
            ("on public support, December 2012", "on_support 2012-12", " full-time persons"),
            ("labour reserve, December 2012", "labour_reserve 2012-12", " full-time persons")]
    lines = ["| | new rules and new practice | new rules only |", "|---|---|---|"]
    for title, key, unit in rows[:2]:
        lines.append(f"| {title} | {new[key]}{unit} | {rules[key]}{unit} |")
    base, share = new["company_based_share 2011, baseline"], "company_based_share 2011"
    lines.append(f"| company-based share of activation 2011 (level) | {new[share]}%, from {base}% | {rules[share]}% |")
    for title, key, unit in rows[2:]:
        lines.append(f"| {title} | {new[key]}{unit} | {rules[key]}{unit} |")
    won_back = rules["municipal_net_cost 2011"].mean - new["municipal_net_cost 2011"].mean
    points = new[share].mean - base.mean
    support = new["on_support 2012-12"]
    changes = unmeasurable([("the number on public support", support),
                            ("the labour reserve", new["labour_reserve 2012-12"])])
    lines += ["", f"*Reading it*: the new rules alone cost the municipalities "
              f"{rules['municipal_net_cost 2011'].mean:,.0f} million DKK more in 2011 and "
              f"{rules['municipal_net_cost 2012'].mean:,.0f} million DKK more in 2012; moving activation into firms, "
              f"whose reimbursement the reform kept, wins back {won_back:,.0f} million DKK of it in 2011 and raises "
              f"the company-based share by {points:.1f} points. {changes}"]
    return "\n".join(lines) + "\n"


@block("firm-centre-answer")
def firm_centre_answer(labsim):
    a = answers(labsim, "firm_centre_campaign")
    return (f"*Answer* (against baseline_2011): in June 2011, {a['placed 2011-06']} full-time persons are placed in "
            f"firm centres. Job exits from cash benefit (not job ready) in 2011 change by {a['job exits 2011']} "
            f"persons (the range {differs_from_zero(a['job exits 2011'])}), and the number on it in December 2011 by "
            f"{a['stock 2011-12']} full-time persons (the range {differs_from_zero(a['stock 2011-12'])}).\n")


@block("skagen-answer")
def skagen_answer(labsim):
    a = answers(labsim, "skagen_layoff")
    return (f"*Answer*: of the {a['members']}, {a['on support 2011-08-01']}% are still on public support in August "
            f"2011 and {a['on support 2012-02-01']}% in February 2012; {a['on cash benefit 2011-08-01']}% and "
            f"{a['on cash benefit 2012-02-01']}% are on cash benefit. Frederikshavn's labour reserve in December "
            f"2011 is {a['Frederikshavn labour_reserve 2011-12']} full-time persons above the baseline, and its "
            f"municipal net cost in 2011 is {a['Frederikshavn municipal_net_cost 2011']} million DKK higher.\n")


def running_net_cost(labsim):
    f, b = library(labsim, "caseworker_investment"), library(labsim, "baseline_2011")
    diff = la.million_dkk(f, la.region(f, "municipal_net_cost") - la.region(b, "municipal_net_cost"))
    return np.cumsum(diff, axis=1).mean(axis=0)


@block("caseworker-answer")
def caseworker_answer(labsim):
    a = answers(labsim, "caseworker_investment")
    payback = a["payback month"]
    month = payback if payback.startswith("not") else f"**{month_name(payback)}**"
    running = running_net_cost(labsim)
    return (f"*Answer* (against baseline_2011): municipal net cost changes by {a['municipal_net_cost 2011']} million "
            f"DKK in 2011 and {a['municipal_net_cost 2012']} million DKK in 2012, so "
            f"{a['municipal_net_cost 2011-2012']} million DKK over the two years. The payback month is {month}. "
            f"The number on sick leave in December 2011 changes by {a['sick_leave 2011-12']} full-time persons. "
            f"The mean running sum of the difference is {running[0]:+.1f} million DKK after January 2011 and "
            f"{running[-1]:+,.0f} million DKK after December 2012.\n")


def month_name(yyyy_mm):
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    return f"{names[int(yyyy_mm[5:7]) - 1]} {yyyy_mm[:4]}"


@block("clarification-answer")
def clarification_answer(labsim):
    a = answers(labsim, "clarification_programme_2020")
    n, k = a["replications"], a["replications reaching 80% in some month"]
    reached = "none of the {n} replications reaches" if k == 0 else f"{k} of the {n} replications reach"
    # With none of n replications reaching it, the probability is below 1 - 0.05^(1/n) with 95% confidence.
    bound = 100 * (1 - 0.05 ** (1 / n))
    text = (f"*Answer*: the highest P(>= 80%) in any month is {a['highest P(>= 80%)']}: {reached.format(n=n)} 80%. The best month is {month_name(a['best month'])}, with "
            f"{a['best month mean placed']} placed on average.")
    if k == 0:
        text += (f" That none of {n} replications reaches it says only that the probability is likely (95%) below "
                 f"{bound:.0f}%; none of 200 would put it below {100 * (1 - 0.05 ** (1 / 200)):.1f}%.")
    text += (f" The grant pays {a['grant paid']} million DKK on average. The capacities: a preparatory interview or "
             f"step-up meeting waits {a['step-up wait, first 2 months']} weeks for a slot in December and January "
             f"and a new step-up meeting {a['step-up wait, May-August 2021']} weeks in May-August 2021 (the "
             f"meetings after 6 months); a case waits {a['rehabilitation team wait, first 2 months']} weeks for the "
             f"rehabilitation team, and an interview with Aalborg's caseworkers (the job brokers' weekly contacts "
             f"among them) {a['caseworker wait, 2021']} weeks in 2021.")
    return text + "\n"


@block("job-rotation-answer")
def job_rotation_answer(labsim):
    a = answers(labsim, "job_rotation_day_one")
    return (f"*Answer* (against baseline_2011): job-rotation substitutes starting in 2011 change by "
            f"{a['job rotation starts 2011']} persons, from {a['job rotation starts 2011, baseline']} with the "
            f"26-week rule. Job exits from insured unemployment in 2011 change by {a['job exits 2011']} persons (the "
            f"range {differs_from_zero(a['job exits 2011'])}), the labour reserve in December 2012 by "
            f"{a['labour_reserve 2012-12']} full-time persons (the range "
            f"{differs_from_zero(a['labour_reserve 2012-12'])}), and municipal net cost over 2011-2012 by "
            f"{a['municipal_net_cost 2011-2012']} million DKK.\n")


@block("payment-answer")
def payment_answer(labsim):
    a = answers(labsim, "payment_by_results")
    recovered = a["saved minus bonus"]
    verdict = ("is recovered" if np.percentile(recovered.values, 2.5) > 0 else
               "is not recovered" if np.percentile(recovered.values, 97.5) < 0 else
               "may or may not be recovered (the range of the difference includes 0)")
    return (f"*Answer* (2021-2022, against the comparison group of the same {a['members']} citizens): the project "
            f"group has {a['job starts, kickstarter']} job starts against {a['job starts, comparison']}, "
            f"{a['extra job starts']} more. The bonus is paid for every one of them: {a['bonus paid']} million DKK. "
            f"The benefit saved on the project group is {a['benefit saved']} million DKK, so saved minus bonus is "
            f"{recovered} million DKK: the bonus {verdict}; it is recovered in "
            f"{float(a['share of replications recovering the bonus']) * 100:.0f}% of the replications.\n")


@block("risk-answer")
def risk_answer(labsim):
    a = answers(labsim, "risk_targeted_cadence")
    return (f"*Answer* (against baseline_2011): interviews held in 2011 change by {a['interviews 2011']}, that is "
            f"{a['interviews 2011 relative']}%. Job exits in 2011 change by {a['job exits 2011']} persons (the range "
            f"{differs_from_zero(a['job exits 2011'])}), and the labour reserve in December 2012 by "
            f"{a['labour_reserve 2012-12']} full-time persons (the range "
            f"{differs_from_zero(a['labour_reserve 2012-12'])}).\n")


# --------------------------------------------------------------------------------------------- docs/trial.md

SICK_LEAVE = "scenarios/trials/sick_leave_intensive.toml"
NO_SPEED_UP = ("--set", "offers.partial_return.lock_in_multiplier=1.0",
               "--set", "offers.partial_return.relapse_probability=0.3")


def trial_json(labsim, path, *extra):
    name = os.path.basename(path).replace(".toml", "")
    return json.loads(labsim("trial", path, *extra, "--format", "json", "-q", "-o", f"out/{name}.h5"))


def outcome(data, name, analysis=None, arm=None):
    analysis = analysis or data["trial"]["primary_analysis"]
    return next(o for o in data["outcomes"] if o["outcome"] == name and o["analysis"] == analysis
                and (arm is None or o["arms"][0] == arm))


@block("trial-sick-leave", verbatim=True)
def trial_sick_leave(labsim):
    text = labsim("trial", SICK_LEAVE, "--format", "md", "-q", "-o", "out/sick_leave_intensive_md.h5")
    return md_sections(text, "Sick-leave trial", "Intention to treat")


@block("trial-sick-leave-more", verbatim=True)
def trial_sick_leave_more(labsim):
    text = labsim("trial", SICK_LEAVE, "--format", "md", "-q", "-o", "out/sick_leave_intensive_md.h5")
    return md_sections(text, "Median weeks", "Cost per participant", "self_sufficient_week_26 (primary) by jobcentre")


@block("trial-sick-leave-reading")
def trial_sick_leave_reading(labsim):
    d = trial_json(labsim, SICK_LEAVE)
    week13, week26 = outcome(d, "self_sufficient_week_13"), outcome(d, "self_sufficient_week_26")
    per_protocol = outcome(d, "self_sufficient_week_13", "per_protocol")
    partial, recovered = outcome(d, "partial_return"), outcome(d, "recovered_unemployed")
    slow = trial_json(labsim, SICK_LEAVE, *NO_SPEED_UP)
    slow26 = outcome(slow, "self_sufficient_week_26")
    return (f"Per protocol compares those who got the protocol (here: an offer) with the whole control arm; those "
            f"who recover before an offer leave only one arm, so it is biased: at week 13 it shows "
            f"{pp(per_protocol['estimate'])} where the randomized comparison shows {pp(week13['estimate'])}.\n\n"
            f"What the emulation says: with the baseline's assumptions (a partial return to work speeds full return "
            f"and usually ends in it), intensive follow-up raises partial return from "
            f"{100 * partial['control_value']:.0f}% to {100 * partial['arm_value']:.0f}%, as the real trial saw, and "
            f"with it self-sufficiency at 26 weeks ({pp(week26['estimate'])}). The real trial found no gain; if a "
            f"partial return does not speed full return (`{' '.join(NO_SPEED_UP)}`) the gain at 26 weeks is "
            f"{pp(slow26['estimate'])} and one trial of the real size finds it "
            f"{100 * slow26['single_trials_significant']:.0f}% of the time. The falling business cycle of 2009 "
            f"shows in `recovered_unemployed`: {100 * recovered['control_value']:.0f}% of the control arm recover "
            f"into unemployment.\n")


FOUR_ARMS = {"A_group_weekly": "A, weekly group meetings", "B_individual_fortnightly": "B, fortnightly individual "
             "meetings", "C_early_activation": "C, activation by week 13", "D_weekly_plus_activation": "D, group "
             "meetings and activation"}


def primary_rows(d, outcome=None):
    """The trial's rows of one outcome (default: the primary) in its primary analysis, one per arm."""
    outcome = outcome or d["trial"]["primary_outcome"]
    return [o for o in d["outcomes"] if o["outcome"] == outcome and o["analysis"] == d["trial"]["primary_analysis"]]


def significance(row):
    return "its 95% interval excludes 0" if row["ci_low"] > 0 or row["ci_high"] < 0 else "its 95% interval includes 0"


@block("trial-4arms")
def trial_4arms(labsim):
    d = trial_json(labsim, "scenarios/trials/early_intervention_4arms.toml")
    analysis = d["trial"]["primary_analysis"]
    cost = {c["arm"]: c["difference"] for c in d.get("costs", []) if c["cost_item"] == "total"
            and c["payer"] == "total" and c["analysis"] == analysis and "difference" in c}
    sizes = {a["name"]: a["randomized"] for a in d["arms"]}

    def arm(o):
        name = o["arms"][0]
        text = (f"{FOUR_ARMS[name]}: {pct(o['arm_value'])} against {pct(o['control_value'])} of its own controls, "
                f"{pp(o['estimate'])} [{pp(o['ci_low'])} to {pp(o['ci_high'])}] ({sizes[name]:,} randomized)")
        if name in cost:
            c = cost[name]
            text += f", {c['estimate']:+,.0f} DKK [{c['ci_low']:+,.0f} to {c['ci_high']:+,.0f}] per participant"
        return text
    return (f"*Answer* (`early_intervention_4arms.toml`, {d['trial']['replications']} repetitions pooled, "
            f"{sizes['control']:,} controls in all): self-sufficient at 26 weeks, each arm against the controls of "
            f"its own region, and the difference in public cost (benefits, offers and contacts) per participant "
            f"within a year: {'; '.join(arm(o) for o in primary_rows(d))}.\n")


HIG1 = "scenarios/trials/hig1_early_intervention.toml"


@block("hig1-answer")
def hig1_answer(labsim):
    d = trial_json(labsim, HIG1)
    week26, week52 = primary_rows(d)[0], primary_rows(d, "self_sufficient_week_52")[0]
    weeks = primary_rows(d, "weeks_on_benefit")[0]
    arms = {a["name"]: a for a in d["arms"]}
    treated = arms["treatment"]
    return (f"*Answer* (`hig1_early_intervention.toml`, {d['trial']['replications']} repetitions pooled, "
            f"{arms['control']['randomized']:,} controls and {treated['randomized']:,} treated): at 26 weeks "
            f"{pct(week26['control_value'])} of the control arm and {pct(week26['arm_value'])} of the treated are "
            f"self-sufficient, a difference of {pp(week26['estimate'])} [{pp(week26['ci_low'])} to "
            f"{pp(week26['ci_high'])}] ({significance(week26)}); at 52 weeks {pp(week52['estimate'])}. Weeks on "
            f"public support within a year differ by {weeks['estimate']:+.1f} [{weeks['ci_low']:+.1f} to "
            f"{weeks['ci_high']:+.1f}]. {100 * treated['protocol_received'] / treated['randomized']:.0f}% of "
            f"the treated got the course or an activation offer.\n")


@block("trial-power", verbatim=True)
def trial_power(labsim):
    return fenced(labsim("trial", SICK_LEAVE, "--power", "--effect", "1.1", "-q", "-o", "out/power.h5"))


# ------------------------------------------------------------------------------------------ docs/forecast.md

FORECAST = ("forecast", "scenarios/forecast_2011.toml", "--targets", "scenarios/data/nordjylland_targets_2011.csv",
            "--region", "scenarios/data/nordjylland_region_2011.csv", "-q")
EXCERPT = [("Brønderslev", "1 labour reserve"), ("Morsø", "1 labour reserve"), ("Rebild", "1 labour reserve"),
           ("Aalborg", "1 labour reserve"), ("Vesthimmerland", "3 under 30 on support"),
           ("Region (sum of plans)", "1 labour reserve"), ("Region (council target)", "1 labour reserve"),
           ("Region (sum of plans)", "3 under 30 on support")]


def forecast_rows(labsim):
    """(area, indicator) -> the table's row as text, and its cells."""
    rows = {}
    for line in labsim(*FORECAST).splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 9 and re.fullmatch(r"[\d,.]+", cells[2]):  # not the header or its rule
            rows[(cells[0], cells[1])] = (line, dict(zip(["plan", "observed", "forecast", "band80", "band95",
                                                          "p_meet", "verdict"], cells[2:])))
    return rows


@block("forecast-excerpt", verbatim=True)
def forecast_excerpt(labsim):
    lines = labsim(*FORECAST).splitlines()
    rows = forecast_rows(labsim)
    notes = [line for line in lines if line.startswith("Method:")]
    return fenced("\n".join([lines[1]] + [rows[key][0] for key in EXCERPT] + notes))


@block("forecast-reading")
def forecast_reading(labsim):
    rows = {key: cells for key, (_, cells) in forecast_rows(labsim).items()}
    morso, rebild = rows[("Morsø", "1 labour reserve")], rows[("Rebild", "1 labour reserve")]
    council, plans = rows[("Region (council target)", "1 labour reserve")], rows[("Region (sum of plans)",
                                                                                 "1 labour reserve")]
    low, high = morso["band80"].split(" - ")

    def above_both(indicator):
        jobcentres = [k for k in rows if k[1] == indicator and not k[0].startswith("Region")]
        return sum(1 for k in jobcentres if number(rows[k]["forecast"]) > max(number(rows[k]["plan"]),
                                                                             number(rows[k]["observed"])))
    n = len({k[0] for k in rows if not k[0].startswith("Region")})

    def above_band(indicator):
        return sum(1 for k in rows if k[1] == indicator and not k[0].startswith("Region")
                   and number(rows[k]["plan"]) > number(rows[k]["band80"].split(" - ")[1]))
    return (f"Read a row as: \"if 2011 is like 2010 in practice and the economy moves as assumed, the labour reserve "
            f"in Morsø in December 2011 will most likely be about {morso['forecast']}; in 8 years out of 10 between "
            f"{low} and {high}; the plan of {morso['plan']} is met with probability {morso['p_meet']}\". A plan far "
            f"below the observed level (Rebild: {rebild['plan']} against {rebild['observed']}) is judged unrealistic "
            f"unless the plan rests on something the scenario does not contain; add that to a scenario (more places, "
            f"more caseworkers, a new rule) and forecast again. A plan above the band is unambitious (the youth "
            f"target in {above_band('3 under 30 on support')} of the {n} jobcentres). The council's "
            f"own regional target of {council['plan']} is met with probability {council['p_meet']}, the sum of the "
            f"jobcentres' plans with {plans['p_meet']}. Target 2 comes out above both plan and observation in "
            f"{above_both('2 permanent support')} of the {n} jobcentres, target 4 in "
            f"{above_both('4 non-Western on support')}.\n")


def number(text):
    return float(text.replace(",", ""))


# ----------------------------------------------------------------------------- compare, export, graph, run

@block("compare-example", verbatim=True)
def compare_example(labsim):
    library(labsim, "baseline_2011"), library(labsim, "caseworker_investment")
    return fenced(labsim("compare", "out/library/baseline_2011.h5", "out/library/caseworker_investment.h5",
                         "--indicator", "labour_reserve"))


@block("export-head", verbatim=True)
def export_head(labsim):
    quickstart(labsim)
    text = labsim("export", "out/baseline_2011.h5", "--dataset", "labour_reserve_mean")
    return fenced("\n".join(text.splitlines()[:4]))


@block("graph-flows", verbatim=True)
def graph_flows(labsim):
    quickstart(labsim)
    text = labsim("graph", "scenarios/baseline_2011.toml", "--flows", "out/baseline_2011.h5")
    return fenced("\n".join(line for line in text.splitlines() if line.startswith("sick_leave->")))


@block("run-errors", verbatim=True)
def run_errors(labsim):
    with open(labsim.path("my_scenario.toml"), "w", encoding="utf-8") as f:
        f.write('extends = "scenarios/baseline_2011.toml"\n[states.sick_leave.folow_up]\nfirst_interview_weeks = 6\n')
    commands = [("validate", "my_scenario.toml"),
                ("run", "scenarios/baseline_2011.toml", "--set", "offers.internship.places=-5"),
                ("run", "scenarios/baseline_2011.toml", "--set", "money.reimbursement=after2011")]
    return fenced("".join(f"$ labsim {' '.join(c)}\n{labsim(*c, status=2)}" for c in commands), "console")


@block("validate-baseline", verbatim=True)
def validate_baseline(labsim):
    return fenced("$ labsim validate scenarios/baseline_2011.toml\n" +
                  labsim("validate", "scenarios/baseline_2011.toml"), "console")


# ------------------------------------------------------------------------------------------ docs/calibrate.md

CALIBRATE = ("calibrate", "scenarios/baseline_2011.toml", "--observed", "scenarios/data/nordjylland_observed_2010.csv",
             "--observed", "scenarios/data/nordjylland_levels_2010.csv", "--fit", "calibration.turnover=1.5",
             "--fit", "calibration.exit_multiplier.insured_unemployed",
             "--fit", "calibration.exit_multiplier.cash_job_ready",
             "--fit", "calibration.exit_multiplier.cash_not_job_ready",
             "--fit", "calibration.exit_multiplier.sick_leave",
             "--fit", "states.insured_unemployed.follow_up.other_actor.first_interview_weeks",
             "--fit", "states.insured_unemployed.follow_up.other_actor.offer_probability",
             "--fit", "states.cash_job_ready.follow_up.first_interview_weeks",
             "--fit", "states.cash_job_ready.follow_up.offer_probability",
             "--fit", "states.insured_unemployed.follow_up.offer_mix.guidance_upskilling",
             "--fit", "states.cash_job_ready.follow_up.offer_mix.guidance_upskilling",
             "--fit", "states.cash_not_job_ready.follow_up.offer_mix.guidance_upskilling",
             "-o", "out/nordjylland_calibrated.toml", "--format", "md")


def calibration_report(labsim):
    """The report of the shipped calibration, without its last line (where the scenario was written)."""
    lines = labsim(*CALIBRATE).rstrip().splitlines()
    return "\n".join(line for line in lines if not line.startswith("Calibrated scenario:")) + "\n"


@block("calibration-shipped", verbatim=True)
def calibration_shipped(labsim):
    text = calibration_report(labsim)
    return md_sections(text, "labsim calibrate", "Observed and fitted")


@block("calibration-reading")
def calibration_reading(labsim):
    rows = md_rows(calibration_report(labsim))
    turnover = next(r for r in rows if r[0] == "calibration.turnover")[2]
    stats = [r for r in rows if len(r) == 13 and r[0] != "statistic"]
    reserve = [r for r in stats if r[0] == "labour_reserve"]
    worst = max(stats, key=lambda r: abs(float(r[8])))
    western = next(r for r in stats if r[0] == "non_western_on_support")
    observed = sum(number(r[4]) for r in reserve)
    b = library(labsim, "baseline_2011")
    uncalibrated = la.region(b, "labour_reserve")[:, 6:12].mean()
    return (f"- **The labour reserve fits in every jobcentre** (the largest standardized residual among them is "
            f"{max(abs(float(r[8])) for r in reserve):.2f}), through `calibration.turnover` = {turnover}: with the "
            f"stocks held, the observed share of persons past 3 months needs about {float(turnover):.1f} times the "
            f"new spells per month that the jobcentre table assumed (and correspondingly faster exits). "
            f"Uncalibrated, the model's labour reserve in the second half of 2011 is {uncalibrated:,.0f}, "
            f"{100 * (uncalibrated / observed - 1):.0f}% above the observed {observed:,.0f}.\n"
            f"- **The largest residual**: {worst[0]} {worst[1]}, fitted {worst[6]} against {worst[4]} observed "
            f"(standardized residual {worst[8]}).\n"
            f"- **Not aimed at, and off**: non-Western persons on support come out "
            f"{100 * (number(western[6]) / number(western[4]) - 1):.0f}% above the observed (the jobcentre table's "
            f"`non_western_share` is applied to every state alike).\n")


# ----------------------------------------------------------------------------------------- docs/performance.md

@block("events-per-person")
def events_per_person(labsim):
    counts = {}
    for name in ["baseline", "baseline_2011"]:
        text = quickstart(labsim) if name == "baseline_2011" else labsim("run", "scenarios/baseline.toml",
                                                                            "-o", "out/baseline.h5")
        m = re.search(r"Simulated ([\d,]+) persons and ([\d,]+) events", text)
        counts[name] = (number(m.group(1)), number(m.group(2)))
    per = {k: e / p for k, (p, e) in counts.items()}
    return (f"`baseline_2011` has {per['baseline_2011']:.1f} events per person against {per['baseline']:.1f} in "
            f"the compact baseline (interviews by other actors, offer deadlines, benefit limits, partial-return "
            f"steps), so persons/s falls more than events/s.\n")


BENCH_RUNS = [("scenarios/baseline.toml", ["1", "10"], "10"), ("scenarios/baseline_2011.toml", ["1"], "10"),
              ("scenarios/baseline_2011.toml", ["10"], "1"), ("scenarios/baseline_2011.toml", ["10"], "10")]


def bench(labsim):
    """Rows of labsim_bench: scenario, replications, scale, threads, persons, seconds, events/s, persons/s, MiB,
    bytes/person."""
    if "bench" not in labsim.done:
        labsim.done["bench load"] = (datetime.date.today().isoformat(), os.getloadavg()[0], os.cpu_count())
        rows = []
        for scenario, scales, replications in BENCH_RUNS:
            out = labsim.tool("labsim_bench", "--scenario", scenario, "--scales", *scales, "--threads", "1", "2",
                              "--replications", replications)
            for line in out.splitlines()[1:]:
                s, t, persons, seconds, eps, pps, mib, bpp = line.split()
                rows.append(dict(scenario=os.path.basename(scenario), replications=int(replications),
                                 scale=float(s), threads=int(t), persons=int(persons), seconds=float(seconds),
                                 events_per_s=float(eps), persons_per_s=float(pps), mib=float(mib), bpp=float(bpp)))
        labsim.done["bench"] = rows
    return labsim.done["bench"]


@block("bench-simulator", measured=True)
def bench_simulator(labsim):
    lines = ["| scenario | replications | persons | threads | time | events/s | persons/s | peak memory | "
             "bytes/person |", "|---|---|---|---|---|---|---|---|---|"]
    for r in bench(labsim):
        bpp = f"{r['bpp']:.0f}" if r["scale"] >= 10 else "n/a"  # only meaningful when tasks are large
        lines.append(f"| {r['scenario']}, scale {r['scale']:g} | {r['replications']} | {r['persons']:,} | "
                     f"{r['threads']} | {r['seconds']:.2f} s | {r['events_per_s'] / 1e6:.2f} M | "
                     f"{r['persons_per_s'] / 1e6:.2f} M | {r['mib']:.1f} MiB | {bpp} |")
    day, load, cores = labsim.done["bench load"]
    lines += ["", f"Measured on {day}, with a load average of {load:.1f} on the machine's {cores} cores when it began "
              f"(other work on the machine slows the runs, the 2-thread runs most)."]
    return "\n".join(lines) + "\n"


@block("bench-targets", measured=True)
def bench_targets(labsim):
    rows = bench(labsim)

    def pick(scenario, scale, replications, threads):
        return next(r for r in rows if r["scenario"] == scenario and r["scale"] == scale
                    and r["replications"] == replications and r["threads"] == threads)

    def span(values):
        low, high = min(values), max(values)
        return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}-{high:.0f}"
    compact = [pick("baseline.toml", 10, 10, t)["bpp"] for t in (1, 2)]
    full = [r["bpp"] for r in rows if r["scenario"] == "baseline_2011.toml" and r["scale"] == 10]
    many = pick("baseline_2011.toml", 10, 10, 1)["seconds"] / pick("baseline_2011.toml", 10, 10, 2)["seconds"]
    single = pick("baseline_2011.toml", 10, 1, 1)["seconds"] / pick("baseline_2011.toml", 10, 1, 2)["seconds"]
    core1 = max(r["events_per_s"] for r in rows if r["threads"] == 1 and r["scale"] == 1)
    core10 = [r["events_per_s"] for r in rows if r["threads"] == 1 and r["scale"] == 10]
    return (f"- **Memory, at most 128 bytes per person**: {verdict(max(compact + full) <= 128)}: "
            f"{span(compact)} for the compact baseline and {span(full)} for baseline_2011 at scale 10.\n"
            f"- **2 threads at least 1.8x faster than 1**: {verdict(many >= 1.8)} with replications to spread "
            f"({many:.1f}x at 10 replications). With a single replication the speed-up is {single:.1f}x: each "
            f"jobcentre is one task, and Aalborg alone holds 31% of the region's persons at the start "
            f"(`scenarios/data/nordjylland_jobcentres_2011.csv`), so one thread spends the run on it.\n"
            f"- **10 million person-events per second per core**: {verdict(core1 >= 1e7)}. One core does at most "
            f"{core1 / 1e6:.1f} M events/s at scale 1 and {min(core10) / 1e6:.1f}-{max(core10) / 1e6:.1f} M at "
            f"scale 10, where each jobcentre's task holds ten times the persons: short by {1e7 / core1:.1f}x and "
            f"{1e7 / max(core10):.1f}-{1e7 / min(core10):.1f}x.\n")


def verdict(met):
    return "met" if met else "not met"


@block("bench-twin", measured=True)
def bench_twin(labsim):
    out = labsim.tool("labsim_twin_bench", "--scenario", "scenarios/baseline_2011.toml", "--runs", "15")
    median = re.search(r"median ([\d.]+) ms", out).group(1)
    return (f"`build/release/labsim_twin_bench` times the Markov twin: one `run_twin` of `baseline_2011` (11 "
            f"jobcentres, 24 months, scale 1) takes {float(median):.0f} ms (median of 15 runs), so a calibration "
            f"with a hundred evaluations takes about {float(median) * 100 / 1000:.0f} seconds on the twin.\n")


# --------------------------------------------------------------------------------------------------- driver

def render(labsim, name):
    if name not in RECIPES:
        sys.exit(f"docs_numbers: no recipe for the generated block '{name}'")
    function, _, verbatim = RECIPES[name]
    return function(labsim) if verbatim else prose(function(labsim))


def first_difference(old, new):
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for i in range(max(len(old_lines), len(new_lines))):
        a = old_lines[i] if i < len(old_lines) else "(the block ends)"
        b = new_lines[i] if i < len(new_lines) else "(the block ends)"
        if a != b:
            return i + 1, a, b
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite every generated block")
    mode.add_argument("--check", action="store_true", help="exit 1 if any generated block is out of date")
    parser.add_argument("--bench", action="store_true", help="with --write: also rewrite the measured blocks")
    parser.add_argument("--labsim", default=os.path.join(ROOT, "build", "release", "labsim"))
    args = parser.parse_args()

    labsim = Labsim(args.labsim)
    failures, seen, skipped = [], set(), []
    try:
        for document in DOCUMENTS:
            path = os.path.join(ROOT, document)
            with open(path, encoding="utf-8") as f:
                text = f.read()

            def replace(match):
                name, old = match.group(2), match.group(3)
                seen.add(name)
                if name in RECIPES and RECIPES[name][1] and not (args.write and args.bench):
                    skipped.append(name)
                    return match.group(0)
                new = render(labsim, name)
                if args.check and new != old:
                    line, found, expected = first_difference(old, new)
                    failures.append(f"{document}: block '{name}' differs from what labsim prints now, at line "
                                    f"{line} of the block:\n  in the file: {found}\n  generated:   {expected}")
                return match.group(1) + new + match.group(4)

            updated = BLOCK.sub(replace, text)
            if args.write and updated != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(updated)
                print(f"wrote {document}")
    finally:
        shutil.rmtree(labsim.dir, ignore_errors=True)

    unused = sorted(set(RECIPES) - seen)
    for name in unused:
        failures.append(f"recipe '{name}' has no block in README.md or docs/")
    if skipped:
        print(f"{'not checked' if args.check else 'not rewritten'} (machine measurements; --write --bench "
              f"rewrites them): {', '.join(skipped)}")
    if failures:
        print("\n".join(failures))
        print(f"{len(failures)} generated block(s) out of date: run scripts/docs_numbers.py --write")
        return 1
    if args.check:
        print(f"{len(seen) - len(skipped)} generated blocks match what labsim prints")
    return 0


if __name__ == "__main__":
    sys.exit(main())
