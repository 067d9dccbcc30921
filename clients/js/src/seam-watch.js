/**
 * Notices an answer that stopped arriving whole on a live socket, and asks the service for what is missing.
 *
 * When a service task dies, another one finishes its answers on the same socket, after the last frame in the shared
 * frame log. The task that died may have logged frames it never posted: the socket then shows a gap in `seq` (later
 * frames arrive and wait) or, when the lost frames were the answer's last ones, silence. The frame log has them, so a
 * `resume` after the last seq applied brings them: the task streaming the answer sends just the missing frames, any
 * other task replays the log, and frames the answer already holds are dropped by `seq`.
 */

/** A gap this old is not reordering (one task posts an answer's frames one after another): ask for it. */
export const GAP_RESUME_MS = 1000;
/**
 * No frame for this long while an answer is under way. A take-over pauses an answer for about 5 s (the lease's
 * visibility timeout plus a claim pass and the re-preparation); a model that is merely slow costs one cheap resume.
 */
export const SILENCE_RESUME_MS = 20_000;
/** Resumes per answer without progress in between; after that the watch leaves the answer alone. */
export const MAX_SEAM_RESUMES = 3;

export class SeamWatch {
  #clock;
  #resume;
  /**
   * @type {Map<import('./answer.js').Answer,
   *   { timer: unknown, kind: 'gap' | 'silence', lastFrameAt: number, resumes: number, resumedAtSeq: number }>}
   */
  #watched = new Map();

  /**
   * @param {import('./clock.js').Clock} clock
   * @param {(answer: import('./answer.js').Answer) => void} resume asks for the frames after the answer's last seq.
   */
  constructor(clock, resume) {
    this.#clock = clock;
    this.#resume = resume;
  }

  /**
   * Called after every frame of a sent answer. Costs a timestamp per frame: a timer is armed only when what is
   * watched changes (a gap appears or closes). A gap is timed from when it appeared, even while later frames keep
   * coming (the task that took the answer over streams on); silence from the last frame.
   * @param {import('./answer.js').Answer} answer
   */
  observe(answer) {
    if (answer.state !== 'sent') {
      this.forget(answer);
      return;
    }
    let entry = this.#watched.get(answer);
    if (!entry) {
      entry = { timer: undefined, kind: 'silence', lastFrameAt: 0, resumes: 0, resumedAtSeq: -1 };
      this.#watched.set(answer, entry);
    }
    entry.lastFrameAt = this.#clock.now();
    if (answer.lastSeq > entry.resumedAtSeq) entry.resumes = 0;
    const kind = answer.hasGap ? 'gap' : 'silence';
    if (entry.timer !== undefined && entry.kind === kind) return;
    this.#arm(answer, entry, kind, kind === 'gap' ? GAP_RESUME_MS : SILENCE_RESUME_MS);
  }

  /** @param {import('./answer.js').Answer} answer */
  forget(answer) {
    const entry = this.#watched.get(answer);
    if (!entry) return;
    this.#clock.clearTimeout(entry.timer);
    this.#watched.delete(answer);
  }

  close() {
    for (const answer of [...this.#watched.keys()]) this.forget(answer);
  }

  #arm(answer, entry, kind, delayMs) {
    this.#clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.kind = kind;
    if (entry.resumes >= MAX_SEAM_RESUMES) return;
    entry.timer = this.#clock.setTimeout(() => this.#due(answer, entry), delayMs);
  }

  #due(answer, entry) {
    entry.timer = undefined;
    if (answer.state !== 'sent') return;
    const now = this.#clock.now();
    if (entry.kind === 'silence' && now - entry.lastFrameAt < SILENCE_RESUME_MS) {
      // Frames came meanwhile: wait out the rest of a silence counted from the last one.
      this.#arm(answer, entry, 'silence', SILENCE_RESUME_MS - (now - entry.lastFrameAt));
      return;
    }
    entry.resumes += 1;
    entry.resumedAtSeq = answer.lastSeq;
    entry.lastFrameAt = now;
    this.#resume(answer);
    this.#arm(answer, entry, answer.hasGap ? 'gap' : 'silence', answer.hasGap ? GAP_RESUME_MS : SILENCE_RESUME_MS);
  }
}
