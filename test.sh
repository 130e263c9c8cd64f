#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite against a throwaway PostgreSQL 15
# cluster (started here, stopped at the end) and headless Chromium. Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
cd "$ROOT"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
apt_install "${missing[@]}" || { echo "无法安装：${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }

work="$(mktemp -d /tmp/zhenxing-test.XXXXXX)"
chmod 755 "$work"
pg_data="$work/pg"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  [ -f "$pg_data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for port in $(seq 55432 55632); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}

echo "== 启动临时 PostgreSQL 集群"
pg_port="$(free_port)"
mkdir -p "$pg_data" "$work/socket"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_data" "$work/socket"
as_postgres "$PG_BIN/initdb" -D "$pg_data" -U zhenxing --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
as_postgres "$PG_BIN/pg_ctl" -D "$pg_data" -l "$work/socket/postgres.log" -w -t 60 \
  -o "-p $pg_port -k $work/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$work/socket/postgres.log"; echo "0 passed, 1 failed"; exit 1; }
export ZHENXING_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=zhenxing;Database=postgres"
echo "PostgreSQL 15 在 127.0.0.1:$pg_port"

echo "== 构建"
if ! dotnet build Zhenxing.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"; exit 1
fi
if ! publish_app; then
  echo "0 passed, 1 failed"; exit 1
fi
export ZHENXING_APP_DIR="$APP_DIR"

results="$ROOT/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0; skipped=0
for project in Zhenxing.UnitTests Zhenxing.IntegrationTests Zhenxing.BrowserTests; do
  echo "== $project"
  dotnet test "tests/$project/$project.csproj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    > "$results/$project.log" 2>&1
  status=$?
  grep -E -A6 "^\s+Failed Zhenxing\." "$results/$project.log" | head -300
  trx="$results/$project.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx")"
    count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    p=$(count passed); f=$(count failed); n=$(count notExecuted)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
    echo "$project: ${p:-0} passed, ${f:-0} failed, ${n:-0} skipped"
    if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
      echo "$project: dotnet test 退出码 $status（测试进程异常）"; tail -30 "$results/$project.log"; failed=$((failed + 1))
    fi
  else
    echo "$project: 没有生成测试结果"; tail -40 "$results/$project.log"; failed=$((failed + 1))
  fi
done

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
