// The few React types the explorer's mount uses. The web app is Svelte; React is here only to run
// GraphiQL (a React component), and the workspace does not carry @types/react for that.
declare module 'react' {
  export type ReactNode = unknown;
  export interface ReactElement {
    readonly type: unknown;
    readonly props: unknown;
  }
  export type FC<P = object> = (props: P) => ReactNode;
  export type ComponentType<P = object> = FC<P>;
  export function createElement<P extends object>(
    type: string | FC<P>,
    props?: P | null,
    ...children: ReactNode[]
  ): ReactElement;
  export const Fragment: FC<{ children?: ReactNode }>;
}

declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}
