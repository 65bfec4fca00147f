//===- Interpreter.cpp - Runs a function of qnt ops -----------------------===//
//
// Preparation numbers every value with a slot, checks every op, evaluates the
// part of the graph that depends on constants only and keeps the rest as a
// list of steps. A run walks the steps and calls one kernel per op.
// Preparation also packs constant float filters for the GEMM kernel and, for
// runs without an observer, folds a ReLU-family op into the float conv,
// depthwise conv or add whose result only it uses.
//
//===----------------------------------------------------------------------===//

#include "qnt/Interpreter/Interpreter.h"

#include "DenseKernels.h"
#include "Kernels.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
/// One op to evaluate: slots of its operands and results.
struct Step {
  Operation *op;
  llvm::SmallVector<unsigned, 4> operands;
  unsigned result;
  bool constant;
  /// A float conv_2d's constant filter and bias, packed for the GEMM kernel.
  std::vector<float> packedFilter;
  /// Runs without an observer: the activation op at step `fusedInto` is
  /// applied by this op's kernel, which writes that op's result; the
  /// activation step is skipped (`fused`).
  Activation fusedActivation = Activation::None;
  int fusedInto = -1;
  bool fused = false;
};

std::string describeOp(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "op '" << op->getName() << "'";
  if (auto custom = dyn_cast<CustomOp>(op)) {
    if (!custom.getName().empty())
      os << " (custom op '" << custom.getName() << "')";
    else if (custom.getBuiltinCode())
      os << " (TFLite builtin operator " << *custom.getBuiltinCode() << ")";
  }
  os << " at " << op->getLoc();
  return text;
}

llvm::Error opError(Operation *op, llvm::Error err) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 describeOp(op) + ": " +
                                     llvm::toString(std::move(err)));
}

/// True for the ops the interpreter has a kernel for.
bool isExecutable(Operation *op) {
  return isa<ConstOp, StatsOp, FakeQuantOp, QuantizeOp, DequantizeOp,
             RequantizeOp, Conv2DOp,
             DepthwiseConv2DOp, TransposeConvOp, FullyConnectedOp,
             BatchMatMulOp, AddOp, SubOp, MulOp, DivOp, MaximumOp, MinimumOp,
             ReluOp, Relu6Op, ReluN1To1Op, LeakyReluOp, PReluOp, HardSwishOp,
             LogisticOp, TanhOp, SoftmaxOp, LogSoftmaxOp, AveragePool2DOp,
             MaxPool2DOp, MeanOp, ReshapeOp, SqueezeOp, TransposeOp,
             ConcatenationOp, PadOp, PadV2Op, MirrorPadOp, ResizeBilinearOp,
             ResizeNearestNeighborOp, SliceOp, StridedSliceOp, SumOp,
             ReduceMaxOp, ReduceMinOp, ArgMaxOp, ArgMinOp, GatherOp,
             SpaceToDepthOp, DepthToSpaceOp, ExpOp, LogOp,
             SqrtOp, RsqrtOp, AbsOp, NegOp, FloorOp, EluOp,
             SquaredDifferenceOp,
             PowOp, SpaceToBatchNdOp, BatchToSpaceNdOp, TileOp,
             BroadcastToOp, L2NormalizationOp, GeluOp>(op);
}

