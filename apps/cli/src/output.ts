export interface Output {
  line(text: string): void;
  error(text: string): void;
  /** A progress line that overwrites itself on a terminal. */
  progress(text: string): void;
  progressDone(): void;
}

const interactive = process.stderr.isTTY === true;
let progressShown = false;

export const processOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
  progress: (text) => {
    progressShown = true;
    process.stderr.write(interactive ? `\r${text}\u001b[K` : `${text}\n`);
  },
  progressDone: () => {
    if (progressShown && interactive) process.stderr.write("\n");
    progressShown = false;
  },
};
