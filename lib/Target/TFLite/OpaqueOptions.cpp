//===- OpaqueOptions.cpp - Builtin options carried without reading -------===//

#include "OpaqueOptions.h"

#include <cstring>
#include <vector>

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

/// True when the union tag is one qnt's schema declares: only those can be
/// unpacked and packed again.
static bool isKnown(tflite::BuiltinOptions type) {
  return type <= tflite::BuiltinOptions::MAX;
}
static bool isKnown(tflite::BuiltinOptions2 type) {
  return type <= tflite::BuiltinOptions2::MAX;
}

FailureOr<std::string> tfl::packOpaqueOptions(const tflite::Operator &op,
                                              std::string &error) {
  // A tag without a table carries nothing (and unpacking it would read
  // through a null table).
  tflite::BuiltinOptions type = op.builtin_options()
                                    ? op.builtin_options_type()
                                    : tflite::BuiltinOptions::NONE;
  tflite::BuiltinOptions2 type2 = op.builtin_options_2()
                                      ? op.builtin_options_2_type()
                                      : tflite::BuiltinOptions2::NONE;
  if (!isKnown(type)) {
    error = "has builtin options of type " +
            std::to_string(static_cast<int>(type)) +
            ", newer than the schema qnt knows";
    return failure();
  }
  if (!isKnown(type2)) {
    error = "has builtin options (2) of type " +
            std::to_string(static_cast<int>(type2)) +
            ", newer than the schema qnt knows";
    return failure();
  }
  if (type == tflite::BuiltinOptions::NONE &&
      type2 == tflite::BuiltinOptions2::NONE)
    return std::string();

  tflite::OperatorT native;
  native.builtin_options.type = type;
  native.builtin_options.value =
      tflite::BuiltinOptionsUnion::UnPack(op.builtin_options(), type, nullptr);
  native.builtin_options_2.type = type2;
  native.builtin_options_2.value = tflite::BuiltinOptions2Union::UnPack(
      op.builtin_options_2(), type2, nullptr);

  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::Operator::Pack(fbb, &native));
  return std::string(reinterpret_cast<const char *>(fbb.GetBufferPointer()),
                     fbb.GetSize());
}

FailureOr<OpaqueOptionsOffsets>
tfl::unpackOpaqueOptions(StringRef bytes, flatbuffers::FlatBufferBuilder &fbb,
                         std::string &error) {
  OpaqueOptionsOffsets result;
  if (bytes.empty())
    return result;

  // The verifier insists on aligned scalars; attribute storage promises no
  // alignment, so the bytes are copied into 8-byte aligned memory.
  std::vector<uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  const auto *data = reinterpret_cast<const uint8_t *>(aligned.data());

  flatbuffers::Verifier verifier(data, bytes.size());
  if (!verifier.VerifyBuffer<tflite::Operator>(nullptr)) {
    error = "options are not a serialized TFLite operator holding builtin "
            "options";
    return failure();
  }
  const auto *op = flatbuffers::GetRoot<tflite::Operator>(data);
  if (op->inputs() || op->outputs() || op->custom_options() ||
      op->intermediates()) {
    error = "options hold more than builtin options";
    return failure();
  }
  if (!isKnown(op->builtin_options_type()) ||
      !isKnown(op->builtin_options_2_type())) {
    error = "options are of a type newer than the schema qnt knows";
    return failure();
  }

  tflite::OperatorT native;
  op->UnPackTo(&native);
  result.type = native.builtin_options.type;
  if (native.builtin_options.value)
    result.options = native.builtin_options.Pack(fbb);
  else
    result.type = tflite::BuiltinOptions::NONE;
  result.type2 = native.builtin_options_2.type;
  if (native.builtin_options_2.value)
    result.options2 = native.builtin_options_2.Pack(fbb);
  else
    result.type2 = tflite::BuiltinOptions2::NONE;
  return result;
}
