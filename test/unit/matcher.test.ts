import { describe, expect, it } from 'vitest';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { matchAt } from '../../src/core/glossary/matcher';
import { parseImports } from '../../src/core/glossary/imports';
import { documentFacts, notebookCellFacts } from '../../src/core/glossary/documentFacts';
import { realBank } from './bankFixture';

const index = new GlossaryIndex(realBank().bank.concepts);
const torchImports = parseImports('import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch.optim.lr_scheduler import CosineAnnealingLR\n');
const flaxImports = parseImports('import flax.linen as nn\nimport optax\n');
const kerasImports = parseImports('import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n');

function at(line: string, needle: string, imports = torchImports, offset = 1) {
  const pos = line.indexOf(needle);
  if (pos < 0) throw new Error(`${needle} not in ${line}`);
  return matchAt(index, line, pos + offset, { mode: 'code', imports });
}

describe('matchAt (code)', () => {
  it('resolves qualified names through import aliases', () => {
    expect(at('x = nn.Dropout(0.1)', 'Dropout')?.api?.id).toBe('torch.nn.Dropout');
    expect(at('x = nn.Dropout(0.1)', 'nn.')?.api?.id).toBe('torch.nn.Dropout');
    expect(at('y = F.dropout(x, p=0.2)', 'dropout')?.api?.id).toBe('torch.nn.functional.dropout');
    expect(at('x = nn.Dropout(rate=0.1)', 'Dropout', flaxImports)?.api?.id).toBe('flax.linen.Dropout');
    expect(at('x = layers.Dropout(0.2)', 'Dropout', kerasImports)?.api?.id).toBe('tf.keras.layers.Dropout');
    expect(at('x = keras.layers.Dropout(0.2)', 'Dropout', kerasImports)?.api?.id).toBe('tf.keras.layers.Dropout');
    expect(at('s = CosineAnnealingLR(opt, T_max=10)', 'Cosine')?.api?.id).toBe('torch.optim.lr_scheduler.CosineAnnealingLR');
  });

  it('resolves bare class and function names', () => {
    expect(at('opt = AdamW(params)', 'AdamW')?.concept.id).toBe('adamw');
    expect(at('bn = BatchNorm2d(64)', 'BatchNorm2d')?.concept.id).toBe('batch-normalization');
    expect(at('clip_grad_norm_(model.parameters(), 1.0)', 'clip_grad')?.concept.id).toBe('gradient-clipping');
  });

  it('uses the call context for keyword arguments', () => {
    expect(at('bn = nn.BatchNorm2d(64, momentum=0.1)', 'momentum')?.concept.id).toBe('batch-normalization');
    expect(at('opt = torch.optim.SGD(p, lr=0.1, momentum=0.9)', 'momentum')?.concept.id).toBe('momentum');
    expect(at('opt = torch.optim.AdamW(p, lr=1e-3, weight_decay=0.01)', 'weight_decay')?.concept.id).toBe('weight-decay');
    expect(at('loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)', 'label_smoothing')?.concept.id).toBe('label-smoothing');
  });

  it('recognises string arguments and method calls', () => {
    expect(at('layers.Dense(64, activation="relu")', 'relu', kerasImports)?.concept.id).toBe('relu');
    expect(at('model.compile(optimizer="adam")', 'adam', kerasImports)?.concept.id).toBe('adam');
    expect(at('loss.backward()', 'backward')?.kind).toBe('method');
    expect(at('scheduler.step()', 'step')?.kind).toBe('method');
  });

  it('stays silent on ordinary names and dataset splits', () => {
    for (const [line, needle] of [['import os', 'os'], ['print(loss)', 'print'], ['for step in range(10):', 'step'], ['self.fc = x', 'self'],
      ['ds = datasets.MNIST(root, train=True)', 'train'], ['batch = mnist.train.next_batch(64)', 'train'], ['x = x.to(device)', 'device'],
      ['plt.plot(losses)', 'plot'], ['cfg = config.load(path)', 'config']] as const) {
      expect(at(line, needle), `${line} @ ${needle}`).toBeUndefined();
    }
  });

  it('matches prose in comments, with plurals', () => {
    const line = 'x = 1  # vanishing gradients make deep nets hard to train';
    expect(matchAt(index, line, line.indexOf('vanishing') + 2, { mode: 'code' })?.concept.id).toBe('vanishing-gradient');
  });
});

