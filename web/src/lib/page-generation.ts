/**
 * Guards a paged list against answers that arrive after its filter changed: loading the first page
 * starts a new generation, and any load begun in an older one (a "load more" or an earlier first page
 * still in flight) is stale when it answers, so its rows are dropped instead of mixed in.
 */
export class PageGeneration {
  private current = 0;

  /** A first page (new filter): loads begun before it turn stale. Returns whether this one is current. */
  reset(): () => boolean {
    const mine = ++this.current;
    return () => mine === this.current;
  }

  /** A further page of the list as it is now. Returns whether it is still current when it answers. */
  more(): () => boolean {
    const mine = this.current;
    return () => mine === this.current;
  }
}
