#!/usr/bin/env bash
# Tests of the built product as a user runs it (after ./mvnw verify): an optimizer plugin is installed into a copy of
# the product from its update-site zip, from the unzipped folder and through dropins/, used, listed and uninstalled;
# bad input gets a one-line error; a GPU run on a machine without the GPU feature fails fast and says why.
# Prints one line per check and "product tests: N passed, M failed"; exits 1 when any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$(ls "$root"/product/target/products/optlab-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -n 1)
site=$(ls "$root"/examples/com.example.optlab.optimizers.site/target/com.example.optlab.optimizers.site-*.zip 2>/dev/null | head -n 1)
jar=$(ls "$root"/examples/com.example.optlab.optimizers/target/com.example.optlab.optimizers-*.jar 2>/dev/null | head -n 1)
if [ -z "$archive" ] || [ -z "$site" ] || [ -z "$jar" ]; then
    echo "product tests: build first (./mvnw verify): product archive, example site or plugin jar missing" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=releng/checks.sh
. "$root/releng/checks.sh"
fresh() { rm -rf "$work/$1" && mkdir -p "$work/$1" && tar xzf "$archive" -C "$work/$1" && echo "$work/$1/optlab"; }
lists() { "$1/optlab" list optimizers | grep -qx adan && "$1/optlab" list optimizers | grep -qx ademamix; }
lacks() { ! "$1/optlab" list optimizers | grep -Eqx 'adan|ademamix'; }
fails_with() { # fails_with TEXT COMMAND...: the command exits non-zero and says TEXT
    text=$1; shift
    if "$@" >"$work/err" 2>&1; then echo "succeeded but should fail"; return 1; fi
    grep -qF -- "$text" "$work/err" || { cat "$work/err"; return 1; }
}
cat > "$work/race.json" <<'JSON'
{"name": "plugin-race", "surface": {"id": "rosenbrock"}, "steps": 200,
 "optimizers": [{"id": "adan", "lr": 0.02}, {"id": "ademamix", "lr": 0.02}, {"id": "adam", "lr": 0.02}]}
JSON
ran_adan() { "$1/optlab" run "$work/race.json" --out "$work/race-$2" && grep -q '"optimizer" : "ademamix"' "$work/race-$2/summary.json"; }
# a training sweep runs in worker processes, which start with only the bundles they need: the plugin's must be there
cat > "$work/sweep.json" <<'JSON'
{"name": "plugin-sweep", "experiment": {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
  "epochs": 1, "batch_size": 50},
 "optimizers": [{"id": "adan", "search": {"lr": [0.01, 0.1]}}, {"id": "ademamix", "search": {"lr": [0.01]}}],
 "objective": {"metric": "final_train_loss"}, "engine": {"id": "local", "workers": 2}}
JSON
swept_adan() { "$1/optlab" sweep "$work/sweep.json" --out "$work/sweep-$2" >/dev/null \
    && [ "$(grep -c ',finished,' "$work/sweep-$2/results.csv")" = 3 ]; }

a=$(fresh zip)
check "a fresh product lacks the example optimizers" lacks "$a"
check "install from the update-site zip" "$a/optlab" install "$site"
check "list optimizers shows adan and ademamix" lists "$a"
check "optlab plugins lists the feature" sh -c "'$a/optlab' plugins | grep -q com.example.optlab.optimizers.feature"
check "run uses the plugin's optimizers" ran_adan "$a" zip
check "a training sweep's workers use them" swept_adan "$a" zip
check "list optimizers --json carries the plugin's citation" \
    sh -c "'$a/optlab' list optimizers --json | grep -q 'arxiv.org/abs/2208.06677'"
check "uninstall removes them" "$a/optlab" uninstall com.example.optlab.optimizers.feature
check "after uninstall they are gone" lacks "$a"
check "a run naming them now fails with the known ids" fails_with "unknown optimizer 'adan'" \
    "$a/optlab" run "$work/race.json" --out "$work/race-gone"

b=$(fresh folder)
mkdir -p "$work/site" && (cd "$work/site" && unzip -q "$site")
check "install from the update-site folder" "$b/optlab" install "$work/site"
check "list optimizers shows them (folder)" lists "$b"

