#!/usr/bin/env bash
# Rebuilds the seed corpora in fuzz/corpus/<target>/ from the repository's own inputs:
#   schema_load   every .prisma fixture (multi-file schemas as one input, files split by NUL),
#                 each also with its datasource `url` removed or added (Prisma 7 / Prisma 6)
#   config_parse  the repository's tether.toml, the README's examples, `tether init`'s template
#   sql_replay    every migration.sql and down.sql `tether gen` writes for the fixtures on all
#                 three dialects (evolution pairs also as one two-migration folder, split by NUL),
#                 and, when TETHER_PRISMA_REFERENCE names an installed Prisma reference engine,
#                 the SQL Prisma writes for them (PostgreSQL and SQLite)
# Crash inputs found by fuzzing live beside the seeds as crash-*; this script keeps them.
# Run from the repository root: fuzz/seed-corpus.sh
set -euo pipefail

root=$PWD
corpus=$root/fuzz/corpus
cargo build --quiet --bin tether
tether=$root/target/debug/tether
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for target in schema_load config_parse sql_replay; do
  mkdir -p "$corpus/$target"
  find "$corpus/$target" -type f ! -name 'crash-*' -delete
done

# --- schema_load ---------------------------------------------------------------------------
# A file name for a schema path: fixtures/evolution/columns/v1.prisma -> evolution-columns-v1
name_of() { local n=${1#fixtures/}; n=${n%.prisma}; n=${n%/schema}; echo "${n//\//-}"; }

# The schema with the datasource `url` line removed if it has one, else with one added.
flip_url() {
  if grep -q '^[[:space:]]*url[[:space:]]*=' "$1"; then
    sed '/^[[:space:]]*url[[:space:]]*=/d' "$1"
  else
    sed '/^datasource .*{/a\  url      = env("DATABASE_URL")' "$1"
  fi
}

single_files=()
while IFS= read -r file; do
  case $file in */multi-file/schema/* | */multi-file-syntax-error/schema/*) continue ;; esac
  single_files+=("$file")
done < <(find fixtures schema tests/toolchains/hostile -name '*.prisma' | sort)
for file in "${single_files[@]}"; do
  name=$(name_of "$file")
  cp "$file" "$corpus/schema_load/$name.prisma"
  flip_url "$file" >"$corpus/schema_load/$name.url-flipped.prisma"
done
for folder in fixtures/multi-file/schema fixtures/invalid/multi-file-syntax-error/schema; do
  name=$(name_of "${folder%/schema}")
  out=$corpus/schema_load/$name.multi
  : >"$out"
  first=1
  for file in "$folder"/*.prisma; do
    [ $first = 1 ] || printf '\0' >>"$out"
    cat "$file" >>"$out"
    first=0
  done
done

# --- config_parse --------------------------------------------------------------------------
cp tether.toml "$corpus/config_parse/repository.toml"
awk '/^```toml$/ {n++; keep=1; next} /^```$/ {keep=0} keep {print > (out "-" n ".toml")}' \
  out="$corpus/config_parse/readme" README.md
(cd "$work" && "$tether" init >/dev/null 2>&1 && cp tether.toml "$corpus/config_parse/init-template.toml")
printf '[migrations]\ndir = 5\n' >"$corpus/config_parse/wrong-type.toml"
printf 'schema = "s.prisma"\n[rust]\nout = "m.rs"\nderives = ["Debug", 3]\nunknown = true\n' \
  >"$corpus/config_parse/unknown-key.toml"

# --- sql_replay ----------------------------------------------------------------------------
# One project per fixture: gen from the schema (and from v2 after v1 for evolution pairs).
gen_project() { # <name> <schema>...
  local dir=$work/gen/$1
  shift
  mkdir -p "$dir"
  local step=0
  for schema in "$@"; do
    step=$((step + 1))
    printf 'schema = "%s"\n[migrations]\ndir = "migrations"\ndialects = ["sqlite", "postgresql", "mysql"]\n' \
      "$root/$schema" >"$dir/tether.toml"
    (cd "$dir" && "$tether" gen --name "step$step" >/dev/null 2>&1) || true
  done
}
for file in "${single_files[@]}"; do
  case $file in fixtures/invalid/* | fixtures/evolution/*/v2.prisma) continue ;; esac
  case $file in
    fixtures/evolution/*/v1.prisma) gen_project "$(name_of "${file%/v1.prisma}")" "$file" "${file%v1.prisma}v2.prisma" ;;
    *) gen_project "$(name_of "$file")" "$file" ;;
  esac
done
gen_project multi-file fixtures/multi-file/schema
for project in "$work"/gen/*; do
  name=$(basename "$project")
  for dialect in sqlite postgresql mysql; do
    folder=$project/migrations/$dialect
    [ -d "$folder" ] || continue
    migrations=("$folder"/*/migration.sql)
    for sql in "$folder"/*/migration.sql "$folder"/*/down.sql; do
      [ -f "$sql" ] || continue
      step=$(basename "$(dirname "$sql")"); step=${step#*_}
      cp "$sql" "$corpus/sql_replay/$name.$dialect.$step.$(basename "$sql")"
    done
    if [ ${#migrations[@]} -gt 1 ]; then
      out=$corpus/sql_replay/$name.$dialect.folder
      : >"$out"
      for sql in "${migrations[@]}"; do
        if [ -s "$out" ]; then printf '\0' >>"$out"; fi
        cat "$sql" >>"$out"
      done
    fi
  done
done
if [ -n "${TETHER_PRISMA_REFERENCE:-}" ]; then
  for file in "${single_files[@]}"; do
    case $file in fixtures/invalid/*) continue ;; esac
    grep -qE 'provider *= *"(postgresql|sqlite)"' "$file" || continue
    # Prisma 7 rejects a datasource `url`: give it the url-less variant.
    input=$root/$file
    if grep -q '^[[:space:]]*url[[:space:]]*=' "$file"; then
      input=$corpus/schema_load/$(name_of "$file").url-flipped.prisma
    fi
    out=$corpus/sql_replay/$(name_of "$file").prisma-migrate.sql
    (cd "$TETHER_PRISMA_REFERENCE" &&
      node se-wasm.mjs diff --from-empty --to-schema "$input" --script >"$out" 2>/dev/null) ||
      rm -f "$out"
  done
  for v1 in fixtures/evolution/*/v1.prisma; do
    out=$corpus/sql_replay/$(name_of "${v1%/v1.prisma}").v1-to-v2.prisma-migrate.sql
    (cd "$TETHER_PRISMA_REFERENCE" &&
      node se-wasm.mjs diff --from-schema "$root/$v1" --to-schema "$root/${v1%v1.prisma}v2.prisma" \
        --script >"$out" 2>/dev/null) || rm -f "$out"
  done
fi

for target in schema_load config_parse sql_replay; do
  echo "$target: $(find "$corpus/$target" -type f | wc -l) files, $(du -sh "$corpus/$target" | cut -f1)"
done
