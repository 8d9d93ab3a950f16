"""ReLURNN along lines: hand-worked counts, and the fast engine against references.

Expected values come from the mathematics (the tent map), from hand
computation (small cases, written out in comments) or from the simple
Fraction implementation in ``reference.py`` -- never from the engine itself.
"""

import contextlib
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import f_at, reference
from strategies import lines, networks, small_rationals

import exactrnn._engine.propagate as kernel
from exactrnn import (
    InexactInputError,
    InputLine,
    InvalidIntervalError,
    PieceBudgetExceeded,
    ReLURNN,
    ShapeError,
)

pytestmark = pytest.mark.core

TENT_W = "2,-4,0; 2,-4,-1/2; 0,0,1"


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def tent_line(interval=(0, 1)):
    return InputLine("0,0,1", "1/2,0,0", interval)


@contextlib.contextmanager
def engine(mode):
    """The default engine, or a stressed one.

    The stressed engine has a tiny int64 limit (so the big-integer path and
    the switches between int64 and object arrays run on small data) and tiny
    chunks (so nearly every vertex sits at a chunk junction).
    """
    if mode == "default":
        yield
        return
    with mock.patch.multiple(kernel, LIMIT=1 << 9, NORMALIZE_AT=1 << 5,
                             CHUNK_MAX=4, CHUNK_TARGET=2):
        yield


@pytest.fixture(params=["default", "stress"])
def engine_mode(request):
    with engine(request.param):
        yield request.param


MODES = pytest.mark.parametrize("mode", ["default", "stress"])


# -- the tent map: f_k = g^(k-1), g(t) = 1 - |2t - 1| ---------------------------
#
# h_1 = (t, ReLU(t - 1/2), 1) on [0, 1], and 2 h1 - 4 ReLU(h1 - 1/2) = g(h1), so
# h_k = (g^(k-1)(t), ReLU(g^(k-1)(t) - 1/2), 1): 2^(k-1) affine pieces with
# breakpoints j / 2^(k-1). Unit 2 switches once inside each of the 2^(k-1)
# monotone pieces of g^(k-1) at every step, so there are 2^k activation regions.

@pytest.mark.parametrize("k", range(1, 11))
def test_tent_map_on_unit_interval(k, engine_mode):
    net = ReLURNN(TENT_W)
    (r,) = net.count(tent_line(), k, breakpoints=True)
    assert r.pieces == 2 ** (k - 1)
    assert r.activation_regions == 2 ** k
    assert [F(b) for b in r.breakpoints] == [Fraction(j, 2 ** (k - 1)) for j in range(1, 2 ** (k - 1))]


def test_tent_map_all_k_in_one_pass(engine_mode):
    results = ReLURNN(TENT_W).count(tent_line(), 12, all_k=True)
    assert [(r.k, r.pieces, r.activation_regions) for r in results] == \
        [(k, 2 ** (k - 1), 2 ** k) for k in range(1, 13)]


def test_tent_map_on_the_whole_line(engine_mode):
    # Outside [0, 1] every step gives 0 from k = 2 on (t < 0: h_1 = (0, 0, 1);
    # t > 1: z_1 = 2 - 2t < 0), so two more breakpoints, at 0 and 1.
    # k = 1: f_1 = ReLU(t): 2 pieces; units 1 and 2 switch at 0 and 1/2: 3 regions.
    results = ReLURNN(TENT_W).count(tent_line((None, None)), 6, all_k=True, breakpoints=True)
    assert (results[0].pieces, results[0].activation_regions) == (2, 3)
    for r in results[1:]:
        assert r.pieces == 2 ** (r.k - 1) + 2
        expected = [Fraction(j, 2 ** (r.k - 1)) for j in range(0, 2 ** (r.k - 1) + 1)]
        assert [F(b) for b in r.breakpoints] == expected


def test_tent_map_on_R_as_a_function():
    f = ReLURNN(TENT_W).on_line(tent_line((None, None)), 3)
    assert f.domain == (None, None)
    assert [F(s) for s in (f.slopes[0], f.slopes[-1])] == [0, 0]
    assert [F(b) for b in f.breakpoints] == [0, Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), 1]
    assert F(f(Fraction(1, 8))) == Fraction(1, 2)


