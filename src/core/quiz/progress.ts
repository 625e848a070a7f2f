// Card states keyed by question id, behind an injected key-value store (globalState in the extension,
// a Map in tests). Damaged entries are set aside, never silently dropped.
import { isStoredCard, statusOf, type CardStatus, type StoredCard } from './scheduler';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const PROGRESS_KEY = 'tensorTutor.progress.v1';
export const QUARANTINE_KEY = 'tensorTutor.progress.quarantine';

interface ProgressRecord {
  version: 1;
  cards: Record<string, StoredCard>;
}

export interface LoadReport {
  kept: number;
  setAside: number;
  /** Set when the stored record has another format version than this code writes. */
  otherVersion?: unknown;
}

export const PROGRESS_VERSION = 1;

export class ProgressStore {
  private cards = new Map<string, StoredCard>();
  lastLoad: LoadReport = { kept: 0, setAside: 0 };

  constructor(private readonly store: KeyValueStore) {
    this.reload();
  }

  /** Reads the stored record; anything unreadable goes to the quarantine key with a timestamp. */
  reload(): LoadReport {
    const raw = this.store.get<unknown>(PROGRESS_KEY);
    this.cards = new Map();
    const damaged: Record<string, unknown> = {};
    let otherVersion: unknown;
    if (raw !== undefined) {
      const record = raw as Partial<ProgressRecord>;
      if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof record.cards !== 'object' || record.cards === null || Array.isArray(record.cards)) {
        damaged['*'] = raw;
      } else {
        if (record.version !== PROGRESS_VERSION) {
          // Older (or newer, synced from another machine) format: keep what still reads as a card, and
          // the whole original record beside it, so nothing the other version knew is lost.
          otherVersion = record.version ?? null;
          damaged[`* record of version ${String(otherVersion)}`] = raw;
        }
        for (const [id, card] of Object.entries(record.cards)) {
          if (isStoredCard(card)) this.cards.set(id, card);
          else damaged[id] = card;
        }
      }
    }
    const setAside = Object.keys(damaged).filter((k) => !k.startsWith('* record')).length;
    if (Object.keys(damaged).length) {
      const previous = this.quarantined();
      void this.store.update(QUARANTINE_KEY, { ...previous, [new Date().toISOString()]: damaged });
      void this.persist();
    }
    this.lastLoad = { kept: this.cards.size, setAside, ...(otherVersion !== undefined ? { otherVersion } : {}) };
    return this.lastLoad;
  }

  /** Damaged states set aside so far (by time of detection), until they are moved to a backup file. */
  quarantined(): Record<string, unknown> {
    const value = this.store.get<unknown>(QUARANTINE_KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  /** Forgets the given quarantine entries once they are safe in a backup file. */
  async releaseQuarantine(keys: readonly string[]): Promise<void> {
    const rest = { ...this.quarantined() };
    for (const k of keys) delete rest[k];
    await this.store.update(QUARANTINE_KEY, Object.keys(rest).length ? rest : undefined);
  }

  get(id: string): StoredCard | undefined {
    return this.cards.get(id);
  }

  status(id: string, now: Date): CardStatus {
    return statusOf(this.cards.get(id), now);
  }

  entries(): [string, StoredCard][] {
    return [...this.cards];
  }

  async set(id: string, card: StoredCard): Promise<void> {
    this.cards.set(id, card);
    await this.persist();
  }

  /** Writes several cards with one storage update (an import). */
  async setMany(cards: Iterable<[string, StoredCard]>): Promise<void> {
    for (const [id, card] of cards) this.cards.set(id, card);
    await this.persist();
  }

  async delete(id: string): Promise<void> {
    this.cards.delete(id);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.cards.clear();
    await this.persist();
  }

  private persist(): PromiseLike<void> {
    const record: ProgressRecord = { version: PROGRESS_VERSION, cards: Object.fromEntries(this.cards) };
    return this.store.update(PROGRESS_KEY, record);
  }
}
