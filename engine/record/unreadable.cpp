// SPDX-License-Identifier: Apache-2.0
#include "engine/record/unreadable.hpp"

#include <fmt/format.h>

namespace cadre::record {

DiagCode unreadable_code(Unreadable why) {
  switch (why) {
    case Unreadable::BadDate: return DiagCode::E0304;
    case Unreadable::BadDuration: return DiagCode::E0309;
    case Unreadable::BadEnum: return DiagCode::E0310;
    case Unreadable::DuplicateKey: return DiagCode::E0305;
    case Unreadable::Absurd: return DiagCode::E0317;
    case Unreadable::Inexact: return DiagCode::E0319;
    case Unreadable::Tagged: return DiagCode::E0301;
    default: return DiagCode::E0303;
  }
}

namespace {

struct Words {
  const char* en;
  const char* fr;
};

/// What the schema expected, for E0303.
Words expected(Unreadable why) {
  switch (why) {
    case Unreadable::NotBoolean: return {"true or false", "true ou false"};
    case Unreadable::NotInteger: return {"a whole number", "un nombre entier"};
    case Unreadable::NotNumber: return {"a number", "un nombre"};
    case Unreadable::NotText: return {"a text", "un texte"};
    case Unreadable::NotDate: return {"a date", "une date"};
    case Unreadable::NotDuration: return {"a duration", "une durée"};
    case Unreadable::NotEnum: return {"one of the allowed values", "une des valeurs admises"};
    case Unreadable::NotList: return {"a list", "une liste"};
    case Unreadable::NotMapping: return {"a mapping of fields", "un ensemble de champs"};
    default: return {"readable", "lisible"};
  }
}

}  // namespace

std::string unreadable_reason(const Value& v, const std::string& lang) {
  bool fr = lang == "fr";
  // The value as written: a scalar's text, else what it is.
  std::string what;
  if (v.kind == Value::Kind::List) what = fr ? "une liste" : "a list";
  else if (v.kind == Value::Kind::Map) what = fr ? "un ensemble de champs" : "a mapping";
  else what = fmt::format("`{}`", v.text);
  std::string reason;
  switch (v.unreadable) {
    case Unreadable::BadDate:
      reason = fr ? fmt::format("{} n'est pas une date valide", what) : fmt::format("{} is not a valid date", what);
      break;
    case Unreadable::BadDuration:
      reason = fr ? fmt::format("{} n'est pas une durée ISO 8601", what)
                  : fmt::format("{} is not an ISO 8601 duration", what);
      break;
    case Unreadable::BadEnum:
      reason = fr ? fmt::format("{} n'est pas une des valeurs admises", what)
                  : fmt::format("{} is not one of the allowed values", what);
      break;
    case Unreadable::DuplicateKey:
      reason = fr ? "la clé est écrite deux fois" : "the key is written twice";
      break;
    case Unreadable::Tagged:
      reason = fr ? "la valeur porte une étiquette YAML que cadre ne lit pas"
                  : "the value carries a YAML tag cadre does not read";
      break;
    case Unreadable::Absurd:
      reason = fr ? fmt::format("{} dépasse tout chiffre qu'un enregistrement puisse vouloir dire", what)
                  : fmt::format("{} is beyond any figure a record can mean", what);
      break;
    case Unreadable::Inexact:
      reason = fr ? fmt::format("{} a plus de chiffres significatifs que cadre n'en garde : il serait lu comme une autre valeur", what)
                  : fmt::format("{} has more significant digits than cadre holds: it would be read as another value", what);
      break;
    default: {
      Words w = expected(v.unreadable);
      reason = fr ? fmt::format("{} n'est pas {}", what, w.fr) : fmt::format("{} is not {}", what, w.en);
    }
  }
  return fmt::format("{} ({})", reason, diag_info(unreadable_code(v.unreadable)).code);
}

std::string duplicate_key_message(const std::string& key) {
  return fmt::format("key `{}` appears twice in this mapping", key);
}

}  // namespace cadre::record
