//===- Schema.h - The TFLite flatbuffer schema for the translator -*- C++ -*-===//
//
// `qnt::tflite` is the code flatc generates from Schema/tflite.fbs; the
// translator's own helpers live in `qnt::tfl`.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_SCHEMA_H
#define QNT_LIB_TARGET_TFLITE_SCHEMA_H

#include "qnt/Target/TFLite/tflite_generated.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace qnt::tfl {

/// The schema version qnt reads and writes.
constexpr uint32_t kSchemaVersion = 3;

/// Operator codes above this value do not fit `deprecated_builtin_code`.
constexpr int32_t kPlaceholderForGreaterOpCodes = 127;

/// The builtin code of an operator code. Files from before `builtin_code`
/// existed only set the deprecated byte; newer files set both, with the
/// deprecated one capped at 127. The larger of the two is the real code.
inline int32_t getBuiltinCode(const tflite::OperatorCode &code) {
  return std::max<int32_t>(code.deprecated_builtin_code(),
                           static_cast<int32_t>(code.builtin_code()));
}

/// The enum name of a builtin code, or "BUILTIN_<n>" for codes newer than
/// qnt's schema.
inline std::string getBuiltinName(int32_t code) {
  const char *name =
      tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(code));
  if (name && *name)
    return name;
  return "BUILTIN_" + std::to_string(code);
}

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_SCHEMA_H