describe('matchAt (prose)', () => {
  it('matches multi-word terms case-insensitively', () => {
    const line = 'We use Label Smoothing and batch normalisation here.';
    expect(matchAt(index, line, line.indexOf('Smoothing') + 1, { mode: 'prose' })?.concept.id).toBe('label-smoothing');
    expect(matchAt(index, line, line.indexOf('batch') + 1, { mode: 'prose' })?.concept.id).toBe('batch-normalization');
  });
  it('matches inline code in prose as code', () => {
    const line = 'Call `nn.LayerNorm` before attention.';
    expect(matchAt(index, line, line.indexOf('LayerNorm') + 1, { mode: 'prose' })?.concept.id).toBe('layer-normalization');
  });
});

// Each case below is a fix found by `npm run eval:hover` (scripts/eval-hover.mjs) on the hover corpus.
describe('matchAt: members of classes (eval:hover)', () => {
  it('explains methods and attributes of tensors, modules and datasets', () => {
    expect(at('for p in model.parameters():', 'parameters')?.concept.id).toBe('parameters');
    expect(at('total += loss.item()', 'item')?.concept.id).toBe('tensor');
    expect(at('x = x.to(device)', 'to(')?.concept.id).toBe('device-placement');
    expect(at('opt.param_groups[0]["lr"]', 'param_groups')?.concept.id).toBe('optimizer');
    expect(at('self.scaler.scale(loss).backward()', 'backward')?.concept.id).toBe('autograd');
    expect(at('ds = ds.map(f).cache().prefetch(1)', 'prefetch', kerasImports)?.concept.id).toBe('data-loader');
    expect(at('y = model.apply(variables, x)', 'apply', flaxImports)?.concept.id).toBe('forward-pass');
    expect(at('self.apply(self._init_weights)', 'apply')?.concept.id).toBe('module');
  });
  it('keeps members to their framework and their receivers', () => {
    expect(at('y = to(x)', 'to')).toBeUndefined();
    expect(at('model.compile(optimizer="adam")', 'compile', kerasImports)).toBeUndefined();
    expect(at('model = model.compile()', 'compile')?.concept.id).toBe('jit-compilation');
    const wandb = parseImports('import torch\nimport wandb\n');
    expect(at('wandb.init(project="x")', 'init', wandb)).toBeUndefined();
    expect(at('trainer.train()', 'train')).toBeUndefined();
    expect(at('obs, r, done = env.step(action)', 'step')).toBeUndefined();
    expect(at('img.save(path)', 'save')).toBeUndefined();
    expect(at('optimizer.step()', 'step')?.concept.id).toBe('optimizer');
    expect(at('model.layer4.requires_grad_(True)', 'requires_grad_')?.concept.id).toBe('layer-freezing');
  });
});

describe('matchAt: conventional names (eval:hover)', () => {
  it('resolves compound, numbered, constant and attribute names', () => {
    expect(at('print(val_acc)', 'val_acc')?.concept.id).toBe('accuracy');
    expect(at('pred = model.predict(x_test)', 'x_test')?.concept.id).toBe('validation-set');
    expect(at('best_acc1 = max(acc1, best_acc1)', 'best_acc1')?.concept.id).toBe('accuracy');
    expect(at('loader = DataLoader(ds, batch_size=BATCH_SIZE)', 'BATCH_SIZE')?.concept.id).toBe('batch-size');
    expect(at('return self.fc4(h)', 'fc4')?.concept.id).toBe('fully-connected-layer');
    expect(at('self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)', 'n_embd')?.concept.id).toBe('embedding');
    expect(at('weights = ResNet50_Weights.IMAGENET1K_V2', 'ResNet50')?.concept.id).toBe('pretrained-model');
    expect(at('weights = ResNet50_Weights.IMAGENET1K_V2', 'IMAGENET1K')?.concept.id).toBe('pretrained-model');
  });
  it('stays silent on definitions, calls of the user own functions and import paths', () => {
    for (const [line, needle] of [['def forward(self, x):', 'forward'], ['def run_epoch(loader):', 'run_epoch'],
      ['train_one_epoch(model, loader)', 'train_one_epoch'], ['lr = get_lr(it)', 'get_lr'],
      ['from torch.optim.lr_scheduler import StepLR', 'lr_scheduler'], ['import tensorflow_datasets as tfds', 'tensorflow_datasets'],
      ['self.apply(self._init_weights)', '_init_weights'], ['g = torch.Generator()', 'Generator'],
      ['a, b = random_split(ds, [9, 1], generator=g)', 'generator'], ['standardize=custom_standardization,', 'custom_standardization']] as const) {
      expect(at(line, needle), `${line} @ ${needle}`).toBeUndefined();
    }
  });
  it('reads parameters with defaults and keywords of the user own calls as names', () => {
    expect(at('def fit(model, patience=3):', 'patience')?.concept.id).toBe('early-stopping');
    expect(at('vec = make_vectorizer(max_features=20000)', 'max_features')?.concept.id).toBe('tokenization');
  });
});

