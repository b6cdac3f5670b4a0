#!/usr/bin/env bash
# netfsm ESP-IDF stand-in: builds libesp_idf_sim for every release and runs test/sim_test.c
# against each, then the 32-bit layout check, valgrind (memcheck, helgrind) and the
# address/undefined and thread sanitizers.
#
#   native/esp_idf/test/run.sh            everything
#   native/esp_idf/test/run.sh plain      build + run per release only
#   native/esp_idf/test/run.sh m32|valgrind|helgrind|asan|tsan
#
# Everything is built into a temporary directory (the libraries with the same command as
# scripts/build_native.ts's table, which writes native/build/libesp_idf_sim_<x.y>.so).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$ROOT"
CC="${CC:-cc}"
WARN=(-Wall -Wextra -Werror)
INC=(-Inative/esp_idf/include)
SOURCES=(native/esp_idf/src/sim_core.c native/esp_idf/src/sim_wifi.c native/esp_idf/src/sim_netif.c
         native/esp_idf/src/sim_world.c native/esp_idf/src/sim_layouts.c
         native/esp_idf/glue/netfsm_wifi_glue.c)
VERSIONS=(501:5.1 502:5.2 503:5.3 504:5.4 505:5.5 600:6.0)
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
MODES=("$@")
[ ${#MODES[@]} -eq 0 ] && MODES=(plain m32 valgrind helgrind asan tsan)
status=0

lib() { # the release library, as the build table builds it
    "$CC" -shared -fPIC -O2 -pthread -Wall -o "$OUT/libesp_idf_sim_$2.so" "${SOURCES[@]}" \
        -Wextra -Werror "${INC[@]}" "-DNETFSM_IDF_VERSION=$1"
}

test_bin() { # $1 version, $2 name, linked against the release library
    "$CC" -O1 -g -pthread "${WARN[@]}" "${INC[@]}" "-DNETFSM_IDF_VERSION=$1" \
        -o "$OUT/sim_test_$2" native/esp_idf/test/sim_test.c "$OUT/libesp_idf_sim_$2.so"
}

run() { # label, command...
    local label="$1"
    shift
    if "$@" >"$OUT/log" 2>&1; then
        echo "ok    $label: $(tail -n 1 "$OUT/log")"
    else
        echo "FAIL  $label"
        sed 's/^/      /' "$OUT/log" | tail -n 40
        status=1
    fi
}

for mode in "${MODES[@]}"; do
    case "$mode" in
    plain)
        for pair in "${VERSIONS[@]}"; do
            v="${pair%%:*}"; n="${pair##*:}"
            lib "$v" "$n"
            test_bin "$v" "$n"
            run "plain $n" "$OUT/sim_test_$n"
        done
        ;;
    m32)
        if ! "$CC" -m32 -ffreestanding -fsyntax-only -x c /dev/null 2>/dev/null; then
            echo "skip  m32: $CC cannot target -m32"
            continue
        fi
        for pair in "${VERSIONS[@]}"; do
            v="${pair%%:*}"; n="${pair##*:}"
            run "m32 layout asserts $n" sh -c "\"$CC\" -std=c11 -m32 -ffreestanding -fsyntax-only \
                ${WARN[*]} ${INC[*]} -DNETFSM_IDF_VERSION=$v native/esp_idf/test/layout_check.c \
                && echo 'static asserts hold (ILP32)'"
        done
        ;;
    valgrind | helgrind)
        command -v valgrind >/dev/null || { echo "skip  $mode: no valgrind"; continue; }
        tool=memcheck
        extra=(--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect)
        if [ "$mode" = helgrind ]; then tool=helgrind; extra=(); fi
        for n in 5.1 5.5 6.0; do
            v=$(printf '%s\n' "${VERSIONS[@]}" | grep ":$n\$" | cut -d: -f1)
            lib "$v" "$n"
            test_bin "$v" "$n"
            run "$mode $n" valgrind --tool=$tool --error-exitcode=99 "${extra[@]}" "$OUT/sim_test_$n"
            grep -E "^sim_test|All heap blocks|definitely lost|indirectly lost" "$OUT/log" | sed "s/^/      /" || true
        done
        ;;
    asan | tsan)
        if [ "$mode" = asan ]; then san=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer); else san=(-fsanitize=thread); fi
        for pair in "${VERSIONS[@]}"; do
            v="${pair%%:*}"; n="${pair##*:}"
            "$CC" -O1 -g -pthread "${san[@]}" "${WARN[@]}" "${INC[@]}" "-DNETFSM_IDF_VERSION=$v" \
                -o "$OUT/sim_test_${mode}_$n" native/esp_idf/test/sim_test.c "${SOURCES[@]}"
            run "$mode $n" env TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
                ASAN_OPTIONS="detect_leaks=1" "$OUT/sim_test_${mode}_$n"
        done
        ;;
    *)
        echo "unknown mode $mode" >&2
        exit 2
        ;;
    esac
done
exit $status
