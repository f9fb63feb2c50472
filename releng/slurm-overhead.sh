#!/usr/bin/env bash
# What Slurm adds per trial on a single-node cluster started on this machine (root, slurm-wlm and munge installed):
# a surface sweep of N trials (milliseconds each), one trial per array task, run through the slurm engine, against
# the same sweep's trials run by `optlab sweep trials DIR INDEX` one after another without Slurm (the JVM's start and
# the trial: what a task does). Prints, from the files' modification times:
#   submit_to_first_s   jobs.json written (sbatch returned) -> the first trial.json
#   per_task_s          (last trial.json - jobs.json) / (tasks / CPUs): one task's share of the wall time
#   direct_task_s       the same share when the tasks' command (optlab sweep trials DIR INDEX) runs without Slurm,
#                       as many at once as there are CPUs
# Usage: releng/slurm-overhead.sh [N]   (default 16; after ./mvnw verify)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-16}
archive=$(ls "$root"/product/target/products/optlab-*-linux.gtk.x86_64.tar.gz | head -n 1)
work=$(mktemp -d)
trap '"$root/releng/slurm-cluster.sh" stop "$work/cluster"; rm -rf "$work"' EXIT
"$root/releng/slurm-cluster.sh" start "$work/cluster"
export SLURM_CONF=$work/cluster/slurm.conf
mkdir -p "$work/product" && tar xzf "$archive" -C "$work/product"
optlab=$work/product/optlab/optlab
cat > "$work/sweep.json" <<JSON
{"name": "overhead", "experiment": {"name": "r", "surface": {"id": "rosenbrock"}, "steps": 100},
 "optimizers": [{"id": "adam", "search": {"lr": {"log": [1e-3, 1e-1], "points": $n}}}],
 "objective": {"metric": "final_loss"}}
JSON
"$optlab" sweep "$work/sweep.json" --out "$work/slurm" --engine slurm --trials-per-task 1 >/dev/null 2>&1
mtime() { stat -c %.6Y "$1"; }
submitted=$(mtime "$work/slurm/slurm/jobs.json")
ends=$(find "$work/slurm/trials" -name trial.json -exec stat -c %.6Y {} + | sort -n)
first=$(echo "$ends" | head -n 1)
last=$(echo "$ends" | tail -n 1)
cpus=$(nproc)
# the same trials, each in its own optlab process as a task runs it, as many at once as there are CPUs
cp -r "$work/slurm" "$work/direct" && rm "$work"/direct/trials/*/trial.json
start=$(date +%s.%N)
seq 0 $((n - 1)) | xargs -P "$(nproc)" -I{} "$optlab" sweep trials "$work/direct" {} >/dev/null 2>&1
end=$(date +%s.%N)
awk -v s="$submitted" -v f="$first" -v l="$last" -v n="$n" -v c="$cpus" -v a="$start" -v b="$end" 'BEGIN {
    printf "{\"trials\": %d, \"cpus\": %d, \"submit_to_first_s\": %.2f, \"per_task_s\": %.2f, \"direct_task_s\": %.2f}\n",
        n, c, f - s, (l - s) / (n / c), (b - a) / (n / c) }'
