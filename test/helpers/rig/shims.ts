// systemd cannot run in a container, so each node gets small stateful POSIX sh shims for
// `systemctl` and `sudo` on its PATH. They record every call and keep unit state in
// files, so `is-active` tells the truth after a restart the product asked for. The state
// dir is baked in (not only taken from the environment) so that calls keep working when
// the product runs them with a cleaned environment.

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

export function sudoShim(stateDir: string): string {
  return `#!/bin/sh
# sudo shim (Oyster test rig): record, drop -n (never prompt: there is no password), run.
# While $STATE/sudo.password exists the user has no NOPASSWD: -n fails at once as sudo's does;
# without -n it prompts and waits on stdin, as sudo on a terminal would.
STATE=${shQuote(stateDir)}
echo "sudo $*" >> "$STATE/calls.log"
if [ -f "$STATE/sudo.password" ]; then
  if [ "$1" = "-n" ]; then echo "sudo: a password is required" >&2; exit 1; fi
  printf '[sudo] password for %s: ' "$(id -un)" >&2
  read -r _password && echo "Sorry, try again." >&2
  exit 1
fi
if [ "$1" = "-n" ]; then shift; fi
if [ $# -eq 0 ]; then echo "usage: sudo -n command [args...]" >&2; exit 1; fi
exec "$@"
`;
}

