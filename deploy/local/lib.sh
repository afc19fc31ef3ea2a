# shellcheck shell=bash
# shellcheck disable=SC2034 # variables defined here are used by ./flotilla
#
# Reusable pieces of ./flotilla: JDK discovery, secrets, PostgreSQL, Kafka, process handling.
# Sourced by ./flotilla after it has set FLOTILLA_ROOT; defines functions and variables only.
#
# File descriptor 9 is ./flotilla test's lock: whatever is started here to outlive the script
# (PostgreSQL, Kafka, anything apt-get may start) gets it closed (9>&-), or it would keep the lock.
#
# Everything written here lives under $FLOTILLA_ROOT/.flotilla (git-ignored); PostgreSQL keeps
# its data where Debian puts it.

STATE_DIR="$FLOTILLA_ROOT/.flotilla"
LOG_DIR="$STATE_DIR/logs"
RUN_DIR="$STATE_DIR/run"
SECRETS_DIR="$STATE_DIR/secrets"
KAFKA_DIR="$STATE_DIR/kafka"
KAFKA_CLASSPATH_FILE="$KAFKA_DIR/classpath"
KAFKA_DEPLOY_DIR="$FLOTILLA_ROOT/deploy/kafka"
KAFKA_LOG4J_CONFIG="$KAFKA_DEPLOY_DIR/log4j2.properties"
PG_PASSWORD_FILE="$STATE_DIR/pg-password"
SERVICE_TOKEN_FILE="$STATE_DIR/service-token"
ADMIN_TOKEN_FILE="$STATE_DIR/admin-token"
PG_STARTED_MARKER="$RUN_DIR/postgres.started-by-flotilla"

MIN_JAVA_MAJOR=25

PG_HOST="${FLOTILLA_PG_HOST:-127.0.0.1}"
PG_PORT="${FLOTILLA_PG_PORT:-5432}"
PG_USER="${FLOTILLA_PG_USER:-flotilla}"
PG_PASSWORD="${FLOTILLA_PG_PASSWORD:-}"
PG_DATABASES=(flotilla_credential flotilla_fleet flotilla_inventory flotilla_ledger flotilla_gateway)
PG_DATABASES_CSV=$(
  IFS=,
  printf '%s' "${PG_DATABASES[*]}"
)

