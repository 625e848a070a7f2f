// The data model of the question bank. Shared by the build step, the extension host and the webview.

export const DIFFICULTIES = ['basic', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const FRAMEWORKS = ['pytorch', 'tensorflow', 'jax', 'other'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface Topic {
  id: string;
  title: string;
  description: string;
}

export interface Choice {
  text: string;
  correct: boolean;
  why: string;
}

export interface Question {
  /** Stable id; progress is keyed by it. Deck questions carry a `deck:` prefix. */
  id: string;
  topic: string;
  difficulty: Difficulty;
  /** The question itself (the body's `# ` heading). */
  title: string;
  /** The answer as Markdown (body without the heading). */
  answer: string;
  concepts: string[];
  covers: string[];
  related: string[];
  choices?: Choice[];
  /** Multiple choice as "select all that apply": graded right only when exactly the correct set is picked. */
  selectAll?: boolean;
  keyPoints?: string[];
  /** Where it came from, for diagnostics: path relative to its deck root. */
  source: string;
}

export interface ApiEntry {
  /** Canonical, fully qualified identifier, e.g. `torch.nn.Dropout`. */
  id: string;
  framework: Framework;
  note: string;
}

export interface Concept {
  id: string;
  name: string;
  aliases: string[];
  definition: string;
  apis: ApiEntry[];
  kwargs: string[];
  strings: string[];
  methods: string[];
  names: string[];
  /** Derived at build time from the questions' `concepts` fields. */
  questionIds: string[];
}

export interface Bank {
  formatVersion: typeof BANK_FORMAT_VERSION;
  topics: Topic[];
  questions: Question[];
  concepts: Concept[];
}

export const BANK_FORMAT_VERSION = 1;

export interface BankDiagnostic {
  /** Path as given to the parser (relative for the bundled bank, a URI string for decks). */
  file: string;
  /** 1-based line. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export function frameworkOf(apiId: string): Framework {
  const root = apiId.split('.')[0];
  if (root === 'torch' || root === 'torchvision' || root === 'torchaudio') return 'pytorch';
  if (root === 'tf' || root === 'keras' || root === 'tensorflow') return 'tensorflow';
  if (root === 'jax' || root === 'flax' || root === 'optax') return 'jax';
  return 'other';
}

export const FRAMEWORK_LABELS: Record<Framework, string> = {
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow / Keras',
  jax: 'JAX / Flax / Optax',
  other: 'Other',
};
