# shellcheck shell=bash
# Sourced by the ci/ scripts: finds a JDK 25 or later and exports JAVA_HOME (and puts its bin first on PATH),
# so that ./mvnw, java and jlink all use it. JAVA_HOME is taken if it is 25+; otherwise the newest 25+ JDK
# under /usr/lib/jvm. Without one it stops the script with one line saying what to install, status 2.
# Nothing falls back to an older JDK: the app is compiled with --release 25 (FFM, the AOT cache).
readonly GREETER_JDK_FEATURE=25

# Prints the feature version of the JDK at $1 (from its release file), or nothing.
jdk_feature_version() {
  local jv_version=""
  [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  jv_version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*"$/\1/p' "$1/release")
  printf '%s' "$jv_version"
}

jdk_find() {
  local jf_candidate jf_version jf_best="" jf_best_version=0
  if [ -n "${JAVA_HOME:-}" ]; then
    jf_version=$(jdk_feature_version "$JAVA_HOME")
    if [ -n "$jf_version" ] && [ "$jf_version" -ge "$GREETER_JDK_FEATURE" ]; then
      printf '%s' "$JAVA_HOME"
      return 0
    fi
  fi
  for jf_candidate in /usr/lib/jvm/*; do
    [ -d "$jf_candidate" ] && [ ! -L "$jf_candidate" ] || continue
    jf_version=$(jdk_feature_version "$jf_candidate")
    if [ -n "$jf_version" ] && [ "$jf_version" -ge "$GREETER_JDK_FEATURE" ] && [ "$jf_version" -gt "$jf_best_version" ]; then
      jf_best=$jf_candidate
      jf_best_version=$jf_version
    fi
  done
  [ -n "$jf_best" ] || return 1
  printf '%s' "$jf_best"
}

if ! greeter_jdk=$(jdk_find); then
  echo "$(basename "$0"): no JDK ${GREETER_JDK_FEATURE}+ found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*); install one, e.g. Temurin ${GREETER_JDK_FEATURE} (apt-get install temurin-${GREETER_JDK_FEATURE}-jdk), or set JAVA_HOME to it" >&2
  exit 2
fi
export JAVA_HOME="$greeter_jdk"
export PATH="$JAVA_HOME/bin:$PATH"
