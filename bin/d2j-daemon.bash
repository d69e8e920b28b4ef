# shellcheck shell=bash
# Sourced by bin/d2j-dhcp-ddns and bin/d2j-dhcp4 (not a program of its own): how both daemons'
# launchers start their JVM. No programs run before java (no dirname, ls, grep): each fork and exec
# was a start-up cost, tens of milliseconds on a loaded host (issue 14).
#
#   d2j_daemon MODULE PROGRAM MAIN-CLASS "JVM-OPTIONS" ARGS...
#
# The class path is the module's jar and its target/lib (the module is built first if it is not).
# Class-data sharing (issue 14): the archive scripts/cds-archives.sh made for these jars,
# target/cds/PROGRAM.jsa, is used while it is newer than the module's jar (a rebuild makes it
# stale; the JVM itself also refuses one whose jars changed); D2J_CDS_DUMP=FILE writes one at exit
# (the trainer's run). The class path as one jar (kea-control's ClassPathJar),
# target/cds/PROGRAM.jar, which scripts/cds-archives.sh makes before the archive, is used while it
# is newer than every jar it was made of and than target/lib (a jar renamed into place or removed
# dates the directory, whatever the jar's own mtime); D2J_JAR_DUMP=FILE writes it (the trainer's
# first step). D2J_CDS=off starts without either; D2J_CDS_DIR replaces target/cds.
d2j_root=${BASH_SOURCE[0]%/*}
[[ "$d2j_root" == "${BASH_SOURCE[0]}" ]] && d2j_root=.
d2j_root="$(cd "$d2j_root/.." && pwd)"

# Sets jar to MODULE's jar: the first MODULE-*.jar in its target/ that is not a -sources or -tests
# jar (empty if none).
d2j_module_jar() {
  local f
  jar=
  for f in "$d2j_root/$1/target/$1"-*.jar; do
    case "$f" in
      *-sources.jar | *-tests.jar) ;;
      *) [[ -e "$f" ]] && jar=$f && return ;;
    esac
  done
  return 0 # none: the caller builds the module (a failed test above must not end it under set -e)
}

d2j_daemon() {
  local module=$1 program=$2 main=$3 opts=$4 jar f
  shift 4
  local lib="$d2j_root/$module/target/lib"
  d2j_module_jar "$module"
  if [[ -z "$jar" || ! -d "$lib" ]]; then
    echo "$program: building $module first (mvn package)..." >&2
    (cd "$d2j_root" && mvn -q -B -pl "$module" -am package -DskipTests -Dspotless.check.skip=true) >&2
    d2j_module_jar "$module"
    [[ -n "$jar" ]] || exit 1
  fi
  local classpath="$jar:$lib/*"
  if [[ -n "${D2J_JAR_DUMP:-}" ]]; then
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classpath" \
      io.d2j.keacontrol.cli.ClassPathJar "$D2J_JAR_DUMP"
  fi
  local cds_dir="${D2J_CDS_DIR:-$d2j_root/target/cds}"
  local one="$cds_dir/$program.jar" archive="$cds_dir/$program.jsa"
  if [[ "${D2J_CDS:-}" != off && -s "$one" && "$one" -nt "$jar" && ! "$lib" -nt "$one" ]]; then
    classpath=$one
    for f in "$lib"/*.jar; do
      if [[ "$f" -nt "$one" ]]; then
        classpath="$jar:$lib/*"
        break
      fi
    done
  fi
  local cds=()
  if [[ -n "${D2J_CDS_DUMP:-}" ]]; then
    cds=("-XX:ArchiveClassesAtExit=$D2J_CDS_DUMP" -Xlog:cds=off -Xlog:cds+dynamic=off)
  elif [[ "${D2J_CDS:-}" != off && -s "$archive" && "$archive" -nt "$jar" ]]; then
    cds=("-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  # shellcheck disable=SC2086 # the options are words
  exec java "${cds[@]}" $opts -cp "$classpath" "$main" "$@"
}