c=$(fresh dropins)
cp "$jar" "$c/dropins/"
check "a jar in dropins/ appears at the next start" lists "$c"
check "run uses them (dropins)" ran_adan "$c" dropins
check "a training sweep's workers use them (dropins)" swept_adan "$c" dropins
rm "$c"/dropins/*.jar
check "taking the jar out removes them" lacks "$c"

# The GPU: this product has no GPU feature (and CI machines no GPU), so a GPU run must end at once and say why.
cat > "$work/gpu.json" <<'JSON'
{"name": "gpu-try", "dataset": {"id": "moons"}, "model": {"id": "mlp", "hidden": [16]},
 "optimizers": [{"id": "adam", "lr": 0.01}], "epochs": 2, "backend": "gpu"}
JSON
gpu_fails_fast() {
    start=$(date +%s)
    fails_with "needs OptLab's GPU feature (ND4J's CUDA 11.6 backend), which is not installed" \
        "$a/optlab" run "$work/gpu.json" --out "$work/gpu" || return 1
    grep -qF 'optlab run FILE --backend cpu' "$work/err" || { echo "no CPU offer: $(cat "$work/err")"; return 1; }
    [ $(( $(date +%s) - start )) -le 10 ] || { echo "took more than 10 s"; return 1; }
}
check "a GPU run without the GPU feature fails within 10 s, says what to install and offers the CPU" gpu_fails_fast
cpu_instead() {
    "$a/optlab" run "$work/gpu.json" --out "$work/cpu" --backend cpu 2>"$work/log" &&
        grep -q '^optlab: backend cpu, device ' "$work/log" &&
        grep -q '"backend" : "cpu"' "$work/cpu/summary.json" && grep -q '"device" : ' "$work/cpu/summary.json"
}
check "--backend cpu runs it; log and summary record the backend and device" cpu_instead

check "install of a missing file says so" fails_with "does not exist" "$a/optlab" install "$work/nothing.zip"
check "install of a zip that is no update site says so" fails_with "is not a zipped p2 update site" \
    "$a/optlab" install "$jar"
check "install of a file that is no zip says so" fails_with "is neither a folder nor a zip file" \
    "$a/optlab" install "$archive"
check "uninstall of an unknown feature says so" fails_with "no.such.feature is not installed" \
    "$a/optlab" uninstall no.such.feature
one_line_exit_1() { # one_line_exit_1 TEXT COMMAND...: exit code 1 and exactly one line on stderr, which says TEXT
    text=$1; shift
    "$@" >/dev/null 2>"$work/err"; code=$?
    [ "$code" -eq 1 ] || { echo "exit code $code, expected 1"; cat "$work/err"; return 1; }
    [ "$(wc -l < "$work/err")" -eq 1 ] || { echo "not one line:"; cat "$work/err"; return 1; }
    grep -qF -- "$text" "$work/err" || { cat "$work/err"; return 1; }
}
check "uninstall of org.optlab.lab.feature is refused: exit 1, one line" one_line_exit_1 \
    "optlab: org.optlab.lab.feature is part of OptLab and cannot be uninstalled" \
    "$a/optlab" uninstall org.optlab.lab.feature
check "uninstall of org.optlab.runtime.feature.feature.group is refused too" one_line_exit_1 \
    "org.optlab.runtime.feature is part of OptLab" "$a/optlab" uninstall org.optlab.runtime.feature.feature.group
check "the product still works after: list optimizers" sh -c "'$a/optlab' list optimizers | grep -qx adam"
cat > "$work/adam.json" <<'JSON'
{"name": "after", "surface": {"id": "rosenbrock"}, "steps": 50, "optimizers": [{"id": "adam", "lr": 0.02}]}
JSON
check "the product still works after: a run" sh -c "'$a/optlab' run '$work/adam.json' --out '$work/after' &&
    grep -q '\"optimizer\" : \"adam\"' '$work/after/summary.json'"
check "optlab --help lists install, plugins and uninstall" sh -c "'$a/optlab' --help > '$work/help' &&
    grep -Eq '^ +install ' '$work/help' && grep -Eq '^ +plugins ' '$work/help' && grep -Eq '^ +uninstall ' '$work/help'"
check "install without a site is bad usage (exit 2)" sh -c "'$a/optlab' install 2>&1; [ \$? -eq 2 ]"

# A jar in dropins/ that p2 cannot read is named on stderr of list optimizers; the other optimizers stay listed.
d=$(fresh corrupt)
head -c 4096 /dev/urandom > "$d/dropins/x.jar"
corrupt_named() {
    "$d/optlab" list optimizers >"$work/out" 2>"$work/err" || return 1
    grep -qx adam "$work/out" || { echo "adam not listed"; return 1; }
    grep -q '^optlab: skipped dropins/x.jar: not a readable jar' "$work/err" || { cat "$work/err"; return 1; }
}
check "a corrupt jar in dropins/ is named on stderr of list optimizers" corrupt_named

# A failed training run prints its error alone: no SLF4J lines (ND4J's bundle has its SLF4J binding), only the JVM's
# notice about the incubator module besides the error.
cat > "$work/fail.json" <<'JSON'
{"name": "fails", "dataset": {"id": "moons", "noise": -1}, "model": {"id": "mlp"}, "optimizers": [{"id": "adam"}]}
JSON
error_alone() {
    "$a/optlab" run "$work/fail.json" --out "$work/fail" >/dev/null 2>"$work/err"; code=$?
    [ "$code" -eq 1 ] || { echo "exit code $code"; return 1; }
    ! grep -q SLF4J "$work/err" || { cat "$work/err"; return 1; }
    rest=$(grep -v -e '^WARNING: Using incubator modules' "$work/err")
    [ "$(printf '%s\n' "$rest" | wc -l)" -eq 1 ] && printf '%s' "$rest" | grep -q "field 'dataset.noise'" ||
        { cat "$work/err"; return 1; }
}
check "a failed training run prints its error alone (no SLF4J lines)" error_alone

echo "product tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
