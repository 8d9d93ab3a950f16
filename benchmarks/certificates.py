"""Certificate benchmark: checking time, and emitting time as a ratio to plain counting.

Run ``python benchmarks/certificates.py`` (``--quick``: 2^10 pieces). The
pieces certificate of the tent-map network on [0, 1] at k = 17 has 2^16
affine pieces and 2^17 activation regions; target: checked in under 30 s by
the standard-library checker.
"""

import argparse
import json
import os
import tempfile
import time

from exactrnn import InputLine, ReLURNN
from exactrnn.certificates import check, document, pieces_claim, write


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    k = 11 if args.quick else 17
    net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
    line = InputLine("0,0,1", "1/2,0,0", (0, 1))
    t = time.perf_counter()
    (r,) = net.count(line, k, progress=False)
    t_count = time.perf_counter() - t
    t = time.perf_counter()
    doc = document([pieces_claim(net, line, k)])
    path = write(doc, os.path.join(tempfile.mkdtemp(), "tent.json"))
    t_emit = time.perf_counter() - t
    size = os.path.getsize(path)
    t = time.perf_counter()
    with open(path) as fh:
        check.verify(json.load(fh))
    t_check = time.perf_counter() - t
    print(f"tent map, k = {k}: {r.pieces} pieces, {r.activation_regions} activation regions, "
          f"certificate {size / 1e6:.1f} MB")
    print(f"    counting (engine)      {t_count:8.3f} s")
    print(f"    emitting certificate   {t_emit:8.3f} s   RATIO emit / count = "
          f"{t_emit / t_count:.0f}x")
    print(f"    checking (stdlib)      {t_check:8.3f} s   (target < 30 s at 2^16 pieces)")


if __name__ == "__main__":
    main()
