// Compiled bank JSON → Bank. The build already validated it; here we only refuse a file of another
// format version or shape, so a stale or damaged dist/bank.json gives a clear error instead of a crash.
import { BANK_FORMAT_VERSION, type Bank } from './types';
import { CardIndex } from '../quiz/cards';
import { fromBankFile } from './bankFile';

export class BankFormatError extends Error {}

export function loadBank(json: string): Bank {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new BankFormatError(`bank.json is not valid JSON: ${(error as Error).message}`);
  }
  const bank = data as Partial<Bank>;
  if (bank?.formatVersion !== BANK_FORMAT_VERSION) {
    throw new BankFormatError(`bank.json has format ${String(bank?.formatVersion)}, expected ${BANK_FORMAT_VERSION}; rebuild with "npm run build"`);
  }
  if (!Array.isArray(bank.questions) || !Array.isArray(bank.concepts) || !Array.isArray(bank.topics)) {
    throw new BankFormatError('bank.json lacks questions, concepts or topics');
  }
  return fromBankFile(bank as Bank);
}

/** Read-only views over a loaded bank that every feature needs. */
export class BankView {
  readonly questionsById: Map<string, Bank['questions'][number]>;
  readonly topicsById: Map<string, Bank['topics'][number]>;
  private cardIndex: CardIndex | undefined;

  constructor(readonly bank: Bank) {
    this.questionsById = new Map(bank.questions.map((q) => [q.id, q]));
    this.topicsById = new Map(bank.topics.map((t) => [t.id, t]));
  }

  /** Every card (questions and cloze deletions), built on first use. */
  get cards(): CardIndex {
    this.cardIndex ??= new CardIndex(this.bank.questions);
    return this.cardIndex;
  }

  questionsOfTopic(topicId: string) {
    return this.bank.questions.filter((q) => q.topic === topicId);
  }
}