export function systemctlShim(stateDir: string, nodeName: string, unitDir: string): string {
  return `#!/bin/sh
# systemctl shim (Oyster test rig, ${nodeName}). State per unit in $STATE/units/<unit>
# (active|inactive|failed); <unit>.broken makes start/restart fail; <unit>.enabled holds
# enabled|disabled. A unit is known when its state file exists or its unit file was installed
# into the node's unit dir (install-daemon); a unit known only by its file starts out
# inactive and disabled, as a freshly installed one does. start/restart append to
# <unit>.journal what journalctl shows. While <unit>.hold exists, start/restart wait (showing
# <unit>.held) until the test removes it: how a test sees restarts in flight, without timing.
STATE=${shQuote(stateDir)}
UNITS="$STATE/units"
UNITDIR=${shQuote(unitDir)}
echo "systemctl $*" >> "$STATE/calls.log"

# Options may come anywhere; rotate the arguments so "$@" ends up holding only the units.
verb=""; quiet=0; props=""; n=$#; i=0
while [ $i -lt $n ]; do
  a=$1; shift; i=$((i + 1))
  case $a in
    -q|--quiet) quiet=1 ;;
    --property=*) props=\${a#--property=} ;;
    -*) ;;
    *) if [ -z "$verb" ]; then verb=$a; else set -- "$@" "\${a%.service}"; fi ;;
  esac
done

known() {
  case $1 in ''|*/*|*.broken|*.enabled|*.journal|*.hold|*.held|*.tmp.*) return 1 ;; esac
  [ -f "$UNITS/$1" ] || [ -f "$UNITDIR/$1.service" ]
}
enabled_state() {
  if [ -f "$UNITS/$1.enabled" ]; then read -r e < "$UNITS/$1.enabled"
  elif [ -f "$UNITS/$1" ]; then e=enabled
  else e=disabled; fi
  echo "$e"
}
journal() { echo "Dec 01 00:00:00 ${nodeName} systemd[1]: $2" >> "$UNITS/$1.journal"; }
state() {
  s=inactive
  if known "$1"; then read -r s < "$UNITS/$1" || s=inactive; fi
  echo "$s"
}
# show: is this property asked for (all are when --property= is not given)?
want() { [ -z "$props" ] && return 0; case ",$props," in *",$1,"*) return 0 ;; esac; return 1; }
# Write via rename: the file may have been created by the rig as another user.
put() { printf '%s\\n' "$2" > "$UNITS/$1.tmp.$$" && mv -f "$UNITS/$1.tmp.$$" "$UNITS/$1"; }

if [ -z "$verb" ]; then echo "systemctl shim: no verb" >&2; exit 1; fi
case $verb in daemon-reload|daemon-reexec) exit 0 ;; esac
if [ $# -eq 0 ]; then echo "Too few arguments." >&2; exit 1; fi

rc=0
for u in "$@"; do
  case $verb in
    is-active)
      s=$(state "$u")
      [ $quiet -eq 1 ] || echo "$s"
      [ "$s" = active ] || rc=3 ;;
    start|restart|try-restart|reload-or-restart)
      if [ -f "$UNITS/$u.hold" ]; then
        : > "$UNITS/$u.held"
        while [ -f "$UNITS/$u.hold" ]; do sleep 0.02; done
        rm -f "$UNITS/$u.held"
      fi
      if ! known "$u"; then
        echo "Failed to $verb $u.service: Unit $u.service not found." >&2; rc=5
      elif [ -f "$UNITS/$u.broken" ]; then
        put "$u" failed
        journal "$u" "$u.service: Main process exited, code=exited, status=1/FAILURE"
        journal "$u" "$u.service: Failed with result 'exit-code'."
        journal "$u" "Failed to start $u.service."
        echo "Job for $u.service failed because the control process exited with error code." >&2
        echo "See \\"systemctl status $u.service\\" and \\"journalctl -xeu $u.service\\" for details." >&2
        rc=1
      else
        put "$u" active
        journal "$u" "Started $u.service."
      fi ;;
    stop)
      if known "$u"; then put "$u" inactive
      else echo "Failed to stop $u.service: Unit $u.service not loaded." >&2; rc=5; fi ;;
    status)
      if ! known "$u"; then echo "Unit $u.service could not be found." >&2; rc=4; continue; fi
      s=$(state "$u")
      case $s in
        active) dot="●"; line="active (running)" ;;
        failed) dot="×"; line="failed (Result: exit-code)"; rc=3 ;;
        *) dot="○"; line="inactive (dead)"; rc=3 ;;
      esac
      e=$(enabled_state "$u")
      echo "$dot $u.service - $u (oyster rig shim on ${nodeName})"
      echo "     Loaded: loaded (/etc/systemd/system/$u.service; $e; preset: enabled)"
      echo "     Active: $line"
      echo "   Main PID: 4242 ($u)" ;;
    enable|disable)
      if known "$u"; then put "$u.enabled" "\${verb}d"
      else echo "Failed to $verb unit: Unit file $u.service does not exist." >&2; rc=1; fi ;;
    is-enabled)
      if ! known "$u"; then
        echo "Failed to get unit file state for $u.service: No such file or directory" >&2; rc=1; continue
      fi
      e=$(enabled_state "$u")
      [ $quiet -eq 1 ] || echo "$e"
      [ "$e" = enabled ] || rc=1 ;;
    show)
      # Blocks of Key=Value, one per unit, a blank line between, as systemd prints them; only
      # the --property= list when given. No subshells unless a property needs one: the guardian
      # runs this on every node every run, and a fork costs more than the rest of the shim.
      # Times come from the state file's mtime, i.e. the last state change.
      load=not-found; s=inactive
      if known "$u"; then load=loaded; [ -f "$UNITS/$u" ] && { read -r s < "$UNITS/$u" || s=inactive; }; fi
      case $s in active) sub=running; pid=4242 ;; failed) sub=failed; pid=0 ;; *) sub=dead; pid=0 ;; esac
      [ -z "$shown" ] || echo; shown=1
      want Id && echo "Id=$u.service"
      want LoadState && echo "LoadState=$load"
      want ActiveState && echo "ActiveState=$s"
      want SubState && echo "SubState=$sub"
      if want UnitFileState; then e=""; [ "$load" = loaded ] && e=$(enabled_state "$u"); echo "UnitFileState=$e"; fi
      want MainPID && echo "MainPID=$pid"
      if want ActiveEnterTimestamp || want StateChangeTimestamp; then
        t=""; [ -f "$UNITS/$u" ] && t=$(date -u -r "$UNITS/$u" '+%a %Y-%m-%d %H:%M:%S UTC' 2>/dev/null)
        if want ActiveEnterTimestamp; then if [ "$s" = active ]; then echo "ActiveEnterTimestamp=$t"; else echo "ActiveEnterTimestamp="; fi; fi
        want StateChangeTimestamp && echo "StateChangeTimestamp=$t"
      fi ;;
    *) echo "Unknown command verb $verb." >&2; exit 1 ;;
  esac
done
exit $rc
`;
}

export function journalctlShim(stateDir: string, nodeName: string): string {
  return `#!/bin/sh
# journalctl shim (Oyster test rig, ${nodeName}): \`journalctl -u UNIT [-n N] [--no-pager]\`
# prints the last N (default 10) lines the systemctl shim logged for UNIT.
STATE=${shQuote(stateDir)}
echo "journalctl $*" >> "$STATE/calls.log"
unit=""; lines=10
while [ $# -gt 0 ]; do
  case $1 in
    -u|--unit) unit=\${2%.service}; shift ;;
    --unit=*) unit=\${1#--unit=}; unit=\${unit%.service} ;;
    -n|--lines) lines=$2; shift ;;
    --lines=*) lines=\${1#--lines=} ;;
  esac
  shift
done
case $unit in */*) echo "journalctl shim: bad unit" >&2; exit 1 ;; esac
f="$STATE/units/$unit.journal"
if [ -z "$unit" ] || [ ! -f "$f" ]; then echo "-- No entries --"; exit 0; fi
tail -n "$lines" "$f"
`;
}