llvm::Error evaluate(Operation *op, Operands operands, Tensor &result,
                     Scratch &scratch) {
  return llvm::TypeSwitch<Operation *, llvm::Error>(op)
      .Case([&](ConstOp o) { return evalConst(o, result); })
#define QNT_KERNEL(OpClass, fn)                                                \
  .Case([&](OpClass o) { return fn(o, operands, result, scratch); })
      QNT_KERNEL(StatsOp, evalStats)
      QNT_KERNEL(FakeQuantOp, evalFakeQuant)
      QNT_KERNEL(QuantizeOp, evalQuantize)
      QNT_KERNEL(DequantizeOp, evalDequantize)
      QNT_KERNEL(RequantizeOp, evalRequantize)
      QNT_KERNEL(Conv2DOp, evalConv2D)
      QNT_KERNEL(DepthwiseConv2DOp, evalDepthwiseConv2D)
      QNT_KERNEL(TransposeConvOp, evalTransposeConv)
      QNT_KERNEL(FullyConnectedOp, evalFullyConnected)
      QNT_KERNEL(BatchMatMulOp, evalBatchMatMul)
      QNT_KERNEL(AddOp, evalAdd)
      QNT_KERNEL(SubOp, evalSub)
      QNT_KERNEL(MulOp, evalMul)
      QNT_KERNEL(DivOp, evalDiv)
      QNT_KERNEL(MaximumOp, evalMaximum)
      QNT_KERNEL(MinimumOp, evalMinimum)
      QNT_KERNEL(ReluOp, evalRelu)
      QNT_KERNEL(Relu6Op, evalRelu6)
      QNT_KERNEL(ReluN1To1Op, evalReluN1To1)
      QNT_KERNEL(LeakyReluOp, evalLeakyRelu)
      QNT_KERNEL(PReluOp, evalPRelu)
      QNT_KERNEL(HardSwishOp, evalHardSwish)
      QNT_KERNEL(LogisticOp, evalLogistic)
      QNT_KERNEL(TanhOp, evalTanh)
      QNT_KERNEL(ExpOp, evalExp)
      QNT_KERNEL(LogOp, evalLog)
      QNT_KERNEL(SqrtOp, evalSqrt)
      QNT_KERNEL(RsqrtOp, evalRsqrt)
      QNT_KERNEL(AbsOp, evalAbs)
      QNT_KERNEL(NegOp, evalNeg)
      QNT_KERNEL(FloorOp, evalFloor)
      QNT_KERNEL(EluOp, evalElu)
      QNT_KERNEL(SquaredDifferenceOp, evalSquaredDifference)
      QNT_KERNEL(PowOp, evalPow)
      QNT_KERNEL(SoftmaxOp, evalSoftmax)
      QNT_KERNEL(LogSoftmaxOp, evalLogSoftmax)
      QNT_KERNEL(AveragePool2DOp, evalAveragePool2D)
      QNT_KERNEL(MaxPool2DOp, evalMaxPool2D)
      QNT_KERNEL(MeanOp, evalMean)
      QNT_KERNEL(ReshapeOp, evalReshape)
      QNT_KERNEL(SqueezeOp, evalSqueeze)
      QNT_KERNEL(TransposeOp, evalTranspose)
      QNT_KERNEL(ConcatenationOp, evalConcatenation)
      QNT_KERNEL(PadOp, evalPad)
      QNT_KERNEL(PadV2Op, evalPadV2)
      QNT_KERNEL(MirrorPadOp, evalMirrorPad)
      QNT_KERNEL(ResizeBilinearOp, evalResizeBilinear)
      QNT_KERNEL(ResizeNearestNeighborOp, evalResizeNearestNeighbor)
      QNT_KERNEL(SliceOp, evalSlice)
      QNT_KERNEL(StridedSliceOp, evalStridedSlice)
      QNT_KERNEL(SumOp, evalSum)
      QNT_KERNEL(ReduceMaxOp, evalReduceMax)
      QNT_KERNEL(ReduceMinOp, evalReduceMin)
      QNT_KERNEL(ArgMaxOp, evalArgMax)
      QNT_KERNEL(ArgMinOp, evalArgMin)
      QNT_KERNEL(GatherOp, evalGather)
      QNT_KERNEL(SpaceToDepthOp, evalSpaceToDepth)
      QNT_KERNEL(DepthToSpaceOp, evalDepthToSpace)
      QNT_KERNEL(SpaceToBatchNdOp, evalSpaceToBatchNd)
      QNT_KERNEL(BatchToSpaceNdOp, evalBatchToSpaceNd)
      QNT_KERNEL(TileOp, evalTile)
      QNT_KERNEL(BroadcastToOp, evalBroadcastTo)
      QNT_KERNEL(L2NormalizationOp, evalL2Normalization)
      QNT_KERNEL(GeluOp, evalGelu)
#undef QNT_KERNEL
      .Default([&](Operation *) {
        return kernelError("no kernel for this op");
      });
}
} // namespace

