# %% [markdown]
# # Certificates: claims that a small independent checker re-verifies
#
# Run: `python examples/certificates.py [OUTDIR]` (a jupytext percent script).
#
# exactrnn writes a claim with its witness; `exactrnn/certificates/check.py` (standard library
# only, nothing from exactrnn) re-derives it. Here: a pieces claim for the tent-map network, a
# construction claim for the staircase W*, and the landscape claims at W*, each checked in a
# separate process, and one edited certificate that the checker rejects.

# %%
import json
import os
import subprocess
import sys
import tempfile

from exactrnn import InputLine, ReLURNN
from exactrnn import certificates as C
from exactrnn.constructions import build
from exactrnn.landscape import analyze

scratch = tempfile.TemporaryDirectory(prefix="exactrnn-certs-")   # removed at exit
out = sys.argv[1] if len(sys.argv) > 1 else scratch.name
checker = os.path.join(os.path.dirname(C.__file__), "check.py")


def check(path):
    proc = subprocess.run([sys.executable, "-I", checker, "--explain", path],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout.strip()


# %%
tent = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
line = InputLine("0,0,1", "1/2,0,0", (0, 1))
claims = {
    "tent.json": [C.pieces_claim(tent, line, 8)],
    "staircase.json": [C.construction_claim(build("staircase"), 4)],
    "landscape.json": C.landscape_claims(analyze(build("staircase"), 2, "gaps",
                                                 point_probes=False)),
}
for name, cl in claims.items():
    path = os.path.join(out, name)
    C.write(C.document(cl), path)
    code, text = check(path)
    assert code == 0, text
    print(f"{name}: {text}\n")

# %% [markdown]
# ## A forged certificate is rejected
# Claim one piece too many for the tent map: the digest no longer matches, and even with the
# digest recomputed, the mathematics does not.

# %%
with open(os.path.join(out, "tent.json")) as fh:
    doc = json.load(fh)
doc["claims"][0]["pieces"] += 1
forged = os.path.join(out, "forged.json")
C.write(C.document(doc["claims"]), forged)      # a fresh digest: only the maths can object
code, text = check(forged)
print("forged:", text.splitlines()[0], f"(exit {code})")
assert code == 1
