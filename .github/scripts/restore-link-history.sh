#!/usr/bin/env bash
# Download the link history (.dlnotes/ as links-weekly.yml leaves it) from the newest finished
# run of that workflow on $BRANCH that left one, into the folder given as $1.
# Needs GH_TOKEN (with actions: read), GITHUB_REPOSITORY and BRANCH.
set -euo pipefail
into="$1"
# The newest finished run with a history artifact: a run that failed before its upload must
# not cost the weeks of history behind it.
runs=$(gh run list --repo "$GITHUB_REPOSITORY" --workflow links-weekly.yml \
  --branch "$BRANCH" --limit 20 --json databaseId,status \
  --jq '.[] | select(.status == "completed") | .databaseId')
for run_id in $runs; do
  if gh run download "$run_id" --repo "$GITHUB_REPOSITORY" \
    --name linkcheck-history --dir "$into" 2>/dev/null; then
    echo "::notice::link history restored from run $run_id"
    exit 0
  fi
done
echo "::notice::no earlier link history"
