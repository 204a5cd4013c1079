"""Writes reference.safetensors and prints reference.txt: the state of real PyTorch modules after a few training steps,
and their eval-mode outputs on a fixed input, for the NormGen tests that load the file.

Run with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 make_reference.py > reference.txt

There is no safetensors Python library here, so the file is written by hand from the format: an 8-byte little-endian
header length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian data.
"""
import json
import struct

import torch
from torch import nn
from torch.nn.utils import parametrize


class WeightNorm(nn.Module):
    """torch.nn.utils.parametrizations.weight_norm as PyTorch 2.x defines it (1.13 has only the older hook-based
    torch.nn.utils.weight_norm): g = original0, v = original1, weight = torch._weight_norm(v, g, dim)."""

    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, weight_g, weight_v):
        return torch._weight_norm(weight_v, weight_g, self.dim)

    def right_inverse(self, weight):
        return torch.norm_except_dim(weight, 2, self.dim), weight


DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}


def save_safetensors(tensors, path):
    header = {"__metadata__": {"format": "pt", "producer": "make_reference.py"}}
    data = b""
    for name, tensor in tensors.items():
        raw = tensor.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def show(name, tensor):
    values = " ".join(repr(v) for v in tensor.detach().reshape(-1).tolist())
    print(f"{name} {list(tensor.shape)} {values}")


torch.manual_seed(19)
model = nn.ModuleDict({
    "bn": nn.BatchNorm2d(4),
    "ln": nn.LayerNorm(6),
    "fc": nn.Linear(5, 3),
    "legacy": nn.Linear(5, 3),
})
parametrize.register_parametrization(model["fc"], "weight", WeightNorm(0))
nn.utils.weight_norm(model["legacy"], dim=0)

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
mix = torch.randn(4, 5, 5)
for step in range(5):
    images = torch.randn(3, 4, 5, 5) * 2 + 0.5
    sequence = torch.randn(2, 3, 6) * 3 - 1
    features = torch.randn(7, 5)
    loss = (model["bn"](images) * mix).sum() \
        + (model["ln"](sequence) ** 3).mean() \
        + model["fc"](features).square().mean() + model["legacy"](features).abs().mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

model.eval()
state = model.state_dict()
save_safetensors(state, "reference.safetensors")

print("# state_dict: name [shape] values (float32 or int64, printed exactly)")
for name, tensor in state.items():
    show(name, tensor)

print("# eval-mode inputs and outputs")
with torch.no_grad():
    images = torch.randn(2, 4, 3, 3)
    show("input.bn", images)
    show("output.bn", model["bn"](images))
    sequence = torch.randn(2, 3, 6)
    show("input.ln", sequence)
    show("output.ln", model["ln"](sequence))
    show("weight.fc", model["fc"].weight)
    model["legacy"](features)  # the older weight_norm recomputes its weight in a forward pre-hook
    show("weight.legacy", model["legacy"].weight)
