"""A PyTorch CNN to an int8 TFLite model through ONNX, without TensorFlow.

Trains a small CNN on sklearn's digits (8x8 images, 10 classes) with Debian's
torch, exports it to ONNX, converts it with qnt-convert (mode int8,
calibrated on training images) and runs both the float ONNX model (in
onnxruntime) and the int8 .tflite (in the TFLite runtime) on the held-out
test images. Prints both accuracies; fails if int8 loses a point or more.

usage: digits_cnn.py TOOLS_DIR TFLITE_RUNNER_JS ONNX_RUNNER_JS WORK_DIR
"""
import os
import subprocess
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits


def run(*args):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), r.stdout, r.stderr))
    return r.stdout


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.bn1 = torch.nn.BatchNorm2d(16)
        self.conv2 = torch.nn.Conv2d(16, 32, 3, padding=1)
        self.pool = torch.nn.MaxPool2d(2)
        self.fc = torch.nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(torch.flatten(x, 1))


def main():
    tools, tflite_runner, onnx_runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    path = lambda name: os.path.join(work, name)
    torch.manual_seed(0)
    np.random.seed(0)
    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[:, None, :, :]
    y = digits.target.astype(np.int64)
    order = np.random.permutation(len(x))
    train, test = order[:1400], order[1400:]

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    xt, yt = torch.from_numpy(x[train]), torch.from_numpy(y[train])
    for epoch in range(15):
        for i in range(0, len(train), 64):
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(xt[i:i + 64]), yt[i:i + 64])
            loss.backward()
            opt.step()
    net.eval()
    torch.onnx.export(net, torch.from_numpy(x[:1]), path("digits.onnx"), opset_version=13,
                      input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})

    # qnt imports the NCHW ONNX graph as an NHWC graph (TFLite's layout).
    nhwc = np.ascontiguousarray(np.transpose(x, (0, 2, 3, 1)))
    np.save(path("calib.npy"), nhwc[train[:200]])
    np.save(path("test_nhwc.npy"), nhwc[test])
    np.save(path("test.npy"), x[test])
    run(os.path.join(tools, "qnt-convert"), path("digits.onnx"), "--mode", "int8",
        "--calibration-data", path("calib.npy"), "-o", path("digits_int8.tflite"))
    run("node", onnx_runner, path("digits.onnx"), "--input", path("test.npy"), "-o", path("out_float"))
    run("node", tflite_runner, path("digits_int8.tflite"), "--input", path("test_nhwc.npy"),
        "-o", path("out_int8"))
    float_logits = np.load(path("out_float/output_0.npy")).reshape(len(test), -1)
    int8_logits = np.load(path("out_int8/output_0.npy")).reshape(len(test), -1)
    truth = y[test]
    acc_float = 100.0 * np.mean(np.argmax(float_logits, 1) == truth)
    acc_int8 = 100.0 * np.mean(np.argmax(int8_logits, 1) == truth)
    print("test images: %d" % len(test))
    print("float accuracy: %.2f%%" % acc_float)
    print("int8 accuracy: %.2f%%" % acc_int8)
    print("drop: %.2f points" % (acc_float - acc_int8))
    ok = acc_float >= 90.0 and acc_float - acc_int8 < 1.0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
