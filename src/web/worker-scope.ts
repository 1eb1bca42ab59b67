// The global scope of a dedicated worker, typed narrowly (the project compiles
// against the DOM library, whose `self` is a Window).
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  location: { href: string };
}

export const scope = self as unknown as WorkerScope;
