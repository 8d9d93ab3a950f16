"""Certificates: honest ones are accepted, every kind of mutation is rejected."""

import ast
import copy
import json
import os
import subprocess
import sys

import pytest

from exactrnn import InputLine, ReLURNN
from exactrnn.certificates import (
    construction_claim,
    document,
    landscape_claims,
    pieces_claim,
    write,
)
from exactrnn.certificates import check
from exactrnn.cli import main
from exactrnn.constructions import build
from exactrnn.landscape import analyze

CHECK = os.path.join(os.path.dirname(check.__file__), "check.py")
TENT = "2,-4,0; 2,-4,-1/2; 0,0,1"


def accepted(doc, redigest=False):
    """Does the checker accept? With redigest, only the mathematical checks can object."""
    doc = json.loads(json.dumps(doc))
    if redigest:
        doc["digest"] = check.digest(doc["claims"])
    try:
        check.verify(json.loads(json.dumps(doc)))
    except (check.Rejected, check.Unreadable):
        return False
    return True


@pytest.fixture(scope="module")
def honest():
    net = ReLURNN(TENT)
    docs = {
        "pieces": document([pieces_claim(net, InputLine("0,0,1", "1/2,0,0", (0, 1)), 4)]),
        "pieces_R": document([pieces_claim(net, InputLine("0,0,1", "1/2,0,0", (None, None)), 3)]),
        "pieces_half": document([pieces_claim(ReLURNN("1,-1;-1,2", readout="1,1"),
                                              InputLine("1,-1", "1,2", (0, None)), 3)]),
        "construction": document([construction_claim(build("staircase"), 2)]),
    }
    report = analyze(build("staircase"), 2, "gaps", n=6, point_probes=False)
    docs["landscape"] = document(landscape_claims(report))
    return docs


def test_honest_certificates_are_accepted(honest):
    for name, doc in honest.items():
        assert accepted(doc), name


@pytest.mark.parametrize("name, params, k", [
    ("triangle_wave", {}, 4), ("sawtooth", {"m": 3}, 2), ("yarotsky", {}, 4),
    ("yarotsky", {"ratio": "1/3", "scale": "2"}, 3), ("note_variant", {}, 3),
    ("note_variant", {"reading": "literal"}, 3), ("staircase", {}, 3),
    ("generalized_staircase", {"a": "1/5", "b": "3/7"}, 2)])
def test_every_construction_certifies(name, params, k):
    assert accepted(document([construction_claim(build(name, **params), k)]))


def bump(text):
    """A different rational: add 1 to the numerator."""
    p, _, d = text.partition("/")
    return f"{int(p) + 1}/{d}" if d else str(int(p) + 1)


def flip(pattern, i):
    j = [n for n, ch in enumerate(pattern) if ch in "01"][i]
    return pattern[:j] + ("1" if pattern[j] == "0" else "0") + pattern[j + 1:]


def pieces_mutations(claim):
    """(description, mutate(claim)) for every field of a pieces claim."""
    out = []
    w = len(claim["W"])
    for a in range(w):
        for b in range(w):
            out.append((f"W[{a}][{b}]", lambda c, a=a, b=b: c["W"][a].__setitem__(b, bump(c["W"][a][b]))))
    for key in ("origin", "direction"):
        for i in range(w):
            out.append((f"{key}[{i}]", lambda c, key=key, i=i: c[key].__setitem__(i, bump(c[key][i]))))
    for i in range(len(claim["cuts"])):
        out.append((f"cuts[{i}]", lambda c, i=i: c["cuts"].__setitem__(i, bump(c["cuts"][i]))))
    for r in range(len(claim["patterns"])):
        for bit in range(len(claim["patterns"][r].replace("|", ""))):
            out.append((f"patterns[{r}] bit {bit}",
                        lambda c, r=r, bit=bit: c["patterns"].__setitem__(r, flip(c["patterns"][r], bit))))
    out.append(("pieces + 1", lambda c: c.__setitem__("pieces", c["pieces"] + 1)))
    out.append(("pieces - 1", lambda c: c.__setitem__("pieces", c["pieces"] - 1)))
    out.append(("regions + 1", lambda c: c.__setitem__("activation_regions", c["activation_regions"] + 1)))
    out.append(("dropped region", lambda c: (c["cuts"].pop(), c["patterns"].pop())))
    out.append(("dropped first region", lambda c: (c["cuts"].pop(0), c["patterns"].pop(0))))
    if len(claim["breakpoints"]) >= 2:
        out.append(("swapped breakpoints", lambda c: c["breakpoints"].__setitem__(
            slice(0, 2), c["breakpoints"][1::-1])))
    for i in range(len(claim["breakpoints"])):
        out.append((f"breakpoints[{i}]", lambda c, i=i: c["breakpoints"].__setitem__(i, bump(c["breakpoints"][i]))))
    out.append(("extra breakpoint", lambda c: c["breakpoints"].append("1000")))
    out.append(("k + 1", lambda c: c.__setitem__("k", c["k"] + 1)))
    return out


