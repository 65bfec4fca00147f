#!/usr/bin/python3
"""Writes calibration and evaluation images for face_detection_short_range:
square crops of the sample photos shipped with scikit-learn (china.jpg for
calibration, flower.jpg for evaluation), resized to 128x128 and scaled to
[-1, 1] as the model expects, as OUT_DIR/calib.npy and OUT_DIR/eval.npy.

usage: example_crops.py OUT_DIR [CALIB_COUNT] [EVAL_COUNT]
"""
import os
import sys

import numpy as np
from PIL import Image

PHOTOS = "/usr/lib/python3/dist-packages/sklearn/datasets/images"
SIZE = 128


def crops(photo, count, seed, size=SIZE, low=-1.0, high=1.0):
    """Square crops of random size and place, resized to size x size, with
    pixel values scaled to [low, high]."""
    image = Image.open(os.path.join(PHOTOS, photo)).convert("RGB")
    rng = np.random.RandomState(seed)
    out = []
    for _ in range(count):
        side = int(rng.randint(96, min(image.size)))
        x = int(rng.randint(0, image.size[0] - side + 1))
        y = int(rng.randint(0, image.size[1] - side + 1))
        crop = image.crop((x, y, x + side, y + side)).resize((size, size), Image.BILINEAR)
        pixels = np.asarray(crop, dtype=np.float32)
        out.append(pixels / np.float32(255.0 / (high - low)) + np.float32(low))
    return np.stack(out)


def main():
    out = sys.argv[1]
    calib = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    evals = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "calib.npy"), crops("china.jpg", calib, seed=1))
    np.save(os.path.join(out, "eval.npy"), crops("flower.jpg", evals, seed=2))
    print("example_crops: %d calibration and %d evaluation crops in %s" % (calib, evals, out))


if __name__ == "__main__":
    main()
