/**
 * Colour for a terminal: only when stdout is a TTY, and never with
 * `--no-color` or `NO_COLOR` (https://no-color.org). Without colour every
 * function returns its text unchanged, so output piped to a file or a CI log
 * holds no escape codes.
 */
export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
}

const code = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) =>
    enabled ? code(open, close) : (text: string) => text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    blue: wrap(34, 39),
    cyan: wrap(36, 39),
  };
}

/** Whether to colour: a TTY, `--color` not turned off, no `NO_COLOR`. */
export function colorWanted(options: {
  color?: boolean;
  isTTY?: boolean;
  env: NodeJS.ProcessEnv;
}): boolean {
  if (options.color === false) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') {
    return false;
  }
  if (options.env.TERM === 'dumb') return false;
  return options.isTTY === true;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The width of text on screen: escape codes take none. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}
