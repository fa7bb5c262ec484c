#!/usr/bin/env bash
# Profiles one JVM fitting SeqPipe's network for the reference BiLSTM tagger (io.seqpipe.bench.ReferenceTaggerProfile)
# with Java Flight Recorder, then prints where the main thread's samples fall: per network layer/vertex (the first
# DL4J or SeqPipe frame of each sample) and per source line. ND4J's time is native, so JFR's native-method samples
# are counted too (the op's JNI call stands for the time inside it).
#   scripts/profile-train.sh [rounds] [minibatches per round]     -> target/profile/train.jfr (+ printed summary)
#   MVN_FLAGS=-o scripts/profile-train.sh                          # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=target/profile
mkdir -p "$out"
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=test
opens=$(sed -n 's/.*<java17.opens>\(.*\)<\/java17.opens>.*/\1/p' pom.xml)
# shellcheck disable=SC2086
OMP_NUM_THREADS=1 java $opens -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=10g \
  -XX:StartFlightRecording=filename="$out/train.jfr",settings=profile \
  -cp "pipeline-core/target/test-classes:pipeline-core/target/classes:$(cat "$out/classpath.txt")" \
  io.seqpipe.bench.ReferenceTaggerProfile "${1:-5}" "${2:-20}" 2>&1 | grep -E "^round"
jfr print --stack-depth 64 --json --events jdk.NativeMethodSample,jdk.ExecutionSample "$out/train.jfr" \
  > "$out/samples.json"
python3 - "$out/samples.json" <<'PY'
import collections, json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
owner, line = collections.Counter(), collections.Counter()
n = 0
def ours(cls):
    return any(k in cls for k in ("/layers/", "/graph/vertex/", "io/seqpipe/model", "pdater", "ComputationGraph"))
for e in events:
    thread = (e["values"].get("sampledThread") or {}).get("javaName")
    stack = e["values"].get("stackTrace")
    if thread != "main" or not stack:
        continue
    frames = stack["frames"]
    if not any("ReferenceTaggerProfile" in f["method"]["type"]["name"] for f in frames):
        continue
    n += 1
    for f in frames:
        cls = f["method"]["type"]["name"]
        if ours(cls):
            name = cls.split("/")[-1] + "." + f["method"]["name"]
            owner[name] += 1
            line[name + ":" + str(f["lineNumber"])] += 1
            break
    else:
        owner["(elsewhere)"] += 1
print(f"{n} samples on the training thread")
print("by first DL4J/SeqPipe frame:")
for k, c in owner.most_common(20):
    print(f"  {100 * c / n:5.1f} %  {k}")
print("by source line:")
for k, c in line.most_common(20):
    print(f"  {100 * c / n:5.1f} %  {k}")
PY
