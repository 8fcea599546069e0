/**
 * Progress of long lists, on stderr so that stdout stays the result. On a
 * terminal one line is rewritten in place and cleared at the end; elsewhere
 * (a CI log) nothing is written unless `--progress` asks for it, then one
 * line per update.
 */
export interface Progress {
  update(text: string): void;
  done(): void;
}

export function makeProgress(options: {
  stream: NodeJS.WriteStream;
  /** `--progress` / `--no-progress`; undefined: only on a terminal. */
  wanted?: boolean;
}): Progress {
  const { stream } = options;
  const tty = stream.isTTY === true;
  if (options.wanted === false || (!tty && options.wanted !== true)) {
    return { update() {}, done() {} };
  }
  if (!tty) {
    return {
      update(text) {
        stream.write(`${text}\n`);
      },
      done() {},
    };
  }
  // Only a carriage return and spaces: no escape codes, so NO_COLOR and
  // dumb terminals see plain text too.
  let shown = 0;
  return {
    update(text) {
      const width = Math.max(20, (stream.columns || 80) - 1);
      const line = text.slice(0, width);
      stream.write(`\r${line.padEnd(shown)}`);
      shown = line.length;
    },
    done() {
      if (shown) stream.write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
    },
  };
}
