#!/usr/bin/python3
"""Writes the numpy-made fixtures the QntData unit tests read.

The tests check qnt's reader against files written by numpy itself, so the
expected values in NpyArrayTest.cpp/NpzTest.cpp are the literals below, not
output of qnt's own writer. Run from this directory with Debian's python3-numpy:
/usr/bin/python3 make_inputs.py
"""
import numpy as np
from numpy.lib import format as npformat


def write(name, array, version=None):
    with open(name, "wb") as f:
        npformat.write_array(f, array, version=version)


write("v1_f32.npy", (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),
      version=(1, 0))
write("v2_i16.npy", np.array([[-32768, 32767, 0], [1, -1, 12345]], np.int16),
      version=(2, 0))
write("v3_f64.npy", np.array([1e300, -2.5, 0.1], np.float64), version=(3, 0))
write("f16.npy", np.array([1.0, -2.0, 65504.0, 0.1, 2.0**-24], np.float16))
write("u8.npy", np.array([[0, 1], [128, 255]], np.uint8))
write("i8.npy", np.array([-128, -1, 0, 127], np.int8))
write("i64_scalar.npy", np.array(-1234567890123, np.int64))
write("bool.npy", np.array([True, False, True], np.bool_))
write("bigendian_i32.npy", np.array([1, -2, 0x01020304], ">i4"))
write("bigendian_f32.npy", np.array([1.5, -0.25], ">f4"))
write("fortran_f32.npy",
      np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))

image = np.arange(8, dtype=np.float32).reshape(2, 4) / 4
ids = np.array([[1, 2, 3], [4, 5, 6]], np.int32)
np.savez("two_arrays.npz", image=image, ids=ids)
np.savez_compressed("two_arrays_deflated.npz", image=image, ids=ids)