describe('matchAt: call context (eval:hover)', () => {
  it('tells a mode flag from a data split', () => {
    expect(at('variables = model.init(rng, x, train=False)', 'train', flaxImports)?.concept.id).toBe('train-eval-mode');
    expect(at('x = nn.Dropout(0.5, deterministic=not train)(x)', 'train)', flaxImports)?.concept.id).toBe('train-eval-mode');
    expect(at('def __call__(self, x, train: bool):', 'train', flaxImports)?.concept.id).toBe('train-eval-mode');
    expect(at('ds = datasets.CIFAR10(root, train=True)', 'train')).toBeUndefined();
  });
  it('reads mean/std by the call they belong to', () => {
    expect(at('nn.init.normal_(m.weight, mean=0.0, std=0.02)', 'std')?.concept.id).toBe('weight-initialization');
    expect(at('norm = T.Normalize(mean=[0.5], std=[0.5])', 'std', parseImports('import torchvision.transforms as T\n'))?.concept.id).toBe('data-normalization');
  });
});

describe('matchAt: strings (eval:hover)', () => {
  it('explains keyword-like keys, bound values, f-string fields and command-line flags', () => {
    expect(at('groups = [{"params": p, "lr": 1e-4}]', 'lr"')?.concept.id).toBe('learning-rate');
    expect(at('layers.Conv2D(32, 3, padding="same")', 'same', kerasImports)?.concept.id).toBe('padding');
    expect(at('print(f"loss {val_loss:.3f}")', 'val_loss')?.concept.id).toBe('validation-set');
    expect(at('p.add_argument("--lr", type=float)', 'lr"')?.concept.id).toBe('learning-rate');
  });
  it('stays silent on data keys, f-string labels and file names', () => {
    expect(at('torch.save({"netG": netG.state_dict()}, path)', 'netG"')).toBeUndefined();
    expect(at('print(f"test_acc={acc:.3f}")', 'test_acc')).toBeUndefined();
    expect(at('torch.save(state, "dcgan_final.pt")', 'dcgan')).toBeUndefined();
    expect(at('model.save("cifar_cnn.keras")', 'keras"', kerasImports)).toBeUndefined();
  });
});

describe('matchAt: prose segmentation (eval:hover)', () => {
  const prose = (line: string, needle: string) => matchAt(index, line, line.indexOf(needle) + 1, { mode: 'prose' });
  it('segments left to right, longest first', () => {
    const line = 'SGD with a cosine annealing schedule.';
    expect(prose(line, 'cosine')?.concept.id).toBe('cosine-schedule');
    expect(prose(line, 'schedule')).toBeUndefined();
  });
  it('reads identifiers written in prose as code', () => {
    expect(prose('Linear warmup, then cosine decay down to min_lr.', 'min_lr')?.concept.id).toBe('learning-rate');
    expect(prose('Use LeakyReLU in the discriminator.', 'LeakyReLU')?.concept.id).toBe('leaky-relu');
    expect(prose('Everything is traced by jax.jit once.', 'jit')?.concept.id).toBe('jit-compilation');
  });
});

describe('matchAt: fixes from the held-out corpus scripts (eval:hover)', () => {
  it('reads camelCase names, numbered and suffixed metrics', () => {
    expect(at('loader = DataLoader(ds, batch_size=opt.batchSize)', 'batchSize')?.concept.id).toBe('batch-size');
    expect(at('best_auc = max(best_auc, score)', 'best_auc')?.concept.id).toBe('roc-auc');
    expect(at('scaled_loss = optimizer.scale_loss(loss)', 'scale_loss', kerasImports)?.concept.id).toBe('loss-scaling');
  });
  it('reads defaults of def parameters by the function they belong to', () => {
    expect(at('def generate(self, idx, max_new_tokens, temperature=1.0, top_k=None):', 'temperature')?.concept.id).toBe('sampling-temperature');
    expect(at('def forward(params, x, key=None, train=False):', 'train', flaxImports)?.concept.id).toBe('train-eval-mode');
    expect(at('def split(ds, train=0.8):', 'train')).toBeUndefined();
  });
  it('follows chained calls back to the dataset and the optimizer', () => {
    expect(at('ds = tf.data.Dataset.from_tensor_slices(xy).shuffle(100).batch(32)', 'batch(', kerasImports)?.concept.id).toBe('data-loader');
    expect(at('updates, opt_state = optimizer.update(grads, opt_state, params)', 'update(', flaxImports)?.concept.id).toBe('optimizer');
    expect(at('opt_state = optimizer.init(params)', 'init', flaxImports)?.concept.id).toBe('optimizer');
    expect(at('emb = pack_padded_sequence(emb, lengths, batch_first=True)', 'batch_first')?.concept.id).toBe('packed-sequence');
  });
});

