#!/usr/bin/env bash
# `make run`: the whole stack on this machine, on embedded defaults. fleet serve --dev (embedded database,
# dev CA), set up once with an admin and an enroll secret kept in the data directory, then a launcher with
# osqueryd-lite enrolled to it. Ctrl-C stops both. Usage: run-local.sh BUILD_DIR DATA_DIR ADDRESS
set -euo pipefail

build=${1:?build directory}
data=${2:?data directory}
address=${3:?host:port}
port=${address##*:}
mkdir -p "$data"
chmod 700 "$data"
fleetctl=("$build/fleetctl" --config "$data/fleetctl.yml")
email=admin@localhost.localdomain
pids=()

stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop INT TERM EXIT

# A random secret and password the first time; kept (mode 0600) so later runs log in and enroll the same way.
umask 077
[ -s "$data/enroll_secret" ] || od -An -N18 -tx1 /dev/urandom | tr -d ' \n' > "$data/enroll_secret"
[ -s "$data/admin_password" ] || { od -An -N9 -tx1 /dev/urandom | tr -d ' \n'; echo "-A1"; } > "$data/admin_password"
password=$(cat "$data/admin_password")

"$build/fleet" serve --dev --dev_data_dir "$data" --server_address "$address" \
  --osquery_status_log_file "$data/osquery_status.log" --osquery_result_log_file "$data/osquery_result.log" \
  > "$data/fleet.log" 2>&1 &
pids+=($!)

echo "starting fleet on https://$address (log: $data/fleet.log) ..."
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ -s "$data/tls/ca.pem" ]; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { echo "fleet exited; see $data/fleet.log" >&2; tail -20 "$data/fleet.log" >&2; exit 1; }
  sleep 0.5
done

"${fleetctl[@]}" config set --address "https://$address" --rootca "$data/tls/ca.pem" >/dev/null
if ! "${fleetctl[@]}" setup --email "$email" --org-name "Local fleet" --password "$password" \
     --enroll-secret "$(cat "$data/enroll_secret")" >/dev/null 2>"$data/setup.err"; then
  "${fleetctl[@]}" login --email "$email" --password "$password" >/dev/null
fi

"$build/launcher" --hostname "$address" --root_pem "$data/tls/ca.pem" \
  --enroll_secret_path "$data/enroll_secret" --osqueryd_path "$build/osqueryd-lite" \
  --root_directory "$data/launcher" --logging_interval 10s --osquery_flag config_refresh=30 \
  > "$data/launcher.log" 2>&1 &
pids+=($!)

host=$(hostname)
cat <<INFO

  fleet      https://$address          (CA: $data/tls/ca.pem; log: $data/fleet.log)
  REST API   https://$address/api/v1/kolide/...   admin: $email, password in $data/admin_password
  launcher   enrolled with osqueryd-lite (log: $data/launcher.log; results: $data/osquery_result.log)

  Ask this host something (a live query across fleet):
    ${fleetctl[*]} query --hosts $host --query 'select * from osquery_info' --exit
  See it:
    ${fleetctl[*]} get hosts

Ctrl-C stops fleet and the launcher.
INFO

wait -n "${pids[@]}" || true
echo "a process exited; see $data/fleet.log and $data/launcher.log" >&2
exit 1
