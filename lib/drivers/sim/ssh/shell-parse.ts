/**
 * The command lines a simulated VM understands: words with POSIX quoting ('…', "…", backslash),
 * `$NAME` / `${NAME}` / `$?` expansion, `;` / newlines, `&&`, `||`, `#` comments, and the
 * redirections `>&2`, `2>&1`, `N>/dev/null`, `&>/dev/null`. Pipes, command substitution and
 * control flow are refused with a message rather than misread.
 */

/** A word is literal text and variable references, expanded when the command runs (so `$?` is current). */
export type WordPart = { text: string } | { variable: string };
export type Word = WordPart[];

export type Redirect = { fd: number; toFd: number } | { fd: number; toFile: string; append: boolean };

export interface Command {
  /** How it joins the one before it: always, only after success, only after failure. */
  connector: ";" | "&&" | "||";
  words: Word[];
  redirects: Redirect[];
  /** The script line it starts on (1-based), for dash's `sh: 3: …` messages. */
  line: number;
}

export class ShellSyntaxError extends Error {}

type Token = { kind: "word"; word: Word; digitsOnly: boolean } | { kind: "op"; op: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Splits a line into words and operators. */
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let word: Word | null = null;
  let digitsOnly = true;
  const text = (s: string, literal: boolean) => {
    word ??= [];
    digitsOnly = digitsOnly && !literal && /^\d*$/.test(s);
    const last = word[word.length - 1];
    if (last && "text" in last) last.text += s;
    else word.push({ text: s });
  };
  const endWord = () => {
    if (word) tokens.push({ kind: "word", word, digitsOnly });
    word = null;
    digitsOnly = true;
  };
  /** Reads `$…` at i (the `$` itself); answers the index after it. */
  const dollar = (i: number): number => {
    const next = src[i + 1];
    if (next === "(") throw new ShellSyntaxError("command substitution $(…) is not emulated on this host");
    if (next === "{") {
      const close = src.indexOf("}", i + 2);
      if (close < 0) throw new ShellSyntaxError("bad substitution: missing }");
      const name = src.slice(i + 2, close);
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[?0$#])$/.test(name)) throw new ShellSyntaxError(`\${${name}}: bad substitution`);
      word ??= [];
      word.push({ variable: name });
      digitsOnly = false;
      return close + 1;
    }
    if (next === "?" || next === "$" || next === "#" || (next !== undefined && /\d/.test(next))) {
      word ??= [];
      word.push({ variable: next });
      digitsOnly = false;
      return i + 2;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(src);
    if (!m) {
      text("$", true);
      return i + 1;
    }
    word ??= [];
    word.push({ variable: m[0] });
    digitsOnly = false;
    return i + 1 + m[0].length;
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      endWord();
      i++;
    } else if (c === "\n") {
      endWord();
      tokens.push({ kind: "op", op: "\n" });
      i++;
    } else if (c === "#" && word === null) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("unterminated quoted string (')");
      text(src.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      word ??= [];
      digitsOnly = false;
      i++;
      for (;;) {
        if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string (")');
        const d = src[i];
        if (d === '"') break;
        if (d === "\\" && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1])) {
          if (src[i + 1] !== "\n") text(src[i + 1], true);
          i += 2;
        } else if (d === "$") {
          i = dollar(i);
        } else if (d === "`") {
          throw new ShellSyntaxError("command substitution `…` is not emulated on this host");
        } else {
          text(d, true);
          i++;
        }
      }
      i++;
    } else if (c === "\\") {
      if (src[i + 1] === "\n") i += 2;
      else {
        text(src[i + 1] ?? "", true);
        i += 2;
      }
    } else if (c === "$") {
      i = dollar(i);
    } else if (c === "`") {
      throw new ShellSyntaxError("command substitution `…` is not emulated on this host");
    } else if (c === ";" || c === "&" || c === "|" || c === ">" || c === "<" || c === "(" || c === ")") {
      const two = src.slice(i, i + 2);
      // `2>&1`: digits written right before `>` name the descriptor, they are not a word.
      const w = word as Word | null;
      const fdPrefix = c === ">" && w !== null && digitsOnly && w.length === 1 && "text" in w[0] ? w[0].text : null;
      if (fdPrefix !== null) word = null;
      else endWord();
      if (two === "&&" || two === "||" || two === ">>" || two === ">&" || two === "&>" || two === ";;") {
        tokens.push({ kind: "op", op: fdPrefix !== null ? fdPrefix + two : two });
        i += 2;
      } else {
        tokens.push({ kind: "op", op: fdPrefix !== null ? fdPrefix + c : c });
        i++;
      }
      digitsOnly = true;
    } else {
      text(c, false);
      i++;
    }
  }
  endWord();
  return tokens;
}

function literal(word: Word | undefined): string | null {
  if (!word || word.some((p) => !("text" in p))) return null;
  return word.map((p) => ("text" in p ? p.text : "")).join("");
}

/** Parses a script into the commands it runs, in order. */
export function parseShell(src: string): Command[] {
  const tokens = tokenize(src);
  const commands: Command[] = [];
  let line = 1;
  let current: Command = { connector: ";", words: [], redirects: [], line };
  const unexpected = (op: string) => new ShellSyntaxError(`syntax error near unexpected token \`${op === "\n" ? "newline" : op}'`);
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.kind === "word") {
      current.words.push(tok.word);
      continue;
    }
    const op = tok.op;
    if (op === "\n") line++;
    if (op === "\n" || op === ";" || op === "&&" || op === "||") {
      if (current.words.length === 0) {
        // Blank lines, and a line break after `&&` or `||`, are allowed; an empty command is not.
        if (op === "\n" && current.redirects.length === 0) {
          current.line = line;
          continue;
        }
        throw unexpected(op);
      }
      commands.push(current);
      current = { connector: op === "\n" ? ";" : op, words: [], redirects: [], line };
      continue;
    }
    const redirect = /^(\d*)(>>|>&|>|&>)$/.exec(op);
    if (redirect) {
      const next = tokens[t + 1];
      const target = next?.kind === "word" ? literal(next.word) : null;
      if (target === null) throw new ShellSyntaxError(`syntax error near \`${op}': a redirection needs a plain target`);
      t++;
      const kind = redirect[2];
      if (kind === ">&") {
        if (!/^\d+$/.test(target)) throw new ShellSyntaxError(`${target}: ambiguous redirect`);
        current.redirects.push({ fd: Number(redirect[1] || 1), toFd: Number(target) });
      } else if (kind === "&>") {
        current.redirects.push({ fd: 1, toFile: target, append: false }, { fd: 2, toFd: 1 });
      } else {
        current.redirects.push({ fd: Number(redirect[1] || 1), toFile: target, append: kind === ">>" });
      }
      continue;
    }
    if (op === "|") throw new ShellSyntaxError("pipes (|) are not emulated on this host; run the commands one by one");
    if (op === "&") throw new ShellSyntaxError("background jobs (&) are not emulated on this host");
    if (op.endsWith("<")) throw new ShellSyntaxError("input redirection (<) is not emulated on this host");
    throw new ShellSyntaxError(`syntax error near unexpected token \`${op}': subshells and control flow are not emulated on this host`);
  }
  if (current.words.length > 0) commands.push(current);
  else if (current.redirects.length > 0 || current.connector !== ";") throw new ShellSyntaxError("syntax error: unexpected end of file");
  return commands;
}

/** Expands a word's variables with the shell's values (unset ones are empty, as in sh). */
export function expandWord(word: Word, vars: (name: string) => string | undefined): string {
  return word.map((p) => ("text" in p ? p.text : (vars(p.variable) ?? ""))).join("");
}
