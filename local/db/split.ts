// Splits a migration file into statements the way Supabase CLI 2.117 does, so that
// `supabase_migrations.schema_migrations.statements` holds what `supabase db push`
// would have recorded. A port of the CLI's tokenizer: quotes, dollar quotes,
// comments, parentheses and BEGIN ATOMIC ... END keep their semicolons.

interface State {
  next(ch: string, buf: string): State | null;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nd}_$]/u.test(c);

function endsWithBeginAtomic(buf: string): boolean {
  let n = buf.length - 6;
  if (n < 0 || buf.slice(n).toUpperCase() !== "ATOMIC") return false;
  if (n > 0 && isWordChar(buf[n - 1])) return false;
  const head = buf.slice(0, n).replace(/\s+$/u, "");
  n = head.length - 5;
  if (n < 0 || head.slice(n).toUpperCase() !== "BEGIN") return false;
  if (n === 0) return true;
  return !isWordChar(head[n - 1]);
}

class Ready implements State {
  next(ch: string, buf: string): State | null {
    switch (ch) {
      case "$":
        return new DollarTag(buf.length - ch.length);
      case "'":
      case '"':
        return new Quoted(ch);
      case "-":
        return new MaybeLineComment();
      case "/":
        return new MaybeBlockComment();
      case "\\":
        return new Escaped();
      case ";":
        return null;
      case "(":
        return new Until(new Ready(), ")");
      case "c":
      case "C":
        return endsWithBeginAtomic(buf) ? new Until(new Ready(), "END") : this;
      default:
        return this;
    }
  }
}

class MaybeLineComment implements State {
  next(ch: string, buf: string): State | null {
    if (ch === "-") return new UntilSuffix("\n");
    return new Ready().next(ch, buf);
  }
}

class MaybeBlockComment implements State {
  depth = 0;
  next(ch: string, buf: string): State | null {
    const last2 = buf.slice(-2);
    if (last2 === "/*") {
      this.depth += 1;
      return this;
    }
    if (this.depth === 0) return new Ready().next(ch, buf);
    if (last2 === "*/") {
      this.depth -= 1;
      if (this.depth === 0) return new Ready();
    }
    return this;
  }
}

class Quoted implements State {
  escape = false;
  constructor(private delimiter: string) {}
  next(ch: string, buf: string): State | null {
    if (this.escape) {
      if (ch === this.delimiter) {
        this.escape = false;
        return this;
      }
      return new Ready().next(ch, buf);
    }
    if (ch === this.delimiter) this.escape = true;
    return this;
  }
}

class UntilSuffix implements State {
  constructor(private delimiter: string) {}
  next(_ch: string, buf: string): State | null {
    return buf.slice(-this.delimiter.length) === this.delimiter ? new Ready() : this;
  }
}

class DollarTag implements State {
  constructor(private offset: number) {}
  next(ch: string, buf: string): State | null {
    if (ch === "$") return new UntilSuffix(buf.slice(this.offset));
    if (/[\p{L}\p{Nd}_]/u.test(ch)) return this;
    return new Ready().next(ch, buf);
  }
}

class Escaped implements State {
  next(): State | null {
    return new Ready();
  }
}

class Until implements State {
  constructor(private prev: State, private delimiter: string) {}
  next(ch: string, buf: string): State | null {
    const next = this.prev.next(ch, buf);
    if (next !== null) this.prev = next;
    if (
      this.prev instanceof Ready &&
      buf.slice(-this.delimiter.length).toUpperCase() === this.delimiter.toUpperCase()
    ) return new Ready();
    return this;
  }
}

/** Statements of a SQL file, trailing semicolons removed and trimmed, empty ones dropped. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let state: State = new Ready();
  let buf = "";
  const push = (s: string) => {
    const t = s.replace(/;+$/u, "").trim();
    if (t.length > 0) out.push(t);
  };
  for (const ch of Array.from(text)) {
    buf += ch;
    const next = state.next(ch, buf);
    if (next === null) {
      push(buf);
      buf = "";
      state = new Ready();
    } else state = next;
  }
  if (buf.length > 0) push(buf);
  return out;
}
