import { describe, expect, it } from 'vitest';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { matchAt } from '../../src/core/glossary/matcher';
import { parseImports } from '../../src/core/glossary/imports';
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
