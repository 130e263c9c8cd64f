#!/usr/bin/env bash
# Builds Zhenxing and starts it on the embedded SQLite database (data/zhenxing.db).
# PORT=8080 ./run.sh to use another port; any further arguments go to `zhenxing serve`.
# When ../shared/seeds exists its documents are imported as demo data, with a reporting history (ZHENXING_DEMO=0 to skip).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
cd "$ROOT"
port="${PORT:-5080}"
echo "正在构建振兴督查调度平台……"
publish_app
seeds="$ROOT/../shared/seeds"
if [ -d "$seeds" ] && [ "${ZHENXING_DEMO:-1}" = "1" ]; then
  # The seed documents are the demo data; importing them again is recognised and skipped.
  echo "导入演示数据（../shared/seeds 中的清单与结对名单）……"
  ./zhenxing import "$seeds"/00[1-4]_*.txt "$@" 2>&1 | grep -E "^(文件|已导入|同一文件|未导入|错误)" \
    || echo "演示数据未能导入（见上），网站照常启动。"
  # A reporting history for the imported lists (rounds, reports, reviews), so the dashboard has something to show.
  echo "生成演示报送历史（已有报送轮次时跳过）……"
  ./zhenxing demo "$@" 2>&1 | grep -E "^(演示|报送轮次|报送情况|事项状态|错误)" \
    || echo "演示报送历史未能生成（见上），网站照常启动。"
fi
echo "启动中：http://127.0.0.1:$port （数据库：data/zhenxing.db；按 Ctrl+C 停止）"
echo "首次启动会创建系统管理员并在下方打印用户名和初始密码。"
exec ./zhenxing serve --urls "http://127.0.0.1:$port" "$@"
