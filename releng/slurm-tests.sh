#!/usr/bin/env bash
# Tests of the slurm engine against a real Slurm: starts a single-node cluster on this machine
# (releng/slurm-cluster.sh), runs sweeps of the built product through it and compares them with the local engine's,
# and stops the daemons again, also when a check fails or the script is interrupted.
# Prints one line per check and "slurm tests: N passed, M failed"; exits 1 when any failed.
# Where Slurm cannot start, says why and skips ("slurm tests: skipped: ..."), unless OPTLAB_REQUIRE_SLURM=1 (CI as
# root, where it must run): then that is a failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$(ls "$root"/product/target/products/optlab-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -n 1)
if [ -z "$archive" ]; then
    echo "slurm tests: build first (./mvnw verify): no product archive" >&2
    exit 1
fi
work=$(mktemp -d)
cluster=$work/cluster
cleanup() {
    "$root/releng/slurm-cluster.sh" stop "$cluster"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# MaxArraySize 21: the 2,000-trial sweep below must be cut into arrays that fit (Slurm refuses larger ones)
if ! reason=$(SLURM_MAX_ARRAY_SIZE=21 "$root/releng/slurm-cluster.sh" start "$cluster" 2>&1); then
    if [ "${OPTLAB_REQUIRE_SLURM:-0}" = 1 ]; then
        echo "FAIL the test cluster starts"; echo "     | $reason"
        echo "slurm tests: 0 passed, 1 failed"
        exit 1
    fi
    echo "slurm tests: skipped: $reason"
    exit 0
fi
export SLURM_CONF=$cluster/slurm.conf
mkdir -p "$work/product" && tar xzf "$archive" -C "$work/product"
optlab=$work/product/optlab/optlab

# shellcheck source=releng/checks.sh
. "$root/releng/checks.sh"
# results.csv without its seconds column (7): what must be equal whatever the engine
results() { cut -d, -f1-6,8- "$1/results.csv"; }
same_results() { diff <(results "$1") <(results "$2"); }
first_job() { sed -n 's/.*"job" : "\([0-9]*\)".*/\1/p' "$1/slurm/jobs.json" | head -n 1; }
trials_jobs() { grep -c '"kind" : "trials"' "$1/slurm/jobs.json"; }
in_queue() { [ -n "$(squeue --noheader --format %i --jobs "$1" 2>/dev/null)" ]; }
wait_gone() { # wait_gone DIR SECONDS: until no job of the sweep is in the queue
    for _ in $(seq 1 $(($2 * 2))); do
        "$optlab" sweep status "$1" 2>/dev/null | grep -q 'in the queue: none' && return 0
        sleep 0.5
    done
    return 1
}

cat > "$work/stability.json" <<'JSON'
{"name": "stability", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 200},
 "optimizers": [{"id": "momentum", "search": {"lr": {"log": [1e-4, 1e-2], "points": 4},
                                              "momentum": [0.5, 0.9, 0.99]}}],
 "objective": {"metric": "final_loss"}}
JSON
cat > "$work/blobs.json" <<'JSON'
{"name": "blobs", "experiment": {"name": "b", "dataset": {"id": "blobs"}, "model": {"id": "softmax"},
  "epochs": 1, "batch_size": 50},
 "optimizers": [{"id": "sgd", "search": {"lr": [0.01, 0.1, 1]}}, {"id": "adam", "search": {"lr": [0.01]}}],
 "objective": {"metric": "final_train_loss"}, "seeds": [1, 2]}
JSON
# 40 x 50 = 2,000 momentum settings raced on Rosenbrock
cat > "$work/big.json" <<'JSON'
{"name": "big", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 100},
 "optimizers": [{"id": "momentum", "search": {"lr": {"log": [1e-5, 1e-2], "points": 40},
                                              "momentum": {"linear": [0, 0.98], "points": 50}}}],
 "objective": {"metric": "final_loss"}}
JSON

"$optlab" sweep "$work/stability.json" --out "$work/stability-local" >/dev/null 2>&1
"$optlab" sweep "$work/blobs.json" --out "$work/blobs-local" >/dev/null 2>&1

surface_sweep() {
    "$optlab" sweep "$work/stability.json" --out "$work/stability-slurm" --engine slurm --trials-per-task 4 &&
        [ -f "$work/stability-slurm/stability-momentum.png" ] &&
        grep -q -- '--array=0-2$' "$work/stability-slurm/slurm/sweep.sbatch" &&
        same_results "$work/stability-slurm" "$work/stability-local"
}
check "a two-axis surface sweep through Slurm equals the local engine's" surface_sweep

training_sweep() {
    "$optlab" sweep "$work/blobs.json" --out "$work/blobs-slurm" --engine slurm --max-parallel 2 &&
        [ "$(grep -c ',finished,' "$work/blobs-slurm/results.csv")" -eq 8 ] &&
        grep -q -- '--array=0-3%2$' "$work/blobs-slurm/slurm/sweep.sbatch" &&
        same_results "$work/blobs-slurm" "$work/blobs-local"
}
check "a training sweep (tune and seeds phases) through Slurm equals the local engine's" training_sweep