def test_readout_vector():
    # readout h_2 = ReLU(g^(k-1) - 1/2): on each tooth of g^(k-1) it is 0, rises,
    # peaks, falls, 0: 3 breakpoints per tooth, 2^(k-2) teeth, no kink between
    # teeth (0 on both sides): 3 * 2^(k-2) + 1 pieces for k >= 2.
    net = ReLURNN(TENT_W, readout="0,1,0")
    results = net.count(tent_line(), 7, all_k=True)
    assert results[0].pieces == 2  # ReLU(t - 1/2)
    assert [r.pieces for r in results[1:]] == [3 * 2 ** (k - 2) + 1 for k in range(2, 8)]


# -- small hand-worked cases --------------------------------------------------------

def test_two_units_crossing_at_the_same_point(engine_mode):
    # W = I, x(t) = (t, -t): h_k = (ReLU t, ReLU -t); both units switch at t = 0,
    # which is one region boundary, not two.
    net = ReLURNN("1,0; 0,1")
    for interval in [(-1, 1), (None, None), (-2, 3)]:
        for r in net.count(InputLine("0,0", "1,-1", interval), 4, all_k=True, breakpoints=True):
            assert (r.pieces, r.activation_regions) == (2, 2)
            assert [F(b) for b in r.breakpoints] == [0]


def test_pieces_and_regions_differ():
    # width 1, W = [-1], x = t on [-1, 1]: f_1 = ReLU(-t) (2 pieces, 2 regions);
    # f_2 = ReLU(-ReLU(-t)) = 0: 1 piece, but step 1 still switches at 0: 2 regions.
    results = ReLURNN("-1").count(InputLine("0", "1", (-1, 1)), 3, all_k=True)
    assert [(r.pieces, r.activation_regions) for r in results] == [(2, 2), (1, 2), (1, 2)]


@pytest.mark.parametrize("W", ["0,0; 0,0", "0"])
@pytest.mark.parametrize("interval", [(-1, 1), (None, None)])
def test_zero_weights(W, interval):
    w = 2 if "," in W else 1
    line = InputLine(",".join(["1"] * w), ",".join(["1"] * w), interval)
    net = ReLURNN(W)
    for r in net.count(line, 3, all_k=True):
        assert (r.pieces, r.activation_regions) == (1, 1)
    assert net.on_line(line, 2).slopes == (0,)


@pytest.mark.parametrize("interval", [(-1, 1), (None, None), (0, None), (None, 0)])
def test_zero_direction_is_a_constant(interval):
    net = ReLURNN("1,-1; 2,1")
    line = InputLine("3,-1", "0,0", interval)
    (r,) = net.count(line, 4)
    assert (r.pieces, r.activation_regions) == (1, 1)
    f = net.on_line(line, 4)
    assert f.pieces == 1 and F(f.slopes[0]) == 0
    assert F(f.intercepts[0]) == f_at([[1, -1], [2, 1]], [3, -1], 4)


def test_zero_exactly_at_the_interval_end():
    # x = t on [0, 1] with W = [1]: z = t vanishes only at the end t = 0, which
    # is not a breakpoint; on [-1, 1] it is.
    net = ReLURNN("1")
    assert net.count(InputLine("0", "1", (0, 1)), 3, breakpoints=True)[0].breakpoints == ()
    (r,) = net.count(InputLine("0", "1", (-1, 1)), 3, breakpoints=True)
    assert [F(b) for b in r.breakpoints] == [0] and r.activation_regions == 2


def test_coordinate_identically_zero():
    # unit 2 never fires; unit 1 is ReLU(t): one switch.
    (r,) = ReLURNN("1,0; 0,0").count(InputLine("0,0", "1,1", (-2, 2)), 3)
    assert (r.pieces, r.activation_regions) == (2, 2)


def test_half_lines():
    # f_k on t >= 0 and t <= 0 of the tent line: the whole-line function cut at 0.
    net = ReLURNN(TENT_W)
    whole = net.on_line(tent_line((None, None)), 4)
    right = net.on_line(tent_line((0, None)), 4)
    left = net.on_line(tent_line((None, 0)), 4)
    assert right.domain == (0, None) and left.domain == (None, 0)
    assert right == whole.restrict(0, None)
    assert left.pieces == 1 and F(left.slopes[0]) == 0


