// The interview plan on the host: reads the settings (date, scope, minutes a day), the card states and the
// review log (for the learner's pace and today's time), and asks the pure core for today's queue and the
// readiness forecast. Active only while a valid date after today is set. The planner (and its FSRS model) loads on
// first use, never while the extension activates.
import type { BankView } from '../../core/bank/loadBank';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import type { Settings } from '../shared/settings';
import type { Card } from '../../core/quiz/cards';
import type { MemoryModel } from '../../core/study/model';
import type { Budget, DayPlan } from '../../core/study/planner';
import type { Readiness } from '../../core/study/readiness';
import { inScope } from '../../core/study/scope';
import { onDemand } from '../shared/onDemand';

/** The interview counts at 09:00 local time on its date. */
export const INTERVIEW_HOUR = 9;

export interface ActivePlan {
  date: string;
  target: Date;
}

/** YYYY-MM-DD of `d` in the local time zone. */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class InterviewPlan {
  private model: MemoryModel | undefined;

  constructor(
    private readonly bank: BankService,
    private readonly progress: ProgressService,
    private readonly settings: Settings,
  ) {}

  /** The date and the moment that counts, when a date after today is set; otherwise undefined (plain queue). */
  active(now = this.progress.clock.now()): ActivePlan | undefined {
    const date = this.settings.interviewDate();
    if (!date || date <= localIsoDate(now)) return undefined;
    const [y, m, d] = date.split('-').map(Number);
    return { date, target: new Date(y, m - 1, d, INTERVIEW_HOUR) };
  }

  /** The cards of the chosen scope. */
  scopeCards(view: BankView): Card[] {
    return inScope(view.cards.cards, this.settings.interviewScope());
  }

  private async budget(now: Date): Promise<Budget> {
    const { studyPace } = await onDemand();
    const pace = studyPace(await this.progress.reviews(), now, -now.getTimezoneOffset());
    return { minutesPerDay: this.settings.interviewMinutesPerDay(), ...pace };
  }

  /** Today's planned queue for **Due now**, or undefined when no plan is active. */
  async today(): Promise<(DayPlan & ActivePlan) | undefined> {
    const now = this.progress.clock.now();
    const plan = this.active(now);
    if (!plan) return undefined;
    const cards = this.scopeCards(await this.bank.get());
    const { planDay, memoryOf, MemoryModel } = await onDemand();
    this.model ??= new MemoryModel();
    const day = planDay({
      cards: cards.map((c) => ({ id: c.id, topic: c.question.topic, memory: memoryOf(this.progress.get(c.id)) })),
      now: now.getTime(),
      target: plan.target.getTime(),
      budget: await this.budget(now),
      model: this.model,
    });
    return { ...day, ...plan };
  }

  /** The readiness curve and the topics at risk, or undefined when no plan is active. */
  async readiness(): Promise<Readiness | undefined> {
    const now = this.progress.clock.now();
    const plan = this.active(now);
    if (!plan) return undefined;
    const view = await this.bank.get();
    const { forecastReadiness, MemoryModel } = await onDemand();
    this.model ??= new MemoryModel();
    return forecastReadiness({
      cards: this.scopeCards(view),
      topics: view.bank.topics,
      stored: (id) => this.progress.get(id),
      now: now.getTime(),
      target: plan.target.getTime(),
      utcOffsetMinutes: -now.getTimezoneOffset(),
      budget: await this.budget(now),
      model: this.model,
      riskBelow: this.settings.desiredRetention(),
    });
  }
}
