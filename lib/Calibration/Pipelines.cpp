//===- Pipelines.cpp - The int8 pipelines with calibration ----------------===//

#include "qnt/Calibration/Pipelines.h"

#include "qnt/Calibration/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"

using namespace mlir;
using namespace qnt;

LogicalResult qnt::addCalibrationPasses(OpPassManager &pm,
                                        const Int8PipelineOptions &options) {
  if (pm.getOpName() && *pm.getOpName() != ModuleOp::getOperationName())
    return failure();
  CalibrateOptions calibrate;
  calibrate.data = options.calibrationData;
  calibrate.method = options.calibrationMethod;
  calibrate.samples = options.calibrationSamples;
  calibrate.mean.assign(options.calibrationMean.begin(),
                        options.calibrationMean.end());
  calibrate.stddev.assign(options.calibrationStd.begin(),
                          options.calibrationStd.end());
  calibrate.channelOrder = options.calibrationChannelOrder;
  calibrate.keepExisting = true;
  pm.addPass(createCalibrate(calibrate));
  return success();
}

void qnt::registerAllPassesAndPipelines() {
  registerQntPasses();
  registerQntCalibrationPasses();
  registerQuantizationPipelines(addCalibrationPasses);
}