def test_point_evaluation():
    net = ReLURNN(TENT_W)
    assert F(net.f(["1/8", 0, 1], 1)) == Fraction(1, 4)
    assert [F(v) for v in net.hidden(["3/8", 0, 1], 2)] == [Fraction(1, 2), 0, 1]
    with pytest.raises(ShapeError):
        net.f([1, 2], 1)
    with pytest.raises(ValueError):
        net.f([1, 2, 3], 0)


def test_budget_stops_with_the_finished_depths():
    net = ReLURNN(TENT_W)
    with pytest.raises(PieceBudgetExceeded) as info:
        net.count(tent_line(), 20, all_k=True, max_pieces=100)
    exc = info.value
    # 2^k regions: k = 6 gives 64 <= 100, k = 7 gives 128 > 100.
    assert exc.k == 7 and exc.count > 100 and exc.max_pieces == 100
    assert [(r.k, r.pieces) for r in exc.completed] == [(k, 2 ** (k - 1)) for k in range(1, 7)]
    assert isinstance(exc, RuntimeError)


def test_streaming_matches_batch():
    net = ReLURNN("1,2,-1; 0,1,3; -2,1,1")
    line = InputLine("1,0,-1", "1,2,3", (None, None))
    assert list(net.iter_counts(line, 6)) == net.count(line, 6, all_k=True)