struct Interpreter::Plan {
  llvm::DenseMap<Value, unsigned> slotOf;
  unsigned numSlots = 0;
  /// Tensors of the slots computed at preparation (empty elsewhere).
  std::vector<Tensor> constants;
  std::vector<bool> isConstantSlot;
  std::vector<Step> steps;
  llvm::SmallVector<unsigned> argumentSlots;
  llvm::SmallVector<unsigned> returnSlots;
  llvm::SmallVector<ElementKind> argumentKinds;
};

struct Interpreter::Workspace::Impl {
  std::vector<Tensor> slots;
  std::vector<const Tensor *> values;
  Scratch scratch;
};

Interpreter::Workspace::Workspace() : impl(std::make_unique<Impl>()) {}
Interpreter::Workspace::~Workspace() = default;
Interpreter::Workspace::Workspace(Workspace &&) = default;
Interpreter::Workspace &
Interpreter::Workspace::operator=(Workspace &&) = default;

Interpreter::Interpreter(func::FuncOp func)
    : func(func), plan(std::make_unique<Plan>()) {}
Interpreter::~Interpreter() = default;

unsigned Interpreter::getNumInputs() const {
  return plan->argumentSlots.size();
}
unsigned Interpreter::getNumOutputs() const { return plan->returnSlots.size(); }

bool Interpreter::isConstant(Value value) const {
  auto it = plan->slotOf.find(value);
  return it != plan->slotOf.end() && plan->isConstantSlot[it->second];
}

llvm::Expected<std::unique_ptr<Interpreter>>
Interpreter::create(func::FuncOp func) {
  std::unique_ptr<Interpreter> interpreter(new Interpreter(func));
  if (auto err = interpreter->prepare())
    return std::move(err);
  return std::move(interpreter);
}

llvm::Error Interpreter::prepare() {
  if (func.isExternal())
    return kernelError("function '{0}' has no body", func.getSymName());
  Block &body = func.getBody().front();
  if (!func.getBody().hasOneBlock())
    return kernelError("function '{0}' has more than one block",
                       func.getSymName());

  auto newSlot = [&](Value v) {
    unsigned slot = plan->numSlots++;
    plan->slotOf[v] = slot;
    return slot;
  };
  for (BlockArgument arg : body.getArguments()) {
    ElementKind kind;
    if (!getElementKindFor(arg.getType(), kind) ||
        !isa<RankedTensorType>(arg.getType())) {
      std::string type;
      llvm::raw_string_ostream os(type);
      arg.getType().print(os);
      return kernelError("argument {0} of '{1}' has unsupported type {2}",
                         arg.getArgNumber(), func.getSymName(), type);
    }
    plan->argumentKinds.push_back(kind);
    plan->argumentSlots.push_back(newSlot(arg));
  }

  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        plan->returnSlots.push_back(plan->slotOf.lookup(v));
      continue;
    }
    if (!isExecutable(&op))
      return kernelError("cannot execute {0}", describeOp(&op));
    if (op.getNumResults() != 1)
      return kernelError("cannot execute {0}: expected one result",
                         describeOp(&op));
    for (Value result : op.getResults()) {
      ElementKind kind;
      if (!getElementKindFor(result.getType(), kind) ||
          !isa<RankedTensorType>(result.getType()))
        return kernelError("cannot execute {0}: unsupported result type",
                           describeOp(&op));
    }
    Step step;
    step.op = &op;
    step.constant = true;
    for (Value operand : op.getOperands()) {
      auto it = plan->slotOf.find(operand);
      if (it == plan->slotOf.end())
        return kernelError("{0} uses a value defined outside the function",
                           describeOp(&op));
      step.operands.push_back(it->second);
    }
    step.result = newSlot(op.getResult(0));
    plan->steps.push_back(std::move(step));
  }

  // Evaluate everything that depends on constants only, once.
  plan->constants.resize(plan->numSlots);
  plan->isConstantSlot.assign(plan->numSlots, false);
  Scratch scratch;
  for (Step &step : plan->steps) {
    for (unsigned s : step.operands)
      step.constant = step.constant && plan->isConstantSlot[s];
    if (!step.constant)
      continue;
    llvm::SmallVector<const Tensor *, 4> operands;
    for (unsigned s : step.operands)
      operands.push_back(&plan->constants[s]);
    if (auto err = evaluate(step.op, operands, plan->constants[step.result],
                            scratch))
      return opError(step.op, std::move(err));
    plan->isConstantSlot[step.result] = true;
  }
  prepareFastPaths();
  return llvm::Error::success();
}

