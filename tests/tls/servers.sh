#!/usr/bin/env bash
# tests/tls/servers.sh: TLS-only PostgreSQL and MariaDB servers for tether's TLS tests.
#
#   tests/tls/servers.sh start [STATE_DIR]   # prints KEY=VALUE lines on stdout (nothing else)
#   tests/tls/servers.sh stop  [STATE_DIR]
#
# STATE_DIR defaults to <repo>/target/tls-servers. Everything this script owns lives there:
#
#   .lock                 flock(1) lock; concurrent start/stop calls are serialised on it
#   env                   the KEY=VALUE lines of the last successful start (written last)
#   certs/                generated CAs, server and client certificates (see gen_certs)
#   pg/, pg-wrong-host/, pg-plain/
#                         PostgreSQL 15 clusters (data/, postgres.log), run as user postgres;
#                         pg-plain has no TLS at all (PLAIN_POSTGRES_PORT), for sslmode=prefer;
#                         pg-old-tls (OLD_TLS_POSTGRES_PORT) speaks TLS 1.0/1.1 only and takes
#                         plain connections: prefer must fall back to plain, as libpq's does
#   mysql/, mysql-wrong-host/
#                         MariaDB servers (data/, my.cnf, init.sql, mysqld.sock/.pid/.log),
#                         run with --user=mysql
#
# Why it exists: the machine's own servers (PostgreSQL on 5432, MariaDB on 3306) are plain-TCP
# and must not be touched; the TLS tests need servers that *only* accept TLS, with certificates
# whose CA the tests know. Nothing is downloaded: the servers are the installed Debian packages,
# the certificates are made here with the openssl CLI (installed with apt-get if missing).
#
# The servers:
#   * PostgreSQL (TLS_POSTGRES_PORT): ssl=on, ssl_ca_file=TLS_CA, pg_hba.conf has only hostssl
#     lines, so a plain connection gets "no pg_hba.conf entry ... no encryption". Roles:
#     tether (superuser, password tls-s3cret-pw, scram-sha-256) and tether_cert (client
#     certificate only, `cert` auth; the client certificate's CN is tether_cert).
#   * MariaDB (TLS_MYSQL_PORT): bind-address 127.0.0.1, require_secure_transport=ON, database
#     test, user tether (password tls-s3cret-pw, ALL privileges) and tether_x509 (no password,
#     REQUIRE X509).
#
# Host-name mismatch: rather than relying on some extra name in /etc/hosts resolving to
# 127.0.0.1 (machine-specific: on this VM `vm` does, in a Docker CI container the hostname
# resolves to the container's own address where nothing listens), a second PostgreSQL cluster
# and a second MariaDB server run with a certificate signed by the same CA whose only SAN is
# DNS:db.example.internal (TLS_WRONG_HOST_SAN). A test connects to localhost on
# TLS_POSTGRES_WRONG_HOST_PORT / TLS_MYSQL_WRONG_HOST_PORT: verify-ca passes (same CA) but
# verify-full must fail, since "localhost" is not in the certificate. They are cheap: the data
# directories are copies of the main servers' freshly initialised ones. Same users, passwords
# and databases as the main servers.
#
# Idempotence: `start` reuses the servers of an earlier run in STATE_DIR if they all answer a
# real TLS login (with the CA in STATE_DIR); otherwise it stops whatever is left, deletes the
# directories it owns and creates everything again (new certificates, new data directories).
# Ports: fixed defaults (below), each checked to be free, else the next candidate is taken.
#
# Notes for test writers:
#   * MariaDB 10.11 rejects a plain-TCP login under require_secure_transport with the generic
#     "ERROR 1045 (28000): Access denied for user ..." (not MySQL's "insecure transport" 3159).
#   * The mariadb CLI treats --host=localhost as "use the Unix socket" (the machine's default
#     one!); pass --protocol=TCP or --host=127.0.0.1. URL-based drivers use TCP.
#   * TLS_POSTGRES_URL has no password (the password is TLS_POSTGRES_PASSWORD); the MySQL URL has.
#
# Run as root (servers run as postgres / mysql via runuser / --user), or as an ordinary user
# who can run initdb/mariadbd (servers then run as that user).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PASSWORD=tls-s3cret-pw
PG_USER=tether
PG_CERT_USER=tether_cert
MYSQL_USER=tether
MYSQL_CERT_USER=tether_x509
WRONG_HOST_SAN=db.example.internal
DAYS=3650
START_TIMEOUT=30 # seconds, per server

