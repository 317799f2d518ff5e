// SPDX-License-Identifier: Apache-2.0
#include "engine/check/builtins.hpp"

namespace cadre::check {

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> kBuiltins = {
      {"present", "present(value) -> boolean",
       "the value exists, is not null, and is not an empty string or list", false, 1, 1},
      {"len", "len(string | list) -> integer", "characters of a string, items of a list", false, 1, 1},
      {"all", "all(x in list, condition) -> boolean", "every item satisfies the condition (true on an empty list)", true, 2, 2},
      {"some", "some(x in list, condition) -> boolean", "at least one item satisfies the condition", true, 2, 2},
      {"none", "none(x in list, condition) -> boolean", "no item satisfies the condition", true, 2, 2},
      {"count", "count(list) | count(x in list, condition) -> integer", "items of a list, or items that satisfy the condition", true, 1, 2},
      {"sum", "sum(list) | sum(x in list, number) -> number", "sum of numbers, or of a number computed per item", true, 1, 2},
      {"max", "max(x in list, number) -> number", "the largest number computed per item (undecided on an empty list)", true, 2, 2},
      {"min", "min(x in list, number) -> number", "the smallest number computed per item (undecided on an empty list)", true, 2, 2},
      {"unique", "unique(list) | unique(x in list, key) -> boolean", "no two items (or keys) are equal", true, 1, 2},
      {"days_between", "days_between(date, date) -> integer", "days from the first date to the second (negative if earlier)", false, 2, 2},
      {"hours", "hours(duration) -> number", "a duration in hours", false, 1, 1},
      {"lower", "lower(string) -> string", "the string in lower case (ASCII letters)", false, 1, 1},
      {"same_name", "same_name(string, string) -> boolean",
       "the two names are equal once normalised: Unicode NFC, accents and case folded, apostrophes, dashes and spaces folded",
       false, 2, 2},
      {"same_row", "same_row(table, string, string) -> boolean",
       "the two strings are the same name, or both name the same row of `table` (a list of lists of strings): "
       "`same_name(a, b) or (present(row_key(table, a)) and row_key(table, a) == row_key(table, b))`",
       false, 3, 3},
      {"row_key", "row_key(table, string [, string]) -> string",
       "the key (first item) of the row of `table` (a list of lists of strings) one of whose items is the same name as "
       "the first present string; \"\" when no row has it",
       false, 2, 3},
      {"mentioned_row", "mentioned_row(table, string) -> string",
       "the key of the row of `table` whose longest item the string contains as whole words, once normalised "
       "(a header such as \"Université de Tours — Direction de la formation continue\"); \"\" when none",
       false, 2, 2},
      {"nearest_row", "nearest_row(table, string) -> string",
       "the name (second item, else the key) of the row of `table` with the item nearest the string: a \"did you mean\"",
       false, 2, 2},
      {"tree", "tree(record, \"field\") -> list",
       "the record and every record below it through `field` (a list of records of its own type), in pre-order",
       false, 2, 2},
      {"today", "today() -> date", "the date records are judged at (--as-of, default today in Paris)", false, 0, 0},
  };
  return kBuiltins;
}

const Builtin* find_builtin(const std::string& name) {
  for (const auto& b : builtins())
    if (name == b.name) return &b;
  return nullptr;
}

}  // namespace cadre::check
