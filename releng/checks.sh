# Sourced by the product's test scripts (releng/product-tests.sh, releng/slurm-tests.sh): one line per check.
# Needs $work (a scratch folder); counts into $passed and $failed.
passed=0 failed=0
check() { # check NAME COMMAND...: passes when the command succeeds; a failure shows the end of its output
    name=$1; shift
    if "$@" >"$work/out" 2>&1; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     | /' "$work/out" | tail -n 15
    fi
}
