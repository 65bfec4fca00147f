// Input of verifier-coverage.test: the diagnostic forms the coverage check
// must read. Not compiled.
LogicalResult FooOp::verify() {
  if (a)
    return emitOpError("plain message");
  if (b)
    return emitOpError() << "expects " << what << " of rank " << rank
                         << ", got " << other;
  if (c)
    return parser.emitError(loc, "located message");
  if (d)
    return emitOpError() << "quote '\"' and " << (x ? "a" : "b") << " end";
  if (e)
    return emitOpError() << "never tested " << value;
  return success();
}
