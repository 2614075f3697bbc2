import { describe, expect, it } from "vitest";
import { packBatches } from "../../src/batches.ts";

describe("packBatches", () => {
  it("puts each document in the first batch with room for it, keeping index order within a batch", () => {
    const documents = [
      { id: "a", tokens: 40 },
      { id: "b", tokens: 60 },
      { id: "c", tokens: 1 },
      { id: "d", tokens: 50 },
      { id: "e", tokens: 50 },
    ];
    expect(packBatches({ documents, budgetTokens: 100, maxDocuments: 10 })).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("closes a batch at the document cap even with tokens to spare", () => {
    const documents = ["a", "b", "c", "d", "e"].map((id) => ({ id, tokens: 1 }));
    expect(packBatches({ documents, budgetTokens: 1000, maxDocuments: 2 })).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("puts a document over the budget in a batch of its own, and later documents back where there is room", () => {
    const documents = [
      { id: "a", tokens: 10 },
      { id: "huge", tokens: 500 },
      { id: "b", tokens: 10 },
    ];
    expect(packBatches({ documents, budgetTokens: 100, maxDocuments: 10 })).toEqual([["a", "b"], ["huge"]]);
  });

  it("fills the room a document that did not fit left behind", () => {
    const documents = [
      { id: "a", tokens: 60 },
      { id: "b", tokens: 60 },
      { id: "c", tokens: 40 },
      { id: "d", tokens: 40 },
    ];
    // Closing each batch at the first document that does not fit would make three: [a] [b c] [d].
    expect(packBatches({ documents, budgetTokens: 100, maxDocuments: 10 })).toEqual([
      ["a", "c"],
      ["b", "d"],
    ]);
  });

  it("returns no batches for no documents", () => {
    expect(packBatches({ documents: [], budgetTokens: 100, maxDocuments: 10 })).toEqual([]);
  });
});
