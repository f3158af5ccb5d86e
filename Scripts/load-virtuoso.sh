#!/usr/bin/env bash
# Loads a pfocr-kg RDF export into a private OpenLink Virtuoso (the store WikiPathways' SPARQL
# endpoint runs) and serves it over SPARQL on the loopback interface.
#
#   Scripts/load-virtuoso.sh [--check] OUT [PORT]
#
# OUT is an export folder holding pfocr.nt (preferred: the bulk loader splits it on lines) or
# pfocr.ttl. PORT (default 8890) serves HTTP/SPARQL and PORT+1 the SQL protocol (isql), both
# on 127.0.0.1 only. The database lives in a new temporary folder (VIRTUOSO_DB_DIR to choose
# one; it must be empty or absent); no system service is used or touched.
#
# Steps: write virtuoso.ini, start virtuoso-t in the foreground of a background job, wait
# (bounded) until isql answers, bulk-load with ld_dir + rdf_loader_run() into the named graph
# PFOCR_GRAPH (default https://pfocr.wikipathways.org/graph), fail unless every file of the
# load list is done with an empty ll_error, and print the graph's triple count. Then it
# leaves the server running and prints the SPARQL endpoint and how to stop it; with --check
# it stops the server and removes the database folder. On any failure the server is stopped.
#
# Output lines (stable, for scripts and tests): "database: DIR", "pid: N" (also in
# DIR/server.pid), "loaded: FILE", "graph: IRI", "triples: N", "sparql: URL", "stop: COMMAND".
#
# Needs Debian's virtuoso-opensource (7.2): virtuoso-t and isql-vt (VIRTUOSO_ISQL to point at
# another isql client: unixODBC's `isql` is a different program). The dba password is the
# fresh database's default (dba): the server listens on 127.0.0.1 only.
set -euo pipefail

usage() { echo "usage: $0 [--check] OUT [PORT]" >&2; exit 64; }
check=0
[ "${1:-}" = "--check" ] && { check=1; shift; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
http_port=${2:-8890}
[[ "$http_port" =~ ^[0-9]+$ ]] && [ "$http_port" -ge 1 ] && [ "$http_port" -le 65534 ] || usage
sql_port=$((http_port + 1))
graph=${PFOCR_GRAPH:-https://pfocr.wikipathways.org/graph}
start_seconds=${VIRTUOSO_START_SECONDS:-120}

[ -d "$out" ] || { echo "$0: $out is not a folder" >&2; exit 66; }
out=$(cd "$out" && pwd -P)
case "$out" in *"'"*) echo "$0: the folder path holds a quote: $out" >&2; exit 64 ;; esac
if [ -s "$out/pfocr.nt" ]; then dump=pfocr.nt
elif [ -s "$out/pfocr.ttl" ]; then dump=pfocr.ttl
else echo "$0: $out holds no pfocr.nt or pfocr.ttl (export with --format ntriples or turtle)" >&2; exit 66
fi
server=$(command -v virtuoso-t || true)
isql=${VIRTUOSO_ISQL:-$(command -v isql-vt || true)}
if [ -z "$server" ] || [ -z "$isql" ]; then
    echo "$0: virtuoso-t and isql-vt not found: apt-get install virtuoso-opensource-7-bin (or virtuoso-opensource)" >&2
    exit 69
fi

if [ -n "${VIRTUOSO_DB_DIR:-}" ]; then
    db=$VIRTUOSO_DB_DIR
    mkdir -p "$db"
    [ -z "$(ls -A "$db")" ] || { echo "$0: $db is not empty" >&2; exit 73; }
    db=$(cd "$db" && pwd -P)
else
    db=$(mktemp -d "${TMPDIR:-/tmp}/pfocr-virtuoso.XXXXXX")
fi

cat > "$db/virtuoso.ini" <<EOF
; Written by pfocr-kg's Scripts/load-virtuoso.sh: a private, loopback-only Virtuoso.
[Database]
DatabaseFile       = $db/virtuoso.db
ErrorLogFile       = $db/virtuoso.log
LockFile           = $db/virtuoso.lck
TransactionFile    = $db/virtuoso.trx
xa_persistent_file = $db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $db/virtuoso-temp.db
TransactionFile    = $db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql_port
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., $out
NumberOfBuffers          = ${VIRTUOSO_BUFFERS:-20000}
MaxDirtyBuffers          = $(( ${VIRTUOSO_BUFFERS:-20000} * 3 / 4 ))
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4

[HTTPServer]
ServerPort           = 127.0.0.1:$http_port
ServerRoot           = $db
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 300
EOF

pid=""
sql() { "$isql" "127.0.0.1:$sql_port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF ERRORS=STDOUT "exec=$1"; }
stop() {
    [ -n "$pid" ] || return 0
    "$isql" "127.0.0.1:$sql_port" dba dba -K >/dev/null 2>&1 || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
}
cleanup() {
    local status=$?
    if [ $status -ne 0 ] || [ $check -eq 1 ]; then
        stop
        [ $status -ne 0 ] && [ -f "$db/virtuoso.log" ] && tail -n 20 "$db/virtuoso.log" >&2
        rm -rf "$db"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "database: $db"
# +foreground keeps the server in this job (no daemon to find later); its output goes to the log.
(cd "$db" && exec "$server" +configfile "$db/virtuoso.ini" +foreground </dev/null >>"$db/server.out" 2>&1) &
pid=$!
echo "$pid" > "$db/server.pid"
echo "pid: $pid"
ready=0
for _ in $(seq $((start_seconds * 2))); do
    kill -0 "$pid" 2>/dev/null || { echo "$0: virtuoso-t exited while starting (port $http_port or $sql_port in use?)" >&2; exit 1; }
    if sql "status('');" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
done
[ $ready -eq 1 ] || { echo "$0: virtuoso-t did not answer on 127.0.0.1:$sql_port within ${start_seconds}s" >&2; exit 1; }

sql "ld_dir('$out', '$dump', '$graph'); rdf_loader_run(); checkpoint;" >"$db/load.out" 2>&1 \
    || { cat "$db/load.out" >&2; echo "$0: the bulk load failed" >&2; exit 1; }
# Every file of the load list done (ll_state 2) with no error; the list must not be empty.
report=$(sql "SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list;")
files=$(sql "SELECT COUNT(*) FROM DB.DBA.load_list;" | tr -dc '0-9')
bad=$(sql "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL;" | tr -dc '0-9')
if [ "${files:-0}" -lt 1 ] || [ "${bad:-1}" -ne 0 ]; then
    echo "$report" >&2
    echo "$0: load errors (ll_error) in DB.DBA.load_list" >&2
    exit 1
fi
echo "loaded: $out/$dump"
triples=$(sql "SPARQL SELECT COUNT(*) FROM <$graph> WHERE { ?s ?p ?o };" | tr -dc '0-9')
[ -n "$triples" ] || { echo "$0: could not count the triples of <$graph>" >&2; exit 1; }
echo "graph: $graph"
echo "triples: $triples"
echo "sparql: http://127.0.0.1:$http_port/sparql"
if [ $check -eq 1 ]; then
    echo "stopped (--check)"
else
    echo "stop: $isql 127.0.0.1:$sql_port dba dba -K && rm -rf $db"
    # Leave the server running: forget the job so the exit trap does not stop it.
    disown "$pid" 2>/dev/null || true
    pid=""
fi
