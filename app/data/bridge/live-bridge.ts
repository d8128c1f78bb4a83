/** The one bridge from the core's and RxDB's observables to Solid: a signal per subscription, unsubscribed on cleanup. */
import { createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';
import type { Observable } from 'rxjs';

/** The latest value of `source`, `undefined` until it first emits. Call inside a reactive owner. */
export function fromObservable<T>(source: Observable<T>): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T | undefined>(undefined, { equals: false });
  const subscription = source.subscribe((next) => setValue(() => next));
  if (getOwner()) onCleanup(() => subscription.unsubscribe());
  return value;
}

/** A state of the core as a signal: `current()` now, then each value `changes` emits. Call inside a reactive owner. */
export function fromState<T>(changes: Observable<T>, current: () => T): Accessor<T> {
  const [value, setValue] = createSignal<T>(current(), { equals: false });
  const subscription = changes.subscribe((next) => setValue(() => next));
  if (getOwner()) onCleanup(() => subscription.unsubscribe());
  return value;
}