@pytest.mark.parametrize("which", ["pieces", "pieces_R", "pieces_half", "construction"])
def test_every_pieces_field_mutation_is_rejected(honest, which):
    base = honest[which]
    muts = pieces_mutations(base["claims"][0])
    assert len(muts) > 20
    for desc, mutate in muts:
        doc = copy.deepcopy(base)
        mutate(doc["claims"][0])
        if doc == base:
            continue
        assert not accepted(doc), f"{which}: edit {desc} was not detected"
        if not desc.startswith("W["):  # a W edit may leave a true claim (see below)
            assert not accepted(doc, redigest=True), f"{which}: forged {desc} was accepted"


def test_construction_mutations(honest):
    base = honest["construction"]
    for desc, mutate in [("name", lambda c: c.__setitem__("name", "triangle_wave")),
                         ("offset", lambda c: c.__setitem__("offset", 2)),
                         ("k", lambda c: c.__setitem__("k", 3)),
                         ("params", lambda c: c.__setitem__("params", {"a": "1/4", "b": "2/3"}))]:
        doc = copy.deepcopy(base)
        doc["claims"][0]["name"] = "generalized_staircase" if desc == "params" else \
            doc["claims"][0]["name"]
        mutate(doc["claims"][0])
        assert not accepted(doc, redigest=True), desc


def test_landscape_mutations(honest):
    base = honest["landscape"]
    rank, inertia, radius = base["claims"]
    n = len(rank["W"]) ** 2
    muts = []
    for a in range(len(rank["W"])):
        for b in range(len(rank["W"])):
            for ci in ((a + b) % 3,):  # each entry, in one of the three claims
                muts.append((f"claim {ci} W[{a}][{b}]",
                             lambda d, a=a, b=b, ci=ci: d["claims"][ci]["W"][a].__setitem__(
                                 b, bump(d["claims"][ci]["W"][a][b]))))
    for ci in range(3):
        muts.append((f"claim {ci} point t", lambda d, ci=ci: d["claims"][ci]["points"][0].__setitem__(
            "t", bump(d["claims"][ci]["points"][0]["t"]))))
    muts.append(("rank + 1", lambda d: d["claims"][0].__setitem__("jacobian_rank", rank["jacobian_rank"] + 1)))
    muts.append(("rank - 1", lambda d: d["claims"][0].__setitem__("jacobian_rank", rank["jacobian_rank"] - 1)))
    muts.append(("minor row", lambda d: d["claims"][0]["minor"]["rows"].__setitem__(
        0, d["claims"][0]["minor"]["rows"][1])))
    muts.append(("minor col", lambda d: d["claims"][0]["minor"]["cols"].__setitem__(
        0, d["claims"][0]["minor"]["cols"][1])))
    pivots = rank["minor"]["cols"]
    for v in range(len(rank["null_space"])):
        muts.append((f"null vector {v}", lambda d, v=v: d["claims"][0]["null_space"][v].__setitem__(
            pivots[0], bump(d["claims"][0]["null_space"][v][pivots[0]]))))
    muts.append(("dropped null vector", lambda d: d["claims"][0]["null_space"].pop()))
    muts.append(("duplicated null vector", lambda d: d["claims"][0]["null_space"].__setitem__(
        1, list(d["claims"][0]["null_space"][0]))))
    for key in ("positive", "zero", "negative"):
        muts.append((f"inertia {key}", lambda d, key=key: d["claims"][1]["hessian_inertia"].__setitem__(
            key, inertia["hessian_inertia"][key] + 1)))
    D = inertia["ldl"]["D"]
    for i in range(n):
        if D[i][i] != "0":
            muts.append((f"D[{i}][{i}]", lambda d, i=i: d["claims"][1]["ldl"]["D"][i].__setitem__(
                i, bump(d["claims"][1]["ldl"]["D"][i][i]))))
            for r in range(i + 1, n):
                muts.append((f"L[{r}][{i}]", lambda d, r=r, i=i: d["claims"][1]["ldl"]["L"][r].__setitem__(
                    i, bump(d["claims"][1]["ldl"]["L"][r][i]))))
    muts.append(("perm swap", lambda d: d["claims"][1]["ldl"]["perm"].__setitem__(
        slice(0, 2), d["claims"][1]["ldl"]["perm"][1::-1])))
    muts.append(("radius x 2", lambda d: d["claims"][2].__setitem__(
        "radius", bump(str(2 * int(radius["radius"].split("/")[0]))) + "/" + radius["radius"].split("/")[1])))
    rejected = 0
    for desc, mutate in muts:
        doc = copy.deepcopy(base)
        mutate(doc)
        if doc == base:
            continue
        assert not accepted(doc), f"edit {desc} was not detected"
        # editing an entry no data point depends on, or moving a point of the
        # radius claim within its margin, can leave a true claim: only the digest
        # objects to those
        if " W[" not in desc and desc != "claim 2 point t":
            assert not accepted(doc, redigest=True), f"forged {desc} was accepted"
        rejected += 1
    assert rejected > 80


