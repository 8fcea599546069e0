import { ec2Errors } from './errors';

/** The parameters of an AWS Query / EC2 Query request (form body or URL query). */
export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(text: string) {
    for (const [key, value] of new URLSearchParams(text)) {
      this.values.set(key, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** `Prefix.1`, `Prefix.2`, … (EC2's flattened lists), in index order. */
  list(prefix: string): string[] {
    const out: Array<[number, string]> = [];
    const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`);
    for (const [key, value] of this.values) {
      const m = re.exec(key);
      if (m) out.push([Number(m[1]), value]);
    }
    return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** `Filter.N.Name` / `Filter.N.Value.M`. */
  filters(): Array<{ name: string; values: string[] }> {
    const byIndex = new Map<
      number,
      { name?: string; values: Array<[number, string]> }
    >();
    for (const [key, value] of this.values) {
      const m = /^Filter\.(\d+)\.(Name|Value\.(\d+))$/.exec(key);
      if (!m) continue;
      const entry = byIndex.get(Number(m[1])) ?? { values: [] };
      if (m[2] === 'Name') entry.name = value;
      else entry.values.push([Number(m[3]), value]);
      byIndex.set(Number(m[1]), entry);
    }
    return [...byIndex.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([index, e]) => {
        if (!e.name) throw ec2Errors.missingParameter(`Filter.${index}.Name`);
        return {
          name: e.name,
          values: e.values.sort((a, b) => a[0] - b[0]).map(([, v]) => v),
        };
      });
  }
}