/// The activation a ReLU-family op applies, or None for other ops.
static Activation getActivationOfOp(Operation *op) {
  if (isa<ReluOp>(op))
    return Activation::Relu;
  if (isa<Relu6Op>(op))
    return Activation::Relu6;
  if (isa<ReluN1To1Op>(op))
    return Activation::ReluN1To1;
  return Activation::None;
}

void Interpreter::prepareFastPaths() {
  llvm::DenseMap<Operation *, int> stepOf;
  for (auto [i, step] : llvm::enumerate(plan->steps))
    stepOf[step.op] = i;
  for (Step &step : plan->steps) {
    if (step.constant)
      continue;
    Operation *op = step.op;
    Value result = op->getResult(0);
    bool floatOp = isFloat(result) && !isQuantized(result);

    // Filters are rearranged once instead of on every run.
    if (auto conv = dyn_cast<Conv2DOp>(op); conv && floatOp) {
      const Tensor *filter = plan->isConstantSlot[step.operands[1]]
                                 ? &plan->constants[step.operands[1]]
                                 : nullptr;
      const Tensor *bias = nullptr;
      bool biasOk = step.operands.size() < 3;
      if (!biasOk && plan->isConstantSlot[step.operands[2]]) {
        bias = &plan->constants[step.operands[2]];
        biasOk = bias->getKind() == ElementKind::F32 && filter &&
                 filter->getRank() == 4 &&
                 bias->getNumElements() == filter->getDimSize(0);
      }
      if (filter && biasOk && filter->getKind() == ElementKind::F32 &&
          filter->getRank() == 4) {
        int64_t n = filter->getDimSize(0);
        int64_t k = filter->getNumElements() / std::max<int64_t>(n, 1);
        step.packedFilter.resize(packedFilterSize(n, k));
        packFilter(filter->getData<float>(),
                   bias ? bias->getData<float>() : nullptr, n, k,
                   step.packedFilter.data());
      }
    }

    // A ReLU-family op that is the only user of a float conv, depthwise conv
    // or add is applied in that op's output pass.
    if (!floatOp || !isa<Conv2DOp, DepthwiseConv2DOp, AddOp>(op) ||
        !result.hasOneUse())
      continue;
    Operation *user = *result.getUsers().begin();
    Activation act = getActivationOfOp(user);
    auto userStep = stepOf.find(user);
    if (act == Activation::None || userStep == stepOf.end() ||
        user->getOperand(0) != result || !isFloat(user->getResult(0)) ||
        isQuantized(user->getResult(0)))
      continue;
    step.fusedActivation = act;
    step.fusedInto = userStep->second;
    plan->steps[userStep->second].fused = true;
  }
}

