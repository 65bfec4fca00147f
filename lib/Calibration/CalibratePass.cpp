//===- CalibratePass.cpp - The qnt-calibrate pass -------------------------===//

#include "qnt/Calibration/Calibrate.h"
#include "qnt/Calibration/Passes.h"

#include "qnt/Data/DataSet.h"
#include "qnt/Interpreter/DataSetRunner.h"
#include "qnt/Support/EntryFunction.h"
#include "qnt/Support/ProgressBar.h"

namespace qnt {
#define GEN_PASS_DEF_CALIBRATE
#include "qnt/Calibration/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct Calibrate : public qnt::impl::CalibrateBase<Calibrate> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::Expected<func::FuncOp> func = findEntryFunction(module, function);
    if (!func) {
      module.emitError() << toString(func.takeError());
      return signalPassFailure();
    }
    if (keepExisting && hasStatistics(*func))
      return markAllAnalysesPreserved();
    if (failed(calibrateFunction(*func)))
      signalPassFailure();
  }

  LogicalResult calibrateFunction(func::FuncOp func) {
    auto fail = [&](const llvm::Twine &message) {
      return func.emitError() << "cannot calibrate '@" << func.getSymName()
                              << "': " << message;
    };
    if (data.empty())
      return fail("no data set given (data=PATH: a .npy or .npz file, or a "
                  "directory of images)");
    llvm::Expected<CalibrationOptions> options = parseCalibrationMethod(method);
    if (!options)
      return fail(toString(options.takeError()));

    ImageOptions imageOptions;
    if (channelOrder == "rgb")
      imageOptions.channelOrder = ChannelOrder::RGB;
    else if (channelOrder == "bgr")
      imageOptions.channelOrder = ChannelOrder::BGR;
    else
      return fail("channel-order must be rgb or bgr, not '" + channelOrder +
                  "'");
    if (layout == "nhwc")
      imageOptions.layout = ImageLayout::NHWC;
    else if (layout == "nchw")
      imageOptions.layout = ImageLayout::NCHW;
    else
      return fail("layout must be nhwc or nchw, not '" + layout + "'");
    if (!mean.empty())
      imageOptions.mean.assign(mean.begin(), mean.end());
    if (!stddev.empty())
      imageOptions.stddev.assign(stddev.begin(), stddev.end());

    llvm::Expected<std::vector<InputSpec>> specs = getInputSpecs(func);
    if (!specs)
      return fail(toString(specs.takeError()));
    llvm::Expected<DataSet> dataSet = DataSet::open(data, *specs, imageOptions);
    if (!dataSet)
      return fail(toString(dataSet.takeError()));

    size_t numSamples = dataSet->size();
    if (samples)
      numSamples = std::min<size_t>(numSamples, samples);
    // Drawn only when stderr is a terminal.
    ProgressBar progress("calibrating", numSamples);
    llvm::Error err =
        calibrate(func, *dataSet, *options, samples, threads, &progress);
    progress.finish();
    if (err)
      // calibrate() names the function itself.
      return func.emitError() << toString(std::move(err));
    return success();
  }
};
} // namespace