# Default ports; if one is busy, +10, +20, ... is tried.
PG_PORT_DEFAULT=55433
PG_WRONG_HOST_PORT_DEFAULT=55434
PG_PLAIN_PORT_DEFAULT=55435
PG_OLD_TLS_PORT_DEFAULT=55436
MYSQL_PORT_DEFAULT=53307
MYSQL_WRONG_HOST_PORT_DEFAULT=53308

log() { printf 'servers.sh: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}
# die_with_log LOGFILE MESSAGE: fail, showing the tail of a server's log.
die_with_log() {
    local logfile=$1
    shift
    log "ERROR: $*"
    if [[ -f $logfile ]]; then
        log "----- last lines of $logfile -----"
        tail -n 40 "$logfile" >&2 || true
        log "-----"
    fi
    stop_all
    exit 1
}

usage() {
    echo "usage: $0 start|stop [STATE_DIR]" >&2
    exit 2
}

# ----------------------------------------------------------------------------------------------
# Users and processes

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1

# close_fds: close every descriptor above 2 (in a subshell, before exec'ing a server). A server
# must not inherit our lock (fd 9), our real stdout (fd 3) or the caller's pipes: it would hold
# the lock forever and make `$(servers.sh start)` hang.
close_fds() {
    local fd
    for fd in /proc/self/fd/*; do
        fd=${fd##*/}
        if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-"; fi
    done
}

# as_user USER CMD...: run CMD as USER when we are root, else as ourselves, from / (the service
# user may not be able to enter the caller's cwd), with no inherited descriptors above 2.
as_user() {
    local user=$1
    shift
    if ((IS_ROOT)); then
        (cd / && close_fds && exec runuser -u "$user" -- "$@")
    else
        (cd / && close_fds && exec "$@")
    fi
}

# pid_alive PID: the process exists and is not a zombie. (A server that was killed, or that
# exited after its parent (this script) was gone, can stay a zombie for a while when PID 1 is
# slow to reap, as in some sandboxes; `kill -0` alone would call it alive.)
pid_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local state
    state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null) || return 0
    [[ $state != Z && $state != X ]]
}

# own USER PATH...: chown -R to USER (only when root).
own() {
    local user=$1
    shift
    if ((IS_ROOT)); then chown -R "$user:" "$@"; fi
}

ensure_tools() {
    if ! command -v openssl >/dev/null 2>&1; then
        ((IS_ROOT)) || die "openssl is missing (apt-get install -y openssl)"
        log "installing openssl with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get install -y openssl >&2 ||
            { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y openssl >&2; } ||
            die "could not install openssl"
    fi
    local t
    for t in "$PG_BIN/initdb" "$PG_BIN/pg_ctl" "$PG_BIN/postgres"; do
        [[ -x $t ]] || die "$t not found (PostgreSQL 15 server not installed? set PG_BIN)"
    done
    for t in psql mariadbd mariadb-install-db mariadb flock; do
        command -v "$t" >/dev/null 2>&1 || die "$t not found in PATH"
    done
    if ((IS_ROOT)); then
        id postgres >/dev/null 2>&1 || die "user postgres does not exist"
        id mysql >/dev/null 2>&1 || die "user mysql does not exist"
    fi
}

