"""Tensor Tutor sample: a training script with classic deep-learning mistakes.

Each squiggle is a check: hover it for the reason, click the code link for the question that explains it,
and open the light bulb (Ctrl+.) for the quick fix, "Explain", "Quiz me on this" or "Don't warn about this check".
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Classifier(nn.Module):
    def __init__(self, d_in=20, n_classes=3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, n_classes))

    def forward(self, x):
        return self.net(x)


x, y = torch.randn(1000, 20), torch.randint(0, 3, (1000,))
train_loader = DataLoader(TensorDataset(x[:800], y[:800]), batch_size=32, shuffle=True)
val_loader = DataLoader(TensorDataset(x[800:], y[800:]), batch_size=128)

model = Classifier()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)

for epoch in range(10):
    model.train()
    for xb, yb in train_loader:
        logits = model(xb)
        loss = criterion(F.softmax(logits, dim=1), yb)
        loss.backward()
        optimizer.step()

    correct = 0
    with torch.no_grad():
        for xb, yb in val_loader:
            correct += (model(xb).argmax(1) == yb).sum().item()
    print(f"epoch {epoch}: val accuracy {correct / 200:.3f}")
