// Positive and negative fixtures for every training-code check: `bad` must give exactly one diagnostic of
// the check (on the line marked `# <-`), `good` none of it. `fixed` (optional) is `bad` after its quick fix.

export interface CheckFixture {
  bad: string;
  good: string;
  fixed?: string;
}

const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

export const FIXTURES: Record<string, CheckFixture> = {
  'eval-mode-missing': {
    bad: `${TORCH}
def train(model, loader, opt):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

def evaluate(model, val_loader):
    with torch.no_grad():
        for x, y in val_loader:  # <-
            print(model(x).argmax(1))
`,
    good: `${TORCH}
def evaluate(model, val_loader):
    model.eval()
    with torch.no_grad():
        for x, y in val_loader:
            print(model(x).argmax(1))
`,
    fixed: `${TORCH}
def train(model, loader, opt):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

def evaluate(model, val_loader):
    with torch.no_grad():
        model.eval()
        for x, y in val_loader:  # <-
            print(model(x).argmax(1))
`,
  },
  'no-grad-missing': {
    bad: `${TORCH}
def validate(model, val_loader):
    model.eval()
    for x, y in val_loader:  # <-
        print(model(x).argmax(1))
`,
    good: `${TORCH}
@torch.inference_mode()
def validate(model, val_loader):
    model.eval()
    for x, y in val_loader:
        print(model(x).argmax(1))
`,
    fixed: `${TORCH}
@torch.no_grad()
def validate(model, val_loader):
    model.eval()
    for x, y in val_loader:  # <-
        print(model(x).argmax(1))
`,
  },
  'train-mode-not-restored': {
    bad: `${TORCH}
for epoch in range(10):
    for x, y in train_loader:
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    model.eval()  # <-
    with torch.no_grad():
        print(sum(F.mse_loss(model(x), y).item() for x, y in val_loader))
`,
    good: `${TORCH}
for epoch in range(10):
    model.train()
    for x, y in train_loader:
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    model.eval()
`,
  },
  'zero-grad-missing': {
    bad: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    loss = F.mse_loss(model(x), y)
    loss.backward()  # <-
    optimizer.step()
`,
    good: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for i, (x, y) in enumerate(loader):
    loss = F.mse_loss(model(x), y) / 4
    loss.backward()
    if (i + 1) % 4 == 0:
        optimizer.step()
        optimizer.zero_grad()
`,
    fixed: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    loss = F.mse_loss(model(x), y)
    optimizer.zero_grad()
    loss.backward()  # <-
    optimizer.step()
`,
  },
  'scheduler-before-optimizer': {
    bad: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)
for x, y in loader:
    optimizer.zero_grad()
    F.mse_loss(model(x), y).backward()
    scheduler.step()  # <-
    optimizer.step()
`,
    good: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)
for x, y in loader:
    optimizer.zero_grad()
    F.mse_loss(model(x), y).backward()
    optimizer.step()
    scheduler.step()
`,
    fixed: `${TORCH}
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10)
for x, y in loader:
    optimizer.zero_grad()
    F.mse_loss(model(x), y).backward()
    optimizer.step()
    scheduler.step()  # <-
`,
  },
  'softmax-before-cross-entropy': {
    bad: `${TORCH}
criterion = nn.CrossEntropyLoss()
loss = criterion(F.softmax(logits, dim=1), y)  # <-
`,
    good: `${TORCH}
criterion = nn.CrossEntropyLoss()
loss = criterion(logits, y)
probs = F.softmax(logits, dim=1)
nll = nn.NLLLoss()(F.log_softmax(logits, dim=1), y)
`,
    fixed: `${TORCH}
criterion = nn.CrossEntropyLoss()
loss = criterion(logits, y)  # <-
`,
  },
  'sigmoid-before-bce-with-logits': {
    bad: `${TORCH}
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # <-

model = Net()
loss = nn.BCEWithLogitsLoss()(model(x), y)
`,
    good: `${TORCH}
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))

model = Net()
loss = nn.BCELoss()(model(x), y)
`,
  },
  'loss-accumulated-tensor': {
    bad: `${TORCH}
total = 0.0
for x, y in loader:
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    opt.step()
    total += loss  # <-
print(total / len(loader))
`,
    good: `${TORCH}
total = 0.0
for x, y in loader:
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss += 0.01 * aux_loss
    loss.backward()
    opt.step()
    total += loss.item()
`,
    fixed: `${TORCH}
total = 0.0
for x, y in loader:
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    opt.step()
    total += loss.item()  # <-
print(total / len(loader))
`,
  },
  'adam-weight-decay': {
    bad: `${TORCH}
opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)  # <-
`,
    good: `${TORCH}
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
opt2 = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0)
`,
    fixed: `${TORCH}
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)  # <-
`,
  },
  'adam-lr-too-high': {
    bad: `import keras
opt = keras.optimizers.Adam(learning_rate=1.0)  # <-
`,
    good: `${TORCH}
