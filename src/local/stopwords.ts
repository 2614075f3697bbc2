/** English stopwords: words that carry no topic on their own, so they never start or end a key phrase. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a", "about", "above", "after", "again", "against", "all", "almost", "along", "already", "also", "although",
  "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "around", "as", "at",
  "be", "became", "because", "become", "been", "before", "being", "below", "between", "both", "but", "by",
  "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else",
  "enough", "etc", "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having",
  "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
  "is", "it", "its", "itself", "just", "least", "less", "let", "lets", "like", "may", "me", "might", "more",
  "most", "much", "must", "my", "myself", "neither", "never", "no", "nor", "not", "now", "of", "off", "often",
  "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out",
  "over", "own", "per", "perhaps", "please", "quite", "rather", "really", "same", "several", "shall", "she",
  "should", "since", "so", "some", "something", "still", "such", "than", "that", "the", "their", "theirs",
  "them", "themselves", "then", "there", "therefore", "these", "they", "this", "those", "though", "through",
  "thus", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very", "via", "was", "we",
  "well", "were", "what", "whatever", "when", "whenever", "where", "whereas", "whether", "which", "while",
  "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
  "yourself", "yourselves", "e.g", "i.e", "vs", "s", "t", "don't", "doesn't", "isn't", "aren't", "can't",
  "won't", "it's", "you're", "we're", "they're", "that's", "there's", "let's", "instead", "usually",
  "first", "second", "last", "next", "new", "many", "two", "three", "four", "five", "following",
  "able", "way", "ways", "thing", "things", "lot", "sure", "want", "wants", "need", "needs",
  // Common verbs: they link terms, they are not terms.
  "came", "come", "comes", "gave", "get", "gets", "give", "gives", "given", "go", "goes", "going", "gone", "got",
  "know", "knows", "known", "made", "make", "makes", "said", "say", "says", "see", "seen", "sees", "show",
  "shows", "shown", "take", "takes", "taken", "tell", "tells", "took", "went", "happen", "happens", "work",
  "works", "becomes", "seem", "seems", "mean", "means", "put", "puts",
]);

/** True when the lowercase word is a stopword. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
