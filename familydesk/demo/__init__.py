"""Realistic synthetic data for demos, tests and benchmarks.

``fill_demo(session, families=N, seed=S)`` gives the same families for the
same seed. The shape follows the Ambito di Suzzara (six comuni, 51,179
inhabitants, see shared/seeds): mostly Italian households, about one in
five of foreign origin, as in the plans. Every later capability extends it.
"""

from familydesk.demo.generator import DemoSummary, fill_demo

__all__ = ["DemoSummary", "fill_demo"]
