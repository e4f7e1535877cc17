#!/usr/bin/env bash
# Measures, in one run on this machine, Python, JavaScript and C hello world through the service on
# each engine, with warm pools off and on (pools sized POOL_SIZE, default 2), against two references: the bare interpreter/compiler spawn in the same root
# filesystem (the floor) and one `docker run --rm` per request (the naive design). Prints a table
# with ratios to the floor and writes target/benchmark/results.json. With pools on, it also times a
# batch of 100 Python submissions until all are DONE, kept in memory and (bwrap) through Redis.
# Knobs: BENCH_SEQUENTIAL (sequential requests, default 20), BENCH_PER_CLIENT (requests per client
# in the throughput runs, default 6).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/images.sh

scripts/install-prerequisites.sh >/dev/null
scripts/build-images.sh >/dev/null
scripts/export-rootfs.sh >/dev/null
export JAVA_HOME="$(scripts/java-home.sh)"
./mvnw -q -B -DskipTests package

out=target/benchmark
rm -rf "$out"; mkdir -p "$out"
props=(-Dbench.out="$out/results.jsonl" -Dbench.sequential="${BENCH_SEQUENTIAL:-20}" -Dbench.perClient="${BENCH_PER_CLIENT:-6}")
bench() { "$JAVA_HOME/bin/java" "${props[@]}" bench/Benchmark.java "$@"; }
rootfs="${BWRAP_ROOTFS_DIR:-/var/lib/code-runner/rootfs}"
c_build='d=$(mktemp -d) && printf "%s" "$1" > $d/m.c && gcc -O2 -pipe -o $d/m $d/m.c && $d/m; s=$?; rm -rf $d; exit $s'

echo "== floor: bare spawn in the runtime's root filesystem"
python_image=$(image_of python); node_image=$(image_of javascript); gcc_image=$(image_of c)
bench spawn floor python chroot "$rootfs/$(rootfs_name_of "$python_image")" python3 -c '{code}'
bench spawn floor javascript chroot "$rootfs/$(rootfs_name_of "$node_image")" node -e '{code}'
bench spawn floor c chroot "$rootfs/$(rootfs_name_of "$gcc_image")" sh -c "$c_build" sh '{code}'

echo "== naive: one docker run --rm per request"
bench spawn docker-run python docker run --rm --network none "$python_image" python3 -c '{code}'
bench spawn docker-run javascript docker run --rm --network none "$node_image" node -e '{code}'
bench spawn docker-run c docker run --rm --network none "$gcc_image" sh -c "$c_build" sh '{code}'

key="bench-$RANDOM$RANDOM"
url=http://127.0.0.1:18089
for engine in docker bwrap; do
  for pool in off on; do
    label="service-$engine"; size=0
    [ "$pool" = on ] && { label="$label+pool"; size="${POOL_SIZE:-2}"; }
    echo "== $label"
    SANDBOX_BACKEND=$engine EXECUTION_API_KEY=$key PORT=18089 INSTANCE_NAME=bench BWRAP_CGROUP_NAME=bench \
      BWRAP_WORK_DIR=/run/code-runner-bench POOL_SIZE=$size \
      "$JAVA_HOME/bin/java" -jar target/code-runner-*.jar > "$out/$label.log" 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    for _ in $(seq 1 240); do
      curl -fs "$url/health" >/dev/null 2>&1 && break
      sleep 0.5
    done
    bench settle "$url" "$key"
    if [ "$pool" = on ]; then
      bench rss "$pid" "$label"
      bench overhead "$url" "$key" "$label"
    fi
    bench http "$url" "$key" "$label"
    [ "$pool" = on ] && bench overload "$url" "$key" "$label"
    [ "$pool" = on ] && bench batch "$url" "$key" "$label"
    kill "$pid"; wait "$pid" || true
  done
done

echo "== service-bwrap+pool with Redis (submissions through Redis Streams)"
label="service-bwrap+pool+redis"
redis-cli -h 127.0.0.1 del coderunner:submissions coderunner:submissions:queued >/dev/null
SANDBOX_BACKEND=bwrap EXECUTION_API_KEY=$key PORT=18089 INSTANCE_NAME=bench BWRAP_CGROUP_NAME=bench \
  BWRAP_WORK_DIR=/run/code-runner-bench POOL_SIZE="${POOL_SIZE:-2}" REDIS_URL=redis://127.0.0.1:6379 \
  "$JAVA_HOME/bin/java" -jar target/code-runner-*.jar > "$out/$label.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  sleep 0.5
done
bench settle "$url" "$key"
bench batch "$url" "$key" "$label"
kill "$pid"; wait "$pid" || true

echo
echo "Benchmark on $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -r)"
bench report "$out/results.json"