@pytest.mark.parametrize("call, exc", [
    (lambda: ReLURNN("1,2; 3"), ShapeError),
    (lambda: ReLURNN([[0.5]]), InexactInputError),
    (lambda: ReLURNN("1,0;0,1", readout="1"), ShapeError),
    (lambda: InputLine("1,2", "1", (0, 1)), ShapeError),
    (lambda: InputLine("1", "1", (1, 1)), InvalidIntervalError),
    (lambda: InputLine("1", "1", (2, 1)), InvalidIntervalError),
    (lambda: InputLine("1", "1", None), InvalidIntervalError),
    (lambda: ReLURNN("1").count(InputLine("1,2", "1,1", (0, 1)), 2), ShapeError),
    (lambda: ReLURNN("1").count(InputLine("1", "1", (0, 1)), 0), ValueError),
    (lambda: ReLURNN("1").count(InputLine("1", "1", (0, 1)), 2, max_pieces=0), ValueError),
    (lambda: ReLURNN("1").count("not a line", 2), TypeError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()


# -- the fast engine against the Fraction reference ---------------------------------

def _check_against_reference(W, origin, direction, interval, k, readout=None):
    net = ReLURNN(W, readout=readout)
    line = InputLine(origin, direction, interval)
    got = net.count(line, k, all_k=True, breakpoints=True)
    expected = reference(W, origin, direction, interval, k, readout)
    assert [(g.pieces, g.activation_regions) for g in got] == [e[:2] for e in expected]
    assert [[F(b) for b in g.breakpoints] for g in got] == [e[2] for e in expected]


@MODES
@pytest.mark.parametrize("W, origin, direction, interval, k", [
    # a zero of a pre-activation exactly at a vertex, on the whole line
    ([[1, -1], [-1, 1]], [0, 0], [1, 1], (None, None), 4),
    # units swapping, ties at the same t
    ([[0, 1], [1, 0]], [1, -1], [-1, 1], (-1, 2), 5),
    # three units switching at t = 1/3 at once
    ([[3, 0, 0], [0, 3, 0], [0, 0, 3]], [-1, -1, -1], [3, 3, 3], (0, 1), 3),
])
def test_degenerate_cases_match_reference(mode, W, origin, direction, interval, k):
    with engine(mode):
        _check_against_reference(W, origin, direction, interval, k)


@MODES
@settings(max_examples=150)
@given(data=st.data())
def test_engine_matches_reference(mode, data):
    W = data.draw(networks())
    origin, direction, interval = data.draw(lines(len(W)))
    k = data.draw(st.integers(1, 5))
    readout = data.draw(st.none() | st.lists(small_rationals, min_size=len(W), max_size=len(W)))
    with engine(mode):
        _check_against_reference(W, origin, direction, interval, k, readout)


@settings(max_examples=60)
@given(st.data())
def test_on_line_agrees_with_exact_evaluation(data):
    """f_k along the line equals f_k at points, and each breakpoint is a real kink."""
    W = data.draw(networks(max_width=3))
    origin, direction, interval = data.draw(lines(len(W)))
    k = data.draw(st.integers(1, 4))
    f = ReLURNN(W).on_line(InputLine(origin, direction, interval), k)
    lo, hi = (None if v is None else F(v) for v in f.domain)
    bps = [F(b) for b in f.breakpoints]
    anchors = ([lo] if lo is not None else []) + bps + ([hi] if hi is not None else [])
    anchors = anchors or [Fraction(0)]
    probes = set(anchors)
    probes.update((a + b) / 2 for a, b in zip(anchors, anchors[1:]))
    if lo is None:
        probes.add(anchors[0] - 5)
    if hi is None:
        probes.add(anchors[-1] + 5)

    def exact(t):
        return f_at(W, [o + t * d for o, d in zip(origin, direction)], k)

    for t in probes:
        assert F(f(t)) == exact(t)
    gaps = [b - a for a, b in zip(anchors, anchors[1:])]
    eps = min(gaps) / 4 if gaps else Fraction(1)
    for b in bps:
        left = (exact(b) - exact(b - eps)) / eps
        right = (exact(b + eps) - exact(b)) / eps
        assert left != right


@settings(max_examples=40)
@given(networks(max_width=3), st.data(), st.integers(1, 9))
def test_positive_scaling_of_the_line_changes_nothing(W, data, c):
    # f_k is positively homogeneous: scaling origin and direction by c > 0
    # scales f_k by c and keeps every breakpoint.
    origin, direction, interval = data.draw(lines(len(W)))
    k = data.draw(st.integers(1, 4))
    a = ReLURNN(W).count(InputLine(origin, direction, interval), k, breakpoints=True)
    b = ReLURNN(W).count(InputLine([c * o for o in origin], [c * d for d in direction],
                                   interval), k, breakpoints=True)
    assert a == b


def test_huge_numbers_take_the_big_integer_path():
    big = 10 ** 30
    W = [[big, -2 * big, 0], [big, -2 * big, Fraction(-big, 4)], [0, 0, Fraction(big, 2)]]
    # W = (big/2) * tent W: ReLU(cWx) = c ReLU(Wx) for c > 0, so h_k is scaled
    # by c^k and the breakpoints are those of the tent map.
    _check_against_reference(W, [0, 0, 1], [Fraction(1, 2), 0, 0], (0, 1), 5)
    r = ReLURNN(W).count(tent_line(), 8)[0]
    assert r.pieces == 2 ** 7


@pytest.mark.slow
@settings(max_examples=40)
@given(st.data())
def test_engine_matches_reference_deeper(data):
    W = data.draw(networks(min_width=2, max_width=6))
    origin, direction, interval = data.draw(lines(len(W)))
    _check_against_reference(W, origin, direction, interval, data.draw(st.integers(6, 8)))


# -- regressions found in review ---------------------------------------------------

@pytest.mark.parametrize("W, readout, origin, direction, interval, k", [
    # a weight >= 2^63 meeting all-zero int64 data used to overflow in matmul
    ([[-10 ** 30]], None, [1], [1], (0, 1), 2),
    ([[Fraction(-143175, 186616), Fraction(836733, 406979)],
      [Fraction(-5688, 16315), Fraction(-400219, 437638)]], None, [-1, 2], [-1, 1], (0, 2), 3),
    ([[1]], [10 ** 30], [1], [0], (0, 1), 1),
    ([[0, 0], [0, 0]], [1, Fraction(1, 3 ** 40)], [1, 1], [1, 1], (None, None), 1),
])
def test_huge_coefficients_on_zero_data(W, readout, origin, direction, interval, k):
    _check_against_reference(W, origin, direction, interval, k, readout)


def test_budget_counts_regions_not_segments():
    # on R the origin t = 0 is a vertex but no region boundary: 2 regions fit in 2
    (r,) = ReLURNN("1").count(InputLine("5", "1", (None, None)), 1, max_pieces=2)
    assert r.activation_regions == 2


def test_numbers_beyond_python_digit_limit():
    # 10^30 on the diagonal: breakpoint denominators grow past 4300 digits by k = 150
    r = ReLURNN([[10 ** 30, -1], [0, 1]]).count(InputLine("0,1", "1,0", (0, 1)), 150,
                                                breakpoints=True)[0]
    text = r.to_json()["breakpoints"][0]
    num, den = text.split("/")
    assert len(den) > 4300 and num.isdigit() and den.isdigit()
