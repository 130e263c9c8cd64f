# Shared by run.sh, test.sh and ./zhenxing: environment and the app build.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_DIR="$ROOT/.build/app"

# Installs Debian packages that are missing (as root directly, otherwise with sudo).
apt_install() {
  [ "$#" -eq 0 ] && return 0
  echo "安装缺少的系统软件包：$*"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Copies the front-end packages the app serves into wwwroot/lib (git-ignored), when package.json exists.
build_frontend() {
  local web="$ROOT/src/Zhenxing.Web"
  [ -f "$web/package.json" ] || return 0
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error && node scripts/copy-lib.mjs)
}

# Publishes the web app into .build/app when a source file is newer than the last publish.
publish_app() {
  local stamp="$APP_DIR/.published"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/src" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
        -newer "$stamp" -type f -not -path '*/bin/*' -not -path '*/obj/*' -not -path '*/node_modules/*' -print -quit)" ]; then
    return 0
  fi
  build_frontend || return 1
  dotnet publish "$ROOT/src/Zhenxing.Web/Zhenxing.Web.csproj" -c Release -o "$APP_DIR" --nologo -v quiet "$@" >&2 || return 1
  touch "$stamp"
}
