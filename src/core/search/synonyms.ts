// Deep-learning abbreviations learners type, expanded to the words the bank uses. Glossary aliases
// (e.g. "BN" for batch normalization) are added to these at index build.
export const SYNONYMS: ReadonlyArray<[string, string]> = [
  ['bn', 'batch normalization'], ['ln', 'layer normalization'], ['lr', 'learning rate'], ['sgd', 'stochastic gradient descent'],
  ['gd', 'gradient descent'], ['lstm', 'long short-term memory'], ['gru', 'gated recurrent unit'], ['rnn', 'recurrent neural network'],
  ['cnn', 'convolutional neural network'], ['convnet', 'convolutional neural network'], ['mlp', 'multilayer perceptron'],
  ['gelu', 'gaussian error linear unit'], ['relu', 'rectified linear unit'], ['ce', 'cross-entropy'], ['bce', 'binary cross-entropy'],
  ['mse', 'mean squared error'], ['kl', 'kl divergence'], ['vae', 'variational autoencoder'], ['gan', 'generative adversarial network'],
  ['ae', 'autoencoder'], ['nas', 'neural architecture search'], ['kd', 'knowledge distillation'], ['ddp', 'distributed data parallel'],
  ['amp', 'mixed precision'], ['fp16', 'mixed precision half'], ['bf16', 'bfloat16 mixed precision'], ['wd', 'weight decay'],
  ['bptt', 'backpropagation through time'], ['backprop', 'backpropagation'], ['attn', 'attention'], ['mha', 'multi-head attention'],
  ['pe', 'positional encoding'], ['rope', 'rotary positional'], ['kv', 'kv cache'], ['nll', 'negative log-likelihood'],
  ['auc', 'roc auc'], ['f1', 'precision recall f1'], ['ppl', 'perplexity'], ['lora', 'low-rank adaptation'], ['pca', 'principal component analysis'],
  ['rbm', 'restricted boltzmann machine'], ['seq2seq', 'sequence-to-sequence'], ['net', 'network'], ['nets', 'network'],
];