cancelled_task() {
    dir=$work/blobs-cancel
    "$optlab" sweep "$work/blobs.json" --out "$dir" --engine slurm --trials-per-task 2 >"$work/cancel.log" 2>&1 &
    sweep=$!
    for _ in $(seq 1 120); do [ -f "$dir/slurm/jobs.json" ] && break; sleep 0.25; done
    job=$(first_job "$dir")
    for _ in $(seq 1 240); do
        squeue --noheader --array --format '%i %T' --jobs "$job" 2>/dev/null | grep -q "^${job}_0 RUNNING" && break
        sleep 0.1
    done
    scancel "${job}_0" || return 1
    wait "$sweep" || { cat "$work/cancel.log"; return 1; }
    [ "$(trials_jobs "$dir")" -ge 2 ] || { echo "no array resubmitted"; return 1; }
    grep -q CANCELLED "$dir/slurm/logs/${job}_0.out" || { echo "task ${job}_0 was not cancelled"; return 1; }
    same_results "$dir" "$work/blobs-local"
}
check "an array task cancelled with scancel is resubmitted and the sweep completes" cancelled_task

detached() {
    dir=$work/blobs-detach
    "$optlab" sweep "$work/blobs.json" --out "$dir" --engine slurm --detach >"$work/detach.log" 2>&1 || return 1
    grep -q "submitted" "$work/detach.log" || return 1
    "$optlab" sweep status "$dir" | grep -q "in the queue: [1-9]" || return 1
    "$optlab" sweep report "$dir" || return 1
    [ -f "$dir/report.json" ] || return 1
    # meanwhile the local engine must not take it on (it would run the queued trials twice)
    if "$optlab" sweep --out "$dir" --resume --engine local >"$work/twice.out" 2>&1; then
        echo "the local engine resumed a sweep whose Slurm jobs were queued"; return 1
    fi
    grep -q "still has trials on the slurm engine" "$work/twice.out" || { cat "$work/twice.out"; return 1; }
    "$optlab" sweep cancel "$dir" | grep -q "cancelled job" || return 1
    job=$(first_job "$dir")
    ! in_queue "$job" || { echo "job $job is still in the queue"; return 1; }
    "$optlab" sweep status "$dir" | grep -q "in the queue: none"
}
check "--detach, then status, report and cancel (no job left in squeue)" detached

resumed_locally() {
    # the detached sweep cancelled above, resumed with the other engine
    "$optlab" sweep --out "$work/blobs-detach" --resume --engine local &&
        same_results "$work/blobs-detach" "$work/blobs-local"
}
check "a sweep started on Slurm is resumed with the local engine" resumed_locally

detached_through() {
    dir=$work/stability-detach
    "$optlab" sweep "$work/stability.json" --out "$dir" --engine slurm --detach --trials-per-task 6 &&
        wait_gone "$dir" 120 && [ -f "$dir/report.json" ] && same_results "$dir" "$work/stability-local"
}
check "a detached sweep goes on by itself to its report" detached_through

big_sweep() {
    dir=$work/big
    "$optlab" sweep "$work/big.json" --out "$dir" --engine slurm --trials-per-task 50 || return 1
    [ "$(grep -c ',finished,\|,diverged,' "$dir/results.csv")" -eq 2000 ] || return 1
    # 40 tasks of 50 would exceed MaxArraySize 21 (task ids 0-20): 21 tasks of up to 96
    grep -q -- '--array=0-20$' "$dir/slurm/sweep.sbatch" && [ "$(wc -l < "$dir/slurm/tasks-1.txt")" -eq 21 ] &&
        [ "$(wc -w < "$dir/slurm/tasks-1.txt")" -eq 2000 ]
}
check "a 2,000-trial sweep fits the cluster's MaxArraySize (21 here)" big_sweep

rejected() {
    if "$optlab" sweep "$work/blobs.json" --out "$work/rejected" --engine slurm --partition nosuch \
        >"$work/rejected.out" 2>&1; then
        echo "succeeded with a partition the cluster lacks"; return 1
    fi
    # the last line says it (the lines before it are the progress of the sweep)
    tail -n 1 "$work/rejected.out" | grep -q "^optlab: sbatch refused the job: .*partition.*nosuch" ||
        { cat "$work/rejected.out"; return 1; }
}
check "a rejected submission is one line relaying Slurm's message" rejected

unknown_option() {
    ! "$optlab" sweep "$work/blobs.json" --out "$work/local-partition" --partition gpu >"$work/o" 2>&1 &&
        grep -q "engine.partition: the local engine has no such option" "$work/o"
}
check "a slurm option on the local engine is refused" unknown_option

echo "slurm tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
