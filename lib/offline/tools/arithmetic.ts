// A tiny recursive-descent parser for arithmetic (+ - * / % ^, parentheses, unary minus, decimals). It never evaluates
// code: anything that is not arithmetic is rejected.
//
//   expr   = term (("+" | "-") term)*
//   term   = power (("*" | "/" | "%") power)*
//   power  = unary ("^" power)?
//   unary  = "-" unary | "+" unary | atom
//   atom   = number | "(" expr ")"

/** The value of an arithmetic expression, or an explanation of why it has none. */
export type ArithmeticResult = { ok: true; value: number } | { ok: false; reason: string };

const MAX_LENGTH = 200;

/** Evaluate an arithmetic expression such as `2 + 2 * (3 - 1)`. */
export function evaluateArithmetic(expression: string): ArithmeticResult {
  const source = expression.replace(/×/g, "*").replace(/÷/g, "/").replace(/\*\*/g, "^");
  if (source.length > MAX_LENGTH) return { ok: false, reason: "the expression is too long" };
  const tokens = source.match(/\d+(?:\.\d+)?|\.\d+|[-+*/%^()]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];

  const expr = (): number => {
    let value = term();
    while (peek() === "+" || peek() === "-") value = take() === "+" ? value + term() : value - term();
    return value;
  };
  const term = (): number => {
    let value = power();
    for (let op = peek(); op === "*" || op === "/" || op === "%"; op = peek()) {
      take();
      const right = power();
      if (op !== "*" && right === 0) throw new ArithmeticError("division by zero is undefined");
      value = op === "*" ? value * right : op === "/" ? value / right : value % right;
    }
    return value;
  };
  const power = (): number => {
    const base = unary();
    if (peek() !== "^") return base;
    take();
    return base ** power();
  };
  const unary = (): number => {
    const sign = peek();
    if (sign !== "-" && sign !== "+") return atom();
    take();
    return sign === "-" ? -unary() : unary();
  };
  const atom = (): number => {
    const token = take();
    if (token === "(") {
      const value = expr();
      if (take() !== ")") throw new ArithmeticError("a closing parenthesis is missing");
      return value;
    }
    if (token !== undefined && /^(\d|\.\d)/.test(token)) return Number(token);
    throw new ArithmeticError(token === undefined ? "the expression ends too early" : `unexpected "${token}"`);
  };

  try {
    const value = expr();
    if (pos < tokens.length) throw new ArithmeticError(`unexpected "${tokens[pos]}"`);
    if (!Number.isFinite(value)) return { ok: false, reason: "the result is too large" };
    return { ok: true, value: Number(value.toPrecision(12)) };
  } catch (err) {
    if (err instanceof ArithmeticError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** The arithmetic expression a message asks about ("what is 2+2?"), or null when it asks something else. */
export function findArithmetic(text: string): string | null {
  const stripped = text
    .trim()
    .replace(/^(please\s+)?(what(?:'s| is)|calculate|compute|evaluate|how much is|solve)\s*/i, "")
    .replace(/[?.!=\s]+$/, "")
    .trim();
  if (!/^[\d\s.+\-*/%^()×÷]+$/.test(stripped)) return null;
  if (!/\d/.test(stripped) || !/\d\s*[-+*/%^×÷]\s*[-+(]?\s*[\d.(]/.test(stripped)) return null;
  return stripped;
}

class ArithmeticError extends Error {}