// Each case below comes from a class of misses on test/fixtures/hover-heldout (TF1, Flax, model-zoo code, notebooks,
// snippets without imports); see its README for the figures.
describe('matchAt: TensorFlow 1 and tf.compat.v1', () => {
  const tf1 = parseImports('import tensorflow as tf\n');
  const compat = parseImports('import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n');
  it('resolves TF1 names under tf. and TF2 names under a compat.v1 alias', () => {
    expect(at('x = tf.placeholder(tf.float32, [None, 784])', 'placeholder', tf1)?.api?.id).toBe('tf.compat.v1.placeholder');
    expect(at('opt = tf.train.AdamOptimizer(1e-4)', 'AdamOptimizer', tf1)?.concept.id).toBe('adam');
    expect(at('h = tf.layers.conv2d_transpose(h, 32, 3, strides=2)', 'conv2d_transpose', compat)?.concept.id).toBe('transposed-convolution');
    expect(at('h = tf.nn.relu(h)', 'relu', compat)?.api?.id).toBe('tf.nn.relu');
    expect(at('with tf.Session() as sess:', 'Session', compat)?.concept.id).toBe('tf1-placeholder-session');
  });
  it('reads keywords of functional layers like those of their classes', () => {
    expect(at('h = tf.layers.batch_normalization(h, momentum=0.99, training=t)', 'momentum', compat)?.concept.id).toBe('batch-normalization');
    expect(at('net = tf.layers.dense(net, units=1024)', 'units', tf1)?.concept.id).toBe('fully-connected-layer');
    expect(at('opt = tf.train.AdamOptimizer(lr, beta1=0.9, beta2=0.999)', 'beta2', tf1)?.concept.id).toBe('adam');
  });
  it('tells a TF1 tensor evaluation from a mode switch', () => {
    expect(at('acc = accuracy.eval(feed_dict={x: xs})', 'eval', tf1)?.concept.id).toBe('tf1-placeholder-session');
    expect(at('model.eval()', 'eval')?.concept.id).toBe('train-eval-mode');
    expect(at('out = sess.run(train_op, feed_dict=feed)', 'run', tf1)?.concept.id).toBe('tf1-placeholder-session');
  });
});

describe('matchAt: code without imports and Flax code', () => {
  const none = parseImports('');
  it('resolves a conventional alias by the framework that has the member', () => {
    expect(at('h = nn.Dense(4 * d)(x)', 'Dense', none)?.api?.id).toBe('flax.linen.Dense');
    expect(at('h = nn.Linear(4, 8)', 'Linear', none)?.api?.id).toBe('torch.nn.Linear');
    expect(at('h = nn.LayerNorm()(x)', 'LayerNorm', none)?.concept.id).toBe('layer-normalization');
    expect(at('x = x.astype(jnp.bfloat16)', 'bfloat16', none)?.concept.id).toBe('mixed-precision');
  });
  it('gives keywords of a layer called right away, or bound with partial, to that layer', () => {
    expect(at('x = nn.Dropout(rate=0.1)(x, deterministic=cfg.deterministic)', 'deterministic=', flaxImports)?.concept.id).toBe('train-eval-mode');
    expect(at('norm_layer = partial(nn.LayerNorm, eps=1e-6)', 'eps')?.concept.id).toBe('layer-normalization');
    // An ordinary name means something only in its call: `params=` of a TrainState, not any `params=`.
    expect(at('state = TrainState.create(apply_fn=model.apply, params=params, tx=tx)', 'params=', flaxImports)?.concept.id).toBe('parameters');
    expect(at('r = requests.get(url, params=query)', 'params=')).toBeUndefined();
  });
  it('never guesses members of framework modules, but reads classes of the user own modules', () => {
    expect(at('g = torch.Generator()', 'Generator')).toBeUndefined();
    expect(at('model = models.Transformer(cfg)', 'Transformer', parseImports('import models\n'))?.concept.id).toBe('transformer');
  });
});

