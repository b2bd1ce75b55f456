# Shared by scripts/serve, scripts/test and .ci/run: a virtualenv that matches pyproject.toml.

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      command -v "$candidate"; return 0
    fi
  done
  echo "Lỗi: cần Python 3.11 (không tìm thấy python3.11 trong PATH)." >&2
  return 1
}

# ensure_venv [extra]: create .venv and install the package (with an optional extra such as
# "test") pinned by constraints.txt; reinstall only when pyproject.toml or constraints change.
ensure_venv() {
  local extra="${1:-}" spec="." python stamp want
  [ -n "$extra" ] && spec=".[$extra]"
  if [ ! -x .venv/bin/python ]; then
    python="$(find_python)"
    "$python" -m venv .venv
  fi
  stamp=".venv/.doithoai-installed${extra:+-$extra}"
  want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$spec"
    echo "$want" > "$stamp"
  fi
}
