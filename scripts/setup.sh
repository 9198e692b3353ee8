#!/usr/bin/env bash
# Install lawie with everything it can use (CPU torch pinned), then parse the bundled example report.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q torch==2.13.0
python3 -m pip install -q -e ".[all]"
lawie parse examples/report_2023_shuangtu.txt --format tree