def test_w_edits_that_change_the_claim_are_caught_by_the_mathematics(honest):
    # tent W on [0, 1]: every entry shapes f_4 there, so a re-digested edit of any
    # entry must fail the checks themselves
    base = honest["pieces"]
    for a in range(3):
        for b in range(3):
            doc = copy.deepcopy(base)
            c = doc["claims"][0]
            c["W"][a][b] = bump(c["W"][a][b])
            if (a, b) in ((2, 0), (2, 1)):  # the bias unit ignores units 1, 2 (both >= 0 here)
                continue
            assert not accepted(doc, redigest=True), (a, b)


def test_unreadable_and_limits(tmp_path):
    cases = {
        "notjson.json": "{",
        "version.json": json.dumps({"format": check.FORMAT, "version": 99, "claims": [{}]}),
        "type.json": json.dumps({"format": check.FORMAT, "version": 1, "claims": [{"type": "x"}]}),
        "digits.json": json.dumps({"format": check.FORMAT, "version": 1, "claims": [
            {"type": "radius", "W": [["1" * 50000]], "origin": ["0"], "direction": ["1"],
             "depth": 1, "points": [], "radius": "1"}]}),
        "float.json": json.dumps({"format": check.FORMAT, "version": 1, "claims": [
            {"type": "radius", "W": [[0.5]], "origin": ["0"], "direction": ["1"],
             "depth": 1, "points": [], "radius": "1"}]}),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        proc = subprocess.run([sys.executable, CHECK, str(path)], capture_output=True, text=True)
        assert proc.returncode == 2, (name, proc.stdout, proc.stderr)


def test_checker_imports_only_the_standard_library():
    tree = ast.parse(open(CHECK, encoding="utf-8").read())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import in the checker"
            modules.add(node.module.split(".")[0])
    assert modules <= {"json", "fractions", "hashlib", "sys"}
    assert len(open(CHECK, encoding="utf-8").read().splitlines()) < 600


def test_cli_certify_and_verify(tmp_path, capsys):
    out = tmp_path / "c.json"
    assert main(["certify", "construction", "yarotsky", "--k", "3", "-o", str(out)]) == 0
    assert main(["verify", "--explain", str(out)]) == 0
    assert "proved:" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]  # no temporary left behind
    doc = json.loads(out.read_text())
    doc["claims"][0]["pieces"] += 1
    doc["digest"] = check.digest(doc["claims"])  # a forgery, not an accident
    out.write_text(json.dumps(doc))
    assert main(["verify", str(out)]) == 1
    proc = subprocess.run([sys.executable, "-m", "exactrnn.certificates.check", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "REJECTED" in proc.stdout and "pieces" in proc.stdout


def test_write_is_atomic(tmp_path):
    class Boom:
        pass
    with pytest.raises(TypeError):
        write({"claims": [Boom()]}, str(tmp_path / "x.json"))
    assert list(tmp_path.iterdir()) == []


# -- regressions from review: forgeries, hostile input, vacuous claims ------------------

def forged(doc):
    doc = json.loads(json.dumps(doc))
    doc["digest"] = check.digest(doc["claims"])
    return doc


def verdict(doc):
    try:
        check.verify(doc)
    except check.Rejected:
        return 1
    except check.Unreadable:
        return 2
    return 0


def test_construction_claims_are_about_the_first_coordinate():
    doc = document([construction_claim(build("triangle_wave"), 2)])
    c = doc["claims"][0]
    # swap units 0 and 1 and read unit 1: the same function, but not the note's f
    perm = [1, 0, 2]
    c["W"] = [[c["W"][perm[i]][perm[j]] for j in range(3)] for i in range(3)]
    c["origin"] = [c["origin"][p] for p in perm]
    c["direction"] = [c["direction"][p] for p in perm]
    c["readout"] = ["0", "1", "0"]
    assert verdict(forged(doc)) == 1


def test_readout_length_and_vacuous_parameters_are_refused(honest):
    doc = copy.deepcopy(honest["pieces_half"])
    doc["claims"][0]["readout"] = ["0", "0", "1"]
    assert verdict(forged(doc)) != 0
    doc = document([construction_claim(build("yarotsky"), 2)])
    doc["claims"][0]["params"]["scale"] = "0"
    assert verdict(forged(doc)) != 0
    doc = document([construction_claim(build("staircase"), 2)])
    doc["claims"][0]["k"] = -1
    assert verdict(forged(doc)) == 2


def test_radius_needs_a_depth_and_data(honest):
    radius = honest["landscape"]["claims"][2]
    for change in ({"depth": 0}, {"depth": True}, {"points": []}):
        doc = document([dict(radius, radius="10000000000", **change)])
        assert verdict(forged(doc)) == 2, change


@pytest.mark.parametrize("claim", [
    {"type": "construction", "name": "sawtooth", "params": {"m": "0"}, "k": 1, "offset": 1},
    {"type": "pieces", "domain": []},
    {"type": "construction", "name": "triangle_wave", "params": [], "k": 1, "offset": 1},
    # a valid depth-40 pieces part (f = t), then a target with 2^40 vertices: refused
    {"type": "construction", "name": "triangle_wave", "k": 40, "offset": 0,
     "patterns": ["|".join(["1"] * 40)]},
])
def test_hostile_claims_end_cleanly(tmp_path, claim):
    base = {"W": [["1"]], "origin": ["0"], "direction": ["1"],
            "domain": {"interval": ["0", "1"]}, "k": 1, "cuts": [], "patterns": ["1"],
            "breakpoints": [], "pieces": 1, "activation_regions": 1}
    doc = forged({"format": check.FORMAT, "version": 1, "claims": [dict(base, **claim)]})
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc))
    proc = subprocess.run([sys.executable, CHECK, str(path)], capture_output=True, text=True,
                          timeout=60)
    # rejected (1) or unreadable (2), never a traceback, a hang or an acceptance
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr, proc.stderr


def test_parsing_is_strict_and_long_numbers_are_fine():
    for bad in ("1/", "3/٢", "+1", "1.5", "0x1"):
        with pytest.raises(check.Unreadable):
            check.q(bad, "x")
    assert check.q("-6/4", "x") == check.Fraction(-3, 2)
    big = "1" + "0" * 5000
    doc = document([pieces_claim(ReLURNN("1"), InputLine("0", big, (0, 1)), 2)])
    check.verify(json.loads(json.dumps(doc)))  # no digit-limit error from verify() itself
    assert verdict({"format": check.FORMAT, "version": True, "claims": [{}]}) == 2


def test_no_landscape_certificates_at_corners():
    from exactrnn import InvalidParameterError

    report = analyze(build("staircase"), 2, "corners", point_probes=False)
    with pytest.raises(InvalidParameterError, match="corners"):
        landscape_claims(report)
    assert report.summary["zero_loss_dimension"]["upper"] is None
