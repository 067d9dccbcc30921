/**
 * Decides what Enter does in the message box. While an IME composition is open (Japanese input), Enter confirms the
 * conversion and must not send. Some browsers (Safari) fire compositionend *before* the confirming keydown, so the
 * keydown that directly follows a compositionend is treated as part of the composition too.
 */
export class EnterKeyPolicy {
  #composing = false;
  #justEnded = false;
  #defer;

  /** @param {(callback: () => void) => void} [defer] runs a callback after the current event (tests pass their own). */
  constructor(defer = (callback) => setTimeout(callback, 0)) {
    this.#defer = defer;
  }

  compositionStart() {
    this.#composing = true;
    this.#justEnded = false;
  }

  compositionEnd() {
    this.#composing = false;
    this.#justEnded = true;
    this.#defer(() => { this.#justEnded = false; });
  }

  /**
   * @param {{ key: string, shiftKey?: boolean, isComposing?: boolean, keyCode?: number, altKey?: boolean, ctrlKey?: boolean, metaKey?: boolean }} event
   * @returns {'send' | 'newline' | 'ignore'} 'ignore' leaves the browser's default (IME confirm, other keys).
   */
  onKeyDown(event) {
    if (event.key !== 'Enter') return 'ignore';
    // keyCode 229 is what browsers report for keys that the IME is processing.
    if (this.#composing || this.#justEnded || event.isComposing || event.keyCode === 229) return 'ignore';
    if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return 'newline';
    return 'send';
  }
}
