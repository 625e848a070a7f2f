"""Tensor Tutor sample: rest the mouse on a highlighted deep-learning term to see what it means.

Try nn.Dropout, nn.LayerNorm, weight_decay=, label_smoothing=, clip_grad_norm_, and this comment:
label smoothing keeps the model from becoming over-confident.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyClassifier(nn.Module):
    def __init__(self, d_in=784, d_hidden=256, n_classes=10, dropout=0.1):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.norm = nn.LayerNorm(d_hidden)
        self.drop = nn.Dropout(dropout)
        self.fc2 = nn.Linear(d_hidden, n_classes)

    def forward(self, x):
        x = F.relu(self.norm(self.fc1(x)))
        return self.fc2(self.drop(x))


model = TinyClassifier()
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=1000)
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)

for step in range(1000):
    x = torch.randn(64, 784)
    y = torch.randint(0, 10, (64,))
    model.train()
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
    scheduler.step()
