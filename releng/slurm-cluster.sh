#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for the tests of the slurm engine (releng/slurm-tests.sh).
#   releng/slurm-cluster.sh start DIR   writes DIR/slurm.conf, starts munged (when none runs), slurmctld and slurmd,
#                                       waits for the node to be idle; then: export SLURM_CONF=DIR/slurm.conf
#   releng/slurm-cluster.sh stop DIR    stops the daemons it started (scontrol shutdown, then munged by its pid)
# Needs root and Debian's slurm-wlm and munge. Exits 1 with one line when the cluster cannot start.
# SLURM_MAX_ARRAY_SIZE sets the cluster's MaxArraySize (Slurm's default: 1001).
set -uo pipefail
action=${1:-}
dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
conf=$dir/slurm.conf

start() {
    for tool in munged slurmctld slurmd sbatch; do
        command -v "$tool" >/dev/null 2>&1 || { echo "slurm: $tool is not installed (apt-get install slurm-wlm munge)"; return 1; }
    done
    [ "$(id -u)" -eq 0 ] || { echo "slurm: starting the test cluster needs root"; return 1; }
    mkdir -p "$dir"/state "$dir"/spool "$dir"/log
    host=$(hostname -s)
    # Slurm counts memory in MiB; leave the machine a quarter of what it has.
    memory=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 3 / 4 }' /proc/meminfo)
    cat > "$conf" <<CONF
ClusterName=optlab-test
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SchedulerParameters=sched_interval=1
MinJobAge=300
MaxArraySize=${SLURM_MAX_ARRAY_SIZE:-1001}
NodeName=$host CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    if ! pgrep -x munged >/dev/null; then
        mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
        runuser -u munge -- /usr/sbin/munged || { echo "slurm: munged did not start"; return 1; }
        touch "$dir/munged.started"
    fi
    slurmctld -f "$conf" || { echo "slurm: slurmctld did not start (see $dir/log/slurmctld.log)"; return 1; }
    slurmd -f "$conf" || { echo "slurm: slurmd did not start (see $dir/log/slurmd.log)"; return 1; }
    for _ in $(seq 1 60); do
        state=$(SLURM_CONF=$conf sinfo -h -N -o '%T' 2>/dev/null | head -n 1)
        [ "$state" = idle ] && return 0
        sleep 0.5
    done
    echo "slurm: the node is not idle after 30 s (state: ${state:-none}; see $dir/log)"
    return 1
}

stop() {
    [ -f "$conf" ] && SLURM_CONF=$conf scontrol shutdown >/dev/null 2>&1
    for pidfile in "$dir/slurmctld.pid" "$dir/slurmd.pid"; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null
    done
    if [ -f "$dir/munged.started" ]; then
        pkill -x munged
        for _ in $(seq 1 20); do pgrep -x munged >/dev/null || break; sleep 0.25; done
        rm -f "$dir/munged.started"
    fi
    return 0
}

case $action in
    start) start || exit 1 ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
