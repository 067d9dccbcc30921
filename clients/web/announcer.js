/**
 * Turns streamed text into sentences for a polite live region: a screen reader hears whole sentences as they
 * complete (and the rest when the answer ends), never a stream of token fragments.
 */
export class SentenceAnnouncer {
  #pending = '';

  /** @param {string} text the next piece of the answer @returns {string[]} sentences now complete */
  push(text) {
    this.#pending += text;
    const sentences = [];
    // A sentence ends at Japanese or Western end punctuation (with closing quotes/brackets) or a line break.
    // A '.' inside a word or number ("2.5") does not end one, and a trailing '.' waits for what follows it.
    const end = /(?:[^。！？!?.\n]|\.(?!\s|$))*(?:[。！？!?]+|\.(?=\s)|\n)[」』）)"']*/y;
    let consumed = 0;
    for (;;) {
      end.lastIndex = consumed;
      const match = end.exec(this.#pending);
      if (!match || match[0].length === 0) break;
      consumed = end.lastIndex;
      const sentence = match[0].trim();
      if (sentence) sentences.push(sentence);
    }
    this.#pending = this.#pending.slice(consumed);
    return sentences;
  }

  /** @returns {string | null} what is left when the answer ends */
  flush() {
    const rest = this.#pending.trim();
    this.#pending = '';
    return rest || null;
  }
}
