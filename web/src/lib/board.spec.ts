import { describe, expect, it } from 'vitest';
import { applyMove, emptyBoard, toCard, withColumn, withTotals, type Board, type BoardCard } from './board';
import { OusState } from '../gql/graphql';

function card(id: string, state: string, updatedAt: string, substate: string | null = null): BoardCard {
  return { id, programId: '2015.1.00657.S', state, substate, executive: null, recipe: null, updatedAt };
}

function column(board: Board, state: string) {
  const c = board.find((col) => col.state === state);
  if (!c) throw new Error(state);
  return { total: c.total, ids: c.cards.map((x) => x.id) };
}

const T0 = '2026-11-22T21:00:00.000Z';
const T1 = '2026-11-22T21:00:01.000Z';
const T2 = '2026-11-22T21:00:02.000Z';

function loaded(): Board {
  let board = emptyBoard();
  board = withColumn(board, 'READY_FOR_PROCESSING', 2, [
    card('a', 'READY_FOR_PROCESSING', T0),
    card('b', 'READY_FOR_PROCESSING', T0),
  ]);
  board = withColumn(board, 'READY_FOR_REVIEW', 0, []);
  board = withColumn(board, 'PROCESSING', 7, []);
  return board;
}

describe('the board', () => {
  it('has one empty column per state, in lifecycle order', () => {
    // Every state of the API's enum, once, in the lifecycle's order (domains.md §2).
    const columns = emptyBoard().map((c) => c.state);
    expect([...columns].sort()).toEqual(Object.values(OusState).sort());
    expect(columns).toEqual([
      'FULLY_OBSERVED',
      'READY_FOR_PROCESSING',
      'PROCESSING',
      'PROCESSING_PROBLEM',
      'READY_FOR_REVIEW',
      'REVIEWING',
      'VERIFIED',
      'DELIVERY_IN_PROGRESS',
      'DELIVERED',
      'QA3_IN_PROGRESS',
    ]);
  });

  it('moves a card to the top of its new column and moves the counts with it', () => {
    const board = applyMove(loaded(), card('b', 'READY_FOR_REVIEW', T1), 'PROCESSING');
    expect(column(board, 'READY_FOR_PROCESSING')).toEqual({ total: 1, ids: ['a'] });
    expect(column(board, 'READY_FOR_REVIEW')).toEqual({ total: 1, ids: ['b'] });
    // The card's own column is what it left, not the event's `from`.
    expect(column(board, 'PROCESSING')).toEqual({ total: 7, ids: [] });
  });

  it('adds a created OUS and counts it', () => {
    const board = applyMove(loaded(), card('c', 'READY_FOR_PROCESSING', T1), null);
    expect(column(board, 'READY_FOR_PROCESSING')).toEqual({ total: 3, ids: ['c', 'a', 'b'] });
  });

  it('moves the count of an OUS it was not showing, from the transition origin', () => {
    const board = applyMove(loaded(), card('z', 'READY_FOR_REVIEW', T1), 'PROCESSING');
    expect(column(board, 'PROCESSING').total).toBe(6);
    expect(column(board, 'READY_FOR_REVIEW')).toEqual({ total: 1, ids: ['z'] });
  });

  it('keeps the count on a substate change and brings the card to the top', () => {
    const board = applyMove(
      loaded(),
      card('b', 'READY_FOR_PROCESSING', T1, 'PipelineImaging'),
      'READY_FOR_PROCESSING',
    );
    expect(column(board, 'READY_FOR_PROCESSING')).toEqual({ total: 2, ids: ['b', 'a'] });
    expect(board.find((c) => c.state === 'READY_FOR_PROCESSING')!.cards[0]!.substate).toBe('PipelineImaging');
  });

  it('ignores replayed and out-of-date events', () => {
    const once = applyMove(loaded(), card('b', 'READY_FOR_REVIEW', T2), 'PROCESSING');
    expect(applyMove(once, card('b', 'READY_FOR_REVIEW', T2), 'PROCESSING')).toBe(once);
    expect(applyMove(once, card('b', 'PROCESSING', T1), 'READY_FOR_PROCESSING')).toBe(once);
    // An event from before the load: the loaded card is as new, nothing moves.
    expect(applyMove(loaded(), card('a', 'READY_FOR_PROCESSING', T0), null)).toEqual(loaded());
  });

  it('keeps at most the cap of cards per column, and never a negative count', () => {
    let board = withColumn(emptyBoard(), 'VERIFIED', 0, []);
    for (let i = 0; i < 5; i++) board = applyMove(board, card(`v${i}`, 'VERIFIED', T1), 'DELIVERED', 3);
    expect(column(board, 'VERIFIED')).toEqual({ total: 5, ids: ['v4', 'v3', 'v2'] });
    expect(column(board, 'DELIVERED').total).toBeNull(); // not loaded: stays unknown
  });

  it('takes re-read counts without touching the cards', () => {
    const board = withTotals(loaded(), { READY_FOR_PROCESSING: 40 });
    expect(column(board, 'READY_FOR_PROCESSING')).toEqual({ total: 40, ids: ['a', 'b'] });
  });

  it('reads an OUS from the API into a card', () => {
    expect(toCard({ id: 'x', programId: 'p', state: 'VERIFIED', updatedAt: T0 })).toEqual({
      id: 'x',
      programId: 'p',
      state: 'VERIFIED',
      substate: null,
      executive: null,
      recipe: null,
      updatedAt: T0,
    });
  });
});
