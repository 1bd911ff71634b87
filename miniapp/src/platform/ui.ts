// Mini-programs have no document and a native tab bar: nothing to do.
export function setDocumentLanguage(_lang: string): void {}

export function decorateTabBar(_ids: readonly string[]): void {}
