"""Fits the Chebyshev series NormGen.Runtime.Activations uses for erfc (exact GELU).

erfc(x) = t * exp(-x^2 + G(t)) for x >= 0, with t = 2 / (2 + x) in (0, 1]: G is smooth on [0, 1], so one
Chebyshev series in u = 2t - 1 serves every x >= 0 (no branches in the vector code). The coefficients are the
Chebyshev interpolant of G at n nodes; the script prints them and the largest errors of the truncated series
against Python's math.erfc (the C library's), relative in erfc and absolute in erf.
Run: python3 tools/fit_erfc.py 30 14
"""
import math
import sys
from fractions import Fraction


def g_exact(t):
    x = 2.0 / t - 2.0
    if x < 25.0:
        # erfc(x) * exp(x^2) with x^2 split exactly into hi + lo, so that exp does not amplify its rounding; the
        # logarithm of a value near 1 then keeps every digit (log(erfc(x)) + x^2 would cancel about x^2 ulps away).
        square = Fraction(x) ** 2
        hi = float(square)
        lo = float(square - Fraction(hi))
        return math.log(math.erfc(x) * math.exp(hi) * (1.0 + lo) / t)
    # Asymptotic series of erfc(x) * exp(x^2) * x * sqrt(pi); its terms are below 1e-30 by n = 12 at x >= 25.
    s, term = 1.0, 1.0
    for n in range(1, 13):
        term *= -(2 * n - 1) / (2.0 * x * x)
        s += term
    return math.log(s / (x * math.sqrt(math.pi))) - math.log(t)


def chebyshev(n):
    nodes = [math.cos(math.pi * (k + 0.5) / n) for k in range(n)]
    values = [g_exact((u + 1.0) / 2.0) for u in nodes]
    return [(2.0 if j else 1.0) / n * sum(values[k] * math.cos(math.pi * j * (k + 0.5) / n) for k in range(n)) for j in range(n)]


def clenshaw(coefficients, u):
    b1 = b2 = 0.0
    for a in reversed(coefficients[1:]):
        b1, b2 = 2.0 * u * b1 - b2 + a, b1
    return u * b1 - b2 + coefficients[0]


def erfc_series(coefficients, x):
    t = 2.0 / (2.0 + x)
    return t * math.exp(-x * x + clenshaw(coefficients, 2.0 * t - 1.0))


def errors(coefficients, top=26.0, steps=200000):
    worst_relative = worst_absolute = 0.0
    for i in range(steps + 1):
        x = top * i / steps
        exact = math.erfc(x)
        approx = erfc_series(coefficients, x)
        if exact > 1e-300:
            worst_relative = max(worst_relative, abs(approx - exact) / exact)
        worst_absolute = max(worst_absolute, abs(approx - exact))
    return worst_relative, worst_absolute


if __name__ == "__main__":
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    coefficients = chebyshev(nodes)
    for keep in map(int, sys.argv[2:] or [nodes]):
        c = coefficients[:keep]
        relative, absolute = errors(c)
        print(f"{keep} terms: max relative error in erfc {relative:.3e}, max absolute error in erf {absolute:.3e}")
        print(", ".join(repr(a) for a in c))
