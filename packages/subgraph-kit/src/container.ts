import type { ContainerType } from 'type-graphql';

type Class<T> = abstract new (...args: never[]) => T;

/** The resolver instances of one schema, built by hand in its `schema.ts` (no global container). */
export class Container implements ContainerType {
  private readonly instances = new Map<unknown, unknown>();

  set<T>(cls: Class<T>, instance: T): this {
    this.instances.set(cls, instance);
    return this;
  }

  get<T>(cls: Class<T>): T {
    const instance = this.instances.get(cls);
    if (!instance)
      throw new Error(`No instance registered for ${(cls as { name?: string }).name ?? 'class'}`);
    return instance as T;
  }
}