llvm::Error Interpreter::checkInputs(llvm::ArrayRef<Tensor> inputs) const {
  if (inputs.size() != plan->argumentSlots.size())
    return kernelError("'{0}' takes {1} input(s), got {2}", func.getSymName(),
                       plan->argumentSlots.size(), inputs.size());
  Block &body = func.getBody().front();
  for (auto [i, input] : llvm::enumerate(inputs)) {
    auto type = cast<RankedTensorType>(body.getArgument(i).getType());
    if (input.getKind() != plan->argumentKinds[i])
      return kernelError("input {0} of '{1}' must hold {2} values, got {3}", i,
                         func.getSymName(),
                         getElementKindName(plan->argumentKinds[i]),
                         getElementKindName(input.getKind()));
    bool ok = input.getRank() == type.getRank();
    for (int64_t d = 0; ok && d < type.getRank(); ++d)
      ok = type.isDynamicDim(d) || type.getDimSize(d) == input.getDimSize(d);
    if (!ok) {
      std::string expected;
      llvm::raw_string_ostream os(expected);
      type.print(os);
      return kernelError("input {0} of '{1}' has shape {2}, expected {3}", i,
                         func.getSymName(), shapeToString(input.getShape()),
                         expected);
    }
  }
  return llvm::Error::success();
}

llvm::Error Interpreter::run(llvm::ArrayRef<Tensor> inputs,
                             Workspace &workspace,
                             llvm::SmallVectorImpl<Tensor> &outputs,
                             const Observer &observer) const {
  if (auto err = checkInputs(inputs))
    return err;
  Workspace::Impl &ws = *workspace.impl;
  if (ws.slots.size() != plan->numSlots)
    ws.slots.resize(plan->numSlots);
  ws.values.assign(plan->numSlots, nullptr);
  for (unsigned s = 0; s < plan->numSlots; ++s)
    ws.values[s] = plan->isConstantSlot[s] ? &plan->constants[s] : &ws.slots[s];

  Block &body = func.getBody().front();
  for (auto [i, slot] : llvm::enumerate(plan->argumentSlots)) {
    ws.values[slot] = &inputs[i];
    if (observer)
      observer(body.getArgument(i), inputs[i]);
  }

  // Fusion skips results, so an observer sees the unfused graph.
  const bool fuse = !observer;
  llvm::SmallVector<const Tensor *, 4> operands;
  for (const Step &step : plan->steps) {
    if (step.constant) {
      if (observer)
        observer(step.op->getResult(0), *ws.values[step.result]);
      continue;
    }
    if (fuse && step.fused)
      continue;
    operands.clear();
    for (unsigned s : step.operands)
      operands.push_back(ws.values[s]);
    unsigned resultSlot = step.result;
    ws.scratch.packedFilter =
        step.packedFilter.empty() ? nullptr : step.packedFilter.data();
    ws.scratch.fusedActivation = Activation::None;
    if (fuse && step.fusedInto >= 0) {
      resultSlot = plan->steps[step.fusedInto].result;
      ws.scratch.fusedActivation = step.fusedActivation;
    }
    llvm::Error err =
        evaluate(step.op, operands, ws.slots[resultSlot], ws.scratch);
    ws.scratch.packedFilter = nullptr;
    ws.scratch.fusedActivation = Activation::None;
    if (err)
      return opError(step.op, std::move(err));
    if (observer)
      observer(step.op->getResult(0), *ws.values[step.result]);
  }

  // Assigning into existing tensors reuses their buffers.
  outputs.resize(plan->returnSlots.size());
  for (auto [i, slot] : llvm::enumerate(plan->returnSlots))
    outputs[i] = *ws.values[slot];
  return llvm::Error::success();
}

llvm::Expected<llvm::SmallVector<Tensor>>
Interpreter::run(llvm::ArrayRef<Tensor> inputs,
                 const Observer &observer) const {
  Workspace workspace;
  llvm::SmallVector<Tensor> outputs;
  if (auto err = run(inputs, workspace, outputs, observer))
    return std::move(err);
  return outputs;
}

llvm::Expected<llvm::SmallVector<Tensor>>
qnt::runFunction(func::FuncOp func, llvm::ArrayRef<Tensor> inputs,
                 const Observer &observer) {
  auto interpreter = Interpreter::create(func);
  if (!interpreter)
    return interpreter.takeError();
  return (*interpreter)->run(inputs, observer);
}
