// Serialises read-modify-write cycles on one file within this process, so two concurrent
// `add` calls never both read the old list and the second write drops the first one's target.
// Keyed by file path and shared by every store instance of the process.

const tails = new Map<string, Promise<unknown>>();

export function withFileQueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
