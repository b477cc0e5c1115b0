const KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

/**
 * The board's arrow keys: up/down move within a column, left/right to the nearest card of the next
 * non-empty column. The card to focus, or undefined when the key is not one of them or leads nowhere.
 */
export function cardToFocus(board: HTMLElement, event: KeyboardEvent): HTMLElement | undefined {
  if (!KEYS.includes(event.key)) return undefined;
  const current = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="ous-card"]');
  if (!current) return undefined;
  const columns = [...board.querySelectorAll<HTMLElement>('[data-testid="board-column"]')];
  const cardsOf = (c: HTMLElement): HTMLElement[] => [
    ...c.querySelectorAll<HTMLElement>('[data-testid="ous-card"]'),
  ];
  const col = columns.findIndex((c) => c.contains(current));
  const row = cardsOf(columns[col]!).indexOf(current);
  if (event.key === 'ArrowUp') return cardsOf(columns[col]!)[row - 1];
  if (event.key === 'ArrowDown') return cardsOf(columns[col]!)[row + 1];
  const step = event.key === 'ArrowLeft' ? -1 : 1;
  for (let c = col + step; c >= 0 && c < columns.length; c += step) {
    const cards = cardsOf(columns[c]!);
    const target = cards[Math.min(row, cards.length - 1)];
    if (target) return target;
  }
  return undefined;
}
