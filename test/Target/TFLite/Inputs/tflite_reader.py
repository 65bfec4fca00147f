"""A minimal reader of TFLite flatbuffers, written from the flatbuffers
binary layout and the field order of TFLite's schema (version 3), so that
tests can look at written files without qnt's own reader.

Layout: a buffer starts with a uoffset (u32) to the root table. A table
starts with a soffset (i32) back to its vtable: vtable = table - soffset.
The vtable holds u16 vtable size, u16 table size, then one u16 offset per
field (0 = absent, default value). Reference fields hold a u32 offset
relative to the field's own position. A vector is a u32 length followed by
its elements; a string is a vector of bytes with a trailing NUL.
"""

import struct

# Field indices (union fields take two slots: the type, then the value).
MODEL = dict(version=0, operator_codes=1, subgraphs=2, description=3,
             buffers=4, metadata_buffer=5, metadata=6, signature_defs=7)
OPERATOR_CODE = dict(deprecated_builtin_code=0, custom_code=1, version=2,
                     builtin_code=3)
SUBGRAPH = dict(tensors=0, inputs=1, outputs=2, operators=3, name=4)
TENSOR = dict(shape=0, type=1, buffer=2, name=3, quantization=4,
              is_variable=5, sparsity=6, shape_signature=7, has_rank=8)
OPERATOR = dict(opcode_index=0, inputs=1, outputs=2, builtin_options_type=3,
                builtin_options=4, custom_options=5, custom_options_format=6)
BUFFER = dict(data=0, offset=1, size=2)
METADATA = dict(name=0, buffer=1)
SIGNATURE_DEF = dict(inputs=0, outputs=1, signature_key=2, subgraph_index=4)
TENSOR_MAP = dict(name=0, tensor_index=1)
QUANTIZATION = dict(min=0, max=1, scale=2, zero_point=3, details_type=4,
                    details=5, quantized_dimension=6)


class Table:
    def __init__(self, data, pos):
        self.data = data
        self.pos = pos

    def field_pos(self, index):
        """Absolute position of field `index`, or None when absent."""
        vtable = self.pos - struct.unpack_from("<i", self.data, self.pos)[0]
        vsize = struct.unpack_from("<H", self.data, vtable)[0]
        entry = 4 + 2 * index
        if entry >= vsize:
            return None
        offset = struct.unpack_from("<H", self.data, vtable + entry)[0]
        return self.pos + offset if offset else None

    def scalar(self, index, fmt, default=0):
        pos = self.field_pos(index)
        return default if pos is None else struct.unpack_from(
            "<" + fmt, self.data, pos)[0]

    def _target(self, index):
        pos = self.field_pos(index)
        if pos is None:
            return None
        return pos + struct.unpack_from("<I", self.data, pos)[0]

    def table(self, index):
        pos = self._target(index)
        return None if pos is None else Table(self.data, pos)

    def vector_pos(self, index):
        """(position of the first element, length), or None."""
        pos = self._target(index)
        if pos is None:
            return None
        return pos + 4, struct.unpack_from("<I", self.data, pos)[0]

    def vector(self, index, fmt):
        found = self.vector_pos(index)
        if found is None:
            return []
        start, length = found
        size = struct.calcsize("<" + fmt)
        return [struct.unpack_from("<" + fmt, self.data, start + i * size)[0]
                for i in range(length)]

    def bytes(self, index):
        found = self.vector_pos(index)
        if found is None:
            return None
        start, length = found
        return bytes(self.data[start:start + length])

    def string(self, index):
        value = self.bytes(index)
        return None if value is None else value.decode("utf-8")

    def tables(self, index):
        found = self.vector_pos(index)
        if found is None:
            return []
        start, length = found
        result = []
        for i in range(length):
            pos = start + 4 * i
            result.append(Table(self.data,
                                pos + struct.unpack_from("<I", self.data, pos)[0]))
        return result


def read_model(data):
    """The root table, after checking the file identifier."""
    if bytes(data[4:8]) != b"TFL3":
        raise ValueError("not a TFLite model: identifier %r" % bytes(data[4:8]))
    return Table(data, struct.unpack_from("<I", data, 0)[0])