describe('matchAt: model-zoo conventions', () => {
  it('reads generic operations by their operands', () => {
    expect(at('table[:, 0::2] = torch.sin(pos * inv_freq)', 'sin')?.concept.id).toBe('positional-encoding');
    expect(at('y = torch.sin(x)', 'sin')).toBeUndefined();
    expect(at('v, _ = torch.topk(logits, min(top_k, logits.size(-1)))', 'topk')?.concept.id).toBe('sampling-temperature');
    expect(at('vals, idx = torch.topk(scores, 5)', 'topk')).toBeUndefined();
    expect(at('mask = torch.tril(torch.ones(T, T))', 'tril')?.concept.id).toBe('causal-masking');
  });
  it('knows stochastic depth, ViT and optimizer-state names', () => {
    expect(at('self.drop_path = DropPath(dpr[i])', 'DropPath')?.concept.id).toBe('stochastic-depth');
    expect(at('dpr = [x.item() for x in torch.linspace(0, drop_path_rate, depth)]', 'drop_path_rate')?.concept.id).toBe('stochastic-depth');
    expect(at('num_patches = (h // patch_size) * (w // patch_size)', 'num_patches')?.concept.id).toBe('patch-embedding');
    expect(at('exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)', 'exp_avg')?.concept.id).toBe('adam');
    expect(at('print(np.mean(accs))', 'accs')?.concept.id).toBe('accuracy');
  });
  it('reads value strings in comparisons and branches, and names of buffers', () => {
    const line = "dtype = 'bfloat16' if torch.cuda.is_bf16_supported() else 'float16'";
    expect(at(line, "bfloat16'")?.concept.id).toBe('mixed-precision');
    expect(at(line, "float16'", torchImports, 1 + line.lastIndexOf("'float16'") - line.indexOf("float16'"))?.concept.id).toBe('mixed-precision');
    expect(at('self.register_buffer("rope_cos", cos, persistent=False)', 'rope_cos')?.concept.id).toBe('rope');
    expect(at('logits = state.apply_fn({"params": params}, x)', 'params"', flaxImports)?.concept.id).toBe('parameters');
  });
});

describe('matchAt: keys, masks and TF1 methods', () => {
  const tf1 = parseImports('import tensorflow as tf\n');
  it('explains keys that name conventional variables, unless they store a variable of the same line', () => {
    expect(at("feed = {g['is_training']: True}", 'is_training')?.concept.id).toBe('train-eval-mode');
    expect(at("exp_avg = state['exp_avg']", "exp_avg'")?.concept.id).toBe('adam');
    expect(at('torch.save({"iter_num": iter_num}, path)', 'iter_num"')).toBeUndefined();
    expect(at('start, best_acc1 = ckpt["epoch"] + 1, ckpt["best_acc1"]', 'best_acc1"')).toBeUndefined();
  });
  it('reads float("-inf") as a causal mask, or as top-k filtering on logits', () => {
    expect(at("att = att.masked_fill(mask == 0, float('-inf'))", 'inf')?.concept.id).toBe('causal-masking');
    expect(at('logits = logits.masked_fill(logits < kth, float("-inf"))', 'inf')?.concept.id).toBe('sampling-temperature');
    expect(at('x = float("inf")', 'inf')).toBeUndefined();
  });
  it('knows the optimizer and saver methods of TF1', () => {
    expect(at('train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)', 'minimize', tf1)?.concept.id).toBe('optimizer');
    expect(at('saver.save(sess, path, global_step=step)', 'save', tf1)?.concept.id).toBe('checkpointing');
    expect(at('img.save(path)', 'save')).toBeUndefined();
  });
});

describe('matchAt: companion names', () => {
  it('reads mu as a VAE mean only in a document that also has logvar', () => {
    const vae = documentFacts('mu, logvar = self.encode(x)\nz = mu + eps * std\n', false);
    const stats = documentFacts('mu = xs.mean()\nz = (x - mu) / sigma\n', false);
    expect(matchAt(index, 'z = mu + eps * std', 5, { mode: 'code', imports: vae.imports, words: vae.words })?.concept.id).toBe('variational-autoencoder');
    expect(matchAt(index, 'z = (x - mu) / sigma', 10, { mode: 'code', imports: stats.imports, words: stats.words })).toBeUndefined();
  });
});

describe('notebookCellFacts', () => {
  const cells = [
    { kind: 'markdown' as const, text: '# MNIST with Flax' },
    { kind: 'code' as const, text: 'y = nn.Dense(3)(x)' },
    { kind: 'code' as const, text: 'import jax\nimport flax.linen as nn\n' },
    { kind: 'markdown' as const, text: 'The model uses `nn.Dense`.' },
    { kind: 'code' as const, text: 'y = nn.Dense(3)(x)' },
  ];
  it('gives a cell the imports of every code cell up to it, not of later ones', () => {
    expect(notebookCellFacts(cells, 4).imports.aliases.get('nn')).toBe('flax.linen');
    expect(notebookCellFacts(cells, 1).imports.aliases.get('nn')).toBeUndefined();
    expect(notebookCellFacts(cells, 3).imports.aliases.get('nn')).toBe('flax.linen');
    const facts = notebookCellFacts(cells, 4);
    expect(matchAt(index, cells[4].text, cells[4].text.indexOf('Dense') + 1, { mode: 'code', imports: facts.imports })?.api?.id).toBe('flax.linen.Dense');
  });
  it('lets a later import of the same name win, as when the cells run in order', () => {
    const swapped = [{ kind: 'code' as const, text: 'import torch.nn as nn' }, { kind: 'code' as const, text: 'import flax.linen as nn' }, { kind: 'code' as const, text: 'nn.Dense' }];
    expect(notebookCellFacts(swapped, 2).imports.aliases.get('nn')).toBe('flax.linen');
  });
  it('keeps each cell its own docstring and fence lines', () => {
    const md = [{ kind: 'code' as const, text: 'import torch' }, { kind: 'markdown' as const, text: 'Intro\n```python\nx = torch.ones(3)\n```' }];
    expect([...notebookCellFacts(md, 1).flipped]).toEqual([2]);
  });
});

