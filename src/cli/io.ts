/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}
