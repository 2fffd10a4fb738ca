"""Text below the term base: tokens, scripts, escapes, elision, inflection per language, word lists and
language identification."""