KAFKA_PORT="${FLOTILLA_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${FLOTILLA_KAFKA_CONTROLLER_PORT:-9093}"
TEST_KAFKA_PORT="${FLOTILLA_TEST_KAFKA_PORT:-19092}"
TEST_KAFKA_CONTROLLER_PORT="${FLOTILLA_TEST_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HEAP="${FLOTILLA_KAFKA_HEAP:-512m}"

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  C_BOLD=$'\e[1m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_RED=$'\e[31m' C_RESET=$'\e[0m'
else
  C_BOLD='' C_GREEN='' C_YELLOW='' C_RED='' C_RESET=''
fi

info() { printf '%s==>%s %s\n' "$C_BOLD" "$C_RESET" "$*"; }
ok() { printf '    %s%s%s\n' "$C_GREEN" "$*" "$C_RESET"; }
warn() { printf '%sWARNING:%s %s\n' "$C_YELLOW" "$C_RESET" "$*" >&2; }
die() {
  printf '%sERROR:%s %s\n' "$C_RED" "$C_RESET" "$*" >&2
  exit 1
}

# Path relative to the repository root, for messages.
rel() { printf '%s' "${1#"$FLOTILLA_ROOT"/}"; }

# tail_log FILE [LINES]: the end of a log, indented, for error messages.
tail_log() {
  local file=$1 lines=${2:-40}
  if [[ -s $file ]]; then
    printf -- '---- last %s lines of %s ----\n' "$lines" "$(rel "$file")" >&2
    tail -n "$lines" "$file" >&2
    printf -- '----\n' >&2
  else
    printf '(%s is empty or missing)\n' "$(rel "$file")" >&2
  fi
}

ensure_state_dirs() {
  mkdir -p "$LOG_DIR" "$RUN_DIR" "$KAFKA_DIR" "$SECRETS_DIR"
  chmod 700 "$SECRETS_DIR"
}

# ---------------------------------------------------------------------------------------------
# JDK
# ---------------------------------------------------------------------------------------------

# java_major HOME: the feature release of the JDK at HOME (0 when unknown).
java_major() {
  local home=$1 version=''
  if [[ -f $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z $version && -x $home/bin/java ]]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
  printf '%s' "${version:-0}"
}

is_usable_jdk() {
  local home=$1
  [[ -x $home/bin/java && -x $home/bin/javac ]] && (($(java_major "$home") >= MIN_JAVA_MAJOR))
}

# find_jdk: FLOTILLA_JAVA_HOME, else JAVA_HOME when >= 25, else the newest JDK >= 25 under
# /usr/lib/jvm. Exports JAVA_HOME (for ./mvnw) and puts its bin first on PATH.
find_jdk() {
  local home=''
  if [[ -n ${FLOTILLA_JAVA_HOME:-} ]]; then
    is_usable_jdk "$FLOTILLA_JAVA_HOME" ||
      die "FLOTILLA_JAVA_HOME=$FLOTILLA_JAVA_HOME is not a JDK $MIN_JAVA_MAJOR or newer (needs bin/java and bin/javac)."
    home=$FLOTILLA_JAVA_HOME
  elif [[ -n ${JAVA_HOME:-} ]] && is_usable_jdk "$JAVA_HOME"; then
    home=$JAVA_HOME
  else
    local candidate best='' best_major=0 major
    for candidate in /usr/lib/jvm/*; do
      [[ -d $candidate && ! -L $candidate ]] || continue
      is_usable_jdk "$candidate" || continue
      major=$(java_major "$candidate")
      if ((major > best_major)); then
        best=$candidate best_major=$major
      fi
    done
    home=$best
  fi
  [[ -n $home ]] || die "No JDK $MIN_JAVA_MAJOR or newer found (looked at FLOTILLA_JAVA_HOME, JAVA_HOME and /usr/lib/jvm/*).
       Install one (e.g. Temurin 25) and/or point FLOTILLA_JAVA_HOME at it."
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
}

# ---------------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------------

# random_b64url BYTES: BYTES random bytes, base64url without padding (32 bytes -> 43 chars).
random_b64url() {
  head -c "$1" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# write_secret FILE VALUE: write VALUE to FILE with mode 600, atomically.
write_secret() {
  local file=$1 value=$2 tmp
  tmp=$(umask 077 && mktemp "$file.XXXXXX")
  printf '%s\n' "$value" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$file"
}

read_secret() { tr -d '\n\r' <"$1"; }

# ensure_pg_password: FLOTILLA_PG_PASSWORD, else .flotilla/pg-password, else a new random one.
ensure_pg_password() {
  if [[ -n $PG_PASSWORD ]]; then
    return
  fi
  if [[ -s $PG_PASSWORD_FILE ]]; then
    PG_PASSWORD=$(read_secret "$PG_PASSWORD_FILE")
  else
    PG_PASSWORD=$(random_b64url 24)
    write_secret "$PG_PASSWORD_FILE" "$PG_PASSWORD"
  fi
  chmod 600 "$PG_PASSWORD_FILE"
}

ensure_service_token() {
  if [[ ! -s $SERVICE_TOKEN_FILE ]]; then
    write_secret "$SERVICE_TOKEN_FILE" "$(random_b64url 32)"
  fi
  chmod 600 "$SERVICE_TOKEN_FILE"
  SERVICE_TOKEN=$(read_secret "$SERVICE_TOKEN_FILE")
}

# ensure_admin_token: on first use, generate the bootstrap admin token, keep it in
# .flotilla/admin-token (600) and print it once. Sets ADMIN_TOKEN_SHA256 (all the gateway gets).
ensure_admin_token() {
  if [[ ! -s $ADMIN_TOKEN_FILE ]]; then
    local token
    token="flt_$(random_b64url 32)"
    write_secret "$ADMIN_TOKEN_FILE" "$token"
    printf '\n%s' "$C_BOLD"
    printf '=====================================================================\n'
    printf ' Bootstrap admin token (shown only this once; also kept, mode 600, in\n'
    printf ' %s):\n\n' "$(rel "$ADMIN_TOKEN_FILE")"
    printf '   %s\n\n' "$token"
    printf ' Use it as "Authorization: Bearer <token>" or to sign in to the web UI.\n'
    printf '=====================================================================\n'
    printf '%s\n' "$C_RESET"
  fi
  chmod 600 "$ADMIN_TOKEN_FILE"
  ADMIN_TOKEN_SHA256=$(read_secret "$ADMIN_TOKEN_FILE" | tr -d '\n' | sha256sum | cut -d' ' -f1)
}

# ---------------------------------------------------------------------------------------------
# Processes and ports
# ---------------------------------------------------------------------------------------------

# port_open HOST PORT: something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# pid_matches PID MARKER: PID is alive and its command line contains MARKER (guards against a
# recycled pid).
pid_matches() {
  local pid=$1 marker=$2
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ -r /proc/$pid/cmdline ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# running_pid PIDFILE MARKER: prints the pid recorded in PIDFILE when that process still runs.
running_pid() {
  local pidfile=$1 marker=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  pid_matches "$pid" "$marker" || return 1
  printf '%s' "$pid"
}

# stop_pidfile NAME PIDFILE MARKER [TIMEOUT]: SIGTERM, wait, SIGKILL after TIMEOUT seconds.
stop_pidfile() {
  local name=$1 pidfile=$2 marker=$3 timeout=${4:-30} pid waited=0
  if ! pid=$(running_pid "$pidfile" "$marker"); then
    rm -f "$pidfile"
    return 0
  fi
  printf '    stopping %s (pid %s) ... ' "$name" "$pid"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < timeout * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    printf 'killed after %ss\n' "$timeout"
  else
    printf 'stopped\n'
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

pg_ready() {
  command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
}

pg_host_is_local() {
  [[ $PG_HOST == 127.0.0.1 || $PG_HOST == localhost || $PG_HOST == ::1 ]]
}

# apt_install PACKAGE...: non-interactive install (root only), output into the install log.
apt_install() {
  local log="$LOG_DIR/apt.log"
  ((EUID == 0)) || die "Installing $* needs root (apt-get). Install it by hand and retry."
  info "Installing $* with apt-get (log: $(rel "$log"))"
  if ! {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  } </dev/null >>"$log" 2>&1 9>&-; then
    tail_log "$log"
    die "apt-get install $* failed."
  fi
}

ensure_postgres_installed() {
  if command -v pg_lsclusters >/dev/null && command -v pg_isready >/dev/null &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    return
  fi
  apt_install postgresql postgresql-client
}

# pg_cluster_for_port: "VERSION NAME STATUS" of the local cluster configured for $PG_PORT.
pg_cluster_for_port() {
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $4; exit }'
}

# ensure_postgres: use what answers on PG_HOST:PG_PORT; otherwise install / create / start the
# local Debian cluster on that port, and remember that we started it (down stops it then).
ensure_postgres() {
  if pg_ready; then
    ok "PostgreSQL answers on $PG_HOST:$PG_PORT"
    return
  fi
  pg_host_is_local ||
    die "PostgreSQL at $PG_HOST:$PG_PORT does not answer, and only a local one can be started."
  ensure_postgres_installed

  local cluster version name status
  cluster=$(pg_cluster_for_port)
  if [[ -z $cluster ]]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
    name=main
    if pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
      name=flotilla
    fi
    info "Creating PostgreSQL cluster $version/$name on port $PG_PORT"
    pg_createcluster "$version" "$name" --port "$PG_PORT" >>"$LOG_DIR/postgres.log" 2>&1 9>&- ||
      { tail_log "$LOG_DIR/postgres.log"; die "pg_createcluster $version $name failed."; }
    cluster="$version $name down"
  fi
  read -r version name status <<<"$cluster"

  if [[ $status != online* ]]; then
    info "Starting PostgreSQL cluster $version/$name"
    if ! pg_ctlcluster "$version" "$name" start >>"$LOG_DIR/postgres.log" 2>&1 9>&-; then
      tail_log "$LOG_DIR/postgres.log"
      tail_log "/var/log/postgresql/postgresql-$version-$name.log" 20
      die "pg_ctlcluster $version $name start failed."
    fi
    printf '%s %s\n' "$version" "$name" >"$PG_STARTED_MARKER"
  fi

  local waited=0
  until pg_ready; do
    ((waited < 60)) || die "PostgreSQL $version/$name started but does not answer on $PG_HOST:$PG_PORT."
    sleep 0.5
    waited=$((waited + 1))
  done
  ok "PostgreSQL $version/$name answers on $PG_HOST:$PG_PORT"
}

stop_postgres_if_ours() {
  [[ -s $PG_STARTED_MARKER ]] || return 0
  local version name
  read -r version name <"$PG_STARTED_MARKER"
  if pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v n="$name" '$1 == v && $2 == n && $4 ~ /^online/ { found = 1 } END { exit !found }'; then
    # Someone else's clients (a test run) keep it running; our services are gone by now, give
    # their backends a few seconds to end.
    local clients tries=0
    while :; do
      clients=$(cd / && runuser -u postgres -- psql -X -At -p "$PG_PORT" -d postgres -c \
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" \
        2>/dev/null || echo 0)
      ((clients > 0 && tries < 5)) || break
      tries=$((tries + 1))
      sleep 1
    done
    if ((clients > 0)); then
      warn "PostgreSQL $version/$name left running: $clients client connection(s) still open (a test run?). Run ./flotilla down again later to stop it."
      return 0
    fi
    printf '    stopping PostgreSQL %s/%s ... ' "$version" "$name"
    pg_ctlcluster "$version" "$name" stop -m fast >>"$LOG_DIR/postgres.log" 2>&1 && printf 'stopped\n' ||
      printf 'FAILED (see %s)\n' "$(rel "$LOG_DIR/postgres.log")"
  fi
  rm -f "$PG_STARTED_MARKER"
}

# The role/database SQL; run through psql with -v user=... -v pw=... -v dbs=a,b,c.
PG_BOOTSTRAP_SQL=$(
  cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" WITH LOGIN CREATEDB PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', d, :'user')
  FROM unnest(string_to_array(:'dbs', ',')) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d, :'user')
  FROM unnest(string_to_array(:'dbs', ',')) AS d \gexec
SQL
)

PG_DATABASES_SQL=$(
  cat <<'SQL'
SELECT format('CREATE DATABASE %I', d)
  FROM unnest(string_to_array(:'dbs', ',')) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SQL
)

# Databases that io.flotilla.testkit.infra.TestDatabase created (it comments them
# 'flotilla-testkit') and that a killed test JVM left behind, unless something is connected.
PG_LEFTOVER_TEST_DBS_SQL=$(
  cat <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', d.datname)
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
 WHERE r.rolname = :'user'
   AND shobj_description(d.oid, 'pg_database') = 'flotilla-testkit'
   AND d.datname <> ALL (string_to_array(:'dbs', ','))
   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname) \gexec
SQL
)

# psql_admin SQL: run SQL as the postgres superuser over the local socket.
psql_admin() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
    -v user="$PG_USER" -v pw="$PG_PASSWORD" -v dbs="$PG_DATABASES_CSV" <<<"$1")
}

# psql_flotilla SQL: run SQL as the flotilla role over TCP.
psql_flotilla() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -v user="$PG_USER" -v dbs="$PG_DATABASES_CSV" <<<"$1"
}

# ensure_pg_role_and_databases: the flotilla role (LOGIN CREATEDB, current password) and the
# service databases it owns. Uses the local postgres superuser; falls back to the role itself
# when PostgreSQL is not a local Debian cluster but the credentials already work.
ensure_pg_role_and_databases() {
  ensure_pg_password
  local log="$LOG_DIR/postgres.log"
  if pg_host_is_local && id postgres >/dev/null 2>&1 && psql_admin "$PG_BOOTSTRAP_SQL" >>"$log" 2>&1; then
    :
  elif psql_flotilla "$PG_DATABASES_SQL" >>"$log" 2>&1; then
    :
  else
    tail_log "$log" 15
    die "Could not set up PostgreSQL role '$PG_USER' and its databases on $PG_HOST:$PG_PORT."
  fi
  psql_flotilla 'SELECT 1;' >/dev/null 2>>"$log" || {
    tail_log "$log" 15
    die "Role '$PG_USER' cannot log in to $PG_HOST:$PG_PORT with the configured password."
  }
  ok "role '$PG_USER' and databases ${PG_DATABASES[*]} ready"
}

drop_leftover_test_databases() {
  psql_flotilla "$PG_LEFTOVER_TEST_DBS_SQL" >>"$LOG_DIR/postgres.log" 2>&1 ||
    warn "could not drop leftover test databases (see $(rel "$LOG_DIR/postgres.log"))"
}

# ---------------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------------

kafka_classpath_is_valid() {
  [[ -s $KAFKA_CLASSPATH_FILE && ! $KAFKA_DEPLOY_DIR/pom.xml -nt $KAFKA_CLASSPATH_FILE ]] || return 1
  local jar jars
  IFS=: read -r -a jars <"$KAFKA_CLASSPATH_FILE"
  ((${#jars[@]} > 0)) || return 1
  for jar in "${jars[@]}"; do
    [[ -f $jar ]] || return 1
  done
}

# ensure_kafka_classpath: resolve the broker classpath (deploy/kafka/pom.xml) when needed.
ensure_kafka_classpath() {
  kafka_classpath_is_valid && return
  local log="$LOG_DIR/kafka-classpath.log"
  info "Resolving the Kafka broker classpath (deploy/kafka/pom.xml)"
  if ! (cd "$FLOTILLA_ROOT" && ./mvnw -B -q -f deploy/kafka/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$KAFKA_CLASSPATH_FILE") </dev/null >"$log" 2>&1; then
    tail_log "$log"
    die "Could not resolve the Kafka classpath."
  fi
  kafka_classpath_is_valid || die "Kafka classpath in $(rel "$KAFKA_CLASSPATH_FILE") is incomplete."
}

# A Kafka Uuid (16 random bytes, base64url, no padding) used as the cluster id; like Kafka's own
# Uuid.randomUuid() never one starting with '-', which the command line would take for an option.
kafka_cluster_id() {
  local id
  id=$(random_b64url 16)
  while [[ $id == -* ]]; do id=$(random_b64url 16); done
  printf '%s' "$id"
}

# render_kafka_config FILE PORT CONTROLLER_PORT DATA_DIR
render_kafka_config() {
  local file=$1 port=$2 controller_port=$3 data_dir=$4
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA_DIR@|$data_dir|g" \
    "$KAFKA_DEPLOY_DIR/server.properties.template" >"$file.tmp"
  mv -f "$file.tmp" "$file"
}

# kafka_marker CONFIG: what identifies our broker process in /proc/<pid>/cmdline.
kafka_marker() { printf 'kafka.Kafka %s' "$1"; }

# start_kafka NAME HOME PORT CONTROLLER_PORT LOG PIDFILE: start a single-node KRaft broker whose
# config and data live under HOME, unless the one recorded in PIDFILE already runs; wait until it
# answers a metadata request.
start_kafka() {
  local name=$1 home=$2 port=$3 controller_port=$4 log=$5 pidfile=$6
  local config="$home/server.properties" data="$home/data" pid
  mkdir -p "$home" "$data"
  if pid=$(running_pid "$pidfile" "$(kafka_marker "$config")"); then
    ok "$name already running (pid $pid) on 127.0.0.1:$port"
    return
  fi
  if port_open 127.0.0.1 "$port" || port_open 127.0.0.1 "$controller_port"; then
    die "Port $port or $controller_port is already taken by a process ./flotilla did not start; stop it or set other ports (FLOTILLA_*KAFKA_PORT / FLOTILLA_*KAFKA_CONTROLLER_PORT)."
  fi
  ensure_kafka_classpath
  render_kafka_config "$config" "$port" "$controller_port" "$data"

  if [[ ! -f $data/meta.properties ]]; then
    printf '\n=== %s: formatting storage %s ===\n' "$(date -Is)" "$data" >>"$log"
    if ! CLASSPATH="$(<"$KAFKA_CLASSPATH_FILE")" "$JAVA" -Xmx256m \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
      kafka.tools.StorageTool format --cluster-id "$(kafka_cluster_id)" --config "$config" \
      </dev/null >>"$log" 2>&1; then
      tail_log "$log"
      die "Formatting the $name storage failed."
    fi
  fi

  info "Starting $name on 127.0.0.1:$port (log: $(rel "$log"))"
  printf '\n=== %s: starting %s ===\n' "$(date -Is)" "$name" >>"$log"
  CLASSPATH="$(<"$KAFKA_CLASSPATH_FILE")" nohup setsid "$JAVA" \
    -Xms128m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
    kafka.Kafka "$config" </dev/null >>"$log" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$pidfile"

  local waited=0
  until port_open 127.0.0.1 "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      tail_log "$log"
      die "$name exited during startup."
    fi
    ((waited < 600)) || {
      tail_log "$log"
      die "$name did not open 127.0.0.1:$port within 60 s."
    }
    sleep 0.1
    waited=$((waited + 1))
  done
  if ! CLASSPATH="$(<"$KAFKA_CLASSPATH_FILE")" "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 \
    -Dorg.apache.logging.log4j.level=ERROR \
    "$KAFKA_DEPLOY_DIR/probe/KafkaReady.java" "127.0.0.1:$port" 60 </dev/null >>"$log" 2>&1; then
    tail_log "$log"
    die "$name does not answer metadata requests on 127.0.0.1:$port."
  fi
  ok "$name ready on 127.0.0.1:$port (pid $pid)"
}

# stop_kafka NAME HOME PIDFILE
stop_kafka() {
  local name=$1 home=$2 pidfile=$3
  stop_pidfile "$name" "$pidfile" "$(kafka_marker "$home/server.properties")" 60
}

# kafka_state HOME PORT PIDFILE: running (pid N) / not started by flotilla / stopped.
kafka_state() {
  local home=$1 port=$2 pidfile=$3 pid
  if pid=$(running_pid "$pidfile" "$(kafka_marker "$home/server.properties")"); then
    if port_open 127.0.0.1 "$port"; then
      printf 'running (pid %s)' "$pid"
    else
      printf 'starting (pid %s)' "$pid"
    fi
  elif port_open 127.0.0.1 "$port"; then
    printf 'port open, not started by flotilla'
  else
    printf 'stopped'
  fi
}
