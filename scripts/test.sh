#!/usr/bin/env bash
# Install lawie with test dependencies (idempotent) and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q torch==2.13.0
python3 -m pip install -q -e ".[all]"
python3 -m pytest -q tests
