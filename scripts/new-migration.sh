#!/usr/bin/env bash
# Adds a migration for both providers: scripts/new-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="$1"
dotnet tool restore >/dev/null
for provider in Postgres Sqlite; do
  dotnet ef migrations add "$name" --project src/Zhenxing.Web --context "${provider}ZhenxingDb" \
    --output-dir "Data/Migrations/$provider" --namespace "Zhenxing.Web.Data.Migrations.$provider"
  # dotnet-ef 11 writes the model snapshot into a folder named after the namespace; move it home.
  stray="src/Zhenxing.Web/Zhenxing/Web/Data/Migrations/$provider"
  if [ -d "$stray" ]; then
    mv "$stray"/*.cs "src/Zhenxing.Web/Data/Migrations/$provider/"
  fi
done
rm -rf src/Zhenxing.Web/Zhenxing