describe('issue 12 rules', () => {
  const prose = (line: string, needle: string) => matchAt(index, line, line.indexOf(needle) + 1, { mode: 'prose' })?.concept.id;
  it('reads a _-joined compound name by its head of two or more words', () => {
    expect(at('loss = smoothed_cross_entropy_value', 'smoothed')?.concept.id).toBe(undefined);
    expect(at('l = label_smoothed_cross_entropy', 'label_smoothed')?.concept.id).toBe('cross-entropy');
    // a one-word tail is too weak: `vae_loss` is not explained by `loss`
    expect(at('x = my_vae_loss', 'my_vae')).toBeUndefined();
  });
  it('explains the name= given to a graph op by its conventional name', () => {
    const tf1 = parseImports('import tensorflow as tf\n');
    expect(at('is_training = tf.placeholder(tf.bool, name="is_training")', '"is_training"', tf1, 2)?.concept.id).toBe('train-eval-mode');
    expect(at("tf.summary.scalar('cross_entropy', cross_entropy)", "'cross_entropy'", tf1, 2)?.concept.id).toBe('cross-entropy');
    expect(at('x = tf.identity(y, name="logits_out")', '"logits_out"', tf1, 2)).toBeUndefined();
  });
  it('joins the words of a term across a slash in prose', () => {
    expect(prose('Each key/value head serves n_rep query heads.', 'value')).toBe('grouped-query-attention');
  });
  it('keeps ordinary words and tensor keywords silent after the bank merge', () => {
    expect(prose('Prepends a zero (BOS) so the decoder sees the previous token.', 'zero')).toBeUndefined();
    expect(at('m = x.mean(-1, keepdim=True)', 'keepdim')).toBeUndefined();
    expect(at('for ax in axs.flatten():', 'flatten')).toBeUndefined();
  });
  it('puts detection ops and patch names on their specific concepts', () => {
    const tv = parseImports('import torchvision\n');
    expect(at('keep = torchvision.ops.nms(boxes, scores, 0.5)', 'nms', tv)?.concept.id).toBe('non-maximum-suppression');
    expect(at('iou = torchvision.ops.box_iou(a, b)', 'box_iou', tv)?.concept.id).toBe('intersection-over-union');
    expect(at('h = patch_size * 2', 'patch_size')?.concept.id).toBe('patch-embedding');
  });
});

