#!/usr/bin/env bash
# Regenerates Bundle-ClassPath and Export-Package of a bundle that wraps jars from Maven Central (org.optlab.nd4j,
# org.optlab.bench.dl4j). The jars themselves are listed in one place, the bundle's pom.xml (maven-dependency-plugin
# copies them into lib/); this script writes what the manifest must say about them:
#   releng/wrap-jars.sh BUNDLE_DIR 'JAR_GLOB...'   (run `../../mvnw -o generate-resources` in BUNDLE_DIR first)
# Every jar of lib/ goes on Bundle-ClassPath; the packages of the jars matching the globs are exported (after the
# bundle's own packages, kept from the manifest). The headers before Bundle-ClassPath are kept as they are.
# The bundle's tests check that Bundle-ClassPath names exactly the jars in lib/.
set -euo pipefail
dir=$1; shift
manifest="$dir/META-INF/MANIFEST.MF"
head=$(sed '/^Bundle-ClassPath:/,$d' "$manifest")
own=$(sed -n '/^Export-Package:/,$p' "$manifest" | sed 's/^Export-Package://; s/^ //; s/,$//' | grep '^org\.optlab' || true)
jars=$(cd "$dir" && ls lib/*.jar | sort)
exports=$(cd "$dir" && for glob in "$@"; do for j in $glob; do unzip -Z1 "$j"; done; done | grep '\.class$' \
  | grep -v '^META-INF/' | grep '/' | sed 's|/[^/]*$||; s|/|.|g' | sort -u)
{
  echo "$head"
  echo "Bundle-ClassPath: $( [ -f "$dir/src" ] || [ -d "$dir/src" ] && echo ".," )"
  echo "$jars" | sed 's/^/ /; s/$/,/' | sed '$ s/,$//'
  echo "Export-Package: $( (echo "$own"; echo "$exports") | grep -v '^$' | head -n 1),"
  (echo "$own"; echo "$exports") | grep -v '^$' | tail -n +2 | sed 's/^/ /; s/$/,/' | sed '$ s/,$//'
} > "$manifest"
