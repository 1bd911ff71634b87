/**
 * The address chosen on the addresses page for the checkout below it (both pages are in this
 * subpackage): the addresses page sets it and goes back, the checkout takes it when it shows again.
 */
let picked: string | null = null;

export function pickAddress(id: string): void {
  picked = id;
}

export function takePickedAddress(): string | null {
  const id = picked;
  picked = null;
  return id;
}