# port_busy PORT: true if something listens on PORT (any address).
port_busy() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htln "sport = :$port" 2>/dev/null) ]]
    else
        (exec 5<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# pick_port DEFAULT TAKEN...: the first free port among DEFAULT, DEFAULT+10, ... not in TAKEN.
pick_port() {
    local port=$1 i
    shift
    for ((i = 0; i < 50; i++, port += 10)); do
        [[ " $* " == *" $port "* ]] && continue
        port_busy "$port" || {
            echo "$port"
            return 0
        }
    done
    die "no free port found near $1"
}

# ----------------------------------------------------------------------------------------------
# Certificates (RSA 2048, SHA-256, X.509 v3, 10 years). Strict verifiers (rustls/webpki) need:
# CAs with basicConstraints CA:TRUE + keyUsage keyCertSign; leaves with CA:FALSE, a SAN and
# the right extendedKeyUsage.

gen_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# gen_ca NAME CN: self-signed CA NAME.pem / NAME.key in the current directory.
gen_ca() {
    gen_key "$1.key"
    openssl req -x509 -new -key "$1.key" -subj "/O=tether tests/CN=$2" -days "$DAYS" -sha256 \
        -config openssl.cnf -extensions v3_ca -out "$1.pem"
}

# gen_leaf NAME CN CA EXTENSIONS: NAME.pem / NAME.key signed by CA, with [EXTENSIONS].
gen_leaf() {
    local name=$1 cn=$2 ca=$3 ext=$4
    gen_key "$name.key"
    openssl req -new -key "$name.key" -subj "/O=tether tests/CN=$cn" -config openssl.cnf -out "$name.csr"
    openssl x509 -req -in "$name.csr" -CA "$ca.pem" -CAkey "$ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$DAYS" -sha256 \
        -extfile openssl.cnf -extensions "$ext" -out "$name.pem" 2>/dev/null
    rm -f "$name.csr"
}

gen_certs() {
    local dir=$1
    mkdir -p "$dir"
    (
        cd "$dir"
        cat >openssl.cnf <<EOF
[ req ]
distinguished_name = dn
prompt             = no
[ dn ]
[ v3_ca ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
[ server ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer
[ server_wrong_host ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:$WRONG_HOST_SAN
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer
[ client ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer
EOF
        gen_ca ca "tether test CA"
        gen_ca other-ca "tether unrelated CA"
        gen_leaf server localhost ca server
        gen_leaf wrong-host-server "$WRONG_HOST_SAN" ca server_wrong_host
        gen_leaf client "$PG_CERT_USER" ca client # key is PKCS#8 (genpkey)
        openssl rsa -in client.key -traditional -out client.pkcs1.key 2>/dev/null
        chmod 0600 ./*.key # libpq refuses client keys readable by others
        chmod 0644 ./*.pem
    )
}

# ----------------------------------------------------------------------------------------------
# PostgreSQL. Instance dir layout: $dir/data (the cluster, with server.crt/key and ca.crt
# copied in, owned by postgres), $dir/postgres.log. No Unix socket (nothing may bypass TLS).

pg_initdb() {
    local dir=$1
    mkdir -p "$dir"
    own postgres "$dir"
    as_user postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=reject \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        die_with_log "$dir/initdb.log" "initdb failed"
    # Roles, created in single-user mode so pg_hba.conf never needs a non-hostssl line.
    as_user postgres "$PG_BIN/postgres" --single -D "$dir/data" postgres >>"$dir/initdb.log" 2>&1 <<EOF ||
CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PASSWORD';
CREATE ROLE $PG_CERT_USER LOGIN;
EOF
        die_with_log "$dir/initdb.log" "creating PostgreSQL roles failed"
}

# pg_configure DIR PORT CERT_NAME: TLS settings and hostssl-only pg_hba.conf.
pg_configure() {
    local dir=$1 port=$2 cert=$3 data=$1/data
    cp "$CERTS/$cert.pem" "$data/server.crt"
    cp "$CERTS/$cert.key" "$data/server.key"
    cp "$CERTS/ca.pem" "$data/ca.crt"
    chmod 0600 "$data/server.key"
    cat >>"$data/postgresql.conf" <<EOF

# ---- tests/tls/servers.sh ----
port = $port
listen_addresses = 'localhost'
unix_socket_directories = ''
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'ca.crt'
password_encryption = 'scram-sha-256'
max_connections = 50
shared_buffers = 16MB
fsync = off
log_connections = on
EOF
    cat >"$data/pg_hba.conf" <<EOF
# tests/tls/servers.sh: TLS only. No "host"/"local" lines, so plain connections are refused.
# TYPE  DATABASE USER            ADDRESS       METHOD
hostssl all      $PG_CERT_USER   127.0.0.1/32  cert
hostssl all      $PG_CERT_USER   ::1/128       cert
hostssl all      all             127.0.0.1/32  scram-sha-256
hostssl all      all             ::1/128       scram-sha-256
EOF
    own postgres "$dir"
}

# pg_configure_plain DIR PORT: a cluster without TLS (ssl = off), for sslmode=prefer's fallback:
# the machine's own server may have TLS on (Debian turns it on with a snakeoil certificate).
pg_configure_plain() {
    local dir=$1 port=$2 data=$1/data
    cat >>"$data/postgresql.conf" <<EOF

# ---- tests/tls/servers.sh (plain) ----
port = $port
listen_addresses = 'localhost'
unix_socket_directories = ''
ssl = off
password_encryption = 'scram-sha-256'
max_connections = 20
shared_buffers = 16MB
fsync = off
EOF
    cat >"$data/pg_hba.conf" <<EOF
# tests/tls/servers.sh: no TLS at all.
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128      scram-sha-256
EOF
    own postgres "$dir"
}

# pg_configure_old_tls DIR PORT: TLS 1.0 and 1.1 only (older than any rustls speaks) and plain
# connections accepted: sslmode=prefer must fall back to plain, as libpq's does.
pg_configure_old_tls() {
    local dir=$1 port=$2 data=$1/data
    cp "$CERTS/server.pem" "$data/server.crt"
    cp "$CERTS/server.key" "$data/server.key"
    chmod 0600 "$data/server.key"
    cat >>"$data/postgresql.conf" <<EOF

# ---- tests/tls/servers.sh (old TLS) ----
port = $port
listen_addresses = 'localhost'
unix_socket_directories = ''
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_min_protocol_version = 'TLSv1'
ssl_max_protocol_version = 'TLSv1.1'
ssl_ciphers = 'DEFAULT:@SECLEVEL=0'
password_encryption = 'scram-sha-256'
max_connections = 20
shared_buffers = 16MB
fsync = off
EOF
    cat >"$data/pg_hba.conf" <<EOF
# tests/tls/servers.sh: plain or (old) TLS.
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128      scram-sha-256
EOF
    own postgres "$dir"
}

# pg_plain_healthy PORT: a plain login as tether.
pg_plain_healthy() {
    PGCONNECT_TIMEOUT=5 psql -X -A -t -q \
        "host=localhost port=$1 dbname=postgres user=$PG_USER password=$PASSWORD sslmode=disable" \
        -c 'select 1' 2>/dev/null | grep -qx 1
}

pg_start() {
    local dir=$1
    as_user postgres "$PG_BIN/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t "$START_TIMEOUT" \
        >/dev/null ||
        die_with_log "$dir/postgres.log" "PostgreSQL in $dir did not start"
}

pg_stop() {
    local dir=$1 pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || return 0
    [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 0
    # Only touch it if it really is the postmaster of this cluster.
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$dir/data" || return 0
    as_user postgres "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 20 >/dev/null 2>&1 && return 0
    log "warning: PostgreSQL $pid in $dir did not stop in 20s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

# pg_healthy PORT SSLMODE: a real TLS login as tether, verifying the server against our CA.
pg_healthy() {
    PGCONNECT_TIMEOUT=5 psql -X -A -t -q \
        "host=localhost port=$1 dbname=postgres user=$PG_USER password=$PASSWORD sslmode=$2 sslrootcert=$CERTS/ca.pem" \
        -c 'select 1' 2>/dev/null | grep -qx 1
}

# ----------------------------------------------------------------------------------------------
# MariaDB. Instance dir layout: $dir/data, $dir/tls (certs, owned by mysql), my.cnf, init.sql
# (users; run by the server itself at every start via init-file), mysqld.sock/.pid/.log.

mysql_install() {
    local dir=$1
    mkdir -p "$dir"
    own mysql "$dir"
    local user_opt=()
    ((IS_ROOT)) && user_opt=(--user=mysql)
    (cd / && close_fds && exec mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
        --auth-root-authentication-method=socket --skip-test-db) >"$dir/install.log" 2>&1 ||
        die_with_log "$dir/install.log" "mariadb-install-db failed"
}

# mysql_configure DIR PORT CERT_NAME
mysql_configure() {
    local dir=$1 port=$2 cert=$3
    mkdir -p "$dir/tls"
    cp "$CERTS/$cert.pem" "$dir/tls/server.pem"
    cp "$CERTS/$cert.key" "$dir/tls/server.key"
    cp "$CERTS/ca.pem" "$dir/tls/ca.pem"
    chmod 0600 "$dir/tls/server.key"
    cat >"$dir/my.cnf" <<EOF
# tests/tls/servers.sh
[mariadbd]
datadir                  = $dir/data
socket                   = $dir/mysqld.sock
pid-file                 = $dir/mysqld.pid
log-error                = $dir/mysqld.log
port                     = $port
bind-address             = 127.0.0.1
skip-name-resolve
require_secure_transport = ON
ssl_cert                 = $dir/tls/server.pem
ssl_key                  = $dir/tls/server.key
ssl_ca                   = $dir/tls/ca.pem
init-file                = $dir/init.sql
character-set-server     = utf8mb4
collation-server         = utf8mb4_general_ci
innodb_buffer_pool_size  = 32M
innodb_flush_log_at_trx_commit = 2
skip-log-bin
EOF
    local hosts=("%" "localhost" "127.0.0.1") h sql=""
    for h in "${hosts[@]}"; do
        sql+="CREATE USER IF NOT EXISTS '$MYSQL_USER'@'$h' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_USER'@'$h' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS '$MYSQL_CERT_USER'@'$h' REQUIRE X509;
GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_CERT_USER'@'$h';
"
    done
    cat >"$dir/init.sql" <<EOF
DELETE FROM mysql.global_priv WHERE User = '';
CREATE DATABASE IF NOT EXISTS test;
$sql
FLUSH PRIVILEGES;
EOF
    own mysql "$dir"
}

mysql_start() {
    local dir=$1 port=$2 verify=$3 user_opt=() pid i
    ((IS_ROOT)) && user_opt=(--user=mysql)
    touch "$dir/mysqld.log"
    own mysql "$dir/mysqld.log"
    # setsid: its own session, so a Ctrl-C aimed at the caller (cargo test) does not reach it.
    (cd / && close_fds && exec setsid -w mariadbd --defaults-file="$dir/my.cnf" "${user_opt[@]}") \
        </dev/null >>"$dir/mysqld.log" 2>&1 &
    pid=$!
    for ((i = 0; i < START_TIMEOUT * 4; i++)); do
        if mysql_healthy "$port" "$verify"; then return 0; fi
        pid_alive "$pid" || die_with_log "$dir/mysqld.log" "MariaDB in $dir exited during start-up"
        sleep 0.25
    done
    die_with_log "$dir/mysqld.log" "MariaDB in $dir did not accept a TLS login within ${START_TIMEOUT}s"
}

mysql_stop() {
    local dir=$1 pid i
    [[ -f $dir/mysqld.pid ]] || return 0
    pid=$(cat "$dir/mysqld.pid" 2>/dev/null) || return 0
    [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 0
    # Only signal it if it really is the mariadbd of this instance.
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "--defaults-file=$dir/my.cnf" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 80; i++)); do
        pid_alive "$pid" || return 0
        sleep 0.25
    done
    log "warning: MariaDB $pid did not stop in 20s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

# mysql_healthy PORT verify|noverify: a real TLS login as tether over TCP.
mysql_healthy() {
    local verify=()
    [[ $2 == verify ]] && verify=(--ssl-verify-server-cert)
    mariadb --no-defaults --protocol=TCP --host=127.0.0.1 --port="$1" --connect-timeout=5 \
        --user="$MYSQL_USER" --password="$PASSWORD" --ssl-ca="$CERTS/ca.pem" "${verify[@]}" \
        -N -B -e 'select 1' test 2>/dev/null | grep -qx 1
}

# ----------------------------------------------------------------------------------------------

stop_all() {
    pg_stop "$STATE_DIR/pg"
    pg_stop "$STATE_DIR/pg-wrong-host"
    pg_stop "$STATE_DIR/pg-plain"
    pg_stop "$STATE_DIR/pg-old-tls"
    mysql_stop "$STATE_DIR/mysql"
    mysql_stop "$STATE_DIR/mysql-wrong-host"
}

# env_get KEY: value of KEY in $STATE_DIR/env.
env_get() { sed -n "s/^$1=//p" "$STATE_DIR/env" 2>/dev/null | head -n 1; }

# reuse_ok: the servers recorded in $STATE_DIR/env all answer a TLS login.
reuse_ok() {
    [[ -f $STATE_DIR/env ]] || return 1
    local pg pgw pgp pgo my myw
    pg=$(env_get TLS_POSTGRES_PORT) pgw=$(env_get TLS_POSTGRES_WRONG_HOST_PORT)
    pgp=$(env_get PLAIN_POSTGRES_PORT) pgo=$(env_get OLD_TLS_POSTGRES_PORT)
    my=$(env_get TLS_MYSQL_PORT) myw=$(env_get TLS_MYSQL_WRONG_HOST_PORT)
    [[ -n $pg && -n $pgw && -n $pgp && -n $pgo && -n $my && -n $myw ]] || return 1
    pg_healthy "$pg" verify-full && pg_healthy "$pgw" verify-ca && pg_plain_healthy "$pgp" &&
        pg_plain_healthy "$pgo" &&
        mysql_healthy "$my" verify && mysql_healthy "$myw" noverify
}

cmd_start() {
    ensure_tools
    if reuse_ok; then
        log "reusing running servers in $STATE_DIR"
        cat "$STATE_DIR/env" >&3
        return 0
    fi
    local t0=$SECONDS
    log "creating TLS servers in $STATE_DIR"
    stop_all
    rm -rf "$STATE_DIR/env" "$CERTS" "$STATE_DIR/pg" "$STATE_DIR/pg-wrong-host" "$STATE_DIR/pg-plain" "$STATE_DIR/pg-old-tls" \
        "$STATE_DIR/mysql" "$STATE_DIR/mysql-wrong-host"

    local pg_port pgw_port my_port myw_port
    pg_port=$(pick_port "$PG_PORT_DEFAULT")
    pgw_port=$(pick_port "$PG_WRONG_HOST_PORT_DEFAULT" "$pg_port")
    my_port=$(pick_port "$MYSQL_PORT_DEFAULT" "$pg_port" "$pgw_port")
    myw_port=$(pick_port "$MYSQL_WRONG_HOST_PORT_DEFAULT" "$pg_port" "$pgw_port" "$my_port")
    local pgp_port
    pgp_port=$(pick_port "$PG_PLAIN_PORT_DEFAULT" "$pg_port" "$pgw_port" "$my_port" "$myw_port")
    local pgo_port
    pgo_port=$(pick_port "$PG_OLD_TLS_PORT_DEFAULT" "$pg_port" "$pgw_port" "$my_port" "$myw_port" "$pgp_port")

    gen_certs "$CERTS"

    # The two clusters of each kind start from the same freshly initialised data directory.
    pg_initdb "$STATE_DIR/pg"
    mkdir -p "$STATE_DIR/pg-wrong-host"
    cp -a "$STATE_DIR/pg/data" "$STATE_DIR/pg-wrong-host/data"
    mkdir -p "$STATE_DIR/pg-plain"
    cp -a "$STATE_DIR/pg/data" "$STATE_DIR/pg-plain/data"
    mkdir -p "$STATE_DIR/pg-old-tls"
    cp -a "$STATE_DIR/pg/data" "$STATE_DIR/pg-old-tls/data"
    mysql_install "$STATE_DIR/mysql"
    mkdir -p "$STATE_DIR/mysql-wrong-host"
    cp -a "$STATE_DIR/mysql/data" "$STATE_DIR/mysql-wrong-host/data"

    pg_configure "$STATE_DIR/pg" "$pg_port" server
    pg_configure "$STATE_DIR/pg-wrong-host" "$pgw_port" wrong-host-server
    pg_configure_plain "$STATE_DIR/pg-plain" "$pgp_port"
    pg_configure_old_tls "$STATE_DIR/pg-old-tls" "$pgo_port"
    mysql_configure "$STATE_DIR/mysql" "$my_port" server
    mysql_configure "$STATE_DIR/mysql-wrong-host" "$myw_port" wrong-host-server

    pg_start "$STATE_DIR/pg"
    pg_start "$STATE_DIR/pg-wrong-host"
    pg_start "$STATE_DIR/pg-plain"
    pg_start "$STATE_DIR/pg-old-tls"
    pg_plain_healthy "$pgo_port" || die_with_log "$STATE_DIR/pg-old-tls/postgres.log" "PostgreSQL (old TLS) login failed"
    pg_plain_healthy "$pgp_port" || die_with_log "$STATE_DIR/pg-plain/postgres.log" "PostgreSQL (plain) login failed"
    pg_healthy "$pg_port" verify-full || die_with_log "$STATE_DIR/pg/postgres.log" "PostgreSQL TLS login failed"
    pg_healthy "$pgw_port" verify-ca ||
        die_with_log "$STATE_DIR/pg-wrong-host/postgres.log" "PostgreSQL (wrong host) TLS login failed"
    mysql_start "$STATE_DIR/mysql" "$my_port" verify
    mysql_start "$STATE_DIR/mysql-wrong-host" "$myw_port" noverify

    cat >"$STATE_DIR/env.tmp" <<EOF
TLS_DIR=$CERTS
TLS_CA=$CERTS/ca.pem
TLS_OTHER_CA=$CERTS/other-ca.pem
TLS_SERVER_CERT=$CERTS/server.pem
TLS_CLIENT_CERT=$CERTS/client.pem
TLS_CLIENT_KEY=$CERTS/client.key
TLS_CLIENT_KEY_PKCS1=$CERTS/client.pkcs1.key
TLS_WRONG_HOST_SAN=$WRONG_HOST_SAN
TLS_POSTGRES_PORT=$pg_port
TLS_POSTGRES_URL=postgresql://$PG_USER@localhost:$pg_port/postgres
TLS_POSTGRES_PASSWORD=$PASSWORD
TLS_POSTGRES_CERT_USER=$PG_CERT_USER
TLS_POSTGRES_WRONG_HOST_PORT=$pgw_port
PLAIN_POSTGRES_PORT=$pgp_port
OLD_TLS_POSTGRES_PORT=$pgo_port
TLS_MYSQL_PORT=$my_port
TLS_MYSQL_URL=mysql://$MYSQL_USER:$PASSWORD@localhost:$my_port/test
TLS_MYSQL_CERT_USER=$MYSQL_CERT_USER
TLS_MYSQL_WRONG_HOST_PORT=$myw_port
EOF
    mv "$STATE_DIR/env.tmp" "$STATE_DIR/env"
    log "servers up in $((SECONDS - t0))s"
    cat "$STATE_DIR/env" >&3
}

cmd_stop() {
    stop_all
    rm -f "$STATE_DIR/env"
    log "stopped TLS servers in $STATE_DIR"
}

main() {
    [[ $# -ge 1 && $# -le 2 && ($1 == start || $1 == stop) ]] || usage
    local cmd=$1
    STATE_DIR=${2:-$REPO_DIR/target/tls-servers}
    mkdir -p "$STATE_DIR"
    STATE_DIR=$(cd "$STATE_DIR" && pwd)
    CERTS=$STATE_DIR/certs
    # The service users must be able to reach their directories (only adds search permission).
    if ((IS_ROOT)); then chmod a+x "$STATE_DIR"; fi

    # Only the final KEY=VALUE lines go to the real stdout (fd 3); everything else to stderr.
    exec 3>&1 1>&2
    exec 9>"$STATE_DIR/.lock"
    flock -w 120 9 || die "timed out waiting for the lock $STATE_DIR/.lock"

    case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    esac
}

main "$@"
