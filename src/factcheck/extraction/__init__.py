"""Claims from parsed documents: pattern rules from data, and the general extractors in code.

Two kinds of rules find claims. Token patterns and regexes from the ruleset (data files, read
by `rules`) state exactly what they match. The general extractors read the parse, one module a
family of claims: a number, date or duration that the NER or the tokenizer found is a claim when
the words that govern it (found in the vocabulary files) say what it is about (`counts`,
`measures`, `percentages`, `money`, `ordinals`, `dates`, `durations`); roles come from titles in
front of or in apposition to a name (`roles`); stances from a verb and its object (`stances`).
A subject is resolved through the article (`subjects`, `context`): an entity's longest form, a
pronoun's nearest antecedent, a description such as "the alliance" to the organisation the
article is about. `candidates` chooses among overlapping finds, and `finalize` makes claims.
"""

from .extractor import Extractor

__all__ = ["Extractor"]
