#!/usr/bin/env python3
"""ANN baselines for bench/ann-recall.ts: hnswlib and FAISS on the same vectors.

Reads raw little-endian float32 matrices (row-major, no header) written by the
TypeScript bench and the exact top-k rows (int32) it computed. Two modes:

  build  builds each index with every core, saves it under --index-dir, and
         reports build time and resident memory added (RSS after - before);
  query  loads the saved indexes and, for each ef, times all queries on ONE
         thread (fastest of --passes passes) and scores recall@k.

The split lets the bench interleave query rounds of every engine, so that a
busy moment on a shared machine does not favour one engine. Queries go as one
batch per setting (no per-call Python overhead), which favours the baselines
slightly against the one-call-per-query loop on the Node.js side. Prints one
JSON document on the last stdout line; progress goes to stderr.

Requires Debian packages python3-numpy, python3-hnswlib, python3-faiss.
"""

import argparse
import json
import os
import sys
import time

import numpy as np


def log(message):
    print(message, file=sys.stderr, flush=True)


def rss_bytes():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def recall_at_k(truth, found, k):
    hits = 0
    for expected, got in zip(truth, found):
        hits += len(set(expected[:k].tolist()) & set(got[:k].tolist()))
    return hits / (len(truth) * k)


def timed_queries(search, queries, passes):
    """Runs the whole query batch `passes` times and keeps the fastest pass."""
    search(queries[: min(20, len(queries))])  # warm caches
    best_rate, found = 0.0, None
    for _ in range(passes):
        start = time.perf_counter()
        found = search(queries)
        best_rate = max(best_rate, len(queries) / (time.perf_counter() - start))
    return found, best_rate


def setting(label, found, per_second, truth, k):
    return {"label": label, "queriesPerSecond": per_second, "recall": recall_at_k(truth, found, k)}


def build_report(engine, build, *arguments):
    """Times `build(*arguments)` and measures the resident memory it adds."""
    before = rss_bytes()
    start = time.perf_counter()
    index = build(*arguments)
    seconds = time.perf_counter() - start
    log(f"{engine} built in {seconds:.1f}s")
    return index, {"engine": engine, "buildSeconds": seconds, "memoryBytes": rss_bytes() - before, "settings": []}


class Hnswlib:
    engine = "hnswlib f32"

    def build(self, data, args):
        import hnswlib

        index = hnswlib.Index(space="ip", dim=data.shape[1])
        index.init_index(max_elements=len(data), ef_construction=args.expansion_add, M=args.connectivity, random_seed=7)
        index.add_items(data, np.arange(len(data)), num_threads=args.build_threads)
        return index

    def save(self, index, path):
        index.save_index(path)

    def query(self, path, data, queries, truth, args):
        import hnswlib

        index = hnswlib.Index(space="ip", dim=data.shape[1])
        index.load_index(path, max_elements=len(data))
        results = []
        for ef in args.ef:
            index.set_ef(max(ef, args.k))
            found, rate = timed_queries(lambda batch: index.knn_query(batch, k=args.k, num_threads=1)[0], queries, args.passes)
            results.append(setting(f"ef={ef}", found, rate, truth, args.k))
        return results


class FaissHnsw:
    def __init__(self):
        import faiss

        self.faiss = faiss
        self.engine = f"faiss {faiss.__version__} HNSWFlat"

    def build(self, data, args):
        self.faiss.omp_set_num_threads(args.build_threads)
        index = self.faiss.IndexHNSWFlat(data.shape[1], args.connectivity, self.faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = args.expansion_add
        index.add(data)
        return index

    def save(self, index, path):
        self.faiss.write_index(index, path)

    def query(self, path, data, queries, truth, args):
        self.faiss.omp_set_num_threads(1)
        index = self.faiss.read_index(path)
        results = []
        for ef in args.ef:
            index.hnsw.efSearch = max(ef, args.k)
            found, rate = timed_queries(lambda batch: index.search(batch, args.k)[1], queries, args.passes)
            results.append(setting(f"ef={ef}", found, rate, truth, args.k))
        return results


class FaissFlat:
    """Exact inner-product scan (BLAS); nothing to save, adding is a copy."""

    def __init__(self):
        import faiss

        self.faiss = faiss
        self.engine = f"faiss {faiss.__version__} IndexFlatIP"

    def build(self, data, args):
        index = self.faiss.IndexFlatIP(data.shape[1])
        index.add(data)
        return index

    def save(self, index, path):
        pass

    def query(self, path, data, queries, truth, args):
        self.faiss.omp_set_num_threads(1)
        index = self.build(data, args)
        found, rate = timed_queries(lambda batch: index.search(batch, args.k)[1], queries, args.passes)
        return [setting("exact (BLAS)", found, rate, truth, args.k)]


ENGINES = {"hnswlib": Hnswlib, "faiss-hnsw": FaissHnsw, "faiss-flat": FaissFlat}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["build", "query"])
    parser.add_argument("--data", required=True, help="float32 LE matrix of the indexed vectors")
    parser.add_argument("--queries", required=True, help="float32 LE matrix of the query vectors")
    parser.add_argument("--truth", required=True, help="int32 LE matrix of exact top-k rows per query")
    parser.add_argument("--index-dir", required=True, help="where built indexes are saved")
    parser.add_argument("--dimensions", type=int, required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--connectivity", type=int, default=16)
    parser.add_argument("--expansion-add", type=int, default=128)
    parser.add_argument("--ef", type=lambda text: [int(part) for part in text.split(",")], default=[16, 32, 64, 128])
    parser.add_argument("--passes", type=int, default=2, help="query passes per setting; the fastest counts")
    parser.add_argument("--build-threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engines", default="hnswlib,faiss-hnsw,faiss-flat")
    args = parser.parse_args()

    data = np.fromfile(args.data, dtype="<f4").reshape(-1, args.dimensions)
    queries = np.fromfile(args.queries, dtype="<f4").reshape(-1, args.dimensions)
    truth = np.fromfile(args.truth, dtype="<i4").reshape(len(queries), -1)
    os.makedirs(args.index_dir, exist_ok=True)
    log(f"baselines {args.mode}: {len(data)} vectors x {args.dimensions}, {len(queries)} queries")
    reports = []
    for name in filter(None, args.engines.split(",")):
        engine = ENGINES[name]()
        path = os.path.join(args.index_dir, f"{name}.index")
        if args.mode == "build":
            index, report = build_report(engine.engine, engine.build, data, args)
            engine.save(index, path)
            del index
        else:
            report = {"engine": engine.engine, "buildSeconds": float("nan"), "memoryBytes": float("nan")}
            report["settings"] = engine.query(path, data, queries, truth, args)
        reports.append(report)
    print(json.dumps({"reports": reports}).replace("NaN", "null"))


if __name__ == "__main__":
    main()
