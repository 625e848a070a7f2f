// A simulated learner using the quiz, for the recorded review-log fixture (scripts/make-review-fixture.mjs) and
// the optimizer benchmark. Everything that writes the log is the extension's own code: the bank's cards, the
// "Due now" queue, the session state machine (reveal, pick, grade, skip, undo), ProgressEngine (log event
// first, then the card state) with the default FSRS-6 Scheduler, and the log file names and JSON lines. Only
// the learner is simulated: a hidden memory (FSRS-6 with parameters of its own, plus a per-card ease), days
// with and without study, one or two sessions a day at local hours, a few skips and mis-clicks taken back.
import { fsrs, type FSRSState } from 'ts-fsrs';
import type { Card } from '../src/core/quiz/cards';
import { ProgressEngine, type KeyValueStore } from '../src/core/progress/engine';
import { logFileName, serializeEvent, type LogEvent } from '../src/core/progress/log';
import { dueQueue } from '../src/core/quiz/queue';
import { seededRandom } from '../src/core/quiz/random';
import { Scheduler, type Grade4 } from '../src/core/quiz/scheduler';
import { createSession, currentId, graded, isFinished, step, type SessionState } from '../src/core/quiz/session';

/** The learner's hidden memory: forgets faster than FSRS's defaults assume, recovers less after a lapse. */
export const LEARNER_WEIGHTS = [0.12, 0.6, 1.6, 5.5, 6.8, 0.6, 2.4, 0.01, 1.35, 0.1, 0.95, 1.6, 0.08, 0.35, 1.2, 0.4, 2.2, 0.5, 0.1, 0.1, 0.32];

export interface SimulationOptions {
  cards: readonly Card[];
  days: number;
  start: Date;
  seed: number;
  newPerDay?: number;
  /** Hours added to UTC for the learner's local clock. */
  utcOffsetHours?: number;
  /** Stop once this many reviews are logged (undone ones included). */
  maxReviews?: number;
}

