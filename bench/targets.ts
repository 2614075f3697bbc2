/** "pass" or "MISS" (with a note), for the target rows of a scenario's figures. */
export function verdict(met: boolean, note?: string): string {
  const word = met ? "pass" : "MISS";
  return note ? `${word} (${note})` : word;
}
