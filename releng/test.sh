#!/usr/bin/env bash
# The test command of README.md, from a fresh Debian machine: installs the Debian packages the tests need (as root;
# otherwise names them and stops), finds Java 21 or newer, builds everything, runs every bundle's tests (UI tests
# under Xvfb), then the tests of the built product (releng/product-tests.sh), and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

# GTK 3 and fonts for SWT, Xvfb (and xauth for xvfb-run) for the UI tests, unzip for the product tests, Slurm and
# MUNGE for the slurm engine's tests on a single-node cluster (releng/slurm-tests.sh starts and stops it).
packages="xvfb xauth libgtk-3-0 fonts-dejavu-core unzip slurm-wlm munge"
missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done | paste -sd' ' -)
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "test: missing Debian packages: $missing; install them (sudo apt-get install $missing) or run this as root" >&2
        exit 1
    fi
    echo "test: installing $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Java 21 or newer (Tycho 5 needs it): JAVA_HOME, then Temurin 25, then any JDK in /usr/lib/jvm.
java_major() { "$1/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9][0-9]*\).*/\1/p'; }
jdk=
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        jdk=$candidate
        break
    fi
done
if [ -z "$jdk" ]; then
    echo "test: no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm/*); install one, e.g. apt-get install openjdk-21-jdk-headless, or set JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"

status=0
# As root the packages are there: the Slurm tests must run (a cluster that cannot start fails them).
[ "$(id -u)" -eq 0 ] && export OPTLAB_REQUIRE_SLURM=1
{ xvfb-run -a ./mvnw -B -ntp verify && releng/product-tests.sh && releng/slurm-tests.sh; } || status=$?

# One closing line over all test reports (plain shell: a fresh machine may lack python).
tests=0 failed=0 skipped=0
for report in bundles/*/target/surefire-reports/TEST-*.xml examples/*/target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    header=$(grep -m1 -o '<testsuite [^>]*>' "$report")
    attr() { echo "$header" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    tests=$((tests + $(attr tests))); skipped=$((skipped + $(attr skipped)))
    failed=$((failed + $(attr failures) + $(attr errors)))
done
echo "bundle tests: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
exit $status
