"""Counts the pixels of a report screenshot drawn in the chart's bar colors
(Report.cpp colorFor); fails when there are none, i.e. when the inline SVG
did not render.

usage: check_screenshot.py SHOT.png
"""
import sys

import numpy as np
from PIL import Image

BAR_COLORS = ["#2e7d32", "#9e9d24", "#ef6c00", "#c62828"]

pixels = np.asarray(Image.open(sys.argv[1]).convert("RGB")).astype(np.int32)
count = 0
for color in BAR_COLORS:
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    count += int(np.sum(np.all(np.abs(pixels - rgb) <= 2, axis=-1)))
print("chart bars: %d pixels" % count)
sys.exit(0 if count > 0 else 1)
