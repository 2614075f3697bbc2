import o200kBase from "js-tiktoken/ranks/o200k_base";

// Pieces remembered at most; past it the memo starts again (a docs corpus repeats far fewer distinct words).
const PIECE_MEMO_LIMIT = 200_000;

let ranks: Map<string, number> | undefined;
let pieces: RegExp | undefined;
const pieceTokens = new Map<string, number>();

/**
 * Number of o200k_base tokens in `text`, exactly as js-tiktoken's encoder counts them (`encode(text, [], [])`: no
 * special tokens); the rank table ships with js-tiktoken, so nothing is downloaded.
 *
 * o200k encodes text as its pattern's pieces, each on its own, so the count is the sum of the pieces' counts, and
 * each distinct piece is counted once and remembered. A piece is counted by js-tiktoken's byte-pair merge over the
 * same table, read here rather than by js-tiktoken's `Tiktoken`: its constructor keys 200,000 ranks by joined byte
 * lists through an intermediate object, about a second of CPU before the first count of every process (a re-run
 * that counts only for AGENTS.md paid it in its report); this table loads in a fraction of that.
 * test/unit/tokens.test.ts compares every count with js-tiktoken's own encoder.
 */
export function countTokens(text: string): number {
  ranks ??= loadRanks();
  pieces ??= new RegExp(o200kBase.pat_str, "gu");
  let count = 0;
  for (const [piece] of text.matchAll(pieces)) {
    let tokens = pieceTokens.get(piece);
    if (tokens === undefined) {
      tokens = countPiece(piece, ranks);
      if (pieceTokens.size >= PIECE_MEMO_LIMIT) pieceTokens.clear();
      pieceTokens.set(piece, tokens);
    }
    count += tokens;
  }
  return count;
}

// Byte sequence → rank. A sequence is keyed as a latin1 string (one character per byte). The table's lines are
// "<name> <first rank> <base64 token> <base64 token> …", ranks counting up along the line; a later line wins.
function loadRanks(): Map<string, number> {
  const table = new Map<string, number>();
  for (const line of o200kBase.bpe_ranks.split("\n")) {
    const fields = line.split(" ");
    if (fields.length < 3) continue;
    const first = Number.parseInt(fields[1]!, 10);
    // atob decodes base64 straight to a latin1 string: about twice as fast here as going through a Buffer.
    for (let index = 2; index < fields.length; index += 1) table.set(atob(fields[index]!), first + index - 2);
  }
  return table;
}

// js-tiktoken's bytePairEncode, counted: a piece that is one token is one; else adjacent parts merge, lowest rank
// first (the leftmost on a tie), until no adjacent pair has a rank; parts without a rank are not tokens.
function countPiece(piece: string, table: Map<string, number>): number {
  const bytes = isAscii(piece) ? piece : Buffer.from(piece, "utf8").toString("latin1");
  if (bytes.length <= 1 || table.has(bytes)) return 1;
  // Part i spans starts[i] up to starts[i + 1] (the last one up to the end).
  const starts = Array.from({ length: bytes.length }, (_, index) => index);
  const endOf = (index: number) => (index + 1 < starts.length ? starts[index + 1]! : bytes.length);
  while (starts.length > 1) {
    let lowest = -1;
    let at = -1;
    for (let index = 0; index < starts.length - 1; index += 1) {
      const rank = table.get(bytes.slice(starts[index], endOf(index + 1)));
      if (rank !== undefined && (at === -1 || rank < lowest)) {
        lowest = rank;
        at = index;
      }
    }
    if (at === -1) break;
    starts.splice(at + 1, 1);
  }
  let count = 0;
  for (let index = 0; index < starts.length; index += 1) if (table.has(bytes.slice(starts[index], endOf(index)))) count += 1;
  return count;
}

// An ASCII string is its own UTF-8 bytes as latin1: most pieces of documentation, spared a Buffer each.
function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}
