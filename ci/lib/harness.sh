# shellcheck shell=bash
# Sourced by ci/conformance and ci/bench-suite (after ci/lib/jdk.sh): starts the harness's JVM the way users get it.
#   harness_java ARGS...   java ... -jar conformance/target/greeter-conformance.jar ARGS; its exit status
#   harness_exec ARGS...   the same as the script's last command: the JVM replaces the shell (signals reach it) unless
#                          this run makes the cache
#   harness_cached         status 0 when the start-up cache is current for the jar, its libraries and this JDK
#   harness_train ARGS...  a run of ARGS that records what the JVM loads, then makes the cache from it (status 0/1 only)
# Why (issue 22, a run of the whole TCP suite <= 10 s on 2 cores):
# - C1 only (-XX:TieredStopAtLevel=1). The harness waits on containers far more than it computes; C2's threads took
#   about 2.2 s of CPU of a 10 s run (per-thread /proc times), CPU that the holders and the implementations under test
#   on the same 2 cores were waiting for. The probe agent in the holders runs C1 only for the same reason.
# - An AOT cache (JDK 25: -XX:AOTMode=record, then create; JEPs 483, 514, 515): picocli, Testcontainers, docker-java
#   and Jackson's classes loaded and linked ahead, about 6 000 classes a run that otherwise load one by one while the
#   labs start, and 600 more (Jackson, XML) while the reports are written. It is made from a real run, the first after
#   the jar, a library or the JDK changed: that run records (-XX:AOTMode=record), and if it judged (status 0 or 1)
#   the cache is made from the record (3 s of CPU, said on stderr). A cache that is not current is not passed, and the
#   JVM checks it again itself (jars' sizes and times): one it refuses is ignored quietly.
# GREETER_HARNESS_AOT=0 runs without the cache (and makes none), for comparisons.
readonly harness_jar="$PWD/conformance/target/greeter-conformance.jar"
readonly harness_cache="$PWD/conformance/target/greeter-conformance.aot"
# The JDK the cache was made with: a cache is only for the JVM that made it.
readonly harness_cache_jdk="$harness_cache.jdk"
harness_jvm=(-XX:TieredStopAtLevel=1 '-Xlog:aot*=off,cds*=off' -XX:+DisplayVMOutputToStderr)

harness_cached() {
  [ -f "$harness_cache" ] && [ -f "$harness_cache_jdk" ] && [ "$(cat "$harness_cache_jdk")" = "$JAVA_HOME" ] || return 1
  [ -z "$(find "$harness_jar" "$(dirname "$harness_jar")/lib" "$JAVA_HOME/release" "$JAVA_HOME/lib/modules" \
    -newer "$harness_cache" -print -quit 2>/dev/null)" ]
}

harness_train() {
  local conf status
  conf=$(mktemp -t greeter-conformance-aot.XXXXXX)
  # The JVM says "AOTConfiguration recorded" at exit (on stderr with DisplayVMOutputToStderr): not the harness's words.
  java "${harness_jvm[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$conf" -jar "$harness_jar" "$@" \
    2> >(grep -v '^ *AOTConfiguration recorded: ' >&2)
  status=$?
  if [ "$status" -le 1 ]; then
    local made="$harness_cache.$$"
    if java "${harness_jvm[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$made" -jar "$harness_jar" \
      >/dev/null 2>&1; then
      # Atomic: another run at the same time reads the old cache or the new one, never half of one.
      printf '%s' "$JAVA_HOME" >"$harness_cache_jdk" && mv "$made" "$harness_cache"
      echo "conformance: made the harness's start-up cache from this run (${harness_cache#"$PWD/"}): later runs start faster" >&2
    else
      rm -f "$made"
      echo "conformance: could not make the harness's start-up cache (the run's verdicts stand)" >&2
    fi
  fi
  rm -f "$conf"
  return "$status"
}

# Whether ARGS judge anything: help, the version and merging load too little of the harness to make a cache from.
harness_judges() {
  local a
  [ "${1:-}" != merge ] || return 1
  for a in "$@"; do
    case $a in -h | --help | -V | --version) return 1 ;; esac
  done
}

harness_java() {
  if [ "${GREETER_HARNESS_AOT:-1}" = 0 ] || { ! harness_cached && ! harness_judges "$@"; }; then
    java "${harness_jvm[@]}" -jar "$harness_jar" "$@"
  elif harness_cached; then
    java "${harness_jvm[@]}" -XX:AOTCache="$harness_cache" -jar "$harness_jar" "$@"
  else
    harness_train "$@"
  fi
}

harness_exec() {
  if [ "${GREETER_HARNESS_AOT:-1}" = 0 ] || { ! harness_cached && ! harness_judges "$@"; }; then
    exec java "${harness_jvm[@]}" -jar "$harness_jar" "$@"
  elif harness_cached; then
    exec java "${harness_jvm[@]}" -XX:AOTCache="$harness_cache" -jar "$harness_jar" "$@"
  fi
  harness_train "$@"
  exit
}