import keras
opt = keras.optimizers.Adam(learning_rate=1e-3)
sgd = torch.optim.SGD(model.parameters(), lr=1.0)
ada = torch.optim.Adadelta(model.parameters(), lr=1.0)
`,
  },
  'dropout-high-p': {
    bad: `${TORCH}
drop = nn.Dropout(p=0.9)  # <-
`,
    good: `${TORCH}
drop = nn.Dropout(p=0.1)
keep_going = 0.95
`,
  },
  'functional-dropout-training': {
    bad: `${TORCH}
class Net(nn.Module):
    def forward(self, x):
        return F.dropout(x, p=0.5)  # <-
`,
    good: `${TORCH}
class Net(nn.Module):
    def forward(self, x):
        return F.dropout(x, p=0.5, training=self.training)
`,
    fixed: `${TORCH}
class Net(nn.Module):
    def forward(self, x):
        return F.dropout(x, p=0.5, training=self.training)  # <-
`,
  },
  'conv-bias-before-batchnorm': {
    bad: `${TORCH}
block = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1),  # <-
    nn.BatchNorm2d(64),
    nn.ReLU(),
)
`,
    good: `${TORCH}
block = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1, bias=False),
    nn.BatchNorm2d(64),
    nn.ReLU(),
    nn.Conv2d(64, 64, 3, padding=1),
    nn.ReLU(),
)
`,
    fixed: `${TORCH}
block = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1, bias=False),  # <-
    nn.BatchNorm2d(64),
    nn.ReLU(),
)
`,
  },
  'lstm-batch-first': {
    bad: `${TORCH}
class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 64)  # <-
        self.fc = nn.Linear(64, 2)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])
`,
    good: `${TORCH}
class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 64)
        self.fc = nn.Linear(64, 2)

    def forward(self, x):
        out, _ = self.lstm(x.transpose(0, 1))
        return self.fc(out[-1])
`,
    fixed: `${TORCH}
class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 64, batch_first=True)  # <-
        self.fc = nn.Linear(64, 2)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])
`,
  },
  'shuffle-validation': {
    bad: `${TORCH}
from torch.utils.data import DataLoader
val_loader = DataLoader(val_set, batch_size=64, shuffle=True)  # <-
`,
    good: `${TORCH}
from torch.utils.data import DataLoader
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
val_loader = DataLoader(val_set, batch_size=64)
`,
    fixed: `${TORCH}
from torch.utils.data import DataLoader
val_loader = DataLoader(val_set, batch_size=64, shuffle=False)  # <-
`,
  },
  'train-no-shuffle': {
    bad: `${TORCH}
from torch.utils.data import DataLoader
train_loader = DataLoader(train_set, batch_size=64)  # <-
`,
    good: `${TORCH}
from torch.utils.data import DataLoader
train_loader = DataLoader(train_set, batch_size=64, shuffle=False)  # time series: order on purpose
other = DataLoader(train_set, batch_size=64, sampler=sampler)
`,
    fixed: `${TORCH}
from torch.utils.data import DataLoader
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)  # <-
`,
  },
  'set-epoch-missing': {
    bad: `${TORCH}
from torch.utils.data.distributed import DistributedSampler
sampler = DistributedSampler(dataset)  # <-
loader = torch.utils.data.DataLoader(dataset, sampler=sampler)
for epoch in range(5):
    for batch in loader:
        step(batch)
`,
    good: `${TORCH}
from torch.utils.data.distributed import DistributedSampler
sampler = DistributedSampler(dataset)
loader = torch.utils.data.DataLoader(dataset, sampler=sampler)
for epoch in range(5):
    sampler.set_epoch(epoch)
    for batch in loader:
        step(batch)
`,
    fixed: `${TORCH}
from torch.utils.data.distributed import DistributedSampler
sampler = DistributedSampler(dataset)  # <-
loader = torch.utils.data.DataLoader(dataset, sampler=sampler)
for epoch in range(5):
    sampler.set_epoch(epoch)
    for batch in loader:
        step(batch)
`,
  },
  'torch-load-weights-only': {
    bad: `${TORCH}
state = torch.load("model.pt", map_location="cpu")  # <-
`,
    good: `${TORCH}
state = torch.load("model.pt", map_location="cpu", weights_only=True)
hub = torch.hub.load("pytorch/vision", "resnet18")
`,
    fixed: `${TORCH}
state = torch.load("model.pt", map_location="cpu", weights_only=True)  # <-
`,
  },
  'keras-from-logits': {
    bad: `import keras
from keras import layers
model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))  # <-
`,
    good: `import keras
from keras import layers
model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10)])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
`,
    fixed: `import keras
from keras import layers
model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))  # <-
`,
  },
  'normalization-leakage': {
    bad: `from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
X = StandardScaler().fit_transform(X)  # <-
X_train, X_test, y_train, y_test = train_test_split(X, y)
`,
    good: `from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
X_train, X_test, y_train, y_test = train_test_split(X, y)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
`,
  },
};
