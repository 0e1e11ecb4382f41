import { assistantTexts, lastUserMessage, messageText } from "../core/context";
import type { ModelContext } from "../core/types";
import { evaluateArithmetic, findArithmetic } from "../tools/arithmetic";
import { approvalAnswer } from "./mcp-approval";

const JOKES = [
  "Why do programmers prefer dark mode? Because light attracts bugs.",
  "How does a tree get online? It logs in.",
  "Why did the developer go broke? Because they used up all their cache.",
  "There are 10 kinds of people in the world: those who understand binary and those who don't.",
  "A SQL query walks into a bar, walks up to two tables and asks: \"Can I join you?\"",
  "Why was the function so calm? It had no side effects.",
  "I told my computer I needed a break. It said: \"No problem, I'll go to sleep.\"",
];
/** What each joke plays on, in the same order, for "what's the difference between the two?". */
const JOKE_PUNS = [
  "a pun on bugs (insects drawn to light, and defects in code)",
  "a pun on logs (a tree's, and logging in)",
  "a pun on cache and cash",
  "binary numbers, where 10 means two",
  "a SQL JOIN read as joining someone at a table",
  "side effects, in medicine and in functional programming",
  "sleep mode taken literally",
];

const NAME = "**offline-assistant**";
const GREETING = /^(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b/i;
const CAPABILITIES = /\b(what can you do|what do you do|who are you|what are you|help me|capabilities)\b|^help\b/i;

/** `offline-assistant`: rule-based answers (greeting, jokes, capabilities, arithmetic), honest about what it is. */
export function assistantAnswer(context: ModelContext): string {
  const approval = approvalAnswer(NAME, context.items);
  if (approval !== null) return approval;
  const last = lastUserMessage(context.items);
  if (!last) {
    return `${NAME} found no user message in this request, so there is nothing to answer. Send a user message to continue.`;
  }
  const text = messageText(last).trim();

  const expression = findArithmetic(text);
  if (expression !== null) return arithmeticAnswer(expression);
  if (asksForJoke(text, context)) return jokeAnswer(text, context);
  if (GREETING.test(text)) return greeting();
  if (CAPABILITIES.test(text)) return capabilities();
  return fallback(text);
}

/** True when a fixed rule (arithmetic, a joke, a greeting, capabilities) answers this message, so no tool is needed. */
export function hasRuleAnswer(text: string, context: ModelContext): boolean {
  return findArithmetic(text) !== null || asksForJoke(text, context) || GREETING.test(text) || CAPABILITIES.test(text);
}

function arithmeticAnswer(expression: string): string {
  const result = evaluateArithmetic(expression);
  const shown = expression.replace(/\s+/g, " ");
  if (!result.ok) return `I could not evaluate \`${shown}\`: ${result.reason}.`;
  return `\`${shown}\` = **${result.value}**\n\n(Evaluated by a small arithmetic parser; ${NAME} is rule-based, not an LLM.)`;
}

const wantsAnother = /\b(another|different|one more|again|else|next)\b/i;

function asksForJoke(text: string, context: ModelContext): boolean {
  if (/\b(joke|jokes|funny|make me laugh)\b/i.test(text)) return true;
  // "another one" right after a joke means another joke.
  const previous = assistantTexts(context.items).at(-1);
  return wantsAnother.test(text) && previous !== undefined && JOKES.some((joke) => previous.includes(joke));
}

function jokeAnswer(text: string, context: ModelContext): string {
  const toldJokes = assistantTexts(context.items).flatMap((answer) => JOKES.filter((joke) => answer.includes(joke)));
  const told = toldJokes.length;
  // "A different one" skips the joke "another one" would tell, so the two forks of a tree differ.
  const skip = /\bdifferent\b/i.test(text) ? 1 : 0;
  const index = ((told === 0 && wantsAnother.test(text) ? 1 : told) + skip) % JOKES.length;
  const joke = JOKES[index] ?? JOKES[0]!;
  const lead =
    told === 0
      ? "Here's one:"
      : told % JOKES.length === 0
        ? `That was all ${JOKES.length} jokes I know, so here's the first one again:`
        : `Here's another one (joke ${index + 1} of the ${JOKES.length} I know):`;
  const previous = toldJokes.at(-1);
  const difference =
    previous && /\bdifferen(ce|t)\b.*\b(two|both|them|between)\b/i.test(text)
      ? `\n\nThe difference: the earlier joke is ${JOKE_PUNS[JOKES.indexOf(previous)]}; this one is ${JOKE_PUNS[index]}.`
      : "";
  return `${lead}\n\n${joke}${difference}`;
}

function greeting(): string {
  return [
    `Hello! I'm ${NAME}, a rule-based model built into Arbor. I run without a network or a language model, so my`,
    "answers come from a few fixed rules. Ask me for a joke, some arithmetic such as `12 * (3 + 4)`, or what I can do.",
  ].join(" ");
}

function capabilities(): string {
  return [
    `I'm ${NAME}: a deterministic, rule-based model that runs inside Arbor with no network and no LLM. I can:`,
    "",
    "- say hello;",
    "- tell a joke (ask for another one and you get a different joke);",
    "- evaluate arithmetic such as `2 + 2` or `(17 - 5) * 3 / 4` with a small safe parser;",
    "- restate what you wrote, so you can see what reached me.",
    "",
    "For real answers, switch this tree to a provider with a language model. To see exactly which context a turn",
    "received, use the `offline-echo` model.",
  ].join("\n");
}

function fallback(text: string): string {
  const words = text.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const keywords = keywordsOf(words);
  return [
    `I'm ${NAME}, a rule-based model that runs inside Arbor with no network and no language model, so I can't give a`,
    "real answer to that. Here is what I understood from your message:",
    "",
    `> ${firstSentence(text)}`,
    "",
    `${words.length} ${words.length === 1 ? "word" : "words"}${keywords.length > 0 ? `; key words: ${keywords.join(", ")}` : ""}.`,
    "",
    "I can tell a joke, do arithmetic such as `2+2`, or say what I can do. For open questions, switch to a real provider.",
  ].join("\n");
}

function firstSentence(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(oneLine)?.[1] ?? oneLine;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

const STOPWORDS = new Set(
  "about above after again also because been before being could does doing down from have having here into just more most only other over same should some such than that their them then there these they this those through very what when where which while with would your yours".split(
    " ",
  ),
);

// The three longest distinct content words, in the order they appear.
function keywordsOf(words: readonly string[]): string[] {
  const seen = new Map<string, number>();
  words.forEach((word, position) => {
    const key = word.toLowerCase();
    if (key.length >= 4 && !STOPWORDS.has(key) && !seen.has(key)) seen.set(key, position);
  });
  return [...seen]
    .sort(([a, pa], [b, pb]) => b.length - a.length || pa - pb)
    .slice(0, 3)
    .sort(([, pa], [, pb]) => pa - pb)
    .map(([word]) => word);
}
