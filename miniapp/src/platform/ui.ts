// Mini-programs have no document and a native tab bar: nothing to do.
export function setDocumentLanguage(_lang: string): void {}

export function decorateTabBar(_ids: readonly string[]): void {}

/** Mini-programs scroll with touch only: a scroll region needs no extra attributes. */
export function scrollRegion(_label: string): Record<string, never> {
  return {};
}

/** A form field's accessible name (the text of its visible label) for the screen reader. */
export function fieldLabel(label: string): { ariaLabel: string } {
  return { ariaLabel: label };
}

/** Mini-program pages scroll natively. */
export function keyboardScrollablePages(): void {}
