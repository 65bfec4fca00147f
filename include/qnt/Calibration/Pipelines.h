//===- Pipelines.h - The int8 pipelines with calibration --------*- C++ -*-===//
//
// The dialect's transforms cannot run models, so the int8 pipelines get
// their `calibration-data` support from here, where both the transforms and
// the interpreter are available.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CALIBRATION_PIPELINES_H
#define QNT_CALIBRATION_PIPELINES_H

#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"

namespace qnt {

/// Adds `qnt-calibrate` with the options' `calibration-*` values and
/// keep-existing, so that a model that already has statistics keeps them.
mlir::LogicalResult addCalibrationPasses(mlir::OpPassManager &pm,
                                         const Int8PipelineOptions &options);

/// Registers every qnt pass (the dialect's transforms and calibration) and
/// the int8 pipelines with calibration: what qnt-opt and the pass plugin
/// offer.
void registerAllPassesAndPipelines();

} // namespace qnt

#endif // QNT_CALIBRATION_PIPELINES_H