describe('document-aware names (hover3)', () => {
  const inDoc = (doc: string, line: string, needle: string, offset = 1) => {
    const facts = documentFacts(doc, false);
    return matchAt(index, line, line.indexOf(needle) + offset, { mode: 'code', imports: facts.imports, words: facts.words })?.concept.id;
  };
  const llama = 'class LlamaRMSNorm(nn.Module):\n    pass\nself.norm = LlamaRMSNorm(dim)\nh = self.attention_norm(x)\n';
  const bert = 'self.norm = nn.LayerNorm(dim)\nh = self.norm1(x)\n';
  it('reads a norm submodule as the normalization the document defines or imports', () => {
    expect(inDoc(llama, 'h = self.norm(x)', 'norm')).toBe('rmsnorm');
    expect(inDoc(bert, 'h = self.norm(x)', 'norm')).toBe('layer-normalization');
    expect(inDoc(bert, 'h = self.norm1(x)', 'norm1')).toBe('layer-normalization');
    // a name pattern with a companion: any `*norm` submodule in an RMSNorm file
    expect(inDoc(llama, 'h = self.attention_norm(x)', 'attention_norm')).toBe('rmsnorm');
    // HF calls its RMSNorms `input_layernorm`; the document, not the name, decides
    expect(inDoc(llama + 'self.input_layernorm = LlamaRMSNorm(d)\n', 'x = self.input_layernorm(x)', 'input_layernorm')).toBe('rmsnorm');
    // no normalization class in the document: `norm` is just a word (a gradient norm, a vector norm)
    expect(inDoc('norm = grads.norm()\n', 'norm = grads.norm()', 'norm')).toBeUndefined();
    // both kinds in one file: the document does not decide
    expect(inDoc(llama + bert, 'h = self.norm(x)', 'norm')).toBeUndefined();
    // an exact conventional name keeps its meaning over a companion pattern
    expect(inDoc(llama, 'grad_norm = clip(p)', 'grad_norm')).toBe('gradient-clipping');
  });
  it('takes the document words from its code, not its comments, and applies them to calls and user keywords', () => {
    const llamaNote = llama + '# no mean subtraction, unlike LayerNorm\n';
    expect(inDoc(llamaNote, 'h = self.norm(x)', 'norm')).toBe('rmsnorm');
    const vit = 'def __init__(self, dim, norm_layer=nn.LayerNorm):\n    self.norm1 = norm_layer(dim)\n';
    expect(inDoc(vit, '    self.norm1 = norm_layer(dim)', 'norm_layer')).toBe('layer-normalization');
    expect(inDoc(vit, 'blocks = Block(dim, norm_layer=norm_layer)', 'norm_layer')).toBe('layer-normalization');
  });
  it('reads rotary position names as RoPE only in a file with rotary embeddings', () => {
    const rope = 'def rotate_half(x):\n    pass\nclass RotaryEmbedding(nn.Module):\n    pass\n';
    expect(inDoc(rope, 'cos, sin = position_embeddings', 'position_embeddings')).toBe('rope');
    expect(inDoc(rope, 'q = q * cos + rotate_half(q) * sin', 'cos')).toBe('rope');
    expect(inDoc('self.position_embeddings = nn.Embedding(n, d)\n', 'e = self.position_embeddings(ids)', 'position_embeddings')).toBe('positional-encoding');
  });
  it('reads <Model><Term> class names by their term in a file with <Model>Config', () => {
    const mistral = 'class MistralConfig:\n    pass\nclass MistralRMSNorm(nn.Module):\n    pass\nclass MistralAttention(nn.Module):\n    pass\n';
    expect(inDoc(mistral, 'class MistralRMSNorm(nn.Module):', 'MistralRMSNorm')).toBe('rmsnorm');
    expect(inDoc(mistral, 'self.self_attn = MistralAttention(config)', 'MistralAttention')).toBe('attention');
    // one-word terms are the model's own classes, not the library's Model or Layer
    expect(inDoc(mistral + 'class MistralModel:\n    pass\n', 'm = MistralModel(config)', 'MistralModel')).toBeUndefined();
    // without the config the prefix is no model name
    expect(inDoc('class CausalSelfAttention(nn.Module):\n    pass\n', 'class CausalSelfAttention(nn.Module):', 'CausalSelfAttention')).toBeUndefined();
  });
  it('keeps dtype casts and generic reshapes away from device placement and broadcasting', () => {
    expect(at('h = h.to(torch.float32)', 'to(')).toBeUndefined();
    expect(at('return w * h.to(input_dtype)', 'to(')).toBeUndefined();
    expect(at('x = x.to(device)', 'to(')?.concept.id).toBe('device-placement');
    expect(at('cos = cos.unsqueeze(1)', 'unsqueeze')).toBeUndefined();
    expect(at('k = k[:, :, None].expand(b, h, n, s, d)', 'expand')).toBeUndefined();
  });
});

describe('imports of real libraries (hover3)', () => {
  it('resolves a name imported from a deeper module to the library public API', () => {
    const timm = parseImports('from timm.models.layers import trunc_normal_\nfrom transformers.modeling_utils import PreTrainedModel\n');
    expect(at('trunc_normal_(self.pos_embed, std=.02)', 'trunc_normal_', timm)?.api?.id).toBe('timm.layers.trunc_normal_');
    expect(at('class BertPreTrainedModel(PreTrainedModel):', '(PreTrainedModel', timm, 2)?.api?.id).toBe('transformers.PreTrainedModel');
  });
  it('explains the imported name on a from-import line that renames it', () => {
    const line = 'from torch.nn.parallel import DistributedDataParallel as DDP';
    expect(at(line, 'DistributedDataParallel', parseImports(line))?.concept.id).toBe('distributed-data-parallel');
  });
  it('resolves TF1 contrib seq2seq and rnn_cell APIs through their import', () => {
    const tf1 = parseImports('import tensorflow as tf\nfrom tensorflow.contrib import seq2seq\n');
    expect(at('helper = seq2seq.TrainingHelper(inputs, lengths)', 'TrainingHelper', tf1)?.concept.id).toBe('teacher-forcing');
    expect(at('dec = seq2seq.BeamSearchDecoder(cell, emb, start, end, state, beam_width=4)', 'BeamSearchDecoder', tf1)?.concept.id).toBe('beam-search');
    expect(at('cell = tf.nn.rnn_cell.LSTMCell(num_units)', 'LSTMCell', tf1)?.concept.id).toBe('lstm');
    expect(at('if mode == tf.estimator.ModeKeys.TRAIN:', 'TRAIN', tf1)?.concept.id).toBe('train-eval-mode');
  });
});

