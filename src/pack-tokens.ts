/** Packs texts, in order, into groups whose joined text stays within a token budget. */
import { countTokens } from "./tokens.ts";

/** Options of packByTokens. */
export interface PackByTokensOptions<T> {
  items: readonly T[];
  /** The text an item adds; each item's text must fit the budget alone. */
  textOf: (item: T) => string;
  /** Most tokens of one group's joined text. */
  budgetTokens: number;
  /** What joins the texts of a group. */
  separator: string;
}

/**
 * Groups items in order, closing a group when the next item would pass the budget. The running count adds
 * each text's tokens, since counting every growing join again would be quadratic; a join can tokenise a
 * little differently from its parts, so each group is counted exactly once and, when over, packed exactly.
 */
export function packByTokens<T>(options: PackByTokensOptions<T>): T[][] {
  const { textOf, budgetTokens: budget, separator } = options;
  const separatorTokens = countTokens(separator);
  const groups: T[][] = [];
  let group: T[] = [];
  let estimate = 0;
  for (const item of options.items) {
    const tokens = countTokens(textOf(item));
    const next = group.length === 0 ? tokens : estimate + separatorTokens + tokens;
    if (group.length > 0 && next > budget) {
      groups.push(group);
      group = [item];
      estimate = tokens;
    } else {
      group.push(item);
      estimate = next;
    }
  }
  if (group.length > 0) groups.push(group);
  const joined = (members: readonly T[]) => members.map(textOf).join(separator);
  return groups.flatMap((members) => (members.length === 1 || countTokens(joined(members)) <= budget ? [members] : packExactly(members, joined, budget)));
}

function packExactly<T>(items: readonly T[], joined: (members: readonly T[]) => string, budget: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  for (const item of items) {
    if (group.length > 0 && countTokens(joined([...group, item])) > budget) {
      groups.push(group);
      group = [];
    }
    group.push(item);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
