#!/usr/bin/env bash
# Builds Zhenxing and starts it on the embedded SQLite database (data/zhenxing.db).
# PORT=8080 ./run.sh to use another port; any further arguments go to `zhenxing serve`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
cd "$ROOT"
port="${PORT:-5080}"
echo "正在构建振兴督查调度平台……"
publish_app
echo "启动中：http://127.0.0.1:$port （数据库：data/zhenxing.db；按 Ctrl+C 停止）"
echo "首次启动会创建系统管理员并在下方打印用户名和初始密码。"
exec ./zhenxing serve --urls "http://127.0.0.1:$port" "$@"