describe('string keys and names (hover3)', () => {
  const inDoc = (doc: string, line: string, needle: string, before?: string) => {
    const facts = documentFacts(doc, false);
    return matchAt(index, line, line.indexOf(needle) + 1, { mode: 'code', imports: facts.imports, words: facts.words, before })?.concept.id;
  };
  const adamw = 'class AdamW(Optimizer):\n    def step(self):\n        for group in self.param_groups:\n            pass\n';
  it('reads keys of a param group or optimizer state by what the optimizer means by them', () => {
    expect(inDoc(adamw, "denom = v.sqrt().add_(group['eps'])", "'eps'")).toBe('adam');
    expect(inDoc(adamw, "state['step'] += 1", "'step'")).toBe('iteration');
    expect(inDoc(adamw, "lr = optimizer.param_groups[0]['lr']", "'lr'")).toBe('learning-rate');
    // no param groups in the file: `state["step"]` is someone else's state
    expect(inDoc('env = make()\n', "t = state['step']", "'step'")).toBeUndefined();
    // `"step"` elsewhere is a plain value
    expect(inDoc(adamw, 'p.add_argument("--schedule", choices=["cosine", "step"])', '"step"')).toBeUndefined();
  });
  it('reads the name of a TF1 flag and an argument on a line of its own as variable names', () => {
    const tf1 = 'import tensorflow as tf\nflags = tf.app.flags\n';
    expect(inDoc(tf1, 'flags.DEFINE_integer("batch_size", 64, "Batch size.")', '"batch_size"')).toBe('batch-size');
    expect(inDoc(tf1, 'flags.DEFINE_float("max_gradient_norm", 5.0, "Clip.")', '"max_gradient_norm"')).toBe('gradient-clipping');
    expect(inDoc('x = 1\n', '    "position_ids", torch.arange(n), persistent=False', '"position_ids"', 'self.register_buffer(')).toBe('positional-encoding');
  });
});

describe('generic ops read by their operands (hover3)', () => {
  it('reads sqrt of a head size, tanh of capped logits and a spatial mean by what they compute', () => {
    expect(at('scores = q @ k.T / math.sqrt(head_dim)', 'sqrt')?.concept.id).toBe('scaled-dot-product-attention');
    expect(at('y = math.sqrt(var + 1e-5)', 'sqrt')).toBeUndefined();
    expect(at('logits = torch.tanh(logits / cap) * cap', 'tanh')?.concept.id).toBe('logit-soft-capping');
    expect(at('h = torch.tanh(x)', 'tanh')?.concept.id).toBe('tanh');
    expect(at('x = jnp.mean(x, axis=(1, 2))', 'mean', flaxImports)?.concept.id).toBe('global-average-pooling');
  });
  it('reads the sine and cosine tables as RoPE in a file with rotary embeddings', () => {
    const rope = documentFacts('def apply_rotary_emb(x, cos, sin):\n    pass\n', false);
    const line = 'return torch.cos(angles), torch.sin(angles)';
    expect(matchAt(index, line, line.indexOf('cos') + 1, { mode: 'code', imports: torchImports, words: rope.words })?.concept.id).toBe('rope');
    expect(at(line, 'cos')?.concept.id).toBe('positional-encoding');
  });
});

describe('settings of a call and sinusoidal tables (hover3)', () => {
  it('reads a keyword value that sets the call own concept as that concept', () => {
    expect(at('act = nn.GELU(approximate="tanh")', 'tanh')?.concept.id).toBe('gelu');
    expect(at('act = nn.Tanh()', 'Tanh')?.concept.id).toBe('tanh');
    expect(at('model.compile(optimizer="adam", loss="binary_crossentropy")', 'binary', kerasImports)?.concept.id).toBe('binary-cross-entropy');
  });
  it('reads inv_freq as the sinusoidal table in a file that builds one, else as RoPE', () => {
    const sinus = documentFacts('pos_emb = "sinusoidal"\ninv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2) / d))\n', false);
    const line = 'inv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2) / d))';
    expect(matchAt(index, line, 2, { mode: 'code', imports: torchImports, words: sinus.words })?.concept.id).toBe('positional-encoding');
    expect(at(line, 'inv_freq')?.concept.id).toBe('rope');
  });
});
