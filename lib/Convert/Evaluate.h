//===- Evaluate.h - Float and quantized models side by side -----*- C++ -*-===//

#ifndef QNT_LIB_CONVERT_EVALUATE_H
#define QNT_LIB_CONVERT_EVALUATE_H

#include "qnt/Convert/Convert.h"
#include "qnt/Interpreter/Interpreter.h"

namespace qnt {

class ProgressBar;

/// Runs both interpreters on every sample (float inputs; the quantized
/// model's integer inputs are quantized with its input parameters) and
/// accumulates one OutputStats per output. With \p tensors, also every
/// non-constant quantized tensor of the quantized model whose name and shape
/// match a float tensor, in the order the quantized model computes them.
llvm::Error evaluate(const Interpreter &floatModel,
                     const Interpreter &quantModel,
                     const std::vector<std::vector<Tensor>> &samples,
                     bool compareTensors, std::vector<OutputStats> &outputs,
                     std::vector<TensorStats> *tensors, ProgressBar *progress);

} // namespace qnt

#endif // QNT_LIB_CONVERT_EVALUATE_H
