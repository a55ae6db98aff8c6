#!/bin/sh
# Runs node as `npm start` and `npm run bench` run it (README: running it as a service):
# - glibc's malloc backs large allocations with transparent huge pages: a search at a
#   million articles decodes posting lists into fresh memory, and on a virtual machine
#   each 4 KB page touched first is a fault of ~10 µs (a bench pass: 47,000 faults
#   without, 700 with);
# - a young generation of up to 32 MB a half (node's default: 16): fewer of a search's
#   short-lived objects outlive it into the old generation, whose full collections then
#   come half as often (a bench pass at a million: 41 -> 21, 306 -> 123 ms; CPU -8%).
# Settings already in the environment are kept; `exec` hands signals to node itself.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-semi-space-size=32"
exec node "$@"
