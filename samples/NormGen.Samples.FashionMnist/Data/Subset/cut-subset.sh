#!/bin/sh
# Cuts the shipped subset from the full Fashion-MNIST IDX files: the first TRAIN training and the first TEST test
# images with their labels, as gzip IDX files with the count in the header rewritten. Byte-reproducible (gzip -n).
# Usage: cut-subset.sh [SOURCE_DIR] [TRAIN] [TEST]   (Debian: apt-get install dataset-fashion-mnist)
set -eu
source_dir=${1:-/usr/share/datasets/fashion-mnist}
train=${2:-10000}
test=${3:-2000}
here=$(dirname "$0")

be32() { printf "\\$(printf %03o $(($1 >> 24 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 & 255)))"; }

# cut NAME COUNT HEADER_BYTES ITEM_BYTES: keeps the magic, writes COUNT, keeps the rest of the header, then COUNT items.
cut() {
    { gzip -dc "$source_dir/$1.gz" | head -c 4
      be32 "$2"
      gzip -dc "$source_dir/$1.gz" | tail -c +9 | head -c $(($3 - 8 + $2 * $4))
    } | gzip -9n > "$here/$1.gz"
}

cut train-images-idx3-ubyte "$train" 16 784
cut train-labels-idx1-ubyte "$train" 8 1
cut t10k-images-idx3-ubyte "$test" 16 784
cut t10k-labels-idx1-ubyte "$test" 8 1
ls -l "$here"/*.gz
