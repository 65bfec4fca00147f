// Valid qnt, but TFLite has no 4-bit tensor type.
func.func @main(%x: tensor<2xi4>) -> tensor<2xi4> {
  return %x : tensor<2xi4>
}
