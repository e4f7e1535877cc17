#!/usr/bin/env bash
# Measures, in one run on this machine, Python, JavaScript and C hello world through the service on
# each engine, with warm pools off and on (pools sized POOL_SIZE, default 2), against two references: the bare interpreter/compiler spawn in the same root
# filesystem (the floor) and one `docker run --rm` per request (the naive design), and Python in
# bubblewrap alone (what no bwrap engine can beat). Prints a table
# with ratios to the floor and writes target/benchmark/results.json. With pools on, it records the
# service's memory after 20 s without a request (idle), times a
# batch of 100 Python submissions until all are DONE, kept in memory and (bwrap) through Redis;
# measures every language (and a pandas program) "clicked" (after a 1.5 s pause, pools full) and
# back-to-back against its bare toolchain in the same root filesystem; and offers Python at
# open-loop Poisson arrival rates until p99 passes 1 s.
# Knobs: BENCH_SEQUENTIAL (sequential requests, default 20), BENCH_PER_CLIENT (requests per client
# in the throughput runs, default 6), BENCH_SAMPLES (clicked and back-to-back runs per language,
# default 8), BENCH_RATES (open-loop arrivals per second, default 2,4,8,12,16,24,32,48,64),
# BENCH_ONLY=languages (only the per-language table and the open loop, pools on).
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
props=(-Dbench.out="$out/results.jsonl" -Dbench.sequential="${BENCH_SEQUENTIAL:-20}" -Dbench.perClient="${BENCH_PER_CLIENT:-6}"
  -Dbench.samples="${BENCH_SAMPLES:-8}" -Dbench.rates="${BENCH_RATES:-2,4,8,12,16,24,32,48,64}")
only="${BENCH_ONLY:-all}"
bench() { "$JAVA_HOME/bin/java" "${props[@]}" bench/Benchmark.java "$@"; }
rootfs="${BWRAP_ROOTFS_DIR:-/var/lib/code-runner/rootfs}"
c_build='d=$(mktemp -d) && printf "%s" "$1" > $d/m.c && gcc -O2 -pipe -o $d/m $d/m.c && $d/m; s=$?; rm -rf $d; exit $s'

python_image=$(image_of python); node_image=$(image_of javascript); gcc_image=$(image_of c)
if [ "$only" = all ]; then
  echo "== floor: bare spawn in the runtime's root filesystem"
  bench spawn floor python chroot "$rootfs/$(rootfs_name_of "$python_image")" python3 -c '{code}'
  bench spawn floor javascript chroot "$rootfs/$(rootfs_name_of "$node_image")" node -e '{code}'
  bench spawn floor c chroot "$rootfs/$(rootfs_name_of "$gcc_image")" sh -c "$c_build" sh '{code}'

  # The ceiling of any bwrap engine: bubblewrap alone around the bare spawn, with the engine's
  # namespaces and mounts, started straight from the benchmark (no service, launcher, cgroup or pool).
  echo "== bubblewrap alone: the bare spawn inside the bwrap engine's namespaces"
  bench spawn bubblewrap python bwrap --unshare-all --unshare-user --disable-userns --uid 10001 --gid 10001 \
    --hostname sandbox --die-with-parent --new-session --cap-drop ALL --ro-bind "$rootfs/$(rootfs_name_of "$python_image")" / \
    --proc /proc --dev /dev --tmpfs /tmp --chdir /tmp --clearenv --setenv PATH /usr/bin:/bin -- python3 -c '{code}'

  echo "== naive: one docker run --rm per request"
  bench spawn docker-run python docker run --rm --network none "$python_image" python3 -c '{code}'
  bench spawn docker-run javascript docker run --rm --network none "$node_image" node -e '{code}'
  bench spawn docker-run c docker run --rm --network none "$gcc_image" sh -c "$c_build" sh '{code}'
fi

echo "== floor of every language: its file compiled and run with the registry's flags, bare, in its root filesystem"
# floor <program> <language> <file> <steps>: the steps run in a fresh directory holding the program.
# A private mount namespace gives the chroot its own /proc (the JDK's launcher finds itself there).
floor() {
  local root="$rootfs/$(rootfs_name_of "$(image_of "$2")")"
  bench floor "$1" unshare --mount --propagation private sh -c 'mount -t proc proc "$1/proc" && exec chroot "$@"' sh \
    "$root" /usr/bin/env HOME=/tmp \
    sh -c 'd=$(mktemp -d) && cd "$d" && printf "%s" "$1" > '"$3"' && { '"$4"'; }; s=$?; cd /; rm -rf "$d"; exit $s' sh '{code}'
}
tsc_flags='--skipLibCheck --lib es2020 --target es2020 --module commonjs --moduleResolution node --types node --typeRoots /usr/share/nodejs/@types --outDir .'
floor python python main.py 'python3 main.py'
floor pandas python-data main.py 'python3 main.py'
floor javascript javascript main.js 'node main.js'
floor typescript typescript main.ts "tsc $tsc_flags main.ts && node main.js"
floor java java Main.java 'javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -encoding UTF-8 -d . Main.java && java -XX:+UseSerialGC -cp . Main'
floor c c main.c 'gcc -std=c17 -O2 -pipe -Wall -o main main.c -lm && ./main'
floor cpp cpp main.cpp 'g++ -std=c++17 -O2 -pipe -Wall -o main main.cpp -lm && ./main'
floor go go main.go 'GOCACHE="$d/.cache" GO111MODULE=off CGO_ENABLED=0 go build -o main . && ./main'
floor rust rust main.rs 'rustc --edition 2021 -O -o main main.rs && ./main'
floor ruby ruby main.rb 'ruby main.rb'
floor bash bash main.sh 'bash main.sh'

key="bench-$RANDOM$RANDOM"
url=http://127.0.0.1:18089
pools="off on"; [ "$only" = all ] || pools=on
# docker-crun: the Docker engine with crun as its OCI runtime (DOCKER_RUNTIME=crun).
for engine in docker docker-crun bwrap; do
  backend=${engine%-crun}; runtime=; [ "$engine" = docker-crun ] && runtime=crun
  for pool in $pools; do
    label="service-$engine"; size=0
    [ "$pool" = on ] && { label="$label+pool"; size="${POOL_SIZE:-2}"; }
    echo "== $label"
    SANDBOX_BACKEND=$backend DOCKER_RUNTIME=$runtime EXECUTION_API_KEY=$key PORT=18089 INSTANCE_NAME=bench BWRAP_CGROUP_NAME=bench \
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
      [ "$only" = all ] && bench overhead "$url" "$key" "$label"
      bench languages "$url" "$key" "$label"
      bench openloop "$url" "$key" "$label"
    fi
    if [ "$only" = all ]; then
      bench http "$url" "$key" "$label"
      [ "$pool" = on ] && bench overload "$url" "$key" "$label"
      [ "$pool" = on ] && bench batch "$url" "$key" "$label"
    fi
    kill "$pid"; wait "$pid" || true
  done
done

if [ "$only" = all ]; then
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
fi

echo
echo "Benchmark on $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -r)"
bench report "$out/results.json"
