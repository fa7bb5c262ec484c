"""scripts/device-check.sh's JSON: each part's status, and what its files say (gradient checks, throughput, CoNLL F1).

    python3 scripts/lib/device_check_report.py WORK LOG OUT_JSON SENTENCES EPOCHS LARGE_BATCH CPU_WORKERS

A part whose files are missing is reported with the reason, never left out.
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ANSI = re.compile(r"\x1b\[[0-9;]*m")
F1_TOLERANCE = 0.01
SPEEDUP_TARGET = 5.0


def steps(work):
    out = {}
    with open(os.path.join(work, "steps.tsv"), encoding="utf-8") as f:
        for line in f:
            name, status, rc, seconds, detail = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            out[name] = {"status": status, "exitCode": int(rc) if rc else None, "seconds": int(seconds or 0),
                         "detail": detail or None}
    return out


def step_output(log, name, lines=20):
    """The first lines a step printed, from the log's '== name (timeout' line to its '== name:' line."""
    text, inside = [], False
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("== %s (timeout" % name):
                inside = True
            elif line.startswith("== %s: " % name):
                break
            elif inside and len(text) < lines and ANSI.sub("", line).strip():
                text.append(ANSI.sub("", line.rstrip("\n")))
    return text


def gradients(root):
    reports = sorted(glob.glob(os.path.join(root, "pipeline-core/target/surefire-reports/TEST-*GradientCheck*.xml")))
    if not reports:
        return {"error": "no surefire report of a *GradientCheck* test"}
    classes, totals = {}, {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in reports:
        suite = ET.parse(path).getroot()
        counts = {k: int(suite.get(k, 0)) for k in totals}
        failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None
                  or c.find("error") is not None]
        classes[suite.get("name")] = dict(counts, failed=failed)
        for k in totals:
            totals[k] += counts[k]
    outputs = " ".join(open(p, encoding="utf-8", errors="replace").read()
                       for p in glob.glob(os.path.join(root, "pipeline-core/target/surefire-reports/*GradientCheck*-output.txt")))
    # the cuda profile's test classpath holds no CPU backend; the test output confirms it where ND4J logged its backend
    backend = "JCublasBackend" if "JCublasBackend" in outputs else ("CpuBackend" if "CpuBackend" in outputs else None)
    return dict(totals, backendSeen=backend, classes=classes,
                passed=totals["tests"] > 0 and totals["failures"] == 0 and totals["errors"] == 0
                and backend != "CpuBackend")


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return {"error": "%s: %s" % (os.path.basename(path), e)}


def throughput(work, batches, cpu_workers):
    out = {}
    for b in batches:
        gpu = load(os.path.join(work, "throughput-gpu-b%d.json" % b))
        cpu = load(os.path.join(work, "throughput-cpu-b%d.json" % b))
        entry = {"gpu": gpu, "cpu": cpu}
        g, c = gpu.get("medians", {}), cpu.get("medians", {})
        if "trainerSeqPerSec" in c and c["trainerSeqPerSec"] > 0:
            cpu_seq = c["trainerSeqPerSec"]
            entry["cpuContender"] = "ParameterAveragingTrainer in local[%d], OMP_NUM_THREADS=1" % cpu_workers
            if "oneJvmSeqPerSec" in g:
                entry["gpuOneJvmOverCpu"] = g["oneJvmSeqPerSec"] / cpu_seq
            if "trainerSeqPerSec" in g:
                entry["gpuTrainerOverCpu"] = g["trainerSeqPerSec"] / cpu_seq
            best = max(entry.get("gpuOneJvmOverCpu", 0), entry.get("gpuTrainerOverCpu", 0))
            entry["speedup"] = best
            entry["meetsTarget%.0fx" % SPEEDUP_TARGET] = best >= SPEEDUP_TARGET
        out["batch%d" % b] = entry
    return out


def conll(work, sentences, epochs):
    runs = {}
    for b in ("gpu", "cpu"):
        p = load(os.path.join(work, "conll-%s" % b, "model", "provenance.json"))
        if "error" in p:
            runs[b] = p
            continue
        runs[b] = {"nd4jBackend": p.get("build", {}).get("nd4jBackend"),
                   "validationF1": [h.get("validation") for h in p.get("history", [])],
                   "seconds": p.get("training", {}).get("seconds"),
                   "sentencesPerSecond": p.get("training", {}).get("sentencesPerSecond")}
    out = {"trainSentences": sentences, "epochs": epochs, "tolerance": F1_TOLERANCE, "runs": runs}
    g, c = runs["gpu"].get("validationF1"), runs["cpu"].get("validationF1")
    if g and c:
        diffs = [abs(a - b) for a, b in zip(g, c)]
        out["perEpochAbsDiff"] = diffs
        out["maxAbsDiff"] = max(diffs)
        out["passed"] = (len(g) == len(c) == epochs and max(diffs) <= F1_TOLERANCE
                         and runs["gpu"]["nd4jBackend"] == "JCublasBackend")
    else:
        out["passed"] = False
    return out


def main(work, log, out_json, sentences, epochs, large_batch, cpu_workers):
    root = os.getcwd()
    st = steps(work)
    report = {
        "steps": st,
        "preflight": {n: step_output(log, n) for n in ("preflight-gpu", "preflight-java", "preflight-mvn") if n in st},
    }
    if "gradients-cuda" in st:
        report["gradients"] = gradients(root) if st["gradients-cuda"]["status"] != "skipped" else {"skipped": True}
    if any(n.startswith("throughput-") for n in st):
        report["throughput"] = throughput(work, [32, large_batch], cpu_workers)
    if "conll-gpu" in st:
        report["conll"] = conll(work, sentences, epochs)
    report["allPartsOk"] = all(s["status"] == "ok" for s in st.values())
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, allow_nan=True)
        f.write("\n")
    print(json.dumps({k: v for k, v in report.items() if k != "preflight"}, indent=2)[:6000])
    return 0 if report["allPartsOk"] else 1


if __name__ == "__main__":
    w, lg, o, s, e, lb, cw = sys.argv[1:8]
    sys.exit(main(w, lg, o, int(s), int(e), int(lb), int(cw)))