export interface SimulationResult {
  /** Log file name → JSON Lines, exactly as the extension writes them. */
  files: Map<string, string>;
  events: LogEvent[];
  reviews: number;
  undos: number;
  skips: number;
}

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const random = seededRandom(options.seed);
  const memory = fsrs({ w: LEARNER_WEIGHTS, enable_short_term: true });
  const byId = new Map(options.cards.map((c) => [c.id, c]));
  const hidden = new Map<string, { state: FSRSState; at: number; ease: number }>();
  const files = new Map<string, string>();
  const events: LogEvent[] = [];
  const store = new Map<string, unknown>();
  const kv: KeyValueStore = { get: <T>(k: string) => store.get(k) as T | undefined, update: async (k, v) => void store.set(k, v) };
  let now = options.start.getTime();
  let session = '';
  const engine = new ProgressEngine({
    kv,
    clock: { now: () => new Date(now) },
    newId: () => uuid(random),
    scheduler: () => new Scheduler(0.9),
    sink: {
      append: async (event) => {
        events.push(event);
        const name = logFileName(new Date(event.at), session);
        files.set(name, (files.get(name) ?? '') + serializeEvent(event));
      },
    },
    source: { readAll: async () => events },
  });
  const stats = { reviews: 0, undos: 0, skips: 0 };
  const offset = (options.utcOffsetHours ?? 1) * 3_600_000;
  for (let day = 0; day < options.days && stats.reviews < (options.maxReviews ?? Infinity); day++) {
    if (day % 6 === 0) session = `${(options.start.getTime() + day * 86_400_000).toString(36)}-${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}`;
    if (random() < 0.2) continue; // a day without study
    const sessions = random() < 0.3 ? 2 : 1;
    for (let s = 0; s < sessions; s++) {
      const localHour = s === 0 ? 7 + random() * 6 : 17 + random() * 5;
      now = options.start.getTime() + day * 86_400_000 + localHour * 3_600_000 - offset;
      const queue = dueQueue({
        cards: options.cards,
        status: (id) => engine.status(id),
        dueAt: (id) => Date.parse(engine.get(id)?.due ?? '') || 0,
        newPerDay: options.newPerDay ?? 20,
        random,
      });
      const patience = 25 + Math.floor(random() * 50);
      let state: SessionState = createSession('Due now', queue.slice(0, patience), now);
      while (!isFinished(state) && stats.reviews < (options.maxReviews ?? Infinity)) {
        const card = byId.get(currentId(state)!)!;
        const facts = { kind: card.kind, ...(card.question.choices ? { choices: card.question.choices } : {}) };
        now += 4_000 + Math.floor(random() * 36_000);
        if (random() < 0.02) {
          state = (step(state, { type: 'skip' }, facts, now) as { state: SessionState }).state;
          stats.skips++;
          continue;
        }
        const recalled = random() < recallProbability(hidden.get(card.id), now, memory);
        let grade: Grade4;
        if (facts.kind === 'choice' || facts.kind === 'select-all') {
          const choices = facts.choices!;
          const right = choices.flatMap((c, i) => (c.correct ? [i] : []));
          const picked = recalled ? right : facts.kind === 'choice' ? [Math.floor(random() * choices.length)] : choices.flatMap((_, i) => (random() < 0.5 ? [i] : []));
          const answer = step(state, facts.kind === 'choice' ? { type: 'pick', option: picked[0] } : { type: 'submit', options: picked.length ? picked : [0] }, facts, now);
          if (answer.type === 'update') state = answer.state;
          const next = step(state, { type: 'next' }, facts, now);
          if (next.type !== 'grade') throw new Error(`expected a grade for ${card.id}, got ${next.type}`);
          grade = next.grade;
        } else {
          state = (step(state, { type: 'reveal' }, facts, now) as { state: SessionState }).state;
          grade = recalled ? (random() < 0.1 ? 'easy' : random() < 0.12 ? 'hard' : 'good') : 'again';
        }
        const misclick = facts.kind !== 'choice' && facts.kind !== 'select-all' && random() < 0.02;
        const first: Grade4 = misclick ? (['again', 'hard', 'good', 'easy'] as const).filter((g) => g !== grade)[Math.floor(random() * 3)] : grade;
        let receipt = await engine.grade(card.id, first, now - state.cardShownAt);
        state = graded(state, first, receipt.rid, now);
        stats.reviews++;
        if (misclick) {
          // The wrong button: the learner presses u (undo), reveals again and grades what they meant.
          now += 2_000;
          const back = step(state, { type: 'undo' }, facts, now);
          if (back.type !== 'undo' || !back.result.rid || !(await engine.undo(card.id, back.result.rid))) throw new Error(`undo failed for ${card.id}`);
          stats.undos++;
          now += 3_000;
          state = (step(back.state, { type: 'reveal' }, facts, now) as { state: SessionState }).state;
          receipt = await engine.grade(card.id, grade, 3_000);
          state = graded(state, grade, receipt.rid, now);
          stats.reviews++;
        }
        learn(hidden, card.id, grade, now, memory, random);
      }
    }
  }
  return { files, events, ...stats };
}

type Memory = ReturnType<typeof fsrs>;

/** A version-4 UUID, as crypto.randomUUID() makes for the extension, from the seeded generator. */
function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function recallProbability(h: { state: FSRSState; at: number; ease: number } | undefined, now: number, memory: Memory): number {
  if (!h) return 0.35; // never seen: some questions can be answered from general knowledge
  return memory.forgetting_curve((now - h.at) / 86_400_000, h.state.stability * h.ease);
}

function learn(hidden: Map<string, { state: FSRSState; at: number; ease: number }>, id: string, grade: Grade4, now: number, memory: Memory, random: () => number): void {
  const h = hidden.get(id);
  const rating = { again: 1, hard: 2, good: 3, easy: 4 }[grade];
  const days = h ? Math.floor((now - h.at) / 86_400_000) : 0;
  const state = memory.next_state(h?.state ?? null, days, rating);
  hidden.set(id, { state, at: now, ease: h?.ease ?? Math.exp((random() - 0.5) * 1.2) });
}
