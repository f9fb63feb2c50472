#!/usr/bin/env bash
# Regenerates META-INF/MANIFEST.MF from the jars in lib/ (run `../../mvnw generate-resources` here first).
# Bundle-ClassPath names every jar; Export-Package exports the ND4J API packages (nd4j-api, nd4j-common), the only
# ND4J types other bundles may name, and DL4J's nn packages (the peer of `optlab bench training`; DL4J shares ND4J's
# class loader, so it lives in this bundle). Everything else (backend, JavaCPP, OpenBLAS) stays private.
set -euo pipefail
cd "$(dirname "$0")"
jars=$(ls lib/*.jar | sort)
exports=$(for j in lib/nd4j-api-*.jar lib/nd4j-common-*.jar lib/deeplearning4j-nn-*.jar; do unzip -Z1 "$j"; done | grep '\.class$' \
  | grep -v '^META-INF/' | sed 's|/[^/]*$||; s|/|.|g' | sort -u)
{
  echo "Manifest-Version: 1.0"
  echo "Bundle-ManifestVersion: 2"
  echo "Bundle-Name: ND4J CPU backend and DL4J nn (wrapped)"
  echo "Bundle-SymbolicName: org.optlab.nd4j"
  echo "Bundle-Version: 0.1.0.qualifier"
  echo "Bundle-Vendor: OptLab"
  echo "Bundle-RequiredExecutionEnvironment: JavaSE-21"
  echo "Bundle-Activator: org.optlab.nd4j.internal.Nd4jActivator"
  echo "Bundle-ActivationPolicy: lazy"
  echo "Eclipse-BundleShape: dir"
  echo "Import-Package: org.osgi.framework;version=\"[1.8,2)\","
  echo " sun.misc;resolution:=optional"
  echo "Bundle-ClassPath: .,"
  echo "$jars" | sed 's/^/ /; s/$/,/' | sed '$ s/,$//'
  echo "Export-Package: org.optlab.nd4j,"
  echo "$exports" | sed 's/^/ /; s/$/,/' | sed '$ s/,$//'
} > META-INF/MANIFEST.MF
