import { OUS_STATES } from './ous-state';

export type BoardState = (typeof OUS_STATES)[number];

/** What a board card shows of an OUS; `updatedAt` orders cards and tells stale events apart. */
export interface BoardCard {
  id: string;
  programId: string;
  state: string;
  substate: string | null;
  executive: string | null;
  recipe: string | null;
  updatedAt: string;
}

export interface BoardColumn {
  state: BoardState;
  /** The hub's `totalCount`, kept in step with live moves; null until loaded. */
  total: number | null;
  /** Most recently changed first, at most the board's cap. */
  cards: BoardCard[];
}

export type Board = BoardColumn[];

/** Cards kept per column: a control-room screen shows the newest; the count says how many there are. */
export const COLUMN_CAP = 50;

export function emptyBoard(): Board {
  return OUS_STATES.map((state) => ({ state, total: null, cards: [] }));
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

function findCard(board: Board, id: string): BoardCard | undefined {
  for (const column of board) {
    const card = column.cards.find((c) => c.id === id);
    if (card) return card;
  }
  return undefined;
}

/** One column's loaded page, replacing what the board had for it. */
export function withColumn(board: Board, state: BoardState, total: number, cards: BoardCard[]): Board {
  return board.map((c) => (c.state === state ? { state, total, cards: cards.slice(0, COLUMN_CAP) } : c));
}

/**
 * Moves the card of a live transition into its new column (top: most recently changed) and keeps
 * the counts in step, without a reload. Replayed or out-of-date events (the same OUS already seen
 * at this or a later `updatedAt`) change nothing, so events buffered while the board loaded can be
 * applied after it. `from` is the transition's origin: it matters for OUSs the board does not show
 * (beyond a column's cap), whose count still has to move.
 */
export function applyMove(board: Board, card: BoardCard, from: string | null, cap = COLUMN_CAP): Board {
  const known = findCard(board, card.id);
  if (known && time(known.updatedAt) >= time(card.updatedAt)) return board;
  const left = known ? known.state : from;
  const delta = (state: string): number => (state === card.state ? 1 : 0) - (state === left ? 1 : 0);
  return board.map((column) => {
    const cards = column.cards.filter((c) => c.id !== card.id);
    if (column.state === card.state) cards.unshift(card);
    const total = column.total === null ? null : Math.max(0, column.total + delta(column.state));
    const changed =
      cards.length !== column.cards.length || column.state === card.state || total !== column.total;
    return changed ? { state: column.state, total, cards: cards.slice(0, cap) } : column;
  });
}

/** Replaces the counts (after a re-read of `totalCount`), keeping the cards. */
export function withTotals(board: Board, totals: Partial<Record<string, number>>): Board {
  return board.map((c) => {
    const total = totals[c.state];
    return total === undefined || total === c.total ? c : { ...c, total };
  });
}

/** An OUS as the API returns it (optional fields may be absent) → a card. */
export function toCard(ous: {
  id: string;
  programId: string;
  state: string;
  substate?: string | null;
  executive?: string | null;
  recipe?: string | null;
  updatedAt: string;
}): BoardCard {
  return {
    id: ous.id,
    programId: ous.programId,
    state: ous.state,
    substate: ous.substate ?? null,
    executive: ous.executive ?? null,
    recipe: ous.recipe ?? null,
    updatedAt: ous.updatedAt,
  };
}
