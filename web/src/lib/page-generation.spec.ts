import { describe, expect, it } from 'vitest';
import { PageGeneration } from './page-generation';

describe('PageGeneration', () => {
  it('keeps the pages of the current filter', () => {
    const pages = new PageGeneration();
    const first = pages.reset();
    const second = pages.more();
    expect(first()).toBe(true);
    expect(second()).toBe(true);
  });

  it("drops a 'load more' that answers after the filter changed, and an earlier first page", () => {
    const pages = new PageGeneration();
    const oldFirst = pages.reset();
    const oldMore = pages.more();
    const newFirst = pages.reset();
    expect(oldMore()).toBe(false);
    expect(oldFirst()).toBe(false);
    expect(newFirst()).toBe(true);
    expect(pages.more()()).toBe(true);
  });
});
